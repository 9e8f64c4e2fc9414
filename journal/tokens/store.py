"""Personal API tokens in the database: make one, revoke one or all, find the person behind a
bearer token, and a token as the API shows it. Only a hash of each token is ever stored."""
from journal.clock import iso_utc
from journal.models.token import TOKEN_PREFIX, ApiToken, api_token_hash, new_api_token
from journal.tokens.rules import (
    DEFAULT_EXPIRY_DAYS,
    DEFAULT_SCOPES,
    HINT_LENGTH,
    TOKEN_LIMIT,
    clean_expiry,
    clean_scopes,
    clean_token_name,
    expires_at_for,
    is_due_a_note,
    stored_scopes,
)


def create_token(user, name, now, *, scopes=DEFAULT_SCOPES,
                 expires_in_days=DEFAULT_EXPIRY_DAYS):
    """Make a token for the user's own scripts: `scopes` a list such as ["read", "write"],
    `expires_in_days` one of 30, 90, 365 or None (never).

    Returns (api_token, token, {}) or (None, None, {field: message}) with nothing stored. The
    token itself is returned only here: the database keeps its hash and first characters."""
    clean_name, errors = clean_token_name(name, token_count=ApiToken.of(user).count())
    clean_scope_list, scope_errors = clean_scopes(scopes)
    days, expiry_errors = clean_expiry(expires_in_days)
    errors = {**errors, **scope_errors, **expiry_errors}
    if errors:
        return None, None, errors
    token = new_api_token()
    api_token = ApiToken.create(user=user, name=clean_name, token_hash=api_token_hash(token),
                                hint=token[:HINT_LENGTH], created_at=now,
                                scopes=stored_scopes(clean_scope_list),
                                expires_at=expires_at_for(days, now))
    return api_token, token, {}


def has_tokens(user):
    """Whether the user has any personal API token (a password change then offers to revoke
    them: tokens outlive passwords on purpose, so a script keeps working)."""
    return ApiToken.of(user).exists()


def revoke_token(user, token_id):
    """Delete one of the user's tokens; it stops working at once. False when not theirs."""
    api_token = ApiToken.owned(user, token_id)
    if api_token is None:
        return False
    api_token.delete_instance()
    return True


def authenticate(token, now):
    """The ApiToken (with `.user` loaded) this token belongs to, or None.

    An expired token is returned too, so that the answer can say it expired
    (journal.tokens.policy refuses it); only a working token's use is noted, at most once per
    USE_INTERVAL, so scripts don't cost a write each."""
    if not token or len(token) > TOKEN_LIMIT or not token.startswith(TOKEN_PREFIX):
        return None
    api_token = ApiToken.with_hash(api_token_hash(token))
    if (api_token is not None and not api_token.has_expired(now)
            and is_due_a_note(api_token.last_used_at, now)):
        api_token.note_use(now)
    return api_token


def token_to_api(api_token, token=None):
    """A token as the API shows it; the token itself only right after creating it."""
    data = {"id": str(api_token.id), "name": api_token.name, "hint": api_token.hint,
            "scopes": list(api_token.scope_list), "created_at": iso_utc(api_token.created_at),
            "expires_at": iso_utc(api_token.expires_at) if api_token.expires_at else None}
    if token is None:
        data["last_used_at"] = iso_utc(api_token.last_used_at) if api_token.last_used_at else None
    else:
        data["token"] = token
    return data
