"""Dispatching reminders, by push, by mail or both as each person chose, and the weekly "your
week" mail. The database is the arbiter: a reminder is claimed (a unique delivery row) and
rescheduled in one transaction, then sent after commit, so any number of dispatchers on any
number of hosts never send one twice; its mail is queued in the transaction that records it,
and the mail part at the end of the tick sends it. Nothing one person's data or device does
can stop the others: every failure is recorded on that person's delivery, and a part of a
tick that fails as a whole is logged and the tick goes on with the next."""
import logging
from datetime import timezone
from typing import NamedTuple

from journal.clock import local_today
from journal.db import database
from journal.mail.sending import dispatch_part as send_mail_due
from journal.mail.store import mail_is_on
from journal.models.entry import Entry
from journal.models.push import PushSubscription
from journal.models.review import Review
from journal.notifications import sending
from journal.notifications.claiming import claim_due
from journal.notifications.leases import take_up
from journal.notifications.mailing import digest_delivery, mail_delivery, reminder_mail
from journal.notifications.messages import reminder_message
from journal.notifications.notice_dispatch import due_notices
from journal.notifications.rules import default_channel, route, skip_reason
from journal.notifications.store import channels_for
from journal.push.sender import PushSender, messages_to
from journal.weeks import week_of

log = logging.getLogger(__name__)
BATCH = 1000  # reminders claimed at once
AHEAD = 2  # batches still out when the next one is claimed
LEASE = 300  # seconds; the app's REMINDER_LEASE_SECONDS


def sender_for(app):
    """A PushSender configured from the app. PUSH_CONCURRENCY messages are out at once: a push
    service far away needs more (a rate of 1,500 a second with 50 ms to answer needs 75)."""
    return PushSender(app.extensions["vapid"], app.config["VAPID_SUBJECT"],
                      ttl=app.config["PUSH_TTL_SECONDS"],
                      timeout=app.config["PUSH_TIMEOUT_SECONDS"],
                      workers=int(app.config.get("PUSH_CONCURRENCY", 16)))


def tick(now, sender, *, grace, lease=LEASE):
    """Send the retries and the claims a stopped dispatcher abandoned, then claim and send every
    reminder due at `now` (aware UTC) a batch at a time, then the notices; returns counts by
    outcome. A batch is claimed while the one before is still out, so the push services always
    have messages to answer, and one slow to answer holds only its own. Never raises for one
    delivery; a failing part is logged and the next one runs."""
    counts = {"claimed": 0, "sent": 0, "skipped": 0, "failed": 0}
    with sending.Outbox(sender, clock=sending.Clock(now), lease=lease) as outbox:
        # Taken up before this tick's own failures become retries.
        _part("retries and abandoned claims", counts,
              lambda: _put(take_up(now, grace=grace, lease=lease), outbox))
        _due_reminders(now, grace, outbox, counts)
        _part("notices", counts, lambda: _put(due_notices(now, grace), outbox))
        _part("sending", counts, outbox.finish)
    send_mail_due(now)  # never raises: mail and reminders never stop each other
    return counts


def _due_reminders(now, grace, outbox, counts):
    """Claim and dispatch due reminders a batch at a time until none is left; one batch waits
    in the outbox while the next is claimed. A failing batch ends it: the same reminders
    would come again, so the next tick tries them."""
    more = True
    while more:
        claim = _part("claiming due reminders", counts, lambda: claim_due(now, BATCH))
        if claim is None:
            return
        claimed, more = claim
        if not _part("a batch of reminders", counts,
                     lambda batch=claimed: _dispatch_batch(batch, now, grace, outbox)):
            return
        if more:
            _part("sending", counts, lambda: outbox.drain(until=AHEAD * BATCH))


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


def _put(taken, outbox):
    messages, counts = taken
    outbox.put(messages)
    return counts


def _dispatch_batch(claimed, now, grace, outbox):
    """Decide, for each claimed reminder, to skip it or send it by push, mail or both; queue
    the mails and put the push messages in the outbox. Returns counts (pushes are counted when
    their answers are in)."""
    facts, payloads = _Facts(claimed), {}
    outgoing, skipped, by_mail, failed = [], {}, [], 0
    for reminder, delivery_id, scheduled in claimed:
        try:
            reason, push, mail = facts.decide(reminder, scheduled, now, grace)
            if push:
                outgoing += _messages(reminder, delivery_id, facts.devices[reminder.user_id],
                                      payloads)
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
    outbox.put(outgoing, mailed_among=[delivery_id for _r, delivery_id, _s, push in by_mail
                                       if push])
    return counts


def _mail(reminder, delivery_id, local_day, with_push, now):
    user = reminder.user
    if reminder.kind == "digest":
        return digest_delivery(delivery_id, user, local_day, now)
    return mail_delivery(delivery_id, lambda: reminder_mail(user, reminder.kind, now),
                         with_push=with_push)


class _Device(NamedTuple):
    """A device as a message needs it (a row, without a model's cost)."""

    id: object
    endpoint: str
    p256dh: str
    auth: str

    def info(self):
        """The subscription: endpoint and keys."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class _Facts:
    """What the send-or-skip decisions need, loaded with a few queries for all claimed ones."""

    def __init__(self, claimed):
        users = {r.user_id for r, _id, _when in claimed}
        self.devices = {}
        if not users:
            return
        for user, *device in (PushSubscription
                              .select(PushSubscription.user, PushSubscription.id,
                                      PushSubscription.endpoint, PushSubscription.p256dh,
                                      PushSubscription.auth)
                              .where(PushSubscription.user.in_(list(users))).tuples()):
            self.devices.setdefault(user, []).append(_Device(*device))
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


def _messages(reminder, delivery_id, devices, payloads):
    """The push messages of one reminder; the words are worded once per batch for each kind,
    language and choice of details (they are the same for everyone who shares them)."""
    user = reminder.user
    key = (reminder.kind, user.language, user.notification_details)
    if key not in payloads:
        payloads[key] = reminder_message(*key)
    return messages_to(devices, payloads[key], reminder.kind, delivery_id)
