"""Local days in the user's own time zone."""
from datetime import date, datetime, timezone

import pytest

from journal.clock import is_timezone, iso_utc, local_today, parse_day, stored_utc


@pytest.mark.parametrize("now, zone, expected", [
    # 23:30 in Amsterdam (CET, UTC+1) is 22:30 UTC: still the 27th there.
    (datetime(2026, 11, 27, 22, 30, tzinfo=timezone.utc), "Europe/Amsterdam", date(2026, 11, 27)),
    # 00:30 in Amsterdam is 23:30 UTC the day before: already the 28th there.
    (datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc), "Europe/Amsterdam", date(2026, 11, 28)),
    # West of UTC: 02:00 UTC is still the evening before in New York.
    (datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc), "America/New_York", date(2026, 11, 27)),
    # Far east: Auckland is already on the next day.
    (datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc), "Pacific/Auckland", date(2026, 11, 28)),
    # Summer time in Amsterdam (UTC+2): 22:30 UTC is 00:30 the next day.
    (datetime(2026, 7, 1, 22, 30, tzinfo=timezone.utc), "Europe/Amsterdam", date(2026, 7, 2)),
])
def test_local_today_follows_the_users_time_zone(now, zone, expected):
    assert local_today(now, zone) == expected


@pytest.mark.parametrize("name, known", [
    ("Europe/Amsterdam", True), ("UTC", True), ("America/Argentina/Buenos_Aires", True),
    ("Mars/Olympus", False), ("", False), ("../etc/passwd", False), ("/etc/localtime", False),
])
def test_is_timezone(name, known):
    assert is_timezone(name) is known


@pytest.mark.parametrize("value, expected", [
    ("2026-11-27", date(2026, 11, 27)), ("2026-02-30", None), ("2026-13-01", None),
    ("27-11-2026", None), ("2026-11-27T10:00", None), (20261127, None), (None, None),
])
def test_parse_day_is_strict(value, expected):
    assert parse_day(value) == expected


def test_stored_moments_round_trip_as_utc_with_offset():
    moment = datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc)
    assert iso_utc(stored_utc(moment)) == "2026-11-27T23:30:00+00:00"
