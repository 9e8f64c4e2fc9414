"""Several dispatchers at once, and one that stopped halfway: each mail is sent once."""
import threading
from datetime import timedelta

import pytest

from journal.db import database
from journal.mail import store
from journal.mail.sending import send_due
from journal.models import OutgoingMail


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url}


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def queue_many(clock, count):
    with database.atomic():
        return [store.queue(to=f"person{n}@example.org", kind="test", subject=f"Mail {n}",
                            text="Hello", now=clock.now) for n in range(count)]


def test_four_dispatchers_at_once_send_each_mail_once(ctx, clock, mail_server):
    queue_many(clock, 40)
    database.close()
    start, totals = threading.Barrier(4), []

    def dispatcher():
        with ctx.app_context(), database.connection_context():
            start.wait()
            totals.append(send_due(clock.now))

    workers = [threading.Thread(target=dispatcher) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    database.connect(reuse_if_open=True)
    assert sum(t["sent"] for t in totals) == 40
    assert mail_server.wait_for(40) and len(mail_server.received) == 40
    assert len({m["To"] for m in mail_server.received}) == 40
    assert OutgoingMail.select().where(OutgoingMail.status == "sent").count() == 40


def test_a_claim_left_by_a_stopped_dispatcher_is_sent_after_its_lease(ctx, clock, mail_server):
    [mail] = queue_many(clock, 1)
    with database.atomic():
        [left] = store.claim_due(clock.now, lease=300, limit=10)  # ...and then it stopped
    assert send_due(clock.now + timedelta(minutes=4))["sent"] == 0  # its lease still holds
    assert send_due(clock.now + timedelta(minutes=6))["sent"] == 1
    assert mail_server.received[0]["Message-ID"] == mail.message_id
    # Had the first one only paused, it now finds the mail is no longer its to send.
    assert not store.still_mine(left, clock.now + timedelta(minutes=7))
    assert send_due(clock.now + timedelta(hours=1))["sent"] == 0
    assert len(mail_server.received) == 1
