"""Sending claimed deliveries and recording each one's outcome as soon as it is known.

A delivery is written down as soon as one of its devices got the message (answers arriving
within WRITE_EVERY seconds are written in one transaction), and again when all its devices
have answered, so a dispatcher killed halfway through a batch leaves every delivery it sent
marked as sent, but for those answered in its last moments. While messages are out, the claims
still open are renewed, so another dispatcher only ever takes up a claim whose holder
stopped."""
import logging
import time
from datetime import timedelta

from journal.clock import stored_utc
from journal.db import database
from journal.models.push import Delivery, PushSubscription
from journal.push.courier import Courier

log = logging.getLogger(__name__)
DETAIL_LIMIT = 200
MAILED = "mail"  # a delivery's detail begins so once its mail is queued (see .mailing)
RENEW_CHUNK = 500
WRITE_EVERY = 0.05  # seconds: answers that arrive within this are written down together


class Clock:
    """The dispatcher's `now`, moving on in real time from the moment a tick was given."""

    def __init__(self, now):
        self.start, self.started = now, time.monotonic()

    def __call__(self):
        return self.start + timedelta(seconds=time.monotonic() - self.started)


def record(delivery_ids, status, detail, *, attempted=False):
    """Write down what became of deliveries (a status and a short detail)."""
    ids = list(delivery_ids)
    if not ids:
        return
    values = {"status": status, "detail": detail[:DETAIL_LIMIT]}
    if attempted:
        values["attempts"] = Delivery.attempts + 1
    Delivery.update(**values).where(Delivery.id.in_(ids)).execute()


def fail(delivery_id, what, error):
    """Record one delivery as failed because `what` raised; the rest of the batch goes on."""
    log.exception("reminder delivery %s failed while %s", delivery_id, what)
    try:
        record([delivery_id], "failed", f"{what}: {type(error).__name__}")
    except Exception:  # noqa: BLE001 - it stays claimed and is taken up after its lease
        log.exception("could not record delivery %s as failed", delivery_id)


def send(messages, sender, *, clock, lease):
    """Send messages keyed (delivery id, device id) and record every delivery as its answers
    arrive: sent if any device got it, retry if any may still, else failed (but sent when its
    mail went too, the detail then saying "mail," before what the devices answered). Returns
    counts of deliveries {"sent", "failed"}."""
    with Outbox(sender, clock=clock, lease=lease) as outbox:
        outbox.put(messages)
        return outbox.finish()


class Outbox:
    """Messages on their way. A courier (push/courier.py) sends them, `sender.workers` at a
    time, while the caller waits for answers (pump); each delivery is written down as its
    answers arrive, and the claims still open are renewed. More can be put while earlier
    messages are still out, so a push service that is slow to answer never holds the next
    batch; answers are written down together, within WRITE_EVERY seconds of arriving (one
    transaction for many)."""

    def __init__(self, sender, *, clock, lease):
        self.sender, self.book, self.courier = sender, _Book(clock), Courier(sender)
        self.renew_every = max(lease / 3, 0.05)
        self.renewed = self.written = time.monotonic()
        self.pending = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        # Whatever was not sent by now stays claimed and is taken up after its lease.
        self.courier.stop()

    def put(self, messages, mailed_among=None):
        """Send messages (their mails, if any, are queued already). `mailed_among`: the only
        deliveries whose mail may have been queued, when the caller knows (else any)."""
        if not messages:
            return
        self.book.expect(messages, mailed_among)
        self.courier.put(messages)
        self.pending += len(messages)

    def drain(self, until=0):
        """Write down answers as they come until at most `until` messages are still out."""
        while self.pending > until:
            self.pump()

    def finish(self):
        """Wait for every answer; the counts of deliveries {"sent", "failed"}."""
        self.drain(0)
        return self.book.counts

    def pump(self):
        """Wait for answers (a lease renewal at most), then write down those that came."""
        outcomes = self.courier.arrivals(self.renew_every)
        until = self.written + WRITE_EVERY
        while outcomes and len(outcomes) < self.pending and time.monotonic() < until:
            more = self.courier.arrivals(until - time.monotonic())
            if not more:
                break
            outcomes += more
        if outcomes:
            self.book.take(outcomes)
            self.pending -= len(outcomes)
            self.written = time.monotonic()
        if self.pending and time.monotonic() - self.renewed >= self.renew_every:
            self.book.renew()
            self.renewed = time.monotonic()


def mailed_among(delivery_ids):
    """Which of these deliveries had their mail queued already (sent both ways)."""
    mailed = set()
    try:
        for start in range(0, len(delivery_ids), RENEW_CHUNK):
            chunk = delivery_ids[start:start + RENEW_CHUNK]
            mailed.update(Delivery.select(Delivery.id)
                          .where(Delivery.id.in_(chunk)
                                 & ((Delivery.detail == MAILED)
                                    | Delivery.detail.startswith(MAILED + ",")))
                          .tuples())
    except Exception:  # noqa: BLE001 - the push still goes; only its record says less
        log.exception("could not read which deliveries were mailed")
    return {row[0] for row in mailed}


class _Book:
    """What each delivery's devices answered so far, written down as it comes in; a delivery
    whose devices all answered is written down and forgotten."""

    def __init__(self, clock):
        self.clock = clock
        self.expected, self.answers, self.written = {}, {}, set()
        self.counts = {"sent": 0, "failed": 0}
        self.mailed = set()

    def expect(self, messages, candidates=None):
        """Messages about to go: how many answers each delivery waits for, and which of
        them (among `candidates`, if given) had their mail queued."""
        new = []
        for message in messages:
            delivery_id = message.key[0]
            if delivery_id not in self.expected:
                new.append(delivery_id)
            self.expected[delivery_id] = self.expected.get(delivery_id, 0) + 1
        if candidates is not None:
            wanted = set(candidates)
            new = [delivery_id for delivery_id in new if delivery_id in wanted]
        if new:
            self.mailed |= mailed_among(new)

    def take(self, outcomes):
        """Answers that just arrived: forget gone devices, and write down each delivery that
        was sent or whose devices have all answered (alike ones in one statement)."""
        gone, writes, complete = [], {}, []
        for outcome in outcomes:
            delivery_id, device_id = outcome.key
            answers = self.answers.setdefault(delivery_id, [])
            answers.append(outcome)
            if outcome.result == "gone":
                gone.append(device_id)
            if len(answers) == self.expected[delivery_id]:
                complete.append(delivery_id)
                writes[delivery_id] = answers
            elif outcome.result == "sent" and delivery_id not in self.written:
                writes[delivery_id] = answers
        for delivery_id in complete:
            status = _status(self.answers[delivery_id], delivery_id in self.mailed)
            self.counts["sent" if status == "sent" else "failed"] += 1
        if gone or writes:
            try:
                with database.atomic():
                    PushSubscription.forget(gone)
                    self._write(writes)
                self.written.update(writes)
            except Exception:  # noqa: BLE001 - they stay claimed; taken up after the lease
                log.exception("could not record deliveries %s", sorted(writes))
        for delivery_id in complete:
            for known in (self.expected, self.answers):
                del known[delivery_id]
            self.written.discard(delivery_id)
            self.mailed.discard(delivery_id)

    def _write(self, writes):
        groups = {}
        for delivery_id, answers in writes.items():
            detail = ",".join(sorted(str(a.status or a.detail) for a in answers))
            mailed = delivery_id in self.mailed
            if mailed:
                detail = f"{MAILED},{detail}"
            key = (_status(answers, mailed), detail, delivery_id not in self.written)
            groups.setdefault(key, []).append(delivery_id)
        for (status, detail, attempted), ids in groups.items():
            record(ids, status, detail, attempted=attempted)

    def renew(self):
        """Move the lease of every claim of this batch that is still open on to now."""
        open_ids = [delivery_id for delivery_id in self.expected
                    if delivery_id not in self.written]  # only those still waiting remain
        now = stored_utc(self.clock())
        try:
            for start in range(0, len(open_ids), RENEW_CHUNK):
                (Delivery.update(claimed_at=now)
                 .where(Delivery.id.in_(open_ids[start:start + RENEW_CHUNK])
                        & (Delivery.status == "claimed"))
                 .execute())
        except Exception:  # noqa: BLE001 - sending goes on; the next renewal may succeed
            log.exception("could not renew the dispatcher's claims")


def _status(answers, mailed=False):
    results = {answer.result for answer in answers}
    if "sent" in results:
        return "sent"
    if "retry" in results:
        return "retry"
    return "sent" if mailed else "failed"  # the devices failed, but the mail went
