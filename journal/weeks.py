"""ISO weeks ('2026-W48'): parsing, naming, and the days in them."""
import re
from datetime import date, timedelta

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


def week_of(day):
    """The ISO week a day belongs to, as 'YYYY-Www'."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text):
    """The Monday of an ISO week 'YYYY-Www', or None when there is no such week."""
    match = WEEK_PATTERN.match(text or "")
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return monday


def week_days(monday):
    """The seven days of the week starting on this Monday."""
    return [monday + timedelta(days=offset) for offset in range(7)]


def previous_week(week):
    """The ISO week before this one."""
    return week_of(parse_week(week) - timedelta(days=7))


def recent_weeks(today, count):
    """The last `count` ISO weeks up to and including today's, newest first."""
    return [week_of(today - timedelta(days=7 * n)) for n in range(count)]
