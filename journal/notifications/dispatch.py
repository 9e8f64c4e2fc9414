"""Dispatching reminders. The database is the arbiter: a reminder is claimed (a unique delivery
row) and rescheduled in one transaction, then sent after commit, so any number of dispatchers
on any number of hosts never send one twice."""
import logging
from datetime import datetime, timedelta, timezone

from journal.clock import local_today, stored_utc
from journal.db import database
from journal.models.entry import Entry
from journal.models.push import Delivery, PushSubscription, Reminder
from journal.models.review import Review
from journal.models.user import User
from journal.notifications.messages import reminder_message
from journal.notifications.notice_dispatch import due_notices, messages_for
from journal.notifications.rules import skip_reason
from journal.notifications.store import next_moment
from journal.push.sender import PushSender, messages_to
from journal.weeks import week_of

log = logging.getLogger(__name__)
BATCH = 5000


def sender_for(app):
    """A PushSender configured from the app."""
    return PushSender(app.extensions["vapid"], app.config["VAPID_SUBJECT"],
                      ttl=app.config["PUSH_TTL_SECONDS"],
                      timeout=app.config["PUSH_TIMEOUT_SECONDS"])


def tick(now, sender, *, grace):
    """Claim and send every reminder due at `now` (aware UTC), a batch at a time; returns
    counts by outcome."""
    counts = {"claimed": 0, "sent": 0, "skipped": 0, "failed": 0}
    retries = _retries(now, grace)  # taken before this tick's own failures become retries
    while True:
        due = _due(now)
        for name, number in _dispatch_batch(due, now, sender, grace).items():
            counts[name] += number
        if len(due) < BATCH:
            break
    notices, skipped = due_notices(now, grace)
    counts["claimed"] += len({message.key[0] for message in notices}) + skipped
    counts["skipped"] += skipped
    for result, number in _send(retries + notices, sender).items():
        counts[result] += number
    return counts


def _dispatch_batch(due, now, sender, grace):
    claimed = _claim(due, now)
    facts = _Facts(claimed)
    outgoing, skipped = [], {}
    for reminder, delivery_id, scheduled in claimed:
        reason = facts.skip_reason(reminder, scheduled, now, grace)
        if reason:
            skipped.setdefault(reason, []).append(delivery_id)
        else:
            outgoing += _messages(reminder, delivery_id, facts.devices.get(reminder.user_id, []))
    for reason, ids in skipped.items():
        Delivery.update(status="skipped", detail=reason).where(Delivery.id.in_(ids)).execute()
    counts = {"claimed": len(claimed), "sent": 0,
              "skipped": sum(len(ids) for ids in skipped.values()), "failed": 0}
    for result, number in _send(outgoing, sender).items():
        counts[result] += number
    return counts


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
             "created_at": stored_utc(now)} for r in due]
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
        after = max(now, first.next_fire_at.replace(tzinfo=timezone.utc))
        (Reminder
         .update(next_fire_at=next_moment(first, first.user, after))
         .where(Reminder.id.in_([r.id for r in same])
                & (Reminder.next_fire_at == first.next_fire_at))
         .execute())


class _Facts:
    """What the send-or-skip decisions need, loaded with a few queries for all claimed ones."""

    def __init__(self, claimed):
        users = {r.user_id for r, _id, _when in claimed}
        self.devices = {}
        if not users:
            return
        for device in PushSubscription.select().where(PushSubscription.user.in_(list(users))):
            self.devices.setdefault(device.user_id, []).append(device)
        days = {self.local_day(r, when) for r, _id, when in claimed}
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

    def skip_reason(self, reminder, scheduled, now, grace):
        user, day = reminder.user, self.local_day(reminder, scheduled)
        return skip_reason(
            late_by=now - scheduled.replace(tzinfo=timezone.utc), grace=grace,
            paused_until=user.reminders_paused_until, local_day=day, kind=reminder.kind,
            skip_if_logged=reminder.skip_if_logged,
            logged_today=(user.id, day) in self.logged,
            reviewed_this_week=(user.id, week_of(day)) in self.reviewed,
            has_device=bool(self.devices.get(user.id)))


def _messages(reminder, delivery_id, devices):
    user = reminder.user
    payload = reminder_message(reminder.kind, user.language, user.notification_details)
    return messages_to(devices, payload, reminder.kind, delivery_id)


def _retries(now, grace):
    """Deliveries whose push service was unreachable last time, still within the grace window."""
    oldest = stored_utc(now - timedelta(seconds=grace))
    retry = list(Delivery.select(Delivery, User).join(User)
                 .where((Delivery.status == "retry") & (Delivery.scheduled_for >= oldest)))
    messages = []
    for delivery in retry:
        # Claim the retry too, so two dispatchers never resend the same delivery.
        taken = (Delivery.update(status="claimed")
                 .where((Delivery.id == delivery.id) & (Delivery.status == "retry")).execute())
        if not taken:
            continue
        messages += messages_for(delivery)
    return messages


def _send(messages, sender):
    """Send, then record per delivery: sent if any device got it; retry if any may still."""
    by_delivery, gone = {}, []
    for outcome in sender.send_all(messages):
        delivery_id, device_id = outcome.key
        by_delivery.setdefault(delivery_id, []).append(outcome)
        if outcome.result == "gone":
            gone.append(device_id)
    PushSubscription.forget(gone)
    counts, groups = {"sent": 0, "failed": 0}, {}
    for delivery_id, outcomes in by_delivery.items():
        results = {o.result for o in outcomes}
        status = "sent" if "sent" in results else "retry" if "retry" in results else "failed"
        detail = ",".join(sorted(str(o.status or o.detail) for o in outcomes))[:200]
        groups.setdefault((status, detail), []).append(delivery_id)
        counts["sent" if status == "sent" else "failed"] += 1
    with database.atomic():
        for (status, detail), ids in groups.items():
            (Delivery.update(status=status, detail=detail, attempts=Delivery.attempts + 1)
             .where(Delivery.id.in_(ids)).execute())
    return counts


