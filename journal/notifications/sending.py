"""Sending claimed deliveries and recording each one's outcome as soon as it is known.

A delivery is written down the moment one of its devices got the message, and again when all
its devices have answered, so a dispatcher killed halfway through a batch leaves every
delivery it sent marked as sent. While a batch is out, the claims still open are renewed, so
another dispatcher only ever takes up a claim whose holder stopped."""
import logging
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from datetime import timedelta

from journal.clock import stored_utc
from journal.models.push import Delivery, PushSubscription
from journal.push.sender import Outcome

log = logging.getLogger(__name__)
DETAIL_LIMIT = 200
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
    arrive: sent if any device got it, retry if any may still, else failed. Returns counts of
    deliveries {"sent", "failed"}."""
    book = _Book(messages, clock)
    if not messages:
        return book.counts
    renew_every = max(lease / 3, 0.05)
    renewed = time.monotonic()
    with ThreadPoolExecutor(max_workers=min(_workers(sender), len(messages))) as pool:
        pending = {pool.submit(_send_one, sender, message): message for message in messages}
        while pending:
            done, _ = wait(pending, timeout=renew_every, return_when=FIRST_COMPLETED)
            for future in done:
                book.take(future.result())
                del pending[future]
            if pending and time.monotonic() - renewed >= renew_every:
                book.renew()
                renewed = time.monotonic()
    return book.counts


def _workers(sender):
    return max(1, int(getattr(sender, "workers", 16)))


def _send_one(sender, message):
    try:
        return sender.send(message)
    except Exception as error:  # noqa: BLE001 - the sender promises not to raise; be sure
        log.exception("sending one push message raised")
        return Outcome(message.key, "error", 0, f"unusable: {type(error).__name__}")


class _Book:
    """What each delivery's devices answered so far, written down as it comes in."""

    def __init__(self, messages, clock):
        self.clock = clock
        self.expected, self.answers, self.written = {}, {}, set()
        for message in messages:
            delivery_id = message.key[0]
            self.expected[delivery_id] = self.expected.get(delivery_id, 0) + 1
        self.counts = {"sent": 0, "failed": 0}

    def take(self, outcome):
        """One device's answer: forget a gone device, and write the delivery down when it was
        sent or when all its devices have answered."""
        delivery_id, device_id = outcome.key
        answers = self.answers.setdefault(delivery_id, [])
        answers.append(outcome)
        complete = len(answers) == self.expected[delivery_id]
        try:
            if outcome.result == "gone":
                PushSubscription.forget([device_id])
            if complete or (outcome.result == "sent" and delivery_id not in self.written):
                self._write(delivery_id, answers)
        except Exception:  # noqa: BLE001 - it stays claimed and is taken up after its lease
            log.exception("could not record delivery %s", delivery_id)
        if complete:
            self.counts["sent" if _status(answers) == "sent" else "failed"] += 1

    def _write(self, delivery_id, answers):
        detail = ",".join(sorted(str(a.status or a.detail) for a in answers))
        record([delivery_id], _status(answers), detail, attempted=delivery_id not in self.written)
        self.written.add(delivery_id)

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


def _status(answers):
    results = {answer.result for answer in answers}
    return "sent" if "sent" in results else "retry" if "retry" in results else "failed"
