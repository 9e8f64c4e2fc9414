"""Dispatching reminders to a real local push service (VAPID checked, bodies decrypted)."""
import multiprocessing
from datetime import date, datetime, timedelta, timezone

import pytest

from journal.models import Delivery, PushSubscription, Reminder, User
from journal.notifications.dispatch import tick
from journal.notifications.store import save_settings
from journal.push.sender import PushSender
from tests.conftest import STORED_NOW

GRACE = 3600
FRIDAY_NOON = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def make_user(email, zone="Europe/Amsterdam", language="en", details=True):
    from journal.passwords import hash_password
    return User.create(created_at=STORED_NOW, email=email, password_hash=hash_password("x" * 10),
                       display_name="A",
                       timezone=zone, language=language, notification_details=details)


def subscribe(user, service):
    sub = service.subscription()
    PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, user=user,
                            endpoint=sub["endpoint"], p256dh=sub["keys"]["p256dh"],
                            auth=sub["keys"]["auth"])
    return sub


def daily(user, at="18:30", days=(1, 2, 3, 4, 5), skip=True, now=FRIDAY_NOON):
    save_settings(user, {"daily": {"enabled": True, "time": at, "weekdays": list(days),
                                   "skip_if_logged": skip}}, now)


def sender(app, sleeps=None, timeout=5, **options):
    return PushSender(app.extensions["vapid"], app.config["VAPID_SUBJECT"], ttl=21600,
                      timeout=timeout, sleep=(sleeps.append if sleeps is not None
                                              else lambda _s: None), **options)


def due_at(user, kind="daily"):
    stored = Reminder.get((Reminder.user == user) & (Reminder.kind == kind)).next_fire_at
    return stored.replace(tzinfo=timezone.utc) if stored else None


def test_a_reminder_arrives_readable_for_the_right_user_once(ctx, push_service):
    ana, bo = make_user("ana@example.org"), make_user("bo@example.org", language="nl")
    ana_device, bo_device = subscribe(ana, push_service), subscribe(bo, push_service)
    daily(ana)
    moment = due_at(ana)
    assert moment == datetime(2026, 11, 27, 17, 30, tzinfo=timezone.utc)
    assert tick(moment - timedelta(seconds=1), sender(ctx), grace=GRACE)["claimed"] == 0
    counts = tick(moment, sender(ctx), grace=GRACE)
    assert counts == {"claimed": 1, "sent": 1, "skipped": 0, "failed": 0}
    [message] = push_service.messages_for(ana_device)
    assert message.payload == {"title": "Progress Journal", "url": "/?focus=text", "tag": "daily",
                               "body": "What meaningful progress did you make today? "
                                       "A sentence is enough."}
    assert message.ttl == 21600 and message.urgency == "normal" and message.topic == "daily"
    assert push_service.messages_for(bo_device) == []
    assert tick(moment + timedelta(seconds=30), sender(ctx), grace=GRACE)["claimed"] == 0
    assert len(push_service.received) == 1
    assert due_at(ana) == datetime(2026, 11, 30, 17, 30, tzinfo=timezone.utc)


def test_the_lock_screen_text_is_generic_unless_chosen_and_in_the_users_language(
        ctx, push_service):
    bo = make_user("bo@example.org", language="nl", details=False)
    device = subscribe(bo, push_service)
    daily(bo)
    tick(due_at(bo), sender(ctx), grace=GRACE)
    [message] = push_service.messages_for(device)
    assert message.payload["body"] == "Een moment voor je dagboek?"
    assert message.payload["title"] == "Progressiedagboek"


def test_weekly_review_reminder_on_the_review_day(ctx, push_service):
    ana = make_user("ana@example.org", zone="America/New_York")
    device = subscribe(ana, push_service)
    save_settings(ana, {"weekly_review": {"enabled": True, "weekday": 5, "time": "16:00"}},
                  FRIDAY_NOON)
    moment = due_at(ana, "weekly_review")
    assert moment == datetime(2026, 11, 27, 21, tzinfo=timezone.utc)  # 16:00 in New York
    tick(moment, sender(ctx), grace=GRACE)
    [message] = push_service.messages_for(device)
    assert message.payload["url"] == "/reviews" and message.topic == "weeklyreview"


def test_after_downtime_recent_ones_come_late_once_and_old_ones_are_skipped(ctx, push_service):
    ana, bo = make_user("ana@example.org"), make_user("bo@example.org")
    subscribe(ana, push_service), subscribe(bo, push_service)
    morning = datetime(2026, 11, 27, 8, tzinfo=timezone.utc)
    daily(ana, at="13:00", now=morning), daily(bo, at="11:00", now=morning)  # 12:00, 10:00 UTC
    # The dispatcher was down until 12:30 UTC: Ana's is 30 minutes late, Bo's 2.5 hours.
    counts = tick(datetime(2026, 11, 27, 12, 30, tzinfo=timezone.utc), sender(ctx), grace=GRACE)
    assert counts["sent"] == 1 and counts["skipped"] == 1
    assert Delivery.get(Delivery.user == bo).detail == "too_late"
    assert due_at(bo) > datetime(2026, 11, 27, 13, tzinfo=timezone.utc), "rescheduled ahead"


def test_already_logged_today_skips_the_daily_reminder(ctx, push_service):
    from journal.models import Entry
    ana = make_user("ana@example.org")
    subscribe(ana, push_service)
    daily(ana)
    Entry.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=ana, day=date(2026, 11, 27),
                 text="Done already")
    assert tick(due_at(ana), sender(ctx), grace=GRACE)["skipped"] == 1
    assert push_service.received == []
    daily(ana, skip=False)
    Delivery.delete().execute()
    assert tick(due_at(ana), sender(ctx), grace=GRACE)["sent"] == 1


def test_paused_reminders_are_not_sent(ctx, push_service):
    ana = make_user("ana@example.org")
    subscribe(ana, push_service)
    daily(ana)
    save_settings(ana, {"paused_until": date(2026, 11, 30)}, FRIDAY_NOON)
    assert tick(due_at(ana), sender(ctx), grace=GRACE)["skipped"] == 1
    assert Delivery.get().detail == "paused"


def test_a_gone_device_is_removed(ctx, push_service):
    ana = make_user("ana@example.org")
    gone, kept = subscribe(ana, push_service), subscribe(ana, push_service)
    push_service.answer(gone, 410)
    daily(ana)
    assert tick(due_at(ana), sender(ctx), grace=GRACE)["sent"] == 1
    assert [d.endpoint for d in PushSubscription.select()] == [kept["endpoint"]]


def test_a_busy_push_service_is_retried_after_retry_after(ctx, push_service):
    ana = make_user("ana@example.org")
    device = subscribe(ana, push_service)
    push_service.answer(device, 429, {"Retry-After": "7"})
    push_service.answer(device, 503)
    sleeps = []
    daily(ana)
    assert tick(due_at(ana), sender(ctx, sleeps), grace=GRACE)["sent"] == 1
    assert sleeps == [7, 4] and len(push_service.messages_for(device)) == 1


def test_a_refusal_is_a_configuration_error_not_retried(ctx, push_service, caplog):
    ana = make_user("ana@example.org")
    device = subscribe(ana, push_service)
    push_service.answer(device, 403)
    daily(ana)
    assert tick(due_at(ana), sender(ctx), grace=GRACE)["failed"] == 1
    assert Delivery.get().status == "failed" and "VAPID" in caplog.text
    assert PushSubscription.select().count() == 1


def test_an_unreachable_push_service_is_retried_on_the_next_tick(ctx, push_service):
    ana = make_user("ana@example.org")
    device = subscribe(ana, push_service)
    real_endpoint = device["endpoint"]
    PushSubscription.update(endpoint="http://127.0.0.1:9/push/x").execute()  # nothing listens
    daily(ana)
    moment = due_at(ana)
    assert tick(moment, sender(ctx), grace=GRACE)["failed"] == 1
    assert Delivery.get().status == "retry"
    PushSubscription.update(endpoint=real_endpoint).execute()
    counts = tick(moment + timedelta(minutes=1), sender(ctx), grace=GRACE)
    assert counts["sent"] == 1 and Delivery.get().status == "sent"
    assert len(push_service.messages_for(device)) == 1


def _dispatch_in_another_process(config, moment, results):
    from journal import create_app
    from journal.notifications.dispatch import sender_for
    app = create_app(config)
    with app.app_context():
        from journal.db import database
        with database.connection_context():
            results.put(tick(moment, sender_for(app), grace=GRACE))


def test_four_dispatchers_at_once_send_each_reminder_once(app, ctx, push_service):
    users = [make_user(f"user{n}@example.org") for n in range(40)]
    for user in users:
        subscribe(user, push_service)
        daily(user)
    moment = due_at(users[0])
    from journal.db import database
    database.close()
    config = {key: app.config[key] for key in ("DATABASE_URL", "SECRET_KEY", "ARGON2_PARAMETERS")}
    config["INSTANCE_PATH"] = app.instance_path
    spawn = multiprocessing.get_context("spawn")
    results = spawn.Queue()
    workers = [spawn.Process(target=_dispatch_in_another_process, args=(config, moment, results))
               for _ in range(4)]
    for worker in workers:
        worker.start()
    totals = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert sum(t["claimed"] for t in totals) == 40
    assert push_service.wait_for(40) and len(push_service.received) == 40
    assert sorted(m.subscriber for m in push_service.received) == sorted(
        {m.subscriber for m in push_service.received})
    database.connect(reuse_if_open=True)
    assert Delivery.select().count() == 40 and push_service.rejected == []


def test_a_device_with_unusable_keys_fails_alone_and_the_rest_are_sent(ctx, push_service):
    ana, bo = make_user("ana@example.org"), make_user("bo@example.org")
    PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, user=ana,
                            endpoint=push_service.subscription()["endpoint"],
                            p256dh="not-a-key", auth="nope")
    bo_device = subscribe(bo, push_service)
    daily(ana)
    daily(bo)
    counts = tick(due_at(ana), sender(ctx), grace=GRACE)
    assert counts["sent"] == 1 and counts["failed"] == 1
    assert len(push_service.messages_for(bo_device)) == 1
    failed = Delivery.get(Delivery.user == ana)
    assert failed.status == "failed" and "unusable keys" in failed.detail
