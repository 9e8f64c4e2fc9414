"""The mail queue in the database: a mail is queued in the caller's transaction, claimed by one
dispatcher with a conditional update and a lease, and its outcome recorded."""
import json
from datetime import timedelta, timezone

from flask import current_app
from flask_babel import lazy_gettext as _l

from journal.clock import stored_utc
from journal.mail import messages
from journal.mail.rules import ERROR_LIMIT, KIND_LIMIT, check_address, check_header_value
from journal.mail.rules import next_attempt as next_attempt_after
from journal.models.mail import OutgoingMail
from journal.refusal import Refusal

OFF = _l("E-mail is not set up on this server, so this cannot be done. Please ask whoever "
         "runs the app.")


def delivery_trouble(user):
    """The mail server's reply when the newest mail to the person's current address was refused
    for good (nothing got through since), else None: shown where the person sees their
    address, so a wrong or dead address is noticed."""
    latest = (OutgoingMail.select(OutgoingMail.status, OutgoingMail.last_error)
              .where((OutgoingMail.user == user) & (OutgoingMail.to_address == user.email)
                     & OutgoingMail.status.in_(["sent", "failed"]))
              .order_by(OutgoingMail.created_at.desc())
              .first())
    return (latest.last_error or "") if latest and latest.status == "failed" else None


def mail_is_on(app=None):
    """Whether mail can be sent (a flow that needs it asks before offering itself)."""
    return (app or current_app).extensions["mail"].transport is not None


def queue(*, to, kind, subject, text, html=None, user=None, headers=None, language=None, now):
    """Queue one mail in the caller's transaction and return it; `text`, `html` and `subject`
    are already in the person's language (`language` only labels it). Raises Refusal when a
    value would break the mail, or (code "mail_off") when mail is off."""
    if not mail_is_on():
        raise Refusal("forbidden", OFF, code="mail_off")
    extra = dict(headers or {})
    if language:
        extra["Content-Language"] = language
    check_header_value(kind[:KIND_LIMIT], "kind")
    # What could break the mail is refused to the caller now; building the message itself
    # waits for the dispatcher (it is most of a mail's cost, and a mail the email package
    # still refuses then fails alone, recorded).
    check_header_value(subject, "subject")
    for name, value in extra.items():
        check_header_value(name, "headers")
        check_header_value(value, "headers")
    message_id = messages.new_message_id(current_app.extensions["mail"].host)
    return OutgoingMail.create(
        user=user, to_address=check_address(to), kind=kind[:KIND_LIMIT], subject=subject,
        body_text=text, body_html=html, headers=json.dumps(extra), message_id=message_id,
        next_attempt_at=stored_utc(now), created_at=stored_utc(now))


def as_message(mail, sender):
    """The EmailMessage of a queued mail."""
    return messages.build(sender=sender, to=mail.to_address, subject=mail.subject,
                          text=mail.body_text, html=mail.body_html, message_id=mail.message_id,
                          date=mail.created_at.replace(tzinfo=timezone.utc),
                          headers=mail.extra_headers)


def claim_due(now, *, lease, limit):
    """Claim the mails due at `now` and those a stopped dispatcher left; returns the claimed
    rows (their `claimed_at` is this claim's token)."""
    stamp = stored_utc(now)
    cutoff = stored_utc(now - timedelta(seconds=lease))
    return _take(list(OutgoingMail.waiting(stamp, cutoff, limit)), stamp)


def claim_ids(ids, now):
    """Claim these mails if they are still queued (a send right after commit)."""
    rows = OutgoingMail.select().where(OutgoingMail.id.in_(list(ids))
                                       & (OutgoingMail.status == "queued"))
    return _take(list(rows), stored_utc(now))


def _take(rows, stamp):
    taken = []
    for mail in rows:
        if OutgoingMail.take(mail, stamp):
            mail.status, mail.claimed_at = "claimed", stamp
            taken.append(mail)
    return taken


def still_mine(mail, now):
    """Renew the claim just before sending; False when another dispatcher took it since."""
    stamp = stored_utc(now)
    renewed = (OutgoingMail.update(claimed_at=stamp)
               .where((OutgoingMail.id == mail.id) & (OutgoingMail.status == "claimed")
                      & (OutgoingMail.claimed_at == mail.claimed_at))
               .execute())
    mail.claimed_at = stamp
    return bool(renewed)


def record_sent(mail, now):
    """The server accepted the mail."""
    (OutgoingMail.update(status="sent", sent_at=stored_utc(now), last_error=None,
                         attempts=OutgoingMail.attempts + 1)
     .where(OutgoingMail.id == mail.id).execute())


def record_failure(mail, failure, now):
    """Retry later with back-off, or failed for good (a permanent reply, or waited too long);
    returns the new status."""
    attempts = mail.attempts + 1
    later = None if failure.permanent else next_attempt_after(
        attempts, mail.created_at, stored_utc(now))
    status = "retry" if later else "failed"
    detail = failure.detail if later or failure.permanent else f"gave up: {failure.detail}"
    values = {"status": status, "attempts": attempts, "last_error": detail[:ERROR_LIMIT]}
    if later:
        values["next_attempt_at"] = later
    OutgoingMail.update(**values).where(OutgoingMail.id == mail.id).execute()
    return status
