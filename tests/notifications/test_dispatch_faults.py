"""One person's device or data never stops anyone else's reminders (issue 11, finding 2): a
malformed, hanging or redirecting endpoint, a time zone or language the server cannot use, a
notice whose summary is gone. Every failure is recorded on that person's delivery, the others
arrive at the real local push service (VAPID checked, bodies decrypted) and are recorded, and
the dispatcher returns normally."""
import time
import uuid
from datetime import timedelta, timezone

import pytest

from journal.models import Connection, Delivery, PushSubscription, Reminder, User
from journal.notifications import dispatch
from journal.notifications.dispatch import tick
from journal.notifications.notices import summary_shared
from tests.conftest import STORED_NOW
from tests.notifications.listeners import Redirector, Tarpit
from tests.notifications.test_dispatch import GRACE, daily, due_at, make_user, sender, subscribe
from tests.notifications.test_notices import shared_summary

LEASE = 300
NOW = STORED_NOW.replace(tzinfo=timezone.utc)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def device_at(user, endpoint, service):
    """A device row with usable keys and any endpoint, as rows stored before the endpoint
    rules existed may have."""
    keys = service.subscription()["keys"]
    PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, user=user,
                            endpoint=endpoint, p256dh=keys["p256dh"], auth=keys["auth"])


def delivery_of(user):
    return Delivery.get(Delivery.user == user)


def test_a_malformed_a_hanging_and_a_redirecting_device_do_not_stop_the_others(
        ctx, push_service):
    good = [make_user(f"good{n}@example.org") for n in range(3)]
    devices = [subscribe(user, push_service) for user in good]
    bad = {name: make_user(f"{name}@example.org")
           for name in ("port", "ipv6", "hanging", "redirecting")}
    with Tarpit() as tarpit, Tarpit() as inside, Redirector(inside.endpoint("internal")) as moved:
        device_at(bad["port"], "https://push.example.com:443x/abc", push_service)
        device_at(bad["ipv6"], "https://[::1]:7777/x", push_service)
        device_at(bad["hanging"], tarpit.endpoint(), push_service)
        device_at(bad["redirecting"], moved.endpoint(), push_service)
        for user in good + list(bad.values()):
            daily(user)
        counts = tick(due_at(good[0]), sender(ctx, timeout=0.5), grace=GRACE)
        assert tarpit.connections >= 1 and moved.hits >= 1, "the bad endpoints were tried"
        assert inside.connections == 0, "the redirect was not followed"
    assert counts == {"claimed": 7, "sent": 3, "skipped": 0, "failed": 4}
    for user, device in zip(good, devices, strict=True):
        assert len(push_service.messages_for(device)) == 1
        assert delivery_of(user).status == "sent"
    for user in bad.values():
        record = delivery_of(user)
        assert record.status in ("failed", "retry") and record.detail and record.attempts == 1
    assert delivery_of(bad["hanging"]).status == "retry"
    assert len(push_service.received) == 3 and push_service.rejected == []


def test_a_hanging_device_holds_one_sender_never_the_batches_after_it(
        ctx, push_service, monkeypatch):
    """Reminders are claimed a batch at a time (two here) and the first batch holds a device
    that never answers: every later reminder arrives while it still hangs, and the tick ends
    when its timeout does."""
    monkeypatch.setattr(dispatch, "BATCH", 2)
    stuck, *others = [make_user(f"user{n}@example.org") for n in range(7)]
    devices = [subscribe(user, push_service) for user in others]
    with Tarpit() as tarpit:
        device_at(stuck, tarpit.endpoint(), push_service)
        daily(stuck, at="18:00")  # first in due order
        for user in others:
            daily(user, at="18:01")
        started = time.time()
        counts = tick(due_at(others[0]), sender(ctx, timeout=4, attempts=1, workers=2),
                      grace=GRACE)
        took = time.time() - started
        assert tarpit.connections == 1
    assert counts == {"claimed": 7, "sent": 6, "skipped": 0, "failed": 1}
    assert all(len(push_service.messages_for(device)) == 1 for device in devices)
    assert max(push_service.arrival_times) - started < 3, "not held until the timeout"
    assert took >= 3.9, "the hanging one was waited for, by one sender alone"
    assert delivery_of(stuck).status == "retry"


def test_a_time_zone_or_language_the_server_cannot_use_fails_alone(ctx, push_service):
    ana, lost, babel = (make_user("ana@example.org"), make_user("lost@example.org"),
                        make_user("babel@example.org"))
    ana_device = subscribe(ana, push_service)
    subscribe(lost, push_service), subscribe(babel, push_service)
    for user in (ana, lost, babel):
        daily(user)
    moment = due_at(ana)
    # Stored before this server's tzdata dropped the zone, or by an import: not a known zone.
    User.update(timezone="Mars/Olympus_Mons").where(User.id == lost.id).execute()
    User.update(language="zz").where(User.id == babel.id).execute()
    counts = tick(moment, sender(ctx), grace=GRACE)
    assert counts == {"claimed": 3, "sent": 1, "skipped": 0, "failed": 2}
    assert len(push_service.messages_for(ana_device)) == 1 and len(push_service.received) == 1
    assert delivery_of(lost).status == "failed"
    assert delivery_of(lost).detail == "preparing the reminder: ZoneInfoNotFoundError"
    assert delivery_of(babel).detail == "preparing the reminder: UnknownLocaleError"
    # The unusable one moves on by a day rather than staying due and in everyone's way.
    assert due_at(lost) == moment + timedelta(days=1)
    assert tick(moment + timedelta(minutes=1), sender(ctx), grace=GRACE)["claimed"] == 0


def test_a_retry_whose_summary_or_devices_are_gone_is_recorded_not_left_claimed(
        ctx, push_service):
    ana, bo = make_user("ana@example.org"), make_user("bo@example.org")
    notice = Delivery.create(user=ana, kind="summary_shared", scheduled_for=STORED_NOW,
                             status="retry", ref=str(uuid.uuid4()), created_at=STORED_NOW)
    reminder = Delivery.create(user=bo, kind="daily", scheduled_for=STORED_NOW, status="retry",
                               created_at=STORED_NOW)
    counts = tick(NOW + timedelta(minutes=1), sender(ctx), grace=GRACE)
    assert counts["skipped"] == 2 and counts["failed"] == 0
    assert Delivery.get_by_id(notice.id).detail == "no_longer_wanted"
    assert Delivery.get_by_id(reminder.id).detail == "no_device"
    assert Delivery.select().where(Delivery.status == "claimed").count() == 0


def abandoned(user, scheduled, claimed_at, kind="daily"):
    """The row a dispatcher that died after claiming leaves behind."""
    return Delivery.create(user=user, kind=kind, scheduled_for=scheduled, status="claimed",
                           created_at=claimed_at, claimed_at=claimed_at)


def test_a_claim_is_left_alone_during_its_lease_and_taken_up_once_after_it(ctx, push_service):
    ana = make_user("ana@example.org")
    device = subscribe(ana, push_service)
    daily(ana)
    moment = due_at(ana)
    stored = moment.replace(tzinfo=None)
    row = abandoned(ana, stored, stored)
    Reminder.update(next_fire_at=stored + timedelta(days=3)).execute()  # moved on at claiming
    within = tick(moment + timedelta(seconds=LEASE - 1), sender(ctx), grace=GRACE, lease=LEASE)
    assert within["claimed"] == 0 and push_service.received == []
    after = tick(moment + timedelta(seconds=LEASE + 1), sender(ctx), grace=GRACE, lease=LEASE)
    assert after == {"claimed": 1, "sent": 1, "skipped": 0, "failed": 0}
    assert Delivery.get_by_id(row.id).status == "sent"
    later = tick(moment + timedelta(seconds=3 * LEASE), sender(ctx), grace=GRACE, lease=LEASE)
    assert later["claimed"] == 0 and len(push_service.messages_for(device)) == 1


def test_a_claim_abandoned_past_the_grace_window_is_skipped_as_too_late(ctx, push_service):
    ana = make_user("ana@example.org")
    subscribe(ana, push_service)
    stored = STORED_NOW - timedelta(seconds=GRACE + 60)
    row = abandoned(ana, stored, stored)
    counts = tick(NOW, sender(ctx), grace=GRACE, lease=LEASE)
    assert counts["skipped"] == 1 and push_service.received == []
    assert Delivery.get_by_id(row.id).detail == "too_late"


def test_a_notice_that_cannot_be_worded_fails_alone_and_the_others_go_out(ctx, push_service):
    ana, bo, cy = (make_user("ana@example.org"), make_user("bo@example.org"),
                   make_user("cy@example.org"))
    bo_device, cy_device = subscribe(bo, push_service), subscribe(cy, push_service)
    for manager in (bo, cy):
        Connection.create(created_at=STORED_NOW, employee=ana, manager=manager)
        summary_shared(shared_summary(ana, manager), NOW)
    User.update(language="zz").where(User.id == bo.id).execute()
    counts = tick(NOW + timedelta(seconds=5), sender(ctx), grace=GRACE)
    assert counts == {"claimed": 2, "sent": 1, "skipped": 0, "failed": 1}
    assert push_service.messages_for(bo_device) == []
    assert len(push_service.messages_for(cy_device)) == 1
    failed = Delivery.get(Delivery.user == bo)
    assert failed.status == "failed" and failed.detail == "building the message: UnknownLocaleError"
