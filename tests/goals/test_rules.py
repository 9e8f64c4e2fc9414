"""Valid goals and their place in the circle."""
import math

import pytest

from journal.goals.rules import circle_positions, clean_goal, clean_step, glimpse


def test_a_goal_is_cleaned():
    clean, errors = clean_goal({"title": " Run calm intakes ", "why": " Less stress ",
                                "ring": "outer", "steps": [{"text": " Ask Sam ", "done": True},
                                                           {"text": "Try a checklist"}]})
    assert errors == {}
    assert clean == {"title": "Run calm intakes", "why": "Less stress", "ring": "outer",
                     "steps": [{"text": "Ask Sam", "done": True},
                               {"text": "Try a checklist", "done": False}]}


@pytest.mark.parametrize("data, field", [
    ({}, "title"), ({"title": "  "}, "title"), ({"title": "x" * 201}, "title"),
    ({"title": "ok", "ring": "middle"}, "ring"), ({"title": "ok", "why": 3}, "why"),
    ({"title": "ok", "steps": "do it"}, "steps"), ({"title": "ok", "steps": [{"text": ""}]}, "steps"),
    ({"title": "ok", "steps": [{"text": "a", "done": "yes"}]}, "steps"),
    ({"title": "ok", "steps": [{"text": "a"}] * 31}, "steps"),
])
def test_bad_goals_are_named(data, field):
    _clean, errors = clean_goal(data)
    assert field in errors


def test_partial_goals_check_only_what_is_sent():
    assert clean_goal({"ring": "inner"}, partial=True) == ({"ring": "inner"}, {})


def test_clean_step():
    assert clean_step("  Call Jo ") == ("Call Jo", None)
    assert clean_step("")[1] and clean_step("x" * 301)[1] and clean_step(None)[1]


def test_circle_positions_spread_goals_on_their_ring():
    points = circle_positions(4, 100)
    assert points[0] == (160.0, 60.0)  # the first at the top
    for x, y in points:
        assert math.isclose(math.hypot(x - 160, y - 160), 100, abs_tol=0.2)
    assert circle_positions(1, 45) == [(160.0, 160.0)]
    assert circle_positions(0, 100) == []


def test_a_glimpse_of_the_circle_holds_a_few_of_each():
    goals = ([{"title": f"Want {n}", "ring": "outer"} for n in range(5)]
             + [{"title": "Done", "ring": "inner"}])
    assert glimpse(goals) == {"outer": ["Want 0", "Want 1", "Want 2"], "inner": ["Done"],
                              "more_outer": 2, "more_inner": 0}
    assert glimpse(goals[:1]) == {"outer": ["Want 0"], "inner": [], "more_outer": 0,
                                  "more_inner": 0}
    assert glimpse([]) is None, "nothing to show someone without goals"
