"""Reminders and notices by mail. A claimed delivery whose channel includes mail queues one
mail in the same transaction that writes down that it did ("mail" in the delivery's detail),
so a delivery is mailed exactly once whatever happens to the dispatcher afterwards; the mail
part of the tick sends it. Words are invitations, in the person's language."""
import logging

from flask_babel import lazy_gettext as _l

from journal.db import database
from journal.mail.compose import external_url, public_base, queue_for
from journal.mail.store import mail_is_on
from journal.models.push import Delivery, PushSubscription
from journal.models.summary import SummaryResponse
from journal.notifications.rules import (
    AGREEMENT_KIND,
    HELPING_KIND,
    STEERING_KIND,
    TEAM_HELP_KIND,
    route,
)
from journal.notifications.sending import MAILED, fail, record
from journal.notifications.store import channel_of
from journal.notifications.unsubscribe import unsubscribe_url

log = logging.getLogger(__name__)


def subject_of(kind, name=""):
    """A reminder's or notice's subject line (lazy: composed in the person's language)."""
    if kind == "daily":
        return _l("A moment for your journal?")
    if kind == "weekly_review":
        return _l("What improved this week?")
    if kind == "summary_shared":
        return _l("%(name)s shared a summary with you", name=name)
    if kind == "summary_reply":
        return _l("%(name)s replied to your summary", name=name)
    if kind == "conv_eve":
        return _l("Tomorrow: your progress conversation with %(name)s", name=name)
    if kind == AGREEMENT_KIND:
        return _l("%(name)s proposed a next step", name=name)
    if kind == HELPING_KIND:
        return _l("%(name)s would like a helping conversation with you", name=name)
    if kind == STEERING_KIND:
        return _l("%(name)s shared an expectation with you", name=name)
    if kind == TEAM_HELP_KIND:
        return _l("%(name)s would like your help", name=name)
    return _l("Your progress conversation is coming up")


def was_mailed(delivery):
    """Whether this delivery's mail is already queued ("mail", or "mail,<push outcome>")."""
    return delivery.detail == MAILED or delivery.detail.startswith(MAILED + ",")


def never_prepared(delivery):
    """A claim its dispatcher left before deciding anything: nothing was sent or mailed."""
    return delivery.status == "claimed" and delivery.detail == "" and delivery.attempts == 0


def route_of(user, kind, *, has_device=None):
    """(by push, by mail, why not at all) for one kind to one person, as chosen now."""
    if has_device is None:
        has_device = PushSubscription.of(user).exists()
    return route(channel_of(user, kind), has_device=has_device, mail_on=mail_is_on(),
                 verified=user.email_verified)


def reminder_mail(user, kind, now):
    """Queue the mail of a reminder (in the caller's transaction); the OutgoingMail, or None
    when it may not go."""
    daily = kind == "daily"
    return queue_for(
        user, name="reminder", kind=kind, subject=subject_of(kind), now=now,
        unsubscribe_url=unsubscribe_url(user, kind), reminder=kind,
        href=external_url("entries.index") if daily else external_url("reviews.index"),
        settings_url=external_url("notifications.edit"))


def notice_mail(user, kind, summary, *, other_name, now):
    """Queue the mail of a notice about `summary` (in the caller's transaction); the
    OutgoingMail, or None when it may not go. The manager's reply is quoted only when the
    person lets their journal's words into mails."""
    to_owner = kind in ("summary_reply", "conv_prepare")
    href = (external_url("summaries.show", summary_id=summary.id) if to_owner
            else external_url("shared.show", summary_id=summary.id))
    reply = None
    if kind == "summary_reply" and user.mail_words:
        response = SummaryResponse.of(summary, summary.manager_id)
        reply = response.reply.strip() if response else None
    return queue_for(
        user, name="notice", kind=kind, subject=subject_of(kind, other_name), now=now,
        unsubscribe_url=unsubscribe_url(user, kind), notice=kind, other=other_name,
        href=href, reply=reply or None, words_left_out=not user.mail_words,
        conversation_on=summary.conversation_on,
        settings_url=external_url("notifications.edit"))


def record_mail(user, kind, *, other_name, path, to_employee, now):
    """Queue the mail of a notice of the conversations themselves (in the caller's
    transaction), linking to `path`; the OutgoingMail, or None when it may not go. No words of
    the conversation are in it: they wait on the page."""
    return queue_for(
        user, name="conversation_notice", kind=kind, subject=subject_of(kind, other_name),
        now=now, unsubscribe_url=unsubscribe_url(user, kind), notice=kind, other=other_name,
        href=public_base() + path, to_employee=to_employee,
        settings_url=external_url("notifications.edit"))


def mail_delivery(delivery_id, queue, *, with_push):
    """Queue a delivery's mail (`queue()` queues it and returns the mail or None) and write
    down that it went, in one transaction. Mail only: the delivery is "sent" with detail "mail"
    (or "skipped", "unverified", when it could not go after all); with push, its detail says
    "mail" until the devices answer. Returns "sent", "skipped" or "failed" for a delivery that
    is done, "mailed" or None (nothing mailed) when its push is still to go."""
    try:
        with database.atomic():
            mail = queue()
            if mail is None:
                if with_push:
                    return None
                record([delivery_id], "skipped", "unverified")
                return "skipped"
            if with_push:
                Delivery.update(detail=MAILED).where(Delivery.id == delivery_id).execute()
                return "mailed"
            record([delivery_id], "sent", MAILED)
            return "sent"
    except Exception as error:  # noqa: BLE001 - one person's mail must not stop the others
        log.exception("delivery %s: the mail could not be queued", delivery_id)
        if with_push:
            return None  # the push still goes
        fail(delivery_id, "queueing the mail", error)
        return "failed"


def digest_delivery(delivery_id, user, local_day, now):
    """The weekly "your week" mail of a claimed digest reminder (never by push): "sent",
    "skipped" (mail off, address not confirmed) or "failed"."""
    reason = "mail_off" if not mail_is_on() else None if user.email_verified else "unverified"
    if reason:
        record([delivery_id], "skipped", reason)
        return "skipped"
    # Imported when first needed: the digest is a module of its own, loaded only for it.
    from journal.notifications import digest
    return mail_delivery(delivery_id, lambda: digest.queue_digest(user, local_day, now),
                         with_push=False)
