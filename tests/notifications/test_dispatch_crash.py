"""A dispatcher killed halfway through a batch (issue 11, finding 2): what it sent is recorded as
sent, what it left claimed is taken up by another dispatcher after the lease, and nothing
reaches a device twice. Real processes, SIGKILL, a real push service and a tarpit on loopback."""
import json
import subprocess
import sys
import threading
import time
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from journal.db import database
from journal.models import Delivery, PushSubscription, Reminder
from journal.notifications.dispatch import tick
from journal.notifications.leases import take_abandoned
from tests.conftest import STORED_NOW
from tests.notifications.listeners import Tarpit
from tests.notifications.test_dispatch import (
    GRACE,
    daily,
    due_at,
    make_user,
    sender,
    subscribe,
)

LEASE = 300
ROOT = Path(__file__).resolve().parents[2]
# One sending thread, so the batch goes out in order and stops at the tarpit; a long timeout,
# so it is still waiting there when it is killed.
DISPATCHER = """
import json, sys
from datetime import datetime
from journal import create_app
from journal.db import database
from journal.notifications.dispatch import tick
from journal.notifications.leases import take_abandoned
from journal.push.sender import PushSender
config, moment = json.loads(sys.argv[1]), datetime.fromisoformat(sys.argv[2])
app = create_app(config)
with app.app_context(), database.connection_context():
    sender = PushSender(app.extensions["vapid"], app.config["VAPID_SUBJECT"], ttl=21600,
                        timeout=60, workers=1, sleep=lambda _s: None)
    tick(moment, sender, grace=3600, lease=300)
"""


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def settings_of(app):
    config = {key: app.config[key] for key in ("DATABASE_URL", "SECRET_KEY", "ARGON2_PARAMETERS")}
    return {**config, "INSTANCE_PATH": app.instance_path, "TESTING": True}


def wait_until(condition, process, seconds=15):
    """Poll until `condition()` holds; fail if it does not in time or the process ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the dispatcher ended by itself"
        if condition():
            return
        time.sleep(0.02)
    pytest.fail("the dispatcher did not get there in time")


def statuses(users):
    return [Delivery.get(Delivery.user == user).status for user in users]


def test_a_dispatcher_killed_mid_batch_is_finished_by_another_and_none_is_sent_twice(
        app, ctx, push_service, tmp_path):
    before = [make_user(f"before{n}@example.org") for n in range(3)]
    stuck = make_user("stuck@example.org")
    after = [make_user(f"after{n}@example.org") for n in range(3)]
    devices = {user.id: subscribe(user, push_service) for user in before + after}
    for user, at in [*((u, "18:00") for u in before), (stuck, "18:01"),
                     *((u, "18:02") for u in after)]:
        daily(user, at=at)
    moment = due_at(after[0])  # everyone is due; the batch runs in due order
    with Tarpit() as tarpit:
        keys = push_service.subscription()["keys"]
        PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, user=stuck,
                                endpoint=tarpit.endpoint(), p256dh=keys["p256dh"],
                                auth=keys["auth"])
        database.close()
        log = (tmp_path / "dispatcher.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "-c", DISPATCHER, json.dumps(settings_of(app)), moment.isoformat()],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until(lambda: tarpit.connected.is_set() and len(push_service.received) == 3,
                       process)
            wait_until(lambda: statuses(before) == ["sent"] * 3, process)
        finally:
            process.kill()  # SIGKILL: no cleanup, no last words
            process.wait(timeout=10)
        # Killed mid-batch: what it sent is recorded, the rest is still claimed by it.
        assert statuses(before) == ["sent"] * 3
        assert statuses([stuck, *after]) == ["claimed"] * 4
        assert all(push_service.messages_for(devices[u.id]) == [] for u in after)

        within = tick(moment + timedelta(seconds=LEASE - 5), sender(ctx), grace=GRACE,
                      lease=LEASE)
        assert within["claimed"] == 0, "a claim within its lease is left to its holder"
        counts = tick(moment + timedelta(seconds=LEASE + 1), sender(ctx, timeout=0.3),
                      grace=GRACE, lease=LEASE)
    assert counts == {"claimed": 4, "sent": 3, "skipped": 0, "failed": 1}
    assert statuses(before + after) == ["sent"] * 6
    assert Delivery.get(Delivery.user == stuck).status == "retry"
    for user in before + after:
        assert len(push_service.messages_for(devices[user.id])) == 1, "once per device"
    assert len(push_service.received) == 6 and push_service.rejected == []
    assert Delivery.select().count() == 7
    assert all(r.next_fire_at > moment.replace(tzinfo=None) for r in Reminder.select())


def abandon(users, when):
    """Deliveries claimed at `when` by a dispatcher that then died."""
    return [Delivery.create(user=user, kind="daily", scheduled_for=when, status="claimed",
                            created_at=when, claimed_at=when) for user in users]


def test_of_two_dispatchers_that_read_an_abandoned_claim_only_one_takes_it(ctx):
    [row] = abandon([make_user("ana@example.org")], STORED_NOW - timedelta(seconds=LEASE + 60))
    seen_by_a, seen_by_b = Delivery.get_by_id(row.id), Delivery.get_by_id(row.id)
    now = STORED_NOW.replace(tzinfo=timezone.utc)
    assert take_abandoned(seen_by_a, now) == 1
    assert take_abandoned(seen_by_b, now + timedelta(seconds=1)) == 0
    assert Delivery.get_by_id(row.id).claimed_at == STORED_NOW


def test_four_dispatchers_at_once_take_up_abandoned_claims_once_each(app, push_service):
    """Four dispatchers in threads, each with its own database connection, start together."""
    with app.app_context():
        users = [make_user(f"user{n}@example.org") for n in range(40)]
        devices = [subscribe(user, push_service) for user in users]
        abandon(users, STORED_NOW - timedelta(seconds=LEASE + 60))
        database.close()
    start, totals = threading.Barrier(4), []

    def dispatcher():
        with app.app_context(), database.connection_context():
            start.wait(timeout=10)
            totals.append(tick(STORED_NOW.replace(tzinfo=timezone.utc), sender(app),
                               grace=GRACE, lease=LEASE))
    threads = [threading.Thread(target=dispatcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(t["claimed"] for t in totals) == 40 and sum(t["sent"] for t in totals) == 40
    assert all(len(push_service.messages_for(device)) == 1 for device in devices)
    assert len(push_service.received) == 40
    with app.app_context():
        assert Delivery.select().where(Delivery.status == "sent").count() == 40


def test_a_dispatcher_still_sending_renews_its_claims_so_no_one_takes_them(app, push_service):
    """A batch that outlasts the lease (here a 1.5 s lease and a device that hangs for 3.5 s):
    its holder renews the claim while it waits, so a second dispatcher leaves it alone."""
    lease = 1.5
    with app.app_context():
        slow = make_user("slow@example.org")
        daily(slow)
        now = due_at(slow)
        database.close()
    with Tarpit() as tarpit:
        with app.app_context():
            keys = push_service.subscription()["keys"]
            PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, user=slow,
                                    endpoint=tarpit.endpoint(), p256dh=keys["p256dh"],
                                    auth=keys["auth"])
            database.close()
        started, results = time.monotonic(), []

        def holder():
            with app.app_context(), database.connection_context():
                results.append(tick(now, sender(app, timeout=3.5, attempts=1), grace=GRACE,
                                    lease=lease))
        thread = threading.Thread(target=holder)
        thread.start()
        assert tarpit.connected.wait(timeout=5)
        time.sleep(max(0.0, 2.5 - (time.monotonic() - started)))
        with app.app_context(), database.connection_context():
            second = tick(now + timedelta(seconds=2.5), sender(app), grace=GRACE, lease=lease)
            renewed = Delivery.get(Delivery.user == slow).claimed_at
        thread.join(timeout=10)
    assert second["claimed"] == 0, "the claim was renewed while its holder was sending"
    assert renewed > (now + timedelta(seconds=1)).replace(tzinfo=None)
    assert results[0]["claimed"] == 1 and tarpit.connections == 1
    with app.app_context():
        assert Delivery.get(Delivery.user == slow).status == "retry"
