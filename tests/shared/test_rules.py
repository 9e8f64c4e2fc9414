"""The manager's response rules: hints once a reply is sent, and the coaching while it is typed."""
from types import SimpleNamespace

from journal.shared.praise import CONSOLING, PATTERNS
from journal.shared.rules import praise_highlight, praise_hints, reply_coach

MARKS = {"en": {"achieved": "Achieved: ", "still": "Still to achieve: ",
                "help": "Help I would like: ", "learned": "Not yet, and what I learned: "},
         "nl": {"achieved": "Bereikt: ", "still": "Nog te bereiken: ",
                "help": "Hulp die ik graag wil: ", "learned": "Nog niet, en wat ik leerde: "}}


def items(*texts):
    return [SimpleNamespace(text=text) for text in texts]


def test_a_consoling_remark_gets_its_own_hint(app):
    with app.test_request_context():
        [hint] = praise_hints("Geeft niks. Niet iedereen kan hier goed in zijn.")
        assert (hint["code"], hint["field"], hint["phrases"]) == (
            "consoling", "reply", ["Niet iedereen kan hier goed in zijn"])
        assert "“Niet iedereen kan hier goed in zijn”" in hint["message"]
        assert "Not yet" in hint["message"] and "saved as written" in hint["message"]
        both = praise_hints("You're so creative! Not everyone can be good at this.")
        assert [hint["code"] for hint in both] == ["trait_praise", "consoling"]
        assert praise_hints("I like how you planned the intakes.") == []


def test_the_suggestion_is_built_on_progress_achieved():
    assert praise_highlight(items("Still to achieve: Run it alone", "Hulp die ik graag wil: tijd",
                                  "Nog niet, en wat ik leerde: testen (demo)",
                                  "Achieved: Calm intakes", "Ran the intake"), MARKS) == (
        "Calm intakes")
    assert praise_highlight(items("nog te bereiken: x", "  Ran   the intake  "), MARKS) == (
        "Ran the intake")
    assert praise_highlight(items("Still to achieve: x"), MARKS) is None
    assert praise_highlight([], MARKS) is None
    long = praise_highlight(items("x" * 300), MARKS)
    assert len(long) == 80 and long.endswith("…")


def test_the_coach_carries_the_same_patterns_and_the_employees_own_words(app):
    with app.test_request_context():
        coach = reply_coach("Ran the intake with Sam")
        no_highlight = reply_coach(None)
    assert coach["patterns"] == {"trait_praise": [p.pattern for p in PATTERNS],
                                 "consoling": [p.pattern for p in CONSOLING]}
    assert "creatief" in " ".join(coach["patterns"]["trait_praise"])
    assert coach["suggestions"]["trait_praise"] == (
        "I like how you went about “Ran the intake with Sam”. How did you do it?")
    assert "“Ran the intake with Sam”" in coach["suggestions"]["consoling"]
    assert "{phrases}" in coach["tips"]["trait_praise"]
    assert "{phrases}" in coach["tips"]["consoling"]
    assert "before you send" in coach["tips"]["trait_praise"]
    assert "Sam" not in str(no_highlight["suggestions"])
    assert no_highlight["suggestions"]["consoling"].startswith("It does not work yet")
