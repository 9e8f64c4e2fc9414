"""Sending queued one-off notices (a summary shared, a conversation coming up). Like reminders,
each is claimed by a conditional update before it is sent, so it goes out at most once."""
from datetime import timedelta

from journal.clock import local_today, stored_utc
from journal.db import parse_uuid
from journal.models.push import Delivery, PushSubscription
from journal.models.summary import Summary
from journal.models.user import User
from journal.notifications.messages import notice_message, reminder_message
from journal.notifications.rules import NOTICE_KINDS, is_paused, still_wanted
from journal.push.sender import messages_to


def due_notices(now, grace):
    """Claim the queued notices due at `now`; returns (messages to send, skipped count)."""
    due = list(Delivery
               .select(Delivery, User)
               .join(User)
               .where((Delivery.status == "queued")
                      & (Delivery.scheduled_for <= stored_utc(now)))
               .order_by(Delivery.scheduled_for))
    messages, skipped = [], 0
    for delivery in due:
        if not _claim(delivery):
            continue
        summary = _summary_of(delivery)
        reason = _skip_reason(delivery, summary, now, grace)
        if reason:
            delivery.status, delivery.detail = "skipped", reason
            delivery.save(only=[Delivery.status, Delivery.detail])
            skipped += 1
            continue
        messages += messages_for(delivery, summary)
    return messages, skipped


def _claim(delivery):
    return (Delivery
            .update(status="claimed")
            .where((Delivery.id == delivery.id) & (Delivery.status == "queued"))
            .execute())


def _skip_reason(delivery, summary, now, grace):
    if stored_utc(now) - delivery.scheduled_for > timedelta(seconds=grace):
        return "too_late"
    if not still_wanted(delivery.kind, recipient_id=delivery.user_id,
                        status=summary.status if summary else None,
                        owner_id=summary.user_id if summary else None,
                        manager_id=summary.manager_id if summary else None):
        return "no_longer_wanted"
    user = delivery.user
    if is_paused(user.reminders_paused_until, local_today(now, user.timezone)):
        return "paused"
    if not PushSubscription.of(user).exists():
        return "no_device"
    return None


def _summary_of(delivery):
    summary_uuid = parse_uuid(delivery.ref)
    return Summary.get_or_none(Summary.id == summary_uuid) if summary_uuid else None


def payload_for(delivery, summary=None):
    """What a delivery says, whether it is a reminder or a one-off notice (about `summary`,
    looked up when not given)."""
    user = delivery.user
    if delivery.kind not in NOTICE_KINDS:
        return reminder_message(delivery.kind, user.language, user.notification_details)
    summary = summary or _summary_of(delivery)
    other = summary.manager_id if delivery.user_id == summary.user_id else summary.user_id
    author = User.get_or_none(User.id == other)
    return notice_message(delivery.kind, user.language, user.notification_details,
                          author=author.display_name if author else "", summary_id=summary.id)


def messages_for(delivery, summary=None):
    """One message per device of the delivery's recipient (none for a notice whose summary is
    gone, say a retry after the account was deleted)."""
    if delivery.kind in NOTICE_KINDS:
        summary = summary or _summary_of(delivery)
        if summary is None:
            return []
    payload = payload_for(delivery, summary)
    return messages_to(PushSubscription.of(delivery.user_id), payload, delivery.kind, delivery.id)
