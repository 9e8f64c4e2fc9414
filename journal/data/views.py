"""Settings: "Your data". Download everything, bring an export back, or delete the account."""
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from journal.accounts.deletion import delete_account
from journal.clock import current_now
from journal.data.export import KINDS, download
from journal.data.importer import import_document, parse_upload, upload_limit
from journal.refusal import Refusal
from journal.web import status_of

bp = Blueprint("data", __name__, url_prefix="/settings/data")
SHOWN_PROBLEMS = 10


@bp.url_value_preprocessor
def _allow_big_imports(endpoint, _values):
    # Runs before the app's before_request hooks, the first to read the body (the CSRF check),
    # so the larger limit holds for this one route only.
    if endpoint == "data.import_file":
        request.max_content_length = upload_limit(current_app.config)


def _render_page(problem=None, status=200):
    return render_template("data/index.html", problem=problem,
                           limit_mib=upload_limit(current_app.config) // (1024 * 1024)), status


@bp.get("")
@login_required
def index():
    """The three downloads, the import form, and the way to delete the account."""
    return _render_page()


@bp.get("/export")
@login_required
def export():
    """Download everything as JSON, the entries as CSV, or the journal as Markdown
    (`?format=json|csv|markdown`)."""
    kind = request.args.get("format", "json")
    if kind not in KINDS:
        abort(404)
    return download(current_user, kind, current_now(), str(get_locale()))


@bp.post("/import")
@login_required
def import_file():
    """Bring back a JSON export: all of it, or, when anything is wrong, nothing."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _render_page({"message": _("Choose the file to import first."), "fields": {}}, 422)
    try:
        report = import_document(current_user._get_current_object(), parse_upload(upload.read()),
                                 current_now(), languages=current_app.config["LANGUAGES"])
    except Refusal as refusal:
        fields = dict(list(refusal.fields.items())[:SHOWN_PROBLEMS])
        return _render_page({"message": refusal.message, "fields": fields,
                             "more": len(refusal.fields) - len(fields)}, status_of(refusal))
    counts = [report[section] for section in ("entries", "reviews", "goals", "summaries",
                                              "checklists")]
    # Counted on what was already here: Dutch says "1 was er al" but "56 waren er al".
    flash(ngettext("Your export is imported, %(done)s of %(total)s: %(added)s added, "
                   "%(updated)s brought up to date, %(num)s already here.",
                   "Your export is imported, %(done)s of %(total)s: %(added)s added, "
                   "%(updated)s brought up to date, %(num)s already here.",
                   sum(c["unchanged"] for c in counts),
                   done=report["progress"]["done"], total=report["progress"]["total"],
                   added=sum(c["added"] for c in counts),
                   updated=sum(c["updated"] for c in counts)))
    return redirect(url_for(".index"))


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete():
    """Delete the account for good, after the password is typed once more."""
    if request.method == "GET":
        return render_template("data/delete.html", error=None)
    user = current_user._get_current_object()
    if not user.confirms_deletion(request.form.get("password", "")):
        error = (_("That is not your password. Your account is still here.")
                 if user.has_password else
                 _("That is not your e-mail address. Your account is still here."))
        return render_template("data/delete.html", error=error), 422
    goodbye = _("Your account is deleted, with everything in it. Take good care.")
    delete_account(user, current_now())
    logout_user()
    flash(goodbye)
    return redirect(url_for("auth.login"))
