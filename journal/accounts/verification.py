"""Proving an e-mail address: the mailed link's confirm page (a GET changes nothing, since mail
scanners follow links; the button posts), a new link on request, and moving the account to
another address (confirmed from that address before it counts)."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.accounts import links
from journal.accounts.auth import limit_wait, too_soon, wait_words
from journal.accounts.forms import AddressForm
from journal.clock import current_now
from journal.db import database
from journal.mail import store as mail_store
from journal.mail.sending import send_now_after_commit
from journal.models.user import normalize_email
from journal.refusal import Refusal
from journal.web import status_of

bp = Blueprint("verification", __name__)

# Why a link cannot be used: (HTTP status, what the page says).
PROBLEMS = {
    "not_found": (404, _l("This link is not known here. Check that the whole address from the "
                          "mail was copied, or ask for a new link in your settings.")),
    "used": (410, _l("This link was already used. If you confirmed your address with it, all "
                     "is well: there is nothing more to do.")),
    "expired": (410, _l("This link has expired: a link to confirm an address works for "
                        "%(hours)s hours. Log in and ask for a new one in your settings.",
                        hours=links.hours_of("verify"))),
}


@bp.route("/verify/<token>", methods=["GET", "POST"])
def confirm(token):
    """GET: which address this link confirms, and a button. POST: confirm it, for the account
    the link was made for (whoever is logged in here, if anyone)."""
    now = current_now()
    row, problem = links.open_link(token, "verify", now)
    if problem:
        return _problem_page(problem)
    if request.method == "GET":
        return render_template("auth/verify.html", state="confirm", token=token,
                               address=row.email, new_address=row.email != row.user.email)
    try:
        user, mails = links.confirm_address(row, now)
    except Refusal as refusal:
        if refusal.kind == "gone":  # used or expired since the page was opened
            return _problem_page(links.open_link(token, "verify", now)[1] or "used")
        return render_template("auth/verify.html", state="refused",
                               message=refusal.message), status_of(refusal)
    send_now_after_commit(mails, now)
    return render_template("auth/verify.html", state="done", address=user.email,
                           own=current_user.is_authenticated and current_user.id == user.id)


def _problem_page(problem):
    status, message = PROBLEMS[problem]
    return render_template("auth/verify.html", state="problem", problem=problem,
                           message=message), status


@bp.post("/settings/email/resend")
@login_required
def resend():
    """Mail a new link to confirm the account's address (older ones stop working)."""
    user = current_user._get_current_object()
    if user.email_verified:
        flash(_("Your address is already confirmed."))
        return redirect(url_for("settings.edit"))
    if not mail_store.mail_is_on():
        flash(str(mail_store.OFF))
        return redirect(url_for("settings.edit"))
    limit = current_app.config["VERIFY_RESEND_RATE_LIMIT"]
    if (wait := limit_wait("verify-resend", limit, str(user.id))) is not None:
        message = _("A few links were sent in a short time. Please look for them in your mail "
                    "(and its spam folder), or try again in %(wait)s.", wait=wait_words(wait))
        return too_soon(_address_page(AddressForm(formdata=None), message), wait)
    now = current_now()
    with database.atomic():
        mail = links.mail_verify_link(user, now)
    send_now_after_commit([mail] if mail else [], now)
    flash(_("A new link is on its way to %(email)s. It works for %(hours)s hours.",
            email=user.email, hours=links.hours_of("verify")))
    return redirect(url_for("settings.edit"))


@bp.route("/settings/email", methods=["GET", "POST"])
@login_required
def change():
    """Move the account to another address: the current password, then a link mailed to the new
    address; the account keeps its address until that link is confirmed."""
    form = AddressForm()
    if not mail_store.mail_is_on():
        return _address_page(form), 200 if request.method == "GET" else 503
    if not form.validate_on_submit():
        return _address_page(form), 422 if form.errors else 200
    user = current_user._get_current_object()
    limit = current_app.config["ADDRESS_CHANGE_RATE_LIMIT"]
    if (wait := limit_wait("address-change", limit, str(user.id))) is not None:
        message = _("There were several tries to change the address in a short time. Please "
                    "try again in %(wait)s.", wait=wait_words(wait))
        return too_soon(_address_page(form, message), wait)
    now = current_now()
    try:
        mail = links.request_address_change(user, form.password.data, form.email.data, now)
    except Refusal as refusal:
        getattr(form, refusal.field).errors.append(refusal.message)
        return _address_page(form), 422
    send_now_after_commit([mail] if mail else [], now)
    flash(_("A link is on its way to %(email)s. Open it to confirm the new address; until then "
            "your journal keeps using %(current)s.", email=normalize_email(form.email.data),
            current=user.email))
    return redirect(url_for("settings.edit"))


def _address_page(form, message=None):
    return render_template("settings/email.html", form=form, message=message,
                           mail_on=mail_store.mail_is_on(), off=mail_store.OFF,
                           pending=links.pending_address(current_user, current_now()))
