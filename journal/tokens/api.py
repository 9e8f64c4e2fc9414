"""JSON API: /api/v1/tokens, the user's personal API tokens.

Listing works with a token too (names and hints only), but creating and revoking need the
browser session: a leaked token can't mint more tokens or lock its owner's scripts out."""
from functools import wraps

from flask import Blueprint, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.accounts.auth import via_api_token
from journal.models.token import ApiToken
from journal.refusal import Refusal
from journal.tokens.store import create_token, revoke_token, token_to_api
from journal.web import invalid, json_body, not_found, request_now

bp = Blueprint("tokens_api", __name__, url_prefix="/api/v1/tokens")


def session_only(view):
    """Refuse a request authenticated by an API token (403); the browser session may."""
    @wraps(view)
    def guarded(*args, **kwargs):
        if via_api_token():
            raise Refusal("forbidden", _("Tokens can only be made or revoked in the app itself, "
                                         "while you are logged in."), code="session_required")
        return view(*args, **kwargs)
    return guarded


@bp.get("")
@login_required
def list_tokens():
    """The user's tokens, newest first; never the tokens themselves."""
    return jsonify({"items": [token_to_api(t) for t in ApiToken.of(current_user)], "next": None})


@bp.post("")
@login_required
@session_only
def create():
    """Make a token; the response carries it this once."""
    api_token, token, errors = create_token(current_user, json_body().get("name"),
                                            request_now())
    if errors:
        return invalid(errors)
    response = jsonify(token_to_api(api_token, token))
    response.headers["Cache-Control"] = "no-store"
    return response, 201


@bp.delete("/<token_id>")
@login_required
@session_only
def revoke(token_id):
    """Revoke one of the user's tokens: it stops working at once."""
    if not revoke_token(current_user, token_id):
        not_found(_("There is no such token."))
    return "", 204
