"""Settings: personal API tokens, for the user's own scripts and tools. A new token is shown
once, on the page that answers the form; after that only its first characters."""
from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.models.token import ApiToken
from journal.tokens.rules import MAX_TOKENS, NAME_LIMIT
from journal.tokens.store import create_token, revoke_token
from journal.web import request_now

bp = Blueprint("tokens", __name__)


def _render_tokens(errors=None, values=None, status=200):
    return render_template("tokens/index.html", tokens=list(ApiToken.of(current_user)),
                           errors=errors or {}, values=values or {}, name_limit=NAME_LIMIT,
                           max_tokens=MAX_TOKENS), status


@bp.get("/settings/tokens")
@login_required
def index():
    """The user's tokens and the form to make one."""
    return _render_tokens()


@bp.post("/settings/tokens")
@login_required
def create():
    """Make a token and show it, this once; the page is not kept in the browser's cache."""
    name = request.form.get("name", "")
    api_token, token, errors = create_token(current_user, name, request_now())
    if errors:
        return _render_tokens(errors, {"name": name}, status=422)
    response = make_response(render_template("tokens/created.html", api_token=api_token,
                                             token=token))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/settings/tokens/<token_id>/revoke")
@login_required
def revoke(token_id):
    """Revoke one of the user's tokens; scripts using it stop working at once."""
    if not revoke_token(current_user, token_id):
        abort(404)
    flash(_("The token is revoked. Scripts that used it can no longer get in."))
    return redirect(url_for(".index"))
