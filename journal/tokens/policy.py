"""What a personal API token may do. Before every API request a token authenticates (the bearer
loader in journal.accounts.auth has set `g.api_token`), the token's expiry and scopes are checked
against the one policy, journal.tokens.rules.scope_needed."""
from flask import g, request
from flask_babel import gettext as _

from journal.tokens.rules import SCOPE_MISSING, SESSION, scope_needed
from journal.web import json_error, request_now


def check_token():
    """Refuse the request when its token expired (401), may not be used here at all (403
    `session_required`) or lacks the scope this call needs (403 `insufficient_scope`)."""
    api_token = g.get("api_token")
    if api_token is None:
        return None
    if api_token.has_expired(request_now()):
        return _expired()
    if request.endpoint is None:  # no such route: the usual 404 or 405 says so
        return None
    needed = scope_needed(request.endpoint, request.method)
    if needed == SESSION:
        return json_error(403, "session_required", _(
            "This can only be done in the app itself, while you are logged in, not with an "
            "API token."))
    if needed not in api_token.scope_list:
        return _insufficient(needed)
    return None


def _expired():
    response, status = json_error(401, "unauthorized", _(
        "This API token has expired. You can make a new one in your settings, under Personal "
        "API tokens."))
    response.headers["WWW-Authenticate"] = ('Bearer error="invalid_token", '
                                            'error_description="The token expired"')
    return response, status


def _insufficient(needed):
    message = "{} {}".format(SCOPE_MISSING[needed], _(
        "You can make a token that is allowed to do this in your settings, under Personal API "
        "tokens."))
    response, status = json_error(403, "insufficient_scope", message)
    response.headers["WWW-Authenticate"] = f'Bearer error="insufficient_scope", scope="{needed}"'
    return response, status


def init_app(app):
    """Check every token-authenticated request; runs after the bearer loader, which must be
    registered first (journal.accounts comes before journal.tokens in FEATURES)."""
    loaders = app.before_request_funcs.get(None, [])
    if not any(hook.__module__ == "journal.accounts.auth" for hook in loaders):
        raise RuntimeError("journal.accounts must be set up before journal.tokens: the token "
                           "policy checks the token that the bearer loader found")
    app.before_request(check_token)
