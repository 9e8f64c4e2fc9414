"""The helping conversation's rules, pure: valid requests, notes and next steps, who may do what
when, and where moving on leads."""
import pytest

from journal.conversations.helping_rules import (
    HELPER_HINTS,
    NEXT_STEP_LIMIT,
    TOPIC_LIMIT,
    State,
    after_move,
    clean_answer,
    clean_direction,
    clean_next_step,
    clean_note,
    clean_request,
    notes_by_step,
    refusal,
    step_view,
)
from journal.conversations.steps import NEXT_STEP, SEVEN_STEPS, STEP_KEYS
from journal.refusal import Refusal


def state(role="helper", status="open", step=0, next_step="", accepted=False, connected=True):
    return State(role, status, step, next_step, accepted, connected)


def test_a_request_needs_a_person_and_a_topic_within_the_limit(app):
    with app.test_request_context():
        values, errors = clean_request({"helper_id": " abc ", "topic": "  Calmer intakes "})
        assert (values, errors) == ({"helper_id": "abc", "topic": "Calmer intakes"}, {})
        values, errors = clean_request({"topic": "   "})
        assert set(errors) == {"helper_id", "topic"} and values == {}
        assert "help with" in str(errors["topic"])
        _, errors = clean_request({"helper_id": "abc", "topic": "x" * (TOPIC_LIMIT + 1)})
        assert "1000" in str(errors["topic"])
        assert clean_request({"helper_id": "abc", "topic": "x" * TOPIC_LIMIT})[1] == {}
        _, errors = clean_request({"helper_id": 5, "topic": ["no"]})
        assert set(errors) == {"helper_id", "topic"}


def test_notes_next_steps_directions_and_answers_are_checked(app):
    with app.test_request_context():
        assert clean_note(" Said hello ") == ("Said hello", None)
        assert clean_note("")[0] is None and clean_note(None)[1]
        assert clean_next_step("x" * (NEXT_STEP_LIMIT + 1))[0] is None
        assert clean_next_step("Ask Sam to observe once") == ("Ask Sam to observe once", None)
        assert clean_direction(1) == (1, None) and clean_direction(-1) == (-1, None)
        for wrong in (0, 2, True, "1", None):
            assert clean_direction(wrong)[0] is None
        assert clean_answer(False) == (False, None)
        assert clean_answer("yes")[0] is None


@pytest.mark.parametrize("action,role", [("answer", "asker"), ("step", "asker"),
                                         ("accept", "helper"), ("delete", "helper")])
def test_each_action_belongs_to_one_role(app, action, role):
    with app.test_request_context():
        refused = refusal(action, state(role=role, status="asked" if action == "answer"
                                        else "open", step=NEXT_STEP, next_step="Try it"))
        assert isinstance(refused, Refusal) and refused.kind == "conflict"
        assert refused.code == "wrong_role"


def test_what_may_happen_depends_on_the_moment(app):
    with app.test_request_context():
        assert refusal("answer", state(status="asked")) is None
        assert "already been answered" in refusal("answer", state(status="open")).message
        for action in ("note", "step"):
            assert refusal(action, state()) is None
            for status in ("asked", "declined", "closed"):
                assert refusal(action, state(status=status)).kind == "conflict"
        assert "no longer connected" in str(refusal("note", state(connected=False)).message)
        assert refusal("note", state(role="asker")) is None
        assert refusal("delete", state(role="asker", status="asked", connected=False)) is None


def test_the_next_step_comes_at_its_own_step_and_is_taken_once(app):
    with app.test_request_context():
        early = refusal("next_step", state(step=NEXT_STEP - 1))
        assert "step 6" in str(early.message)
        assert refusal("next_step", state(step=NEXT_STEP)) is None
        assert refusal("next_step", state(role="asker", step=NEXT_STEP + 1)) is None
        assert refusal("next_step", state(step=NEXT_STEP, accepted=True)).kind == "conflict"
        asker = {"role": "asker", "step": NEXT_STEP, "next_step": "Try it"}
        assert refusal("accept", state(**asker)) is None
        assert refusal("accept", state(**asker, status="closed", connected=False)) is None
        assert refusal("accept", state(**asker, accepted=True)).kind == "conflict"
        assert refusal("accept", state(**{**asker, "step": 1, "next_step": ""})) is not None
        assert refusal("accept", state(**asker, status="asked")).kind == "conflict"


def test_moving_on_and_back_and_closing_after_the_last_step(app):
    with app.test_request_context():
        assert after_move(0, 1) == ("step", 1)
        assert after_move(3, -1) == ("step", 2)
        assert after_move(len(SEVEN_STEPS) - 1, 1) == ("close", len(SEVEN_STEPS) - 1)
        with pytest.raises(Refusal) as refused:
            after_move(0, -1)
        assert refused.value.kind == "conflict"


def test_the_step_view_guides_the_helper_only(app):
    with app.test_request_context():
        helper = step_view(0, "helper")
        assert (helper["number"], helper["total"], helper["key"]) == (1, 7, "usefulness")
        assert helper["hint"] == HELPER_HINTS["usefulness"]
        assert str(helper["next_title"]) == str(SEVEN_STEPS[1].title)
        assert step_view(0, "asker")["hint"] is None and helper["previous_title"] is None
        assert str(step_view(2, "asker")["previous_title"]) == str(SEVEN_STEPS[1].title)
        assert step_view(NEXT_STEP, "asker")["is_next_step"]
        last = step_view(6, "helper")
        assert last["is_last"] and last["next_title"] is None
        assert set(HELPER_HINTS) == set(STEP_KEYS)


def test_earlier_notes_are_grouped_by_step(app):
    class Note:
        def __init__(self, step, text):
            self.step, self.text = step, text
    notes = [Note(0, "a"), Note(2, "b"), Note(0, "c"), Note(3, "now")]
    grouped = notes_by_step(notes, 3)
    assert [step.key for step, _ in grouped] == list(STEP_KEYS[:3])
    assert [[note.text for note in said] for _, said in grouped] == [["a", "c"], [], ["b"]]
