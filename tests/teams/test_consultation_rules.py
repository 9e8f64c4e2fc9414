"""Peer consultation's pure rules: valid cases, contributions, next steps and "what went better
since?", who may do what when, moving through the six steps, and whose turn it is."""
from collections import namedtuple

import pytest

from journal.conversations.steps import CONSULTATION_STEPS
from journal.refusal import Refusal
from journal.teams.consultation_rules import (
    LAST,
    State,
    after_move,
    by_step,
    clean_better,
    clean_case,
    clean_contribution,
    clean_next_step,
    refusal,
    step_key,
    step_view,
    turn_order,
)

Said = namedtuple("Said", "step text")


def test_the_six_steps_are_the_first_six_of_the_seven():
    assert LAST == 5
    assert [step_key(i) for i in range(6)] == ["usefulness", "better", "desired", "platform",
                                                "successes", "next_step"]


@pytest.mark.parametrize("value, ok", [("  A case  ", "A case"), ("x" * 1000, "x" * 1000),
                                       ("", None), (None, None), ("x" * 1001, None),
                                       (3, None)])
def test_a_case_is_1_to_1000_characters_of_text(value, ok):
    text, error = clean_case(value)
    assert text == ok and (error is None) == (ok is not None)


def test_a_contribution_goes_to_the_current_or_an_earlier_step():
    assert clean_contribution({"step": "better", "text": " Q "}, 3) == (
        {"step": 1, "text": "Q"}, {})
    assert clean_contribution({"step": "platform", "text": "Q"}, 3)[0]["step"] == 3
    values, errors = clean_contribution({"step": "successes", "text": "Q"}, 3)
    assert set(errors) == {"step"}
    values, errors = clean_contribution({"step": "usefulness_again", "text": ""}, 5)
    assert set(errors) == {"step", "text"} and values == {}
    assert set(clean_contribution({"step": ["better"], "text": "x" * 1001}, 5)[1]) == {
        "step", "text"}


def test_an_empty_next_step_closes_without_a_goal():
    assert clean_next_step(None) == ("", None) and clean_next_step("  ") == ("", None)
    assert clean_next_step(" Start at 8:50 ") == ("Start at 8:50", None)
    assert clean_next_step("x" * 200)[0] == "x" * 200
    assert clean_next_step("x" * 201)[1] is not None and clean_next_step(5)[1] is not None


def test_what_went_better_needs_words():
    assert clean_better(" Shorter ") == ("Shorter", None)
    assert clean_better("")[1] is not None and clean_better("x" * 1001)[1] is not None


@pytest.mark.parametrize("action", ["step", "close", "better_since", "delete"])
def test_only_the_owner_does_the_owners_part(action):
    refused = refusal(action, State(is_owner=False, status="open", step=LAST))
    assert refused.kind == "conflict" and refused.code == "not_owner"


def test_what_each_moment_allows():
    open_first = State(is_owner=True, status="open", step=0)
    open_last = State(is_owner=True, status="open", step=LAST)
    closed = State(is_owner=True, status="closed", step=LAST)
    assert refusal("contribute", State(is_owner=False, status="open", step=0)) is None
    assert refusal("contribute", closed).kind == "conflict"
    assert refusal("close", open_first).kind == "conflict"
    assert refusal("close", open_last) is None and refusal("close", closed) is not None
    assert refusal("step", closed) is not None
    assert refusal("better_since", open_last) is not None
    assert refusal("better_since", closed) is None
    assert refusal("delete", closed) is None and refusal("delete", open_first) is None


def test_moving_stays_within_the_six_steps():
    assert after_move(0, 1) == 1 and after_move(LAST, -1) == LAST - 1
    with pytest.raises(Refusal):
        after_move(0, -1)
    with pytest.raises(Refusal):
        after_move(LAST, 1)


def test_the_step_shown():
    first, last = step_view(0), step_view(LAST)
    assert first["number"] == 1 and first["total"] == 6 and first["previous_title"] is None
    assert first["title"] == CONSULTATION_STEPS[0].title
    assert first["next_title"] == CONSULTATION_STEPS[1].title
    assert last["is_last"] and last["next_title"] is None and last["key"] == "next_step"


def test_earlier_steps_list_only_what_was_said_before():
    said = [Said(0, "a"), Said(2, "b"), Said(0, "c"), Said(3, "now")]
    grouped = by_step(said, 3)
    assert [(step.key, [s.text for s in items]) for step, items in grouped] == [
        ("usefulness", ["a", "c"]), ("desired", ["b"])]


def test_the_turn_moves_round_and_leaves_out_the_owner():
    members = ["ana", "bo", "cy", "dee"]
    assert turn_order(members, "ana", 0) == ["bo", "cy", "dee"]
    assert turn_order(members, "ana", 1) == ["cy", "dee", "bo"]
    assert turn_order(members, "ana", 3) == ["bo", "cy", "dee"]
    assert turn_order(["ana"], "ana", 2) == []
