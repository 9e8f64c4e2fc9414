"""Dispatching reminders, by push, by mail or both as each person chose, and the weekly "your
week" mail. The database is the arbiter: a reminder is claimed (a unique delivery row) and
rescheduled in one transaction, then sent after commit, so any number of dispatchers on any
number of hosts never send one twice; its mail is queued in the transaction that records it,
and the mail part at the end of the tick sends it. Nothing one person's data or device does
can stop the others: every failure is recorded on that person's delivery, and a part of a
tick that fails as a whole is logged and the tick goes on with the next."""
import logging
from datetime import datetime, timedelta, timezone

from journal.clock import local_today, stored_utc
from journal.db import database
from journal.mail.sending import dispatch_part as send_mail_due
from journal.mail.store import mail_is_on
from journal.models.entry import Entry
from journal.models.push import Delivery, PushSubscription, Reminder
from journal.models.review import Review
from journal.models.user import User
from journal.notifications import sending
from journal.notifications.leases import take_up
from journal.notifications.mailing import digest_delivery, mail_delivery, reminder_mail
from journal.notifications.messages import reminder_message
from journal.notifications.notice_dispatch import due_notices
from journal.notifications.rules import default_channel, route, skip_reason
from journal.notifications.store import channels_for, next_moment
from journal.push.sender import PushSender, messages_to
from journal.weeks import week_of

log = logging.getLogger(__name__)
BATCH = 5000
LEASE = 300  # seconds; the app's REMINDER_LEASE_SECONDS


def sender_for(app):
    """A PushSender configured from the app."""
    return PushSender(app.extensions["vapid"], app.config["VAPID_SUBJECT"],
                      ttl=app.config["PUSH_TTL_SECONDS"],
                      timeout=app.config["PUSH_TIMEOUT_SECONDS"])


def tick(now, sender, *, grace, lease=LEASE):
    """Send the retries and the claims a stopped dispatcher abandoned, then claim and send every
    reminder due at `now` (aware UTC) a batch at a time, then the notices; returns counts by
    outcome. Never raises for one delivery; a failing part is logged and the next one runs."""
    counts = {"claimed": 0, "sent": 0, "skipped": 0, "failed": 0}
    clock = sending.Clock(now)
    # Taken up before this tick's own failures become retries.
    _part("retries and abandoned claims", counts,
          lambda: _send_after(take_up(now, grace=grace, lease=lease), sender, clock, lease))
    while True:
        due = _part("claiming due reminders", counts, lambda: _due(now)) or []
        if not _part("a batch of reminders", counts,
                     lambda: _dispatch_batch(due, now, sender, grace, clock, lease)):
            break  # the same reminders would come again: the next tick tries them
        if len(due) < BATCH:
            break
    _part("notices", counts,
          lambda: _send_after(due_notices(now, grace), sender, clock, lease))
    send_mail_due(now)  # never raises: mail and reminders never stop each other
    return counts


def _part(name, counts, work):
    """Run one part of a tick, adding its counts; on an error, log it and return None."""
    try:
        result = work()
    except Exception:  # noqa: BLE001 - the rest of the tick still runs
        log.exception("reminder dispatch: %s failed; going on", name)
        _reset_connection()
        return None
    if isinstance(result, dict):
        for key, number in result.items():
            counts[key] += number
    return True if result is None else result


def _reset_connection():
    """After a failed part, leave no transaction open (on PostgreSQL an aborted one would
    refuse every later statement)."""
    try:
        if not database.is_closed() and database.in_transaction():
            database.rollback()
    except Exception:  # noqa: BLE001 - the next statement reconnects or fails on its own
        log.exception("could not roll back after a failed dispatch part")


def _send_after(taken, sender, clock, lease):
    messages, counts = taken
    for name, number in sending.send(messages, sender, clock=clock, lease=lease).items():
        counts[name] = counts.get(name, 0) + number
    return counts


def _dispatch_batch(due, now, sender, grace, clock, lease):
    claimed = _claim(due, now)
    facts = _Facts(claimed)
    outgoing, skipped, by_mail, failed = [], {}, [], 0
    for reminder, delivery_id, scheduled in claimed:
        try:
            reason, push, mail = facts.decide(reminder, scheduled, now, grace)
            if push:
                outgoing += _messages(reminder, delivery_id, facts.devices[reminder.user_id])
        except Exception as error:  # noqa: BLE001 - one person's data must not stop the batch
            sending.fail(delivery_id, "preparing the reminder", error)
            failed += 1
            continue
        if reason:
            skipped.setdefault(reason, []).append(delivery_id)
        elif mail:
            by_mail.append((reminder, delivery_id, scheduled, push))
    for reason, ids in skipped.items():
        sending.record(ids, "skipped", reason)
    counts = {"claimed": len(claimed), "sent": 0,
              "skipped": sum(len(ids) for ids in skipped.values()), "failed": failed}
    # Mails are queued before the pushes go, so a delivery sent both ways is recorded as
    # mailed by the time its devices answer.
    for reminder, delivery_id, scheduled, push in by_mail:
        result = _mail(reminder, delivery_id, facts.local_day(reminder, scheduled), push, now)
        if result in counts:
            counts[result] += 1
    for result, number in sending.send(outgoing, sender, clock=clock, lease=lease).items():
        counts[result] += number
    return counts


def _mail(reminder, delivery_id, local_day, with_push, now):
    user = reminder.user
    if reminder.kind == "digest":
        return digest_delivery(delivery_id, user, local_day, now)
    return mail_delivery(delivery_id, lambda: reminder_mail(user, reminder.kind, now),
                         with_push=with_push)


def _due(now):
    return list(Reminder
                .select(Reminder, User)
                .join(User)
                .where(Reminder.enabled & (Reminder.next_fire_at <= stored_utc(now)))
                .order_by(Reminder.next_fire_at)
                .limit(BATCH))


def _claim(due, now):
    """Insert a delivery per due reminder and move the reminders on, in one transaction.

    INSERT ... ON CONFLICT DO NOTHING RETURNING yields only the deliveries this dispatcher
    created: a reminder another dispatcher claimed first is simply not returned.
    """
    if not due:
        return []
    rows = [{"user": r.user_id, "kind": r.kind, "scheduled_for": r.next_fire_at,
             "created_at": stored_utc(now), "claimed_at": stored_utc(now)} for r in due]
    with database.atomic():
        created = list(Delivery.insert_many(rows).on_conflict_ignore()
                       .returning(Delivery.id, Delivery.user, Delivery.kind,
                                  Delivery.scheduled_for).execute())
        ids = {(row.user_id, row.kind, _naive(row.scheduled_for)): row.id for row in created}
        claimed = [(r, ids[(r.user_id, r.kind, r.next_fire_at)], r.next_fire_at) for r in due
                   if (r.user_id, r.kind, r.next_fire_at) in ids]
        # Move every due reminder on, claimed here or not: the conditional update is a no-op
        # where another dispatcher already did it, and nothing can stay due forever.
        _move_on(due, now)
    return claimed


def _naive(value):
    """RETURNING gives the stored value back; SQLite may hand it over as text."""
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


class _Facts:
    """What the send-or-skip decisions need, loaded with a few queries for all claimed ones."""

    def __init__(self, claimed):
        users = {r.user_id for r, _id, _when in claimed}
        self.devices = {}
        if not users:
            return
        for device in PushSubscription.select().where(PushSubscription.user.in_(list(users))):
            self.devices.setdefault(device.user_id, []).append(device)
        self.channels = channels_for(users)
        self.mail_on = mail_is_on()
        days = {day for r, _id, when in claimed if (day := self._day_or_none(r, when))}
        self.logged = set(Entry.select(Entry.user, Entry.day).distinct()
                          .where(Entry.user.in_(list(users)) & Entry.day.in_(list(days)))
                          .tuples())
        weeks = {week_of(day) for day in days}
        self.reviewed = set(Review.select(Review.user, Review.week)
                            .where(Review.user.in_(list(users)) & Review.week.in_(list(weeks)))
                            .tuples())

    @staticmethod
    def local_day(reminder, scheduled):
        return local_today(scheduled.replace(tzinfo=timezone.utc), reminder.user.timezone)

    def _day_or_none(self, reminder, scheduled):
        """The local day, or None where the person's time zone is unusable (that reminder
        fails on its own in skip_reason)."""
        try:
            return self.local_day(reminder, scheduled)
        except Exception:  # noqa: BLE001
            return None

    def decide(self, reminder, scheduled, now, grace):
        """(why it is skipped, or None; send it by push; send it by mail)."""
        user, day = reminder.user, self.local_day(reminder, scheduled)
        reason = skip_reason(
            late_by=now - scheduled.replace(tzinfo=timezone.utc), grace=grace,
            paused_until=user.reminders_paused_until, local_day=day, kind=reminder.kind,
            skip_if_logged=reminder.skip_if_logged,
            logged_today=(user.id, day) in self.logged,
            reviewed_this_week=(user.id, week_of(day)) in self.reviewed)
        if reason:
            return reason, False, False
        if reminder.kind == "digest":  # a mail of its own; whether it may go is its question
            return None, False, True
        channel = self.channels.get((user.id, reminder.kind), default_channel(reminder.kind))
        push, mail, reason = route(channel, has_device=bool(self.devices.get(user.id)),
                                   mail_on=self.mail_on, verified=user.email_verified)
        return reason, push, mail


def _messages(reminder, delivery_id, devices):
    user = reminder.user
    payload = reminder_message(reminder.kind, user.language, user.notification_details)
    return messages_to(devices, payload, reminder.kind, delivery_id)
