"""Forgotten passwords: ask for a link by address, then choose a new password through it.

The request page answers the same, word for word, for every address, and does the same work
while answering: finding the account, making the link and sending the mail all happen after
the response has gone (so neither the words nor the time tell whether an address has an
account). It is limited per client (a page that says how long to wait) and per address (more
requests get the same answer, and no more mail)."""
import logging

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
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from journal.accounts import links, sessions
from journal.accounts.auth import limit_wait, too_soon, wait_words
from journal.accounts.forms import PASSWORD_MIN, ForgotForm, ResetForm
from journal.accounts.provider import allows
from journal.accounts.rules import address_key, address_of
from journal.clock import current_now
from journal.db import database
from journal.mail import store as mail_store
from journal.mail.sending import send_now_after_commit
from journal.models.user import normalize_email
from journal.refusal import Refusal
from journal.web import after_response

log = logging.getLogger(__name__)
bp = Blueprint("recovery", __name__, url_prefix="/password")

# Why a reset link cannot be used: (HTTP status, what the page says).
PROBLEMS = {
    "not_found": (404, _l("This link is not known here. Check that the whole address from the "
                          "mail was copied, or ask for a new link.")),
    "used": (410, _l("This link was already used: each link works only once. If you still "
                     "need a new password, ask for a new link.")),
    "expired": (410, _l("This link has expired: a link to choose a new password works for one "
                        "hour. Ask for a new one; it arrives within a minute or two.")),
}


@bp.before_request
def _only_with_passwords():
    if not allows("password"):
        abort(404)  # LOGIN_METHODS=oidc: passwords are the company's business


@bp.route("/forgot", methods=["GET", "POST"])
def forgot():
    """Ask for a link to choose a new password; the same answer for any address."""
    if not mail_store.mail_is_on():
        return _forgot_page("off", None), 200 if request.method == "GET" else 503
    form = ForgotForm()
    if not form.validate_on_submit():
        return _forgot_page("ask", form), 422 if form.errors else 200
    client_limit = current_app.config["RESET_CLIENT_RATE_LIMIT"]
    if (wait := limit_wait("reset-client", client_limit,
                           address_of(request.remote_addr))) is not None:
        message = _("Many new passwords were asked for from this network. Please try again in "
                    "%(wait)s.", wait=wait_words(wait))
        return too_soon(_forgot_page("ask", form, message), wait)
    address = normalize_email(form.email.data)
    address_limit = current_app.config["RESET_ADDRESS_RATE_LIMIT"]
    if limit_wait("reset-address", address_limit, address_key(address)) is None:
        after_response(_mail_reset_link, address, current_now())
    return _forgot_page("sent", None)


def _forgot_page(state, form, message=None):
    return render_template("auth/forgot.html", state=state, form=form, message=message,
                           off=mail_store.OFF)


def _mail_reset_link(address, now):
    try:
        with database.atomic():
            mail = links.mail_reset_link(address, now)
    except Refusal as refusal:  # an address no mail can go to (made before addresses were checked)
        log.warning("no reset link mailed: %s", refusal.code or refusal.kind)
        return
    send_now_after_commit([mail] if mail else [], now)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token):
    """GET: a form for the new password. POST: set it, log out everywhere, log in here."""
    now = current_now()
    row, problem = links.open_link(token, "reset", now)
    if problem:
        return _problem_page(problem)
    form = ResetForm()
    if not form.validate_on_submit():
        return render_template("auth/reset.html", state="form", form=form, address=row.email,
                               minimum=PASSWORD_MIN), 422 if form.errors else 200
    try:
        user, mails, revoked = links.reset_password(row, form.password.data, now)
    except Refusal:  # used or expired since the form was opened
        return _problem_page(links.open_link(token, "reset", now)[1] or "used")
    send_now_after_commit(mails, now)
    if current_user.is_authenticated:
        sessions.sign_out()  # whoever was logged in on this device, this account or another
    sessions.sign_in(user, remember=False)
    _say_done(user, revoked)
    return redirect(url_for("entries.index"))


def _problem_page(problem):
    status, message = PROBLEMS[problem]
    return render_template("auth/reset.html", state="problem", problem=problem,
                           message=message), status


def _say_done(user, revoked):
    with force_locale(user.language):
        flash(_("Your new password is set and you are logged in. Every other device was "
                "logged out."))
        if revoked:
            flash(ngettext("Your personal API token was revoked too. Make a new one in your "
                           "settings if a script needs it.",
                           "Your %(num)d personal API tokens were revoked too. Make new ones in "
                           "your settings if your scripts need them.", revoked))
