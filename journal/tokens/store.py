"""Personal API tokens in the database: make one, revoke one, find the person behind a bearer
token, and a token as the API shows it. Only a hash of each token is ever stored."""
from journal.clock import iso_utc
from journal.models.token import TOKEN_PREFIX, ApiToken, api_token_hash, new_api_token
from journal.tokens.rules import HINT_LENGTH, TOKEN_LIMIT, clean_token_name, is_due_a_note


def create_token(user, name, now):
    """Make a token for the user's own scripts.

    Returns (api_token, token, {}) or (None, None, {field: message}) with nothing stored. The
    token itself is returned only here: the database keeps its hash and first characters."""
    clean, errors = clean_token_name(name, token_count=ApiToken.of(user).count())
    if errors:
        return None, None, errors
    token = new_api_token()
    api_token = ApiToken.create(user=user, name=clean, token_hash=api_token_hash(token),
                                hint=token[:HINT_LENGTH], created_at=now)
    return api_token, token, {}


def revoke_token(user, token_id):
    """Delete one of the user's tokens; it stops working at once. False when not theirs."""
    api_token = ApiToken.owned(user, token_id)
    if api_token is None:
        return False
    api_token.delete_instance()
    return True


def authenticate(token, now):
    """The ApiToken (with `.user` loaded) this token belongs to, or None.

    Notes when it was used, at most once per USE_INTERVAL, so scripts don't cost a write each."""
    if not token or len(token) > TOKEN_LIMIT or not token.startswith(TOKEN_PREFIX):
        return None
    api_token = ApiToken.with_hash(api_token_hash(token))
    if api_token is not None and is_due_a_note(api_token.last_used_at, now):
        api_token.note_use(now)
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
