"""The team circle's pure rules: a valid note, steps as a goal's steps, taking a note, moving
it, and how the stored steps text keeps takers and moves."""
import json
from datetime import datetime

from journal.teams import circle_rules as rules

NOW = datetime(2026, 12, 3, 9, 30)


def test_a_note_needs_text_of_at_most_300_characters():
    assert rules.clean_note({"text": "  Buddy for new colleagues "})[0] == {
        "text": "Buddy for new colleagues", "theme": "", "ring": "outer"}
    assert "text" in rules.clean_note({})[1]
    assert "text" in rules.clean_note({"text": "   "})[1]
    assert "text" in rules.clean_note({"text": 7})[1]
    assert rules.clean_note({"text": "x" * 300})[1] == {}
    assert "300" in str(rules.clean_note({"text": "x" * 301})[1]["text"])


def test_a_theme_is_short_free_text_with_its_spaces_tidied():
    assert rules.clean_note({"text": "a", "theme": "  Onboarding   new  people "})[0]["theme"] \
        == "Onboarding new people"
    assert rules.clean_note({"text": "a", "theme": None})[0]["theme"] == ""
    assert rules.clean_note({"text": "a", "theme": "t" * 80})[1] == {}
    assert "theme" in rules.clean_note({"text": "a", "theme": "t" * 81})[1]
    assert "theme" in rules.clean_note({"text": "a", "theme": ["Onboarding"]})[1]


def test_the_ring_is_inner_or_outer():
    assert rules.clean_note({"text": "a", "ring": "inner"})[0]["ring"] == "inner"
    assert "ring" in rules.clean_note({"text": "a", "ring": "middle"})[1]


def test_steps_are_checked_as_a_goals_steps():
    clean, errors = rules.clean_note({"steps": [{"text": " Ask Sam ", "done": True}]},
                                     partial=True)
    assert errors == {} and clean == {"steps": [{"text": "Ask Sam", "done": True}]}
    for bad in ([{"text": ""}], [{"text": "a", "done": "yes"}], "Ask Sam",
                [{"text": "a"}] * 31, [{"text": "x" * 301}]):
        assert "steps" in rules.clean_note({"steps": bad}, partial=True)[1], bad


def test_a_partial_change_asks_nothing_it_was_not_given():
    assert rules.clean_note({}, partial=True) == ({}, {})
    assert rules.clean_note({"taken": True}, partial=True) == ({"taken": True}, {})
    assert "taken" in rules.clean_note({"taken": "yes"}, partial=True)[1]
    assert "taken" not in rules.clean_note({"text": "a", "taken": True})[0]


def test_words_are_the_text_and_the_theme():
    assert rules.word_change({"text": "a"}) and rules.word_change({"theme": ""})
    assert not rules.word_change({"ring": "inner", "steps": [], "taken": True})


def test_a_pair_or_a_trio_takes_a_note():
    state = rules.read_stored(Stored())
    for person in ("ana", "bo", "cy"):
        state, message = rules.take(state, person, True)
        assert message is None
    assert state["taken_by"] == ["ana", "bo", "cy"]
    full, message = rules.take(state, "dee", True)
    assert message and full["taken_by"] == ["ana", "bo", "cy"]
    again, _ = rules.take(state, "bo", True)
    assert again["taken_by"] == ["ana", "cy", "bo"], "taking twice keeps one place"
    let_go, message = rules.take(state, "bo", False)
    assert message is None and let_go["taken_by"] == ["ana", "cy"]


def test_moves_are_remembered_only_when_the_ring_changes():
    state = rules.read_stored(Stored())
    assert rules.moved(state, "outer", "outer", by="ana", now=NOW) == state
    state = rules.moved(state, "inner", "outer", by="ana", now=NOW)
    state = rules.moved(state, "outer", "inner", by="bo", now=NOW)
    assert state["moves"] == [{"ring": "inner", "at": "2026-12-03T09:30:00+00:00", "by": "ana"},
                              {"ring": "outer", "at": "2026-12-03T09:30:00+00:00", "by": "bo"}]
    for _ in range(30):
        state = rules.moved(state, "inner" if state["moves"][-1]["ring"] == "outer" else "outer",
                            state["moves"][-1]["ring"], by="ana", now=NOW)
    assert len(state["moves"]) == rules.MAX_MOVES


class Stored:
    """A note's three JSON columns, as the table holds them."""

    def __init__(self, steps="[]", taken_by="[]", moves="[]"):
        self.steps, self.taken_by, self.moves = steps, taken_by, moves


def test_steps_takers_and_moves_are_kept_in_their_own_columns():
    steps = [{"text": "Ask Sam", "done": False}]
    note = Stored()
    rules.write_stored(note, {"steps": steps, "taken_by": ["ana"], "moves": []})
    assert json.loads(note.steps) == steps, "shaped as a goal's steps"
    assert json.loads(note.taken_by) == ["ana"]
    assert rules.read_stored(note) == {"steps": steps, "taken_by": ["ana"], "moves": []}
    assert rules.read_stored(Stored("not json", "", '{"a": 1}')) == {
        "steps": [], "taken_by": [], "moves": []}


def test_steps_are_added_ticked_and_removed_only_when_they_are_as_seen():
    steps, error = rules.add_step([], "  Ask Sam ")
    assert error is None and steps == [{"text": "Ask Sam", "done": False}]
    assert rules.add_step(steps, " ")[1]
    assert rules.add_step([{"text": "a", "done": False}] * 30, "one more")[1]
    ticked, error = rules.tick_step(steps, 0, "Ask Sam")
    assert error is None and ticked[0]["done"] is True
    assert rules.tick_step(ticked, 0, "Ask Sam")[0][0]["done"] is False
    assert rules.tick_step(steps, 0, "Something else")[1] == rules.STEPS_CHANGED
    assert rules.tick_step(steps, 3, "Ask Sam")[1] == rules.STEPS_CHANGED
    assert rules.remove_step(steps, 0, "Ask Sam") == ([], None)
    assert rules.remove_step(steps, -1, "Ask Sam")[1] == rules.STEPS_CHANGED


def test_the_summary_counts_each_rings_notes_per_theme_and_ends_with_no_theme():
    rows = rules.summary([("", "outer"), ("Onboarding", "inner"), ("handover", "outer"),
                          ("Onboarding", "outer")])
    assert rows == [{"theme": "handover", "inner": 0, "outer": 1},
                    {"theme": "Onboarding", "inner": 1, "outer": 1},
                    {"theme": "", "inner": 0, "outer": 1}]
