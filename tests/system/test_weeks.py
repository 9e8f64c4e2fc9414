"""ISO weeks."""
from datetime import date

import pytest

from journal.weeks import parse_week, previous_week, recent_weeks, week_days, week_of


@pytest.mark.parametrize("day, week", [
    (date(2026, 11, 27), "2026-W48"), (date(2027, 1, 1), "2026-W53"),
    (date(2025, 12, 29), "2026-W01"), (date(2021, 1, 3), "2020-W53"),
])
def test_week_of(day, week):
    assert week_of(day) == week


@pytest.mark.parametrize("text, monday", [
    ("2026-W48", date(2026, 11, 23)), ("2026-W53", date(2026, 12, 28)),
    ("2025-W53", None), ("2026-W00", None), ("2026-W54", None), ("2026-48", None),
    ("2026-w48", None), ("", None), (None, None),
])
def test_parse_week_knows_which_weeks_exist(text, monday):
    assert parse_week(text) == monday


def test_week_days_and_neighbours():
    days = week_days(date(2026, 11, 23))
    assert days[0].isoweekday() == 1 and days[-1] == date(2026, 11, 29)
    assert previous_week("2026-W01") == "2025-W52"
    assert recent_weeks(date(2026, 11, 27), 3) == ["2026-W48", "2026-W47", "2026-W46"]
