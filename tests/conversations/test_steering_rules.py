"""The steering conversation's rules: its fields, and the gentle check of an expectation's wording
in English and Dutch (hints only; nothing is refused on them)."""
from datetime import date

import pytest

from journal.conversations.steering_rules import (
    ANSWER_LIMIT,
    LIMIT,
    about_the_person,
    clean_answer,
    clean_expectation,
    vague_words,
    what_not_to_do,
    wording_hints,
)

TODAY = date(2026, 11, 27)
EXAMPLE = ("From March, I need every intake logged in the new registration system, so the whole "
           "team can see who is waiting for a call back")
EXAMPLE_ROOM = "How you fit it into your day is up to you"


@pytest.mark.parametrize("text, phrase", [
    ("You are careless with the intakes.", "You are careless"),
    ("you're so lazy lately", "you're so lazy"),
    ("Honestly, you are a bit slow.", "you are a bit slow"),
    ("You have been really unreliable", "You have been really unreliable"),
    ("Don't be so negative about it", "Don't be so negative"),
    ("Stop being difficult", "Stop being difficult"),
    ("That was lazy work", "lazy"),
    ("Careless mistakes keep coming back", "Careless"),
    ("You are not a team player", "You are not a team player"),
    ("You're just not motivated", "You're just not motivated"),
    ("You lack discipline", "You lack discipline"),
    ("Your attitude needs to change", "Your attitude"),
    ("You always forget the intake form", "You always forget"),
    ("you keep forgetting to log", "you keep forgetting"),
    ("You never listen in meetings", "You never listen"),
    ("You're always complaining", "You're always complaining"),
    ("Je bent slordig met de intakes.", "Je bent slordig"),
    ("jij bent echt lui", "jij bent echt lui"),
    ("Je bent veel te traag", "Je bent veel te traag"),
    ("Wat ben je toch koppig", "ben je toch koppig"),
    ("Wees niet zo negatief", "Wees niet zo negatief"),
    ("Dat is lui", "lui"),
    ("Je bent niet erg betrokken", "Je bent niet erg betrokken"),
    ("Je bent geen teamspeler", "geen teamspeler"),
    ("Het ontbreekt je aan motivatie", "Het ontbreekt je aan motivatie"),
    ("Je houding moet anders", "Je houding"),
    ("Je vergeet steeds de intake", "Je vergeet steeds"),
    ("Je komt altijd te laat", "Je komt altijd te laat"),
    ("Jij luistert nooit", "Jij luistert nooit"),
    ("Je blijft maar klagen", "Je blijft maar klagen"),
])
def test_criticism_of_the_person_is_noticed(text, phrase):
    assert phrase in about_the_person(text)


@pytest.mark.parametrize("text, phrase", [
    ("Don't forget to log your intakes.", "Don't forget"),
    ("Please don’t skip the log", "Please don’t skip"),
    ("Do not leave the forms on the desk", "Do not leave"),
    ("Never skip the intake form.", "Never skip"),
    ("Stop leaving intakes unlogged", "Stop leaving"),
    ("I need you to stop sending it by mail", "stop sending"),
    ("You should not use the old list", "You should not use"),
    ("You mustn't use the old list", "You mustn't use"),
    ("I don't want to see paper forms", "I don't want to see"),
    ("No more paper forms.", "No more"),
    ("Intakes, no longer on paper", "no longer"),
    ("Vergeet niet de intakes te loggen", "Vergeet niet"),
    ("Doe dat niet meer", "Doe dat niet meer"),
    ("Niet meer op papier, graag", "Niet meer"),
    ("Nooit een intake overslaan", "Nooit"),
    ("Laat nooit een intake liggen", "Laat nooit"),
    ("Ik wil geen papieren formulieren meer zien", "geen papieren formulieren meer"),
    ("Je mag niet meer de oude lijst gebruiken", "mag niet meer"),
    ("Ik wil niet dat je de oude lijst gebruikt", "Ik wil niet dat"),
    ("Stop met die oude lijst", "Stop met"),
    ("Je moet niet langer de oude lijst gebruiken", "moet niet langer"),
])
def test_what_not_to_do_is_noticed(text, phrase):
    assert phrase in what_not_to_do(text), what_not_to_do(text)


@pytest.mark.parametrize("text, phrase", [
    ("Do better with the intakes", "Do better"),
    ("I expect more effort", "more effort"),
    ("I expect a professional attitude", "a professional attitude"),
    ("Be more proactive", "more proactive"),
    ("Step up and improve", "Step up"),
    ("Je moet beter je best doen", "beter je best doen"),
    ("Ik verwacht wat meer inzet", "wat meer inzet"),
    ("Een professionele houding graag", "Een professionele houding"),
    ("Wat professioneler, graag", "professioneler"),
    ("Een tandje bijzetten", "Een tandje bijzetten"),
])
def test_vagueness_without_anything_concrete_is_noticed(text, phrase):
    assert phrase in vague_words(text), vague_words(text)


@pytest.mark.parametrize("text", [
    "Log intakes better: every intake on the day itself",
    "Beter loggen: elke intake op dezelfde dag",
    "More effort on the call-backs: within 24 hours",
    "Vanaf maart wat meer inzet op de terugbelverzoeken",
    "Better notes by Friday",
])
def test_a_concrete_expectation_may_use_a_comparative(text):
    assert vague_words(text) == []


GOOD = [
    (EXAMPLE, "", EXAMPLE_ROOM),
    ("From March, I need every intake logged in the new registration system.",
     "So the whole team can see who is waiting for a call back, and nobody is called twice.",
     ("How you fit it into your day is up to you. I don't mind whether you log during or "
     "right after the call.")),
    ("Vanaf maart wil ik dat je elke intake in het nieuwe registratiesysteem zet.",
     "Zo ziet het hele team wie er nog op een terugbelverzoek wacht, en wordt niemand vergeten.",
     "Hoe je dat in je dag inpast, bepaal je zelf. Je kunt altijd bij me terecht."),
    ("Please send the weekly report to the team on Friday afternoon.",
     "It helps us plan Monday, so we never start the week guessing.",
     "You choose the format; ask me if you would like an example."),
    ("Ik wil dat de rapportage elke vrijdag voor 16.00 uur bij het team ligt.",
     "Dan kunnen we maandag goed plannen en hoeven cliënten niet lang te wachten.",
     "Het formaat kies je zelf. Je hoeft het niet alleen te doen: vraag Sam gerust."),
    ("Answer a client's mail within one working day, not only the urgent ones.",
     "Clients told us waiting is what bothers them most.",
     "You always have my support in finding a rhythm that works for you."),
    ("Beantwoord een mail van een cliënt binnen één werkdag, niet alleen de dringende.",
     "Cliënten zeggen dat wachten ze het meest dwarszit.",
     "Je doet het op je eigen manier; je blijft zelf kiezen hoe."),
    ("Ik heb de dossiers op orde nodig voor de audit in mei.",
     "De auditor kijkt naar elk dossier.",
     "Hoe je het verdeelt, maak je zelf uit. Als het niet lukt, hoor ik het graag."),
    ("Please improve the intake flow by adding the new form.", "", "Dat is niet erg."),
]


@pytest.mark.parametrize("expectation, reason, room", GOOD)
def test_a_good_expectation_gets_no_hint(expectation, reason, room):
    assert wording_hints(expectation, reason, room) == []


def test_hints_name_the_words_the_field_and_a_better_way(app):
    with app.test_request_context():
        hints = wording_hints("Don't forget to log. You are careless and should do better.",
                              "Because you are lazy", "")
    assert [(hint["code"], hint["field"]) for hint in hints] == [
        ("person", "expectation"), ("person", "reason"), ("not_to_do", "expectation"),
        ("vague", "expectation")]
    assert hints[0]["phrases"] == ["You are careless"]
    assert "“You are careless”" in hints[0]["message"] and "the work" in hints[0]["message"]
    assert "Say what you do want, and why" in hints[2]["message"]
    assert "“do better”" in hints[3]["message"] and "theirs to choose" in hints[3]["message"]


def test_hints_in_dutch(app):
    with app.test_request_context(headers={"Accept-Language": "nl"}):
        from flask_babel import force_locale
        with force_locale("nl"):
            hints = wording_hints("Vergeet niet te loggen, je bent slordig")
    assert [hint["code"] for hint in hints] == ["person", "not_to_do"]
    assert hints[0]["phrases"] == ["je bent slordig"] and hints[1]["phrases"] == ["Vergeet niet"]


def test_a_reason_may_name_what_to_prevent_and_the_room_what_is_not_needed():
    hints = wording_hints("Log every intake in the new system.",
                          "So that no call back is missed any more, and nobody waits.",
                          "Don't worry about the format.")
    assert hints == []


def test_a_new_expectation_is_checked_field_by_field():
    values, errors = clean_expectation({"expectation": "  Log every intake.  ", "reason": None,
                                        "room": "Up to you", "held_on": "2026-12-03"},
                                       today=TODAY)
    assert errors == {}
    assert values == {"expectation": "Log every intake.", "reason": "", "room": "Up to you",
                      "held_on": date(2026, 12, 3)}
    values, errors = clean_expectation({}, today=TODAY)
    assert set(errors) == {"expectation"} and values["held_on"] is None
    _values, errors = clean_expectation({"expectation": " ", "reason": 5,
                                         "room": "x" * (LIMIT + 1), "held_on": "3 Dec"},
                                        today=TODAY)
    assert set(errors) == {"expectation", "reason", "room", "held_on"}
    assert "1000" in str(errors["room"])


def test_the_day_may_be_before_or_after_today_within_a_year():
    for day in ("2026-11-01", "2027-06-30", "2026-02-01"):
        assert clean_expectation({"expectation": "x", "held_on": day}, today=TODAY)[1] == {}
    for day in ("2028-01-05", "2025-01-01", "2026-02-30"):
        assert "held_on" in clean_expectation({"expectation": "x", "held_on": day},
                                              today=TODAY)[1]


def test_a_partial_change_checks_only_what_was_sent():
    assert clean_expectation({"room": "Yours to choose"}, today=TODAY, partial=True) == (
        {"room": "Yours to choose"}, {})
    assert "expectation" in clean_expectation({"expectation": ""}, today=TODAY,
                                              partial=True)[1]
    assert clean_expectation({"held_on": None}, today=TODAY, partial=True) == (
        {"held_on": None}, {})


def test_an_answer_needs_a_plan_and_may_have_a_view():
    assert clean_answer({"plan": " I log right after each call ", "view": None}) == (
        {"plan": "I log right after each call", "view": ""}, {})
    assert set(clean_answer({"view": "I doubt it"})[1]) == {"plan"}
    errors = clean_answer({"plan": "x" * (ANSWER_LIMIT + 1), "view": ["no"]})[1]
    assert set(errors) == {"plan", "view"}


@pytest.mark.parametrize("text", [
    "Als het niet lukt, hoor ik het graag.",
    "Log elke intake, niet alleen de nieuwe.",
    "Zorg dat de intake niet blijft liggen.",
    "Het hoeft niet perfect, als het maar elke dag gebeurt.",
    "Call back within no more than one day.",
    "I know you are busy, so take the time you need.",
    "If it does not work, tell me.",
    "You are great at this, so I would like you to train Sam.",
    "You always have my support.",
    "Je kunt altijd bij me terecht.",
    "Je doet het altijd zorgvuldig, daarom vraag ik het jou.",
    "Keep going the way you started, and add the call-backs.",
    "The new system may be slow at first, so plan a little extra time.",
    "Stop by my desk on Monday if you would like a walk-through.",
])
def test_everyday_sentences_raise_no_alarm(text):
    assert about_the_person(text) == [] and what_not_to_do(text) == []
