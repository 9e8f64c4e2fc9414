"""Sending claimed deliveries and recording each one's outcome as soon as it is known.

A delivery is written down the moment one of its devices got the message, and again when all
its devices have answered, so a dispatcher killed halfway through a batch leaves every
delivery it sent marked as sent. While a batch is out, the claims still open are renewed, so
another dispatcher only ever takes up a claim whose holder stopped."""
import logging
import queue
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from journal.clock import stored_utc
from journal.db import database
from journal.models.push import Delivery, PushSubscription
from journal.push.sender import Outcome

log = logging.getLogger(__name__)
DETAIL_LIMIT = 200
MAILED = "mail"  # a delivery's detail begins so once its mail is queued (see .mailing)
RENEW_CHUNK = 500


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
    book = _Book(messages, clock)
    if not messages:
        return book.counts
    book.mailed = mailed_among(list(book.expected))
    renew_every = max(lease / 3, 0.05)
    renewed, arrived, remaining = time.monotonic(), queue.SimpleQueue(), len(messages)
    with ThreadPoolExecutor(max_workers=min(_workers(sender), len(messages))) as pool:
        for message in messages:
            pool.submit(_send_one, sender, message, arrived)
        while remaining:
            outcomes = _next_arrivals(arrived, renew_every)
            book.take(outcomes)
            remaining -= len(outcomes)
            if remaining and time.monotonic() - renewed >= renew_every:
                book.renew()
                renewed = time.monotonic()
    return book.counts


def _next_arrivals(arrived, timeout):
    """The outcomes that arrived (waiting up to `timeout` for the first), all at once."""
    try:
        outcomes = [arrived.get(timeout=timeout)]
    except queue.Empty:
        return []
    while True:
        try:
            outcomes.append(arrived.get_nowait())
        except queue.Empty:
            return outcomes


def _workers(sender):
    return max(1, int(getattr(sender, "workers", 16)))


def _send_one(sender, message, arrived):
    try:
        outcome = sender.send(message)
    except Exception as error:  # noqa: BLE001 - the sender promises not to raise; be sure
        log.exception("sending one push message raised")
        outcome = Outcome(message.key, "error", 0, f"unusable: {type(error).__name__}")
    arrived.put(outcome)


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
    """What each delivery's devices answered so far, written down as it comes in."""

    def __init__(self, messages, clock):
        self.clock = clock
        self.expected, self.answers, self.written = {}, {}, set()
        for message in messages:
            delivery_id = message.key[0]
            self.expected[delivery_id] = self.expected.get(delivery_id, 0) + 1
        self.counts = {"sent": 0, "failed": 0}
        self.mailed = set()

    def take(self, outcomes):
        """Answers that just arrived: forget gone devices, and write down each delivery that
        was sent or whose devices have all answered (alike ones in one statement)."""
        gone, writes = [], {}
        for outcome in outcomes:
            delivery_id, device_id = outcome.key
            answers = self.answers.setdefault(delivery_id, [])
            answers.append(outcome)
            complete = len(answers) == self.expected[delivery_id]
            if outcome.result == "gone":
                gone.append(device_id)
            if complete or (outcome.result == "sent" and delivery_id not in self.written):
                writes[delivery_id] = answers
            if complete:
                status = _status(answers, delivery_id in self.mailed)
                self.counts["sent" if status == "sent" else "failed"] += 1
        if not (gone or writes):
            return
        try:
            with database.atomic():
                PushSubscription.forget(gone)
                self._write(writes)
            self.written.update(writes)
        except Exception:  # noqa: BLE001 - they stay claimed and are taken up after the lease
            log.exception("could not record deliveries %s", sorted(writes))

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
                    if delivery_id not in self.written]
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
