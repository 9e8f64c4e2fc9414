"""Queueing the notices around sharing: a queued delivery row per notice, sent by the reminder
dispatcher (so sharing never waits for a push service or a mail server, and no notice goes out
twice). An invitation by address also tells an account that already has that address, and the
conversations themselves are told too: a next step proposed, a helping conversation asked for,
an expectation shared, a teammate's help wanted. Whether a notice still makes sense is decided again when it is due."""
from datetime import timedelta

from journal.clock import stored_utc
from journal.db import database
from journal.models.push import Delivery
from journal.models.user import User
from journal.notifications.rules import (
    AGREEMENT_KIND,
    CONVERSATION_KINDS,
    HELPING_KIND,
    INVITATION_KIND,
    STEERING_KIND,
    TEAM_HELP_KIND,
    conversation_notices,
)

# A reply saved again within this time is told once, with its last words (the mail is written
# when it goes).
REPLY_SETTLES = timedelta(minutes=2)


def summary_shared(summary, now):
    """The manager hears about a newly shared summary; conversation reminders are planned."""
    with database.atomic():
        _queue([("summary_shared", summary.manager_id, now)], summary.id, now)
        summary_changed(summary, now)


def summary_replied(summary, now):
    """The employee hears that the manager replied (or changed the reply), once: while a reply
    notice for this summary still waits, no second one is queued."""
    with database.atomic():
        waiting = (Delivery.select()
                   .where((Delivery.ref == str(summary.id)) & (Delivery.kind == "summary_reply")
                          & (Delivery.status == "queued"))
                   .exists())
        if not waiting:
            _queue([("summary_reply", summary.user_id, now + REPLY_SETTLES)], summary.id, now)


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
            manager=(manager.id, manager.timezone) if manager else None, now=now), summary.id, now)


def cancel(summary):
    """Drop the summary's conversation reminders that have not gone out yet, and a waiting
    reply or next-step notice once it is no longer shared (withdrawn, or its manager's account
    is gone)."""
    kinds = CONVERSATION_KINDS + (() if summary.status == "shared"
                                  else ("summary_reply", AGREEMENT_KIND))
    (Delivery
     .delete()
     .where((Delivery.ref == str(summary.id)) & (Delivery.status == "queued")
            & Delivery.kind.in_(kinds))
     .execute())


def invitation_made(invitation, recipient, now):
    """The person whose account has the invited address hears of the invitation (in the
    caller's transaction), when that address is verified: until then, anyone could have
    signed up with it."""
    if recipient is None or not recipient.email_verified or recipient.id == invitation.employee_id:
        return
    _queue([(INVITATION_KIND, recipient.id, now)], invitation.id, now)


def invitation_gone(invitation):
    """Drop the notice of a cancelled or declined invitation if it has not gone out yet."""
    (Delivery
     .delete()
     .where((Delivery.ref == str(invitation.id)) & (Delivery.kind == INVITATION_KIND)
            & (Delivery.status == "queued"))
     .execute())


def agreement_proposed(agreement, summary, recipient_id, now):
    """The other side of a progress conversation hears of a proposed next step, once: while
    such a notice for this summary still waits for them, no second one is queued (in the
    caller's transaction). It waits a moment, so steps proposed together are told together."""
    _queue_once(AGREEMENT_KIND, recipient_id, summary.id, now + REPLY_SETTLES, now)


def helping_asked(conversation, now):
    """The helper hears that someone asked them for a helping conversation (in the caller's
    transaction)."""
    _queue_once(HELPING_KIND, conversation.helper_id, conversation.id, now, now)


def steering_shared(steering, now):
    """The employee hears that their manager shared an expectation with them, once while such
    a notice still waits (in the caller's transaction)."""
    _queue_once(STEERING_KIND, steering.employee_id, steering.id, now, now)


def team_help(answer, now):
    """The teammate a help answer from a team meeting is addressed to hears of it, once while
    such a notice still waits (in the caller's transaction)."""
    _queue_once(TEAM_HELP_KIND, answer.help_to_id, answer.id, now, now)


def _queue_once(kind, user_id, ref, moment, now):
    waiting = (Delivery.select()
               .where((Delivery.ref == str(ref)) & (Delivery.kind == kind)
                      & (Delivery.user == user_id) & (Delivery.status == "queued"))
               .exists())
    if not waiting:
        _queue([(kind, user_id, moment)], ref, now)


def _queue(notices, ref, now):
    rows = [{"user": user_id, "kind": kind, "scheduled_for": stored_utc(moment),
             "status": "queued", "ref": str(ref), "created_at": stored_utc(now)}
            for kind, user_id, moment in notices]
    if rows:
        Delivery.insert_many(rows).on_conflict_ignore().execute()
