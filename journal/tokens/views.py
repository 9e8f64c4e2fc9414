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
from flask_babel import ngettext
from flask_login import current_user, login_required

from journal.models.token import ApiToken
from journal.tokens.rules import (
    DEFAULT_EXPIRY_DAYS,
    DEFAULT_SCOPES,
    EXPIRY_CHOICES,
    MAX_TOKENS,
    NAME_LIMIT,
    SCOPE_LABELS,
    expiry_from_form,
)
from journal.tokens.store import create_token, revoke_token
from journal.web import request_now

bp = Blueprint("tokens", __name__)

NEW_TOKEN = {"name": "", "scopes": DEFAULT_SCOPES, "expires_in_days": str(DEFAULT_EXPIRY_DAYS)}


def _render_tokens(errors=None, values=None, status=200):
    return render_template("tokens/index.html", tokens=list(ApiToken.of(current_user)),
                           errors=errors or {}, values=values or NEW_TOKEN, now=request_now(),
                           name_limit=NAME_LIMIT, max_tokens=MAX_TOKENS,
                           scope_labels=SCOPE_LABELS, expiry_choices=EXPIRY_CHOICES), status


@bp.get("/settings/tokens")
@login_required
def index():
    """The user's tokens and the form to make one."""
    return _render_tokens()


@bp.post("/settings/tokens")
@login_required
def create():
    """Make a token and show it, this once; the page is not kept in the browser's cache."""
    values = {"name": request.form.get("name", ""), "scopes": request.form.getlist("scopes"),
              "expires_in_days": request.form.get("expires_in_days",
                                                  NEW_TOKEN["expires_in_days"])}
    api_token, token, errors = create_token(
        current_user, values["name"], request_now(), scopes=values["scopes"],
        expires_in_days=expiry_from_form(values["expires_in_days"]))
    if errors:
        return _render_tokens(errors, values, status=422)
    response = make_response(render_template("tokens/created.html", api_token=api_token,
                                             token=token, scope_labels=SCOPE_LABELS))
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


@bp.post("/settings/tokens/revoke-all")
@login_required
def revoke_all():
    """Revoke every token of the user at once (after a password change, say)."""
    count = ApiToken.revoke_all(current_user)
    if count:
        flash(ngettext("Your token is revoked. Scripts that used it can no longer get in.",
                       "All %(num)s tokens are revoked. Scripts that used them can no longer "
                       "get in.", count))
    else:
        flash(_("You have no tokens, so there was nothing to revoke."))
    return redirect(url_for(".index"))
