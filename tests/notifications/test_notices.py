"""Notices around sharing, sent by the dispatcher to a real local push service (VAPID checked,
bodies decrypted): the manager hears of a shared summary once, in their own language; the
conversation reminders follow the summary's changes."""
from datetime import date, datetime, timedelta, timezone

import pytest

from journal.models import Connection, Delivery, Summary, SummaryItem
from journal.notifications.dispatch import tick
from journal.notifications.notices import summary_changed, summary_shared
from tests.conftest import STORED_NOW
from tests.notifications.test_dispatch import GRACE, make_user, sender, subscribe

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def pair(ctx):
    ana = make_user("ana@example.org")
    bo = make_user("bo@example.org", zone="America/New_York", language="nl")
    ana.display_name = "Ana"
    ana.save()
    Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)
    return ana, bo


def shared_summary(ana, bo, conversation_on=None):
    summary = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=ana,
                             period_from=date(2026, 11, 1), period_to=date(2026, 11, 27),
                             achieved="The intake runs smoothly", status="shared", manager=bo,
                             shared_at=datetime(2026, 11, 27, 12), conversation_on=conversation_on)
    SummaryItem.create(summary=summary, text="Finished the intake checklist", source="own")
    return summary


def test_the_manager_hears_once_in_their_language_that_a_summary_was_shared(
        ctx, pair, push_service):
    ana, bo = pair
    device = subscribe(bo, push_service)
    summary = shared_summary(ana, bo)
    summary_shared(summary, NOW)
    counts = tick(NOW + timedelta(seconds=5), sender(ctx), grace=GRACE)
    assert counts["sent"] == 1
    [message] = push_service.messages_for(device)
    assert message.payload == {
        "title": "Progressiedagboek", "tag": "summary_shared", "url": f"/shared/{summary.id}",
        "body": "Ana heeft een samenvatting gedeeld voor jullie progressiegesprek."}
    assert tick(NOW + timedelta(seconds=65), sender(ctx), grace=GRACE)["claimed"] == 0
    assert len(push_service.received) == 1


def test_a_summary_withdrawn_before_the_dispatcher_runs_is_never_announced(
        ctx, pair, push_service):
    ana, bo = pair
    subscribe(bo, push_service)
    summary = shared_summary(ana, bo)
    summary_shared(summary, NOW)
    Summary.update(status="withdrawn").where(Summary.id == summary.id).execute()
    counts = tick(NOW + timedelta(seconds=5), sender(ctx), grace=GRACE)
    assert counts["sent"] == 0 and counts["skipped"] == 1
    assert push_service.received == []


def test_conversation_reminders_follow_the_date_and_go_to_each_side(ctx, pair, push_service):
    ana, bo = pair
    ana_device, bo_device = subscribe(ana, push_service), subscribe(bo, push_service)
    summary = shared_summary(ana, bo, conversation_on=date(2026, 12, 10))
    summary_shared(summary, NOW)
    summary.conversation_on = date(2026, 12, 11)  # the conversation moved a day
    summary.save()
    summary_changed(summary, NOW)
    queued = {(d.kind, d.scheduled_for) for d in Delivery.select().where(
        (Delivery.status == "queued") & (Delivery.kind != "summary_shared"))}
    assert queued == {("conv_prepare", datetime(2026, 12, 8, 8)),
                      ("conv_eve", datetime(2026, 12, 10, 21))}
    tick(datetime(2026, 12, 8, 8, 0, 30, tzinfo=timezone.utc), sender(ctx), grace=GRACE)
    [prepare] = push_service.messages_for(ana_device)
    assert prepare.payload["tag"] == "conv_prepare"
    assert prepare.payload["url"] == f"/summaries/{summary.id}"
    tick(datetime(2026, 12, 10, 21, 0, 30, tzinfo=timezone.utc), sender(ctx), grace=GRACE)
    eve = [m for m in push_service.messages_for(bo_device) if m.payload["tag"] != "summary_shared"]
    assert [m.payload["body"] for m in eve] == [
        "Morgen heb je een progressiegesprek met Ana."]


def test_withdrawing_cancels_the_conversation_reminders(ctx, pair):
    ana, bo = pair
    summary = shared_summary(ana, bo, conversation_on=date(2026, 12, 10))
    summary_shared(summary, NOW)
    summary.status = "withdrawn"
    summary.save()
    summary_changed(summary, NOW)
    kinds = [d.kind for d in Delivery.select().where(Delivery.status == "queued")]
    assert kinds == ["summary_shared"]  # dropped at send time: it is no longer shared
