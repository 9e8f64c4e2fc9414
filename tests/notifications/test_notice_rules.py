"""When the notices around a progress conversation are planned (pure rules)."""
from datetime import date, datetime, timezone

from journal.notifications.rules import conversation_notices, preparation_due, still_wanted

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
ANA, BO = ("ana", "Europe/Amsterdam"), ("bo", "America/New_York")


def test_a_shared_summary_plans_preparation_and_the_managers_eve_in_their_own_zones():
    notices = conversation_notices(status="shared", conversation_on=date(2026, 12, 10),
                                   employee=ANA, manager=BO, now=NOW)
    assert notices == [
        ("conv_prepare", "ana", datetime(2026, 12, 7, 8, tzinfo=timezone.utc)),
        ("conv_eve", "bo", datetime(2026, 12, 9, 21, tzinfo=timezone.utc)),
    ]


def test_a_draft_plans_only_the_preparation_and_nothing_in_the_past():
    assert conversation_notices(status="draft", conversation_on=date(2026, 12, 10),
                                employee=ANA, manager=None, now=NOW) == [
        ("conv_prepare", "ana", datetime(2026, 12, 7, 8, tzinfo=timezone.utc))]
    assert conversation_notices(status="shared", conversation_on=date(2026, 11, 29),
                                employee=ANA, manager=BO, now=NOW) == [
        ("conv_eve", "bo", datetime(2026, 11, 28, 21, tzinfo=timezone.utc))]


def test_no_date_or_a_withdrawn_summary_plans_nothing():
    for status, day in (("shared", None), ("withdrawn", date(2026, 12, 10))):
        assert conversation_notices(status=status, conversation_on=day, employee=ANA,
                                    manager=BO, now=NOW) == []


def test_a_queued_notice_is_dropped_once_the_summary_no_longer_fits():
    shared = dict(status="shared", owner_id="ana", manager_id="bo")
    assert still_wanted("summary_shared", recipient_id="bo", **shared)
    assert not still_wanted("summary_shared", recipient_id="bo",
                            **{**shared, "status": "withdrawn"})
    assert not still_wanted("conv_eve", recipient_id="bo",
                            **{**shared, "manager_id": "cy"})
    assert still_wanted("conv_prepare", recipient_id="ana",
                        **{**shared, "status": "draft"})
    assert not still_wanted("conv_prepare", recipient_id="ana",
                            **{**shared, "status": "withdrawn"})
    assert not still_wanted("summary_shared", recipient_id="bo", status=None, owner_id=None,
                            manager_id=None)


def test_the_home_page_invites_preparation_only_in_the_days_before():
    today = date(2026, 12, 7)
    assert preparation_due(date(2026, 12, 10), today)
    assert preparation_due(today, today)
    assert not preparation_due(date(2026, 12, 11), today)
    assert not preparation_due(date(2026, 12, 6), today)
    assert not preparation_due(None, today)
