"""The evidence a weekly review opens with: the week's entries, and progress you may have
forgotten. Pure functions over plain entries (anything with .day, .meaning, .created_at)."""
from datetime import timedelta

# (label key, days ago, how many days either side still count as "about" that long ago)
LOOKBACKS = (("four_weeks", 28, 3), ("three_months", 91, 7), ("one_year", 365, 7))


def entries_by_day(entries, days):
    """[(day, [entries that day])] for each of `days`, keeping the entries' own order."""
    grouped = {day: [] for day in days}
    for entry in entries:
        if entry.day in grouped:
            grouped[entry.day].append(entry)
    return [(day, grouped[day]) for day in days]


def resurface(entries, monday):
    """{lookback: entry} — the most meaningful entry from about 4 weeks, 3 months and a year
    before the reviewed week (closest to the exact distance when equally meaningful)."""
    found = {}
    for key, days_ago, slack in LOOKBACKS:
        centre = monday + timedelta(days=3) - timedelta(days=days_ago)
        window = [e for e in entries if abs((e.day - centre).days) <= slack]
        if window:
            found[key] = max(window, key=lambda e: ((e.meaning or 0), -abs((e.day - centre).days),
                                                    e.created_at))
    return found


def lookback_window(monday):
    """The earliest and latest day any lookback can reach (to query only those entries)."""
    centre = monday + timedelta(days=3)
    return (centre - timedelta(days=max(days + slack for _key, days, slack in LOOKBACKS)),
            centre - timedelta(days=min(days - slack for _key, days, slack in LOOKBACKS)))
