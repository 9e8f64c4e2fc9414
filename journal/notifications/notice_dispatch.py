"""Sending queued one-off notices (a summary shared, the manager's reply, a conversation coming
up, an invitation to the person's address, and the conversations' own: a next step proposed, a
helping conversation asked for, an expectation shared) by push, by mail or both, as the person
chose. Like reminders, each is claimed by a conditional update before it is sent, so it goes out
at most once; a notice that cannot be prepared is recorded as failed on its own, and the others
go on. An invitation's notice has no mail of its own: the invitation's mail already went."""
from datetime import timedelta, timezone

from journal.clock import local_today, stored_utc
from journal.db import parse_uuid
from journal.models.push import Delivery, PushSubscription
from journal.models.sharing import Invitation
from journal.models.summary import Summary, SummaryResponse
from journal.models.user import User
from journal.notifications import record_notices
from journal.notifications.mailing import (
    digest_delivery,
    mail_delivery,
    never_prepared,
    notice_mail,
    record_mail,
    reminder_mail,
    route_of,
    was_mailed,
)
from journal.notifications.messages import notice_message, record_message, reminder_message
from journal.notifications.rules import (
    INVITATION_KIND,
    NOTICE_KINDS,
    RECORD_KINDS,
    invitation_wanted,
    is_paused,
    still_wanted,
)
from journal.notifications.sending import fail, record
from journal.people.rules import is_open
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
    messages, counts = [], {"claimed": 0, "sent": 0, "skipped": 0, "failed": 0}
    for delivery in due:
        if not _claim(delivery, now):
            continue
        counts["claimed"] += 1
        more, result = _decide_and_deliver(delivery, now, grace)
        messages += more
        if result:
            counts[result] += 1
    return messages, counts


def _decide_and_deliver(delivery, now, grace):
    try:
        about = _about(delivery)
        reason = _skip_reason(delivery, about, now, grace)
    except Exception as error:  # noqa: BLE001 - one notice must not stop the others
        fail(delivery.id, "deciding", error)
        return [], "failed"
    if reason:
        record([delivery.id], "skipped", reason)
        return [], "skipped"
    return deliver(delivery, now, about)


def resume(delivery, now, grace):
    """A retry or a claim a stopped dispatcher left, taken up again: (push messages, status
    or None). One left before anything was decided is decided now (a notice's rules, its
    channel; a weekly mail is queued); otherwise only its push goes again, never its mail."""
    if not never_prepared(delivery):
        return outgoing(delivery)
    if delivery.kind in NOTICE_KINDS:
        return _decide_and_deliver(delivery, now, grace)
    if delivery.kind == "digest":
        day = local_today(delivery.scheduled_for.replace(tzinfo=timezone.utc),
                          delivery.user.timezone)
        return [], digest_delivery(delivery.id, delivery.user, day, now)
    return deliver(delivery, now)


def deliver(delivery, now, about=None):
    """Send a claimed reminder or notice the way its person chose: its mail is queued here,
    and its push messages come back to be sent, with the status of a delivery already done
    (mail only, or nothing can reach them) or None."""
    user = delivery.user
    try:
        push, mail, reason = route_of(user, delivery.kind)
        if mail and delivery.kind in NOTICE_KINDS:
            about = about or _about(delivery)
            if about is None:
                record([delivery.id], "skipped", "no_longer_wanted")
                return [], "skipped"
    except Exception as error:  # noqa: BLE001 - one delivery must not stop the others
        fail(delivery.id, "choosing the channel", error)
        return [], "failed"
    if reason:
        record([delivery.id], "skipped", reason)
        return [], "skipped"
    if mail:
        result = mail_delivery(delivery.id, lambda: _queue_mail(delivery, about, now),
                               with_push=push)
        if not push:
            return [], result
        if result == "mailed":
            delivery.detail = "mail"
    return outgoing(delivery, about)


def _queue_mail(delivery, about, now):
    if delivery.kind not in NOTICE_KINDS:
        return reminder_mail(delivery.user, delivery.kind, now)
    if delivery.kind == INVITATION_KIND:  # its mail is the invitation's own, already sent
        return about.mail if about.mail_id else None
    if delivery.kind in RECORD_KINDS:
        return record_mail(delivery.user, delivery.kind,
                           other_name=record_notices.other_name(delivery, about),
                           path=record_notices.path_of(delivery, about),
                           to_employee=record_notices.to_employee(delivery, about), now=now)
    return notice_mail(delivery.user, delivery.kind, about,
                       other_name=_other_name(delivery, about), now=now)


def _claim(delivery, now):
    return (Delivery
            .update(status="claimed", claimed_at=stored_utc(now))
            .where((Delivery.id == delivery.id) & (Delivery.status == "queued"))
            .execute())


def _skip_reason(delivery, about, now, grace):
    if stored_utc(now) - delivery.scheduled_for > timedelta(seconds=grace):
        return "too_late"
    if delivery.kind == INVITATION_KIND:
        wanted = _invitation_wanted(delivery, about, now)
    elif delivery.kind in RECORD_KINDS:
        wanted = record_notices.wanted(delivery, about)
    else:
        wanted = _summary_wanted(delivery, about)
    if not wanted:
        return "no_longer_wanted"
    user = delivery.user
    if is_paused(user.reminders_paused_until, local_today(now, user.timezone)):
        return "paused"
    return None


def _invitation_wanted(delivery, invitation, now):
    user = delivery.user
    return invitation_wanted(
        still_open=invitation is not None and is_open(
            accepted_at=invitation.accepted_at, expires_at=invitation.expires_at,
            now=stored_utc(now)),
        invited_email=invitation.email if invitation else "", recipient_email=user.email,
        recipient_verified=user.email_verified)


def _summary_wanted(delivery, summary):
    return still_wanted(delivery.kind, recipient_id=delivery.user_id,
                        status=summary.status if summary else None,
                        owner_id=summary.user_id if summary else None,
                        manager_id=summary.manager_id if summary else None,
                        replied=_has_reply(delivery, summary))


def _has_reply(delivery, summary):
    """A reply notice still has a reply to tell about (the manager may have emptied it)."""
    if delivery.kind != "summary_reply" or summary is None:
        return True
    response = SummaryResponse.of(summary, summary.manager_id)
    return bool(response and response.reply.strip())


def _about(delivery):
    """What a notice is about: its summary, for an invitation notice the invitation (with its
    inviter), for a conversation's notice its summary or conversation; None when it is gone."""
    ref = parse_uuid(delivery.ref)
    if ref is None:
        return None
    if delivery.kind in RECORD_KINDS:
        return record_notices.about(delivery.kind, ref)
    if delivery.kind == INVITATION_KIND:
        return Invitation.get_or_none(Invitation.id == ref)
    return Summary.get_or_none(Summary.id == ref)


def payload_for(delivery, about=None):
    """What a delivery says, whether it is a reminder or a one-off notice (`about` its summary,
    invitation or conversation, looked up when not given)."""
    user = delivery.user
    if delivery.kind not in NOTICE_KINDS:
        return reminder_message(delivery.kind, user.language, user.notification_details)
    about = about or _about(delivery)
    if delivery.kind in RECORD_KINDS:
        return record_message(delivery.kind, user.language, user.notification_details,
                              author=record_notices.other_name(delivery, about),
                              url=record_notices.path_of(delivery, about))
    return notice_message(delivery.kind, user.language, user.notification_details,
                          author=_other_name(delivery, about), about_id=about.id)


def _other_name(delivery, about):
    """The name of the other person of a notice: the manager for the employee, and back; the
    inviter for an invitation."""
    if delivery.kind == INVITATION_KIND:
        return about.employee.display_name
    other = about.manager_id if delivery.user_id == about.user_id else about.user_id
    author = User.get_or_none(User.id == other) if other else None
    return author.display_name if author else ""


def messages_for(delivery, about=None):
    """One message per device of the delivery's recipient (none for a notice whose summary or
    invitation is gone, say a retry after the account was deleted)."""
    if delivery.kind in NOTICE_KINDS:
        about = about or _about(delivery)
        if about is None:
            return []
    payload = payload_for(delivery, about)
    return messages_to(PushSubscription.of(delivery.user_id), payload, delivery.kind, delivery.id)


def outgoing(delivery, about=None):
    """(messages, None) for a delivery to send; when there is nothing to send it is recorded
    as skipped (what it is about or every device is gone) or failed (the message cannot be built),
    and that status comes back instead of None."""
    try:
        messages = messages_for(delivery, about)
    except Exception as error:  # noqa: BLE001 - one delivery must not stop the others
        fail(delivery.id, "building the message", error)
        return [], "failed"
    if not messages:
        if was_mailed(delivery):  # its mail went; only its devices are gone
            record([delivery.id], "sent", "mail")
            return [], "sent"
        gone = delivery.kind in NOTICE_KINDS and (about or _about(delivery)) is None
        record([delivery.id], "skipped", "no_longer_wanted" if gone else "no_device")
        return [], "skipped"
    return messages, None
