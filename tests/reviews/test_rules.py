"""Valid weekly reviews and when the home page invites one."""
from datetime import date, timedelta

import pytest

from journal.reviews.rules import (
    check_week,
    clean_review,
    needs_lower_lately,
    week_to_invite,
    weeks_to_offer,
)
from journal.weeks import parse_week, week_of

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


# -- the person's own weeks (issue 14, item 9) ------------------------------------------------

def test_last_week_is_not_invited_before_the_person_started():
    thursday = date(2026, 11, 26)
    assert week_to_invite(thursday, 5, set(), start=date(2026, 11, 24)) is None, "W48 is first"
    assert week_to_invite(thursday, 5, set(), start=date(2026, 11, 22)) == "2026-W47"
    assert week_to_invite(TODAY, 5, set(), start=TODAY) == "2026-W48", "their own first week"


def test_the_history_offers_weeks_from_the_first_week_on():
    assert weeks_to_offer(TODAY, TODAY, 12) == ["2026-W48"], "day one: only this week"
    assert weeks_to_offer(TODAY, date(2026, 11, 15), 12) == ["2026-W48", "2026-W47", "2026-W46"]
    assert len(weeks_to_offer(TODAY, date(2020, 1, 1), 12)) == 12
    assert weeks_to_offer(TODAY, TODAY + timedelta(days=3), 12) == ["2026-W48"]


# -- needs lower lately (issue 14, item 4) ----------------------------------------------------

def rated(ratings, need="competence", last="2026-W47"):
    """[(week, needs)] with `ratings` of one need, oldest first, in weeks ending at `last`."""
    end = parse_week(last)
    weeks = [week_of(end - timedelta(weeks=n)) for n in range(len(ratings) - 1, -1, -1)]
    return [(week, {"autonomy": 4, "competence": None, "relatedness": 4, need: value})
            for week, value in zip(weeks, ratings)]


def test_a_need_three_weeks_lower_than_before_is_asked_about():
    assert needs_lower_lately(rated([4, 5, 4, 3, 3, 2]), "2026-W48") == ["competence"]
    assert needs_lower_lately(rated([4, 4, 4, 3, 3, 3], "relatedness"), "2026-W48") == [
        "relatedness"]


def test_a_need_is_not_asked_about_without_a_clear_drop():
    assert needs_lower_lately(rated([4, 4, 4, 3, 4, 3]), "2026-W48") == [], "one week back up"
    assert needs_lower_lately(rated([4, 4, 3, 3, 3, 3]), "2026-W48") == [], "under a point"
    assert needs_lower_lately(rated([4, 4, 3, 3, 3]), "2026-W48") == [], "too little before"
    assert needs_lower_lately(rated([2, 2, 2, 2, 2, 2]), "2026-W48") == [], "low, not lower"
    assert needs_lower_lately([], "2026-W48") == []


def test_only_weeks_before_the_reviewed_one_count_and_an_old_dip_is_not_lately():
    history = rated([4, 4, 4, 2, 2, 2], last="2026-W48")
    assert needs_lower_lately(history, "2026-W48") == [], "this week's own rating waits"
    assert needs_lower_lately(history, "2026-W49") == ["competence"]
    assert needs_lower_lately(rated([4, 4, 4, 2, 2, 2], last="2026-W40"), "2026-W48") == []


def test_weeks_without_a_rating_are_skipped_not_low():
    history = rated([4, 4, 4, None, 3, None, 3, 3])
    assert needs_lower_lately(history, "2026-W48") == ["competence"]
