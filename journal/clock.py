"""Time: UTC storage, local days in the user's own time zone."""
from datetime import date, datetime, timezone
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import current_app


def utcnow():
    """The current time in UTC, timezone-aware."""
    return datetime.now(timezone.utc)


def current_now():
    """The app's notion of now: `CLOCK` in the config lets tests pin it."""
    return current_app.config.get("CLOCK", utcnow)()


def stored_utc(moment):
    """A timezone-aware moment as the naive UTC value both databases store alike."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def iso_utc(stored):
    """A stored naive-UTC moment as ISO 8601 with its offset."""
    return stored.replace(tzinfo=timezone.utc).isoformat()


def is_timezone(name):
    """True for a known IANA time zone name such as Europe/Amsterdam."""
    if not isinstance(name, str) or not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
        return False
    return True


def local_today(now, tz_name):
    """The calendar day it is at `now` in the time zone `tz_name`."""
    return now.astimezone(ZoneInfo(tz_name)).date()


@cache
def timezone_names():
    """All IANA time zone names, sorted, for a picker (read once: scanning tzdata is slow; a
    tuple, so no caller can change the shared list)."""
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


def parse_day(value):
    """Parse YYYY-MM-DD strictly; None when it is not a real calendar day."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
