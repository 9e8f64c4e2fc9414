"""Personal API tokens as pure rules: what makes a token's name valid, and reading the token out
of an `Authorization: Bearer <token>` header."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

NAME_LIMIT = 80
MAX_TOKENS = 20  # per person: plenty for one's own scripts, and a list that stays readable
TOKEN_LIMIT = 100  # real tokens are 46 characters; anything far longer is not worth a lookup
HINT_LENGTH = 7  # "pj_" and four more: enough to tell tokens apart, far too little to guess
USE_INTERVAL = timedelta(minutes=1)  # last_used_at is written at most this often per token


def clean_token_name(name, *, token_count):
    """Check a new token's name; return (clean name, {field: message})."""
    if token_count >= MAX_TOKENS:
        return None, {"name": _l("You already have %(num)s tokens. Revoke one you no longer "
                                 "use first.", num=token_count)}
    if not isinstance(name, str) or not name.strip():
        return None, {"name": _l("Give the token a name, so you know later what it is for.")}
    if len(name.strip()) > NAME_LIMIT:
        return None, {"name": _l("Please keep it under %(limit)s characters.", limit=NAME_LIMIT)}
    return name.strip(), {}


def bearer_token(header):
    """The token in an `Authorization: Bearer <token>` header value; None for no header or
    another scheme (such as Basic), "" for a Bearer header without a usable token."""
    scheme, _, credentials = (header or "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return credentials.strip()


def is_due_a_note(last_used_at, now):
    """Whether a use at `now` is worth writing down (at most once per USE_INTERVAL)."""
    return last_used_at is None or now - last_used_at >= USE_INTERVAL
