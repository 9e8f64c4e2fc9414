"""Personal API tokens as pure rules: a token's name, scopes and lifetime, reading the token out
of an `Authorization: Bearer <token>` header, and the policy of which scope each API call needs."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

NAME_LIMIT = 80
MAX_TOKENS = 20  # per person: plenty for one's own scripts, and a list that stays readable
TOKEN_LIMIT = 100  # real tokens are 46 characters; anything far longer is not worth a lookup
HINT_LENGTH = 7  # "pj_" and four more: enough to tell tokens apart, far too little to guess
USE_INTERVAL = timedelta(minutes=1)  # last_used_at is written at most this often per token

# What a token may do: read the journal, add and change things in it, export and import it.
SCOPES = ("read", "write", "data")
DEFAULT_SCOPES = ("read", "write")
# Tokens made before scopes existed keep the rights they always had (see migration 0007).
LEGACY_SCOPES = "read write"
SCOPES_LIMIT = 40  # the stored form, "read write data", with room for one or two more

# Lifetimes in days; None never expires. 90 by default: a forgotten or leaked token stops by
# itself within a quarter, and a script's owner renews it four times a year at most.
EXPIRY_CHOICES = (30, 90, 365, None)
DEFAULT_EXPIRY_DAYS = 90

# What a token needs on an API endpoint, by endpoint ("blueprint.view") or by blueprint; the
# most specific entry wins. SESSION: no token at all, only the browser session.
SESSION = "session"
POLICY = {
    "ownership_api.delete_own_account": SESSION,  # deleting the account
    "ownership_api": "data",  # export and import
    "tokens_api": SESSION,  # a leaked token can't list, mint or revoke tokens
    "sessions_api": SESSION,  # nor see or end the signed-in devices
}
READING_METHODS = ("GET", "HEAD", "OPTIONS")

# Each scope in the words of the settings page, and what a token without it is told.
SCOPE_LABELS = {"read": _l("Read your journal"), "write": _l("Add and change"),
                "data": _l("Export and import")}
SCOPE_MISSING = {"read": _l("This token may not read your journal."),
                 "write": _l("This token may not add or change anything."),
                 "data": _l("This token may not export or import.")}


def scope_needed(endpoint, method):
    """The scope a token needs to call `endpoint` with `method`: "read", "write", "data", or
    SESSION when no token may. Anything the policy does not name needs what its method implies,
    so a new API can never be reached with more than that."""
    blueprint = (endpoint or "").rpartition(".")[0]
    for key in (endpoint, blueprint):
        if key and key in POLICY:
            return POLICY[key]
    return "read" if method.upper() in READING_METHODS else "write"


def parse_scopes(stored):
    """The scopes a token has, from their stored form ("read write")."""
    return tuple(scope for scope in SCOPES if scope in (stored or "").split())


def stored_scopes(scopes):
    """Scopes in their stored form, in the usual order."""
    return " ".join(scope for scope in SCOPES if scope in scopes)


def clean_scopes(value):
    """Check a new token's scopes, a list such as ["read", "data"]; return (scopes in the usual
    order, {field: message})."""
    if (not isinstance(value, (list, tuple)) or not value
            or not all(isinstance(scope, str) and scope in SCOPES for scope in value)):
        return None, {"scopes": _l("Choose at least one thing the token may do.")}
    return parse_scopes(" ".join(value)), {}


def clean_expiry(value):
    """Check a new token's lifetime in days (None: it never expires); return (days,
    {field: message})."""
    if value is None or (type(value) is int and value in EXPIRY_CHOICES):  # not True, not 90.5
        return value, {}
    return None, {"expires_in_days": _l("Choose how long the token works: 30, 90 or 365 days, "
                                        "or with no end date.")}


def expiry_from_form(text):
    """The lifetime a settings form chose: "never", a number of days, or the text as sent (which
    clean_expiry then refuses)."""
    if text == "never":
        return None
    return int(text) if text.isdigit() else text


def expires_at_for(days, now):
    """When a token made at `now` stops working; None when it never does."""
    return None if days is None else now + timedelta(days=days)


def has_expired(expires_at, now):
    """Whether a token with this expiry no longer works at `now`."""
    return expires_at is not None and now >= expires_at


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
