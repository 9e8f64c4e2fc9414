"""When reminders fire: wall-clock times in the user's zone, across daylight-saving changes."""
from datetime import datetime, time, timezone

import pytest

from journal.notifications.schedule import next_fire, parse_time

WEEKDAYS = [1, 2, 3, 4, 5]


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, expected", [
    ("18:30", time(18, 30)), ("00:00", time(0, 0)), ("23:59", time(23, 59)),
    ("25:00", None), ("12:60", None), ("7:30", None), ("ab:cd", None), (None, None), (1830, None),
])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("after, zone, expected", [
    # Friday 27 Nov 2026, 12:00 UTC. Amsterdam (UTC+1): 18:30 local is 17:30 UTC, today.
    (utc(2026, 11, 27, 12), "Europe/Amsterdam", utc(2026, 11, 27, 17, 30)),
    # New York (UTC-5): 18:30 local is 23:30 UTC, still today.
    (utc(2026, 11, 27, 12), "America/New_York", utc(2026, 11, 27, 23, 30)),
    # Tokyo (UTC+9) is past 18:30 already (21:00): the next weekday is Monday 30 Nov.
    (utc(2026, 11, 27, 12), "Asia/Tokyo", utc(2026, 11, 30, 9, 30)),
    # Just after the moment: the next one, skipping the weekend.
    (utc(2026, 11, 27, 17, 30), "Europe/Amsterdam", utc(2026, 11, 30, 17, 30)),
])
def test_next_fire_on_both_sides_of_utc(after, zone, expected):
    assert next_fire(after, zone, time(18, 30), WEEKDAYS) == expected


def test_spring_forward_gap_fires_an_hour_later_on_the_wall_clock():
    # 29 March 2026, Amsterdam: 02:00 jumps to 03:00. 02:30 does not exist: it fires at 03:30
    # local, which is 01:30 UTC (the same instant as 02:30 in the old offset).
    moment = next_fire(utc(2026, 3, 28, 12), "Europe/Amsterdam", time(2, 30), [7])
    assert moment == utc(2026, 3, 29, 1, 30)
    assert moment.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Amsterdam")).hour == 3


def test_fall_back_fold_fires_once_at_the_first_occurrence():
    # 25 October 2026, Amsterdam: 03:00 goes back to 02:00, so 02:30 happens twice.
    first = next_fire(utc(2026, 10, 24, 12), "Europe/Amsterdam", time(2, 30), [7])
    assert first == utc(2026, 10, 25, 0, 30)  # 02:30 CEST
    after_first = next_fire(first, "Europe/Amsterdam", time(2, 30), [7])
    assert after_first == utc(2026, 11, 1, 1, 30), "the second 02:30 does not fire again"


def test_daily_times_keep_their_wall_clock_across_the_change():
    before = next_fire(utc(2026, 10, 23, 12), "Europe/Amsterdam", time(18, 30), [5])
    after = next_fire(utc(2026, 10, 26, 12), "Europe/Amsterdam", time(18, 30), [5])
    assert (before.hour, after.hour) == (16, 17)  # 18:30 CEST, then 18:30 CET


def test_no_weekdays_means_never():
    assert next_fire(utc(2026, 11, 27), "UTC", time(9), []) is None
