"""One-click unsubscribe from a kind of mail (RFC 8058): each reminder, notice or digest mail
carries a signed link naming its person and kind, which switches that kind of mail off
without logging in."""
import uuid

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer

from journal.db import database
from journal.mail.compose import external_url
from journal.models.push import ChannelChoice, Reminder
from journal.models.user import User

SALT = "journal.unsubscribe"

# What a link stops, per kind of mail, as the unsubscribe page says it.
WHAT_STOPS = {
    "digest": _l("the weekly mail about your week"),
    "daily": _l("the daily reminder by e-mail"),
    "weekly_review": _l("the weekly review reminder by e-mail"),
    "summary_shared": _l("mails saying that someone shared a summary with you"),
    "summary_reply": _l("mails saying that your manager replied to your summary"),
    "conv_prepare": _l("mails inviting you to prepare a progress conversation"),
    "conv_eve": _l("mails the day before a progress conversation"),
    "step_proposed": _l("mails saying that someone proposed a next step from your progress "
                        "conversation"),
    "helping_asked": _l("mails saying that someone would like a helping conversation with you"),
    "steering_shared": _l("mails saying that your manager shared an expectation with you"),
    "team_help": _l("mails saying that a teammate would like your help"),
}


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def unsubscribe_token(user, kind):
    """The signed token naming this person and kind of mail."""
    return _serializer().dumps({"u": str(user.id), "k": kind})


def read_token(token):
    """(user id, kind) from a token, or None when it was not made by this app."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not {"u", "k"} <= data.keys():
        return None
    return data["u"], data["k"]


def unsubscribe_url(user, kind):
    """The absolute link that switches this kind of mail off for this person."""
    return external_url("mail_settings.unsubscribe_page", token=unsubscribe_token(user, kind))


def person_and_kind(token):
    """(user, kind) named by a token, or None: a forged or damaged token, a person who deleted
    their account, or a kind of mail this app does not know."""
    found = read_token(token)
    if found is None or found[1] not in WHAT_STOPS:
        return None
    try:
        user_id = uuid.UUID(found[0])
    except (TypeError, ValueError):
        return None
    user = User.get_or_none(User.id == user_id)
    return (user, found[1]) if user is not None else None


def switch_off(user, kind):
    """No more mail of this kind for this person: the weekly mail is turned off; a reminder
    or notice keeps coming by push only. Doing it again changes nothing."""
    with database.atomic():
        if kind == "digest":
            (Reminder.update(enabled=False, next_fire_at=None)
             .where((Reminder.user == user) & (Reminder.kind == kind)).execute())
            return
        (ChannelChoice.insert(user=user, kind=kind, channel="push")
         .on_conflict(conflict_target=[ChannelChoice.user, ChannelChoice.kind],
                      update={ChannelChoice.channel: "push"})
         .execute())
