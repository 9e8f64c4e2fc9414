"""Claiming due reminders, a batch at a time: a delivery row per reminder (UNIQUE per person,
kind and moment: the arbiter), and every due reminder moved on to its next moment, in one
transaction. Any number of dispatchers on any number of hosts can claim at once; each reminder
is claimed by exactly one of them."""
import logging
from datetime import datetime, timedelta, timezone

from journal.clock import stored_utc
from journal.db import database
from journal.models.push import Delivery, Reminder
from journal.models.user import User
from journal.notifications.store import next_moment

log = logging.getLogger(__name__)
CLAIM_COLUMNS = (Delivery.user, Delivery.kind, Delivery.scheduled_for, Delivery.status,
                 Delivery.detail, Delivery.attempts, Delivery.ref, Delivery.created_at,
                 Delivery.claimed_at)
_INSERTS = {}


def claim_due(now, limit):
    """Claim up to `limit` reminders due at `now` (aware UTC); returns (claimed, whether more
    may be due), claimed as (reminder with its user, delivery id, moment it was due).

    On PostgreSQL the due rows are locked, skipping rows another dispatcher is claiming, so
    dispatchers claim different reminders at the same time instead of queueing; the unique
    delivery row stays the arbiter either way."""
    with database.atomic():
        due = _due(now, limit)
        return _claim(due, now), len(due) == limit


def _due(now, limit):
    query = (Reminder
             .select(Reminder, User)
             .join(User)
             .where(Reminder.enabled & (Reminder.next_fire_at <= stored_utc(now)))
             .order_by(Reminder.next_fire_at)
             .limit(limit))
    if database.obj.for_update:
        query = query.for_update(of=Reminder, skip_locked=True)
    return list(query)


def _claim(due, now):
    """INSERT ... ON CONFLICT DO NOTHING RETURNING yields only the deliveries this dispatcher
    created: a reminder another dispatcher claimed first is simply not returned."""
    if not due:
        return []
    stamp = stored_utc(now)
    created = _insert_claims([(r.user_id, r.kind, r.next_fire_at, "claimed", "", 0, "", stamp,
                               stamp) for r in due])
    ids = {(_uuid(user), kind, _naive(when)): delivery_id
           for delivery_id, user, kind, when in created}
    claimed = [(r, ids[(r.user_id, r.kind, r.next_fire_at)], r.next_fire_at) for r in due
               if (r.user_id, r.kind, r.next_fire_at) in ids]
    # Move every due reminder on, claimed here or not: the conditional update is a no-op
    # where another dispatcher already did it, and nothing can stay due forever.
    _move_on(due, now)
    return claimed


def _insert_claims(rows):
    """The INSERT of many claims, its SQL made once per row count and kind of database (peewee
    building it took a third of a claim's time); values go through each field's db_value as
    peewee would send them. Returns (id, user, kind, scheduled_for) of the rows it created."""
    db = database.obj
    key = (len(rows), type(db))
    sql = _INSERTS.get(key)
    if sql is None:
        quote = db.quote
        name = lambda text: f"{quote[0]}{text}{quote[1]}"  # noqa: E731
        row = "(" + ", ".join([db.param] * len(CLAIM_COLUMNS)) + ")"
        sql = _INSERTS[key] = (
            f"INSERT INTO {name(Delivery._meta.table_name)} "
            f"({', '.join(name(field.column_name) for field in CLAIM_COLUMNS)}) "
            f"VALUES {', '.join([row] * len(rows))} ON CONFLICT DO NOTHING RETURNING "
            + ", ".join(name(field.column_name) for field in (
                Delivery.id, Delivery.user, Delivery.kind, Delivery.scheduled_for)))
    converters = [field.db_value for field in CLAIM_COLUMNS]
    params = [convert(value) for values in rows
              for convert, value in zip(converters, values, strict=True)]
    return db.execute_sql(sql, params).fetchall()


def _uuid(value):
    return Delivery.user.python_value(value)


def _naive(value):
    """RETURNING gives the stored value back; SQLite hands it over as text."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value.replace(tzinfo=None) if value.tzinfo else value


def _move_on(reminders, now):
    """Reschedule claimed reminders; reminders alike share one computation and one UPDATE."""
    groups = {}
    for r in reminders:
        key = (r.kind, r.time, r.weekdays, r.user.review_weekday, r.user.timezone, r.next_fire_at)
        groups.setdefault(key, []).append(r)
    for same in groups.values():
        first = same[0]
        (Reminder
         .update(next_fire_at=_next_or_tomorrow(first, now))
         .where(Reminder.id.in_([r.id for r in same])
                & (Reminder.next_fire_at == first.next_fire_at))
         .execute())


def _next_or_tomorrow(reminder, now):
    """When the reminder fires next; a day later when its settings cannot say (a time zone
    this server no longer knows, say), so it never stays due and blocks the others."""
    after = max(now, reminder.next_fire_at.replace(tzinfo=timezone.utc))
    try:
        return next_moment(reminder, reminder.user, after)
    except Exception:  # noqa: BLE001 - one person's settings must not stop everyone's
        log.exception("reminder %s: cannot compute its next moment; trying again in a day",
                      reminder.id)
        return reminder.next_fire_at + timedelta(days=1)
