"""Queueing the notices around sharing: a queued delivery row per notice, sent by the reminder
dispatcher (so sharing never waits for a push service, and no notice goes out twice)."""
from journal.clock import stored_utc
from journal.db import database
from journal.models.push import Delivery
from journal.models.user import User
from journal.notifications.rules import CONVERSATION_KINDS, conversation_notices


def summary_shared(summary, now):
    """The manager hears about a newly shared summary; conversation reminders are planned."""
    with database.atomic():
        _queue([("summary_shared", summary.manager_id, now)], summary, now)
        summary_changed(summary, now)


def summary_changed(summary, now):
    """Re-plan a summary's conversation reminders after it was created, edited, shared or
    withdrawn: queued ones that no longer fit are dropped, the right ones queued."""
    with database.atomic():
        cancel(summary)
        employee = User.get_by_id(summary.user_id)
        manager = User.get_or_none(User.id == summary.manager_id) if summary.manager_id else None
        _queue(conversation_notices(
            status=summary.status, conversation_on=summary.conversation_on,
            employee=(employee.id, employee.timezone),
            manager=(manager.id, manager.timezone) if manager else None, now=now), summary, now)


def cancel(summary):
    """Drop the summary's conversation reminders that have not gone out yet."""
    (Delivery
     .delete()
     .where((Delivery.ref == str(summary.id)) & (Delivery.status == "queued")
            & Delivery.kind.in_(CONVERSATION_KINDS))
     .execute())


def _queue(notices, summary, now):
    rows = [{"user": user_id, "kind": kind, "scheduled_for": stored_utc(moment),
             "status": "queued", "ref": str(summary.id), "created_at": stored_utc(now)}
            for kind, user_id, moment in notices]
    if rows:
        Delivery.insert_many(rows).on_conflict_ignore().execute()
