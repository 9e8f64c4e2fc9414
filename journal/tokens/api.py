"""JSON API: /api/v1/tokens, the user's personal API tokens.

Only with the browser session: a token can't list, make or revoke tokens (the policy in
journal.tokens.rules answers 403 `session_required`), so a leaked token can't mint more or lock
its owner's scripts out."""
from flask import Blueprint, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.models.token import ApiToken
from journal.tokens.rules import DEFAULT_EXPIRY_DAYS, DEFAULT_SCOPES
from journal.tokens.store import create_token, revoke_token, token_to_api
from journal.web import invalid, json_body, not_found, request_now

bp = Blueprint("tokens_api", __name__, url_prefix="/api/v1/tokens")


@bp.get("")
@login_required
def list_tokens():
    """The user's tokens, newest first; never the tokens themselves."""
    return jsonify({"items": [token_to_api(t) for t in ApiToken.of(current_user)], "next": None})


@bp.post("")
@login_required
def create():
    """Make a token; the response carries it this once."""
    body = json_body()
    api_token, token, errors = create_token(
        current_user, body.get("name"), request_now(),
        scopes=body.get("scopes", list(DEFAULT_SCOPES)),
        expires_in_days=body.get("expires_in_days", DEFAULT_EXPIRY_DAYS))
    if errors:
        return invalid(errors)
    response = jsonify(token_to_api(api_token, token))
    response.headers["Cache-Control"] = "no-store"
    return response, 201


@bp.delete("/<token_id>")
@login_required
def revoke(token_id):
    """Revoke one of the user's tokens: it stops working at once."""
    if not revoke_token(current_user, token_id):
        not_found(_("There is no such token."))
    return "", 204
