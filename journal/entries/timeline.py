"""The timeline: entries grouped by day, newest first, a page of days at a time."""
from itertools import groupby

from journal.models.entry import Entry, with_tags

DAYS_PER_PAGE = 14


def group_by_day(entries):
    """[(day, [entries of that day])] in the order given (entries sorted by day)."""
    return [(day, list(items)) for day, items in groupby(entries, key=lambda e: e.day)]


def timeline_page(user, *, before=None, tag=None, kind=None, q=None, days=DAYS_PER_PAGE):
    """One page of the timeline: (groups of entries by day, the `before` day of the next page)."""
    matching = Entry.matching(user, tag=tag, kind=kind, q=q)
    day_query = (matching
                 .select(Entry.day)
                 .distinct()
                 .order_by(Entry.day.desc())
                 .limit(days + 1))
    if before:
        day_query = day_query.where(Entry.day < before)
    page_days = [row.day for row in day_query]
    next_before = page_days[days - 1] if len(page_days) > days else None
    page_days = page_days[:days]
    if not page_days:
        return [], None
    entries = with_tags(matching.where(Entry.day.in_(page_days)))
    return group_by_day(entries), next_before
