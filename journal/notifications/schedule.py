"""When a reminder fires next: wall-clock times in the user's own time zone. Pure functions."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


def parse_time(text):
    """'18:30' → time(18, 30); None for anything that is not a real HH:MM."""
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        return None
    hours, minutes = text[:2], text[3:]
    if not (text.isascii() and hours.isdigit() and minutes.isdigit()):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


def next_fire(after, zone_name, at, weekdays):
    """The first moment strictly after `after` (aware) when it is `at` on one of the ISO
    `weekdays` in the zone, as aware UTC; None without weekdays.

    Wall-clock times are read with fold=0: in a spring-forward gap 02:30 becomes 03:30 (the
    same instant as 02:30 in the old offset), and in a fall-back fold the first 02:30 counts.
    """
    if not weekdays:
        return None
    zone = ZoneInfo(zone_name)
    local_day = after.astimezone(zone).date()
    for offset in range(8):
        day = local_day + timedelta(days=offset)
        if day.isoweekday() not in weekdays:
            continue
        moment = datetime.combine(day, at, tzinfo=zone).astimezone(timezone.utc)
        if moment > after:
            return moment
    return None
