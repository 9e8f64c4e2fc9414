"""JSON API: your own data. /api/v1/export, /api/v1/import, and /api/v1/account (delete)."""
from flask import Blueprint, current_app, jsonify, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from journal.accounts.deletion import delete_account
from journal.clock import current_now
from journal.data.export import KINDS, download
from journal.data.importer import ImportStopped, import_document, upload_limit
from journal.web import invalid, json_body, refused

bp = Blueprint("ownership_api", __name__, url_prefix="/api/v1")


@bp.url_value_preprocessor
def _allow_big_imports(endpoint, _values):
    # Runs before the app's before_request hooks, so the larger limit holds for this route only.
    if endpoint == "ownership_api.import_journal":
        request.max_content_length = upload_limit(current_app.config)


@bp.get("/export")
@login_required
def export_journal():
    """Everything of the user's as one JSON document (`?format=csv` or `markdown` for those)."""
    kind = request.args.get("format", "json")
    if kind not in KINDS:
        return invalid({"format": _("Use json, csv or markdown.")})
    return download(current_user, kind, current_now(), str(get_locale()))


@bp.post("/import")
@login_required
def import_journal():
    """Import an export document: all or nothing, idempotent by ids. An import that stops
    halfway answers with how far it got (`error.progress`), everything taken back."""
    try:
        report = import_document(current_user._get_current_object(), json_body(),
                                 current_now(), languages=current_app.config["LANGUAGES"])
    except ImportStopped as stopped:
        response, status = refused(stopped)
        body = response.get_json()
        body["error"]["progress"] = {"done": stopped.done, "total": stopped.total, "kept": 0}
        return jsonify(body), status
    return jsonify(report)


@bp.delete("/account")
@login_required
def delete_own_account():
    """Delete the account and everything in it; `{"password": "..."}` confirms (`{"email": "..."}`
    for an account made by company sign-in, which has no password)."""
    body, user = json_body(), current_user._get_current_object()
    field = "password" if user.has_password else "email"  # an account without a password
    answer = body.get(field)
    if not isinstance(answer, str) or not user.confirms_deletion(answer):
        return invalid({field: _("That is not your password. Your account is still here.")
                        if user.has_password else
                        _("That is not your e-mail address. Your account is still here.")})
    delete_account(user, current_now())
    logout_user()
    return "", 204
