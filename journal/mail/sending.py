"""Sending the queue: the dispatcher's part (`send_due`, each tick) and the urgent mails sent
right after their transaction commits (`send_now_after_commit`). A mail is claimed before it
is sent and recorded right after, so two dispatchers never send one twice, and an outage only
delays mail: everything waits as "retry" until the server is back."""
import logging
import smtplib
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from flask import current_app, has_app_context, has_request_context

from journal.db import database
from journal.mail import store
from journal.mail.rules import LEASE_SECONDS
from journal.mail.transport import failure_of
from journal.web import after_response

log = logging.getLogger(__name__)
BATCH = 200
MAILS_PER_EXTRA_CONNECTION = 10  # below this many mails a lane, one more connection isn't worth it
# How long one tick may keep sending batches: most of the minute between ticks, so a morning's
# reminder mails go in one tick, and the next minute's reminders are not held up.
TICK_BUDGET_SECONDS = 40


def send_due(now, *, lease=LEASE_SECONDS, limit=BATCH):
    """Send every mail due at `now` (aware UTC); returns counts {"sent", "retry", "failed"}.
    Nothing is claimed while mail is off."""
    if not store.mail_is_on():
        return {"sent": 0, "retry": 0, "failed": 0}
    clock = _Clock(now)
    with database.atomic():
        claimed = store.claim_due(now, lease=lease, limit=limit)
    return _send(claimed, clock)


def dispatch_part(now):
    """The mail part of a reminders tick; returns its counts, or None when it could not run.
    Never raises, so a mail problem never stops the reminders (and the tick runs it after
    their parts, which never raise either)."""
    if not has_app_context():
        return None
    try:
        counts = send_all_due(now)
    except Exception:  # noqa: BLE001 - the next tick tries again; nothing was lost
        log.exception("mail dispatch failed; the next tick tries again")
        _roll_back()
        return None
    if any(counts.values()):
        log.info("mail: %s", " ".join(f"{k}={v}" for k, v in counts.items()))
    return counts


def send_all_due(now, *, batch=BATCH, budget=TICK_BUDGET_SECONDS):
    """Send batch after batch of what is due while whole batches come, for at most `budget`
    seconds; returns the counts of all of them."""
    totals, started = {"sent": 0, "retry": 0, "failed": 0}, time.monotonic()
    while True:
        counts = send_due(now, limit=batch)
        for outcome, number in counts.items():
            totals[outcome] += number
        if sum(counts.values()) < batch or time.monotonic() - started > budget:
            return totals


def _roll_back():
    try:
        if not database.is_closed() and database.in_transaction():
            database.rollback()
    except Exception:  # noqa: BLE001 - the next statement reconnects or fails on its own
        log.exception("could not roll back after a failed mail dispatch")


def send_now_after_commit(mails, now):
    """Send urgent mails (a password reset) within seconds instead of at the next tick. In a
    request they go once the response is done (their transaction has committed by then);
    elsewhere at once. A mail that cannot go now stays queued for the dispatcher."""
    ids = [mail.id for mail in mails]
    if not ids or not store.mail_is_on():
        return
    if has_request_context():
        after_response(_send_ids, ids, now)  # failing, it stays for the dispatcher's tick
    else:
        _send_ids(ids, now)


def _send_ids(ids, now):
    with database.atomic():
        claimed = store.claim_ids(ids, now)
    _send(claimed, _Clock(now))


def _send(claimed, clock):
    """Send claimed mails over up to MAIL_CONNECTIONS connections at once (each waits for its
    server's replies, so they overlap); returns the counts of all."""
    lanes = split_into_lanes(claimed, current_app.config["MAIL_CONNECTIONS"])
    if len(lanes) <= 1:
        return _send_lane(claimed, clock)
    app = current_app._get_current_object()
    with ThreadPoolExecutor(len(lanes)) as pool:
        results = list(pool.map(lambda lane: _in_app(app, _send_lane, lane, clock), lanes))
    return {outcome: sum(result[outcome] for result in results) for outcome in results[0]}


def split_into_lanes(mails, connections):
    """Share mails out over at most `connections` lanes, each worth a connection of its own
    (a few mails go over one)."""
    count = max(1, min(connections, len(mails) // MAILS_PER_EXTRA_CONNECTION))
    return [lane for lane in (mails[start::count] for start in range(count)) if lane]


def _in_app(app, work, *args):
    with app.app_context(), database.connection_context():
        return work(*args)


def _send_lane(claimed, clock):
    """Send mails over one connection and record each."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    if not claimed:
        return counts
    pending = list(claimed)
    try:
        with current_app.extensions["mail"].transport.session() as send:
            while pending:
                outcome = _send_one(pending[0], send, clock)
                pending.pop(0)
                if outcome:
                    counts[outcome] += 1
    except (smtplib.SMTPException, OSError) as error:
        # The server cannot be reached, or refused us as a whole: every mail left waits.
        failure = failure_of(error)
        log.warning("mail server unavailable: %s", failure.detail)
        for mail in pending:
            counts[store.record_failure(mail, failure, clock())] += 1
    return counts


def _send_one(mail, send, clock):
    """Send one claimed mail and record it; its status, or None when another dispatcher took
    it over. Raises what concerns the whole connection."""
    if not store.still_mine(mail, clock()):
        return None
    try:
        send(store.as_message(mail, current_app.config["MAIL_FROM"]))
    except Exception as error:  # noqa: BLE001 - judged below: this mail, or the connection
        failure = failure_of(error)
        if failure.whole_batch:
            raise
        return store.record_failure(mail, failure, clock())
    store.record_sent(mail, clock())
    return "sent"


class _Clock:
    """`now` moving on in real time from the moment given."""

    def __init__(self, now):
        self.start, self.started = now, time.monotonic()

    def __call__(self):
        return self.start + timedelta(seconds=time.monotonic() - self.started)
