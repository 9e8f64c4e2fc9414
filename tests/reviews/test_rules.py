"""Valid weekly reviews and when the home page invites one."""
from datetime import date

import pytest

from journal.reviews.rules import check_week, clean_review, week_to_invite

TODAY = date(2026, 11, 27)  # a Friday in 2026-W48


def test_a_full_review_is_cleaned():
    clean, errors = clean_review({"improved": [" Calmer mornings ", "", "Sam asked me"],
                                  "next_week": "Finish intake", "help_wanted": "Ask Jo",
                                  "scale": "7", "needs": {"autonomy": 4, "competence": 3,
                                                          "relatedness": 5}})
    assert errors == {}
    assert clean == {"improved": ["Calmer mornings", "Sam asked me"], "next_week": "Finish intake",
                     "help_wanted": "Ask Jo", "scale": 7, "autonomy": 4, "competence": 3,
                     "relatedness": 5}


def test_form_fields_for_the_needs_are_accepted():
    clean, errors = clean_review({"improved": ["x"], "autonomy": "2", "competence": "",
                                  "relatedness": "5"})
    assert errors == {} and (clean["autonomy"], clean["competence"]) == (2, None)


@pytest.mark.parametrize("data, field", [
    ({"scale": 11}, "scale"), ({"scale": -1}, "scale"), ({"scale": "ten"}, "scale"),
    ({"scale": True}, "scale"), ({"needs": {"autonomy": 6}}, "autonomy"),
    ({"needs": {"competence": 0}}, "competence"), ({"needs": [1, 2, 3]}, "needs"),
    ({"improved": [1]}, "improved"), ({"improved": ["x" * 501]}, "improved"),
    ({"improved": ["a"] * 11}, "improved"), ({"next_week": "x" * 2001}, "next_week"),
    ({"help_wanted": 5}, "help_wanted"),
])
def test_bad_values_are_named(data, field):
    _clean, errors = clean_review({"improved": ["something"], **data})
    assert field in errors and str(errors[field])


def test_an_empty_review_is_refused():
    _clean, errors = clean_review({"improved": ["", "  "], "next_week": " "})
    assert "improved" in errors


def test_a_review_with_only_a_score_is_fine():
    clean, errors = clean_review({"scale": 0})
    assert errors == {} and clean["scale"] == 0


@pytest.mark.parametrize("week, ok", [
    ("2026-W48", True), ("2026-W01", True), ("2026-W49", False), ("2026-W60", False),
    ("2025-W53", False), ("garbage", False),
])
def test_check_week(week, ok):
    monday, error = check_week(week, TODAY)
    assert (monday is not None) is ok and (error is None) is ok


@pytest.mark.parametrize("today, weekday, reviewed, expected", [
    (date(2026, 11, 26), 5, set(), "2026-W47"),       # Thursday: last week is still offered
    (date(2026, 11, 26), 5, {"2026-W47"}, None),      # ...unless it is done
    (date(2026, 11, 27), 5, set(), "2026-W48"),       # Friday, the review day
    (date(2026, 11, 29), 5, set(), "2026-W48"),       # Sunday: still this week
    (date(2026, 11, 28), 5, {"2026-W48"}, None),      # done: no invitation
    (date(2026, 11, 23), 1, set(), "2026-W48"),       # review day Monday
    (date(2026, 11, 30), 5, set(), "2026-W48"),       # next Monday: last week, once more
])
def test_week_to_invite(today, weekday, reviewed, expected):
    assert week_to_invite(today, weekday, reviewed) == expected
