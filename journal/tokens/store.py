"""Personal API tokens on the models: make one, list them, revoke one, and find the user behind
an `Authorization: Bearer <token>` header. Only a hash of each token is ever stored."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from journal.clock import iso_utc
from journal.models.sharing import parse_uuid
from journal.models.token import TOKEN_PREFIX, ApiToken, api_token_hash, new_api_token
from journal.models.user import User

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


def tokens_of(user):
    """The user's tokens, newest first."""
    return list(ApiToken.select()
                .where(ApiToken.user == user)
                .order_by(ApiToken.created_at.desc(), ApiToken.name))


def create_token(user, name, now):
    """Make a token for the user's own scripts.

    Returns (api_token, token, {}) or (None, None, {field: message}) with nothing stored. The
    token itself is returned only here: the database keeps its hash and first characters."""
    count = ApiToken.select().where(ApiToken.user == user).count()
    clean, errors = clean_token_name(name, token_count=count)
    if errors:
        return None, None, errors
    token = new_api_token()
    api_token = ApiToken.create(user=user, name=clean, token_hash=api_token_hash(token),
                                hint=token[:HINT_LENGTH], created_at=now)
    return api_token, token, {}


def owned_token(user, token_id):
    """The user's token with this id, or None (also for someone else's)."""
    token_uuid = parse_uuid(token_id)
    if token_uuid is None:
        return None
    return ApiToken.get_or_none((ApiToken.id == token_uuid) & (ApiToken.user == user))


def revoke_token(user, token_id):
    """Delete one of the user's tokens; it stops working at once. False when not theirs."""
    api_token = owned_token(user, token_id)
    if api_token is None:
        return False
    api_token.delete_instance()
    return True


def authenticate(token, now):
    """The ApiToken (with `.user` loaded) this token belongs to, or None.

    Notes when it was used, at most once per USE_INTERVAL, so scripts don't cost a write each."""
    if not token or len(token) > TOKEN_LIMIT or not token.startswith(TOKEN_PREFIX):
        return None
    api_token = (ApiToken.select(ApiToken, User).join(User)
                 .where(ApiToken.token_hash == api_token_hash(token)).first())
    if api_token is None:
        return None
    if api_token.last_used_at is None or now - api_token.last_used_at >= USE_INTERVAL:
        api_token.last_used_at = now
        ApiToken.update(last_used_at=now).where(ApiToken.id == api_token.id).execute()
    return api_token


def token_to_api(api_token, token=None):
    """A token as the API shows it; the token itself only right after creating it."""
    data = {"id": str(api_token.id), "name": api_token.name, "hint": api_token.hint,
            "created_at": iso_utc(api_token.created_at)}
    if token is None:
        data["last_used_at"] = iso_utc(api_token.last_used_at) if api_token.last_used_at else None
    else:
        data["token"] = token
    return data
