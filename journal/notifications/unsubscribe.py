"""One-click unsubscribe from a kind of mail (RFC 8058): each reminder, notice or digest mail
carries a signed link naming its person and kind, which switches that kind of mail off
without logging in."""
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from journal.mail.compose import public_base

SALT = "journal.unsubscribe"


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
    return f"{public_base()}/mail/unsubscribe/{unsubscribe_token(user, kind)}"
