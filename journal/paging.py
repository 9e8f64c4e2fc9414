"""Lists that grow with history, a page at a time: newest first by a moment (a date-time
column), then by id, and a cursor naming where a page stopped, so the next one goes on exactly
there (nothing skipped or shown twice, even when many rows share a moment)."""
import uuid
from datetime import datetime

PER_PAGE = 20


def page_after(query, moment, *, after=None, size=PER_PAGE):
    """A page of `query`'s rows, newest `moment` first, then by id, after the position `after`
    (from `parse_cursor`): (the rows, the cursor the next page starts from, or None)."""
    key = query.model.id
    query = query.order_by(moment.desc(), key)
    if after:
        at, row_id = after
        query = query.where((moment < at) | ((moment == at) & (key > row_id)))
    rows = list(query.limit(size + 1))
    page = rows[:size]
    if len(rows) <= size:
        return page, None
    return page, f"{getattr(page[-1], moment.name).isoformat()}_{page[-1].id}"


def parse_cursor(cursor):
    """(moment, id) of a cursor from `page_after`, or None when it is not one."""
    at, _, row_id = (cursor or "")[:100].partition("_")
    try:
        return datetime.fromisoformat(at), uuid.UUID(row_id)
    except ValueError:
        return None
