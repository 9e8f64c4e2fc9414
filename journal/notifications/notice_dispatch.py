"""Sending queued one-off notices (a summary shared, a conversation coming up). Like reminders,
each is claimed by a conditional update before it is sent, so it goes out at most once; a
notice that cannot be prepared is recorded as failed on its own, and the others go on."""
from datetime import timedelta

from journal.clock import local_today, stored_utc
from journal.db import parse_uuid
from journal.models.push import Delivery, PushSubscription
from journal.models.summary import Summary
from journal.models.user import User
from journal.notifications.messages import notice_message, reminder_message
from journal.notifications.rules import NOTICE_KINDS, is_paused, still_wanted
from journal.notifications.sending import fail, record
from journal.push.sender import messages_to


def due_notices(now, grace):
    """Claim the queued notices due at `now`; returns (messages to send, counts of claimed,
    skipped and failed notices)."""
    due = list(Delivery
               .select(Delivery, User)
               .join(User)
               .where((Delivery.status == "queued")
                      & (Delivery.scheduled_for <= stored_utc(now)))
               .order_by(Delivery.scheduled_for))
    messages, counts = [], {"claimed": 0, "skipped": 0, "failed": 0}
    for delivery in due:
        if not _claim(delivery, now):
            continue
        counts["claimed"] += 1
        try:
            summary = _summary_of(delivery)
            reason = _skip_reason(delivery, summary, now, grace)
        except Exception as error:  # noqa: BLE001 - one notice must not stop the others
            fail(delivery.id, "deciding", error)
            counts["failed"] += 1
            continue
        if reason:
            record([delivery.id], "skipped", reason)
            counts["skipped"] += 1
            continue
        more, result = outgoing(delivery, summary)
        messages += more
        if result:
            counts[result] += 1
    return messages, counts


def _claim(delivery, now):
    return (Delivery
            .update(status="claimed", claimed_at=stored_utc(now))
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


def outgoing(delivery, summary=None):
    """(messages, None) for a delivery to send; when there is nothing to send it is recorded
    as skipped (its summary or every device is gone) or failed (the message cannot be built),
    and that status comes back instead of None."""
    try:
        messages = messages_for(delivery, summary)
    except Exception as error:  # noqa: BLE001 - one delivery must not stop the others
        fail(delivery.id, "building the message", error)
        return [], "failed"
    if not messages:
        gone = delivery.kind in NOTICE_KINDS and (summary or _summary_of(delivery)) is None
        record([delivery.id], "skipped", "no_longer_wanted" if gone else "no_device")
        return [], "skipped"
    return messages, None
