"""The evidence a weekly review opens with: the week's entries, progress you may have
forgotten, and a look further back (a year ago, and when you started). Pure functions over plain
entries (anything with .day, .kind, .meaning, .text, .created_at)."""
from datetime import date, timedelta

from journal.weeks import parse_week, week_of

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


# "When you started" is a look further back: the first week must lie at least this many weeks
# before the reviewed one (the four-weeks lookback covers what is more recent).
STARTED_WEEKS_BACK = 4


def year_before(week):
    """The same ISO week a year earlier ('2026-W48' -> '2025-W48'); week 53 becomes the last
    week of a year that has none."""
    monday = parse_week(week)
    year, number, _weekday = monday.isocalendar()
    try:
        return week_of(date.fromisocalendar(year - 1, number, 1))
    except ValueError:
        return week_of(date.fromisocalendar(year - 1, number - 1, 1))


def further_weeks(week, first_week):
    """{"year_ago": ISO week, "started": ISO week} to look back to from `week`: the same ISO
    week a year before, and the person's first week when it lies at least STARTED_WEEKS_BACK
    weeks back and is not the year-ago week."""
    year_ago = year_before(week)
    weeks = {"year_ago": year_ago}
    far_enough = week_of(parse_week(week) - timedelta(weeks=STARTED_WEEKS_BACK))
    if first_week <= far_enough and first_week != year_ago:
        weeks["started"] = first_week
    return weeks


def further_back(weeks, improved, entries):
    """{key: look} for each of `weeks` (from further_weeks) that has something in the person's
    own words: look = {"week", "monday", "sunday", "improved": [items]} when they reviewed that
    week and wrote what improved, else {..., "entry": e}, their most meaningful progress
    entry of that week (the earliest when equally meaningful). Setbacks are left out: this is
    about what went better. `improved` is {ISO week: the review's improved items}."""
    found = {}
    for key, week in weeks.items():
        monday = parse_week(week)
        look = {"week": week, "monday": monday, "sunday": monday + timedelta(days=6)}
        progress = [e for e in entries if monday <= e.day <= look["sunday"]
                    and e.kind != "setback"]
        if improved.get(week):
            found[key] = {**look, "improved": list(improved[week])}
        elif progress:
            found[key] = {**look, "entry": min(progress, key=lambda e: (-(e.meaning or 0), e.day,
                                                                       e.created_at))}
    return found


def forgotten_besides(resurfaced, further):
    """The forgotten progress to show beside the look further back: without "about a year
    ago" when the year-ago week is shown (the same time, said twice)."""
    if "year_ago" in further:
        return {key: entry for key, entry in resurfaced.items() if key != "one_year"}
    return resurfaced
