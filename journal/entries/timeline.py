"""The timeline: entries grouped by day, newest first, a page at a time (at most 14 days and at
most 50 entries); and today's latest entries for the home page. A page that stops inside a day
hands on a cursor, the position (day, created_at, id) of its last entry, so the next page goes
on exactly there: nothing skipped, nothing twice, however many entries share a moment."""
import base64
import binascii
import json
import uuid
from datetime import date, datetime, timedelta
from itertools import groupby

from peewee import SQL, PostgresqlDatabase, Select, fn

from journal.clock import parse_day
from journal.db import database
from journal.entries.search import query_filter
from journal.models.entry import Entry, EntryTag
from journal.prepared import PreparedSelect, id_value

DAYS_PER_PAGE = 14
ENTRIES_PER_PAGE = 50
HOME_ENTRIES = 20  # today's latest on the home page; the rest are a link away


def group_by_day(entries):
    """[(day, [entries of that day])] in the order given (entries sorted by day)."""
    return [(day, list(items)) for day, items in groupby(entries, key=lambda e: e.day)]


def cursor_of(entry):
    """Where a list stopped: the entry's (day, created_at, id), opaque to the reader (the same
    shape as the API's cursors)."""
    raw = json.dumps([entry.day.isoformat(), entry.created_at.isoformat(), str(entry.id)])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def parse_cursor(cursor):
    """(day, created_at, id) of a cursor from `cursor_of`, or None when it is not one."""
    if not isinstance(cursor, str) or not cursor or len(cursor) > 200:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, created, entry_id = json.loads(raw)
        day = parse_day(day)
        if day is None:
            return None
        return day, datetime.fromisoformat(created), uuid.UUID(entry_id)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None


def timeline_page(user, *, after=None, before=None, tag=None, kind=None, q=None,
                  days=DAYS_PER_PAGE, size=ENTRIES_PER_PAGE):
    """One page of the timeline after the position `after` (a parsed cursor) or before the day
    `before`: (groups of entries by day, the next page's arguments or None). The next page is
    {"before": day} when this one ends with a whole day, else {"cursor": ...}."""
    filters = {"tag": tag, "kind": kind, "words": query_filter(user, q),
               "day_to": before - timedelta(days=1) if before else None, "after": after}
    rows = card_rows(user, filters, size + 1)
    page, whole_days = _within_days(rows[:size], days)
    if len(page) == len(rows):
        return group_by_day(page), None
    last = page[-1]
    following = rows[len(page)]
    if whole_days or following.day != last.day:
        return group_by_day(page), {"before": last.day.isoformat()}
    return group_by_day(page), {"cursor": cursor_of(last)}


class CardEntry:
    """An entry with just what its card, its day and the next page's cursor read."""

    __slots__ = ("id", "day", "created_at", "text", "kind", "meaning", "learned", "try_next",
                 "helped", "hindered", "goal_id", "tag_list")

    def tags(self):
        """Its tags, read with it (`card_rows`)."""
        return self.tag_list


CARD_COLUMNS = (Entry.id, Entry.day, Entry.created_at, Entry.text, Entry.kind, Entry.meaning,
                Entry.learned, Entry.try_next, Entry.helped, Entry.hindered, Entry.goal)


def card_rows(user, filters, limit):
    """The user's first `limit` entries through these filters (those of Entry.filtered, None
    when unused), as CardEntry with their tags, read straight from the cursor: making peewee
    models of a page of 51 rows took 0.9 ms, three quarters of the query's time. The select is
    prepared once per set of filters in use (building its SQL was a sixth of a search page)."""
    shape, values = _shape(filters)
    select = _CARD_PAGES.get(shape)
    if select is None:
        select = _CARD_PAGES[shape] = PreparedSelect(
            lambda user_id, *markers: _card_page(user_id, shape, markers), len(values) + 2)
    return [_card(row) for row in select.tuples(id_value(user), *values, limit)]


_CARD_PAGES = {}  # a select per shape of filters: a few hundred at most (up to 8 search words)


def _shape(filters):
    """(which filters are in use, with how many values each; their values in order)."""
    shape, values = [], []
    for name, value in filters.items():
        if not value:
            continue
        if name == "words":
            way, parameters = value
            shape.append((name, way, len(parameters)))
            values += parameters
        elif name == "after":
            day, created, entry_id = value
            shape.append((name, 3))
            values += [day, created, entry_id.hex]
        else:
            shape.append((name, 1))
            values.append(value)
    return tuple(shape), values


def _card_page(user_id, shape, markers):
    """The select of `card_rows` for a shape, its values in `markers` (the last: the limit)."""
    markers = list(markers)
    filters = {}
    for part in shape:
        name, count = part[0], part[-1]
        taken, markers = markers[:count], markers[count:]
        if name == "words":
            filters[name] = (part[1], taken)
        else:
            filters[name] = tuple(taken) if name == "after" else taken[0]
    return (Entry.filtered(user_id, **filters).select(*CARD_COLUMNS, _tags_column())
            .limit(markers[0]))


def _tags_column():
    """An entry's tags in the order they were given, as one JSON array: a column of the cards'
    select instead of a query of its own (a round trip less a page on PostgreSQL)."""
    rows = (EntryTag.select(EntryTag.name).where(EntryTag.entry == Entry.id)
            .order_by(EntryTag.id).alias("tag_rows"))
    if isinstance(database.obj, PostgresqlDatabase):
        names = fn.coalesce(fn.json_agg(rows.c.name), SQL("'[]'::json"))
    else:
        names = fn.json_group_array(rows.c.name)
    return Select([rows], [names]).alias("tags")


def _card(row):
    entry = CardEntry()
    (entry_id, day, created_at, entry.text, entry.kind, entry.meaning, entry.learned,
     entry.try_next, entry.helped, entry.hindered, goal_id, tags) = row
    entry.tag_list = json.loads(tags) if isinstance(tags, str) else list(tags)
    entry.id = _uuid(entry_id)
    entry.goal_id = None if goal_id is None else _uuid(goal_id)
    entry.day = day if isinstance(day, date) else date.fromisoformat(day)
    entry.created_at = (created_at if isinstance(created_at, datetime)
                        else datetime.fromisoformat(created_at))
    return entry


def _uuid(raw):
    return raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw)


def _within_days(rows, days):
    """The leading rows that fall on at most `days` different days, and whether a day was cut
    off (then the page ends with a whole day)."""
    seen = 0
    for index, row in enumerate(rows):
        if index == 0 or row.day != rows[index - 1].day:
            seen += 1
            if seen > days:
                return rows[:index], True
    return rows, False


def latest_of_day(user, day, size=HOME_ENTRIES):
    """The user's latest `size` entries of `day` with their tags, and the cursor the timeline
    goes on from when there are more (else None)."""
    rows = card_rows(user, {"day_from": day, "day_to": day}, size + 1)
    page = rows[:size]
    return page, cursor_of(page[-1]) if len(rows) > size else None
