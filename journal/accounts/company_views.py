"""Company sign-in pages: /login/oidc sends the person to the identity provider, the callback
opens (or makes) their journal, /login/oidc/link links a password account after its password,
and /logout/oidc offers the provider's own log-out."""
import time

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask import session as cookie_session
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from journal.accounts import company, sessions
from journal.accounts.auth import LOGIN_FAILED, limiter, too_soon, wait_words
from journal.accounts.limits import note_failure, note_success, wait_before_login
from journal.accounts.provider import (
    ProviderProblem,
    allows,
    configured_issuer,
    finish,
    logout_url,
    provider_name,
    remember_sign_in,
    start,
    take_logout_hint,
)
from journal.clock import current_now, is_timezone
from journal.i18n import select_locale
from journal.mail.sending import send_now_after_commit
from journal.refusal import Refusal
from journal.security import is_safe_next
from journal.web import request_now, status_of

bp = Blueprint("company", __name__)

START, PENDING = "company_start", "company_pending"

PENDING_SECONDS = 600  # how long a found account waits for its password
PROBLEMS = {
    "refused": (_l("%(provider)s did not let you in"),
                _l("Your sign-in was cancelled or refused, or its answer could not be trusted. "
                   "Nothing changed in your journal. Try again, or ask your IT department if "
                   "it keeps happening."), 403),
    "unreachable": (_l("%(provider)s cannot be reached"),
                    _l("The sign-in service did not answer. Please try again in a few minutes."),
                    502),
    "expired": (_l("This sign-in is no longer valid"),
                _l("It was started in another window or browser, took too long, or was "
                   "already used. Please start again."), 400),
}


@bp.before_request
def _only_when_on():
    if not allows("oidc"):
        abort(404)


@bp.get("/login/oidc")
def begin():
    """Send the person to the provider; their device's time zone (`timezone`, filled in by the
    login page), the page's language and `next` wait in the session for the way back."""
    if current_user.is_authenticated:
        return redirect(url_for("entries.index"))
    target, zone = request.args.get("next"), request.args.get("timezone")
    cookie_session[START] = {"next": target if is_safe_next(target) else None,
                             "timezone": zone if is_timezone(zone) else "UTC",
                             "language": select_locale()}
    cookie_session.pop(PENDING, None)
    try:
        return start(_external("company.callback"), again=bool(request.args.get("again")))
    except ProviderProblem as problem:
        return _problem(problem.kind)


@bp.get("/login/oidc/callback")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
def callback():
    """The provider's answer: open the person's journal, make it, or ask for the password of
    the account that has their address. Pages answer in the language the sign-in began in."""
    if current_user.is_authenticated:
        return redirect(url_for("entries.index"))
    begun = cookie_session.pop(START, None) or {}
    with force_locale(begun.get("language") or select_locale()):
        return _answer(begun)


def _answer(begun):
    try:
        person, id_token = finish()
    except ProviderProblem as problem:
        current_app.logger.info("company sign-in refused: %s", problem)
        return _problem(problem.kind)
    issuer, now = configured_issuer(), current_now()
    user = company.find_linked(issuer, person["sub"], now)
    if user is not None:
        return _signed_in(user, id_token, begun.get("next"))
    try:
        if company.account_to_link(issuer, person) is not None:
            cookie_session[PENDING] = {"person": person, "until": time.time() + PENDING_SECONDS,
                                       "next": begun.get("next")}
            return redirect(url_for(".link"))
        user, mails = company.create_account(issuer, person, now=now,
                                             language=begun.get("language") or select_locale(),
                                             timezone=begun.get("timezone") or "UTC")
    except Refusal as refusal:
        return _refused(refusal)
    send_now_after_commit(mails, now)
    with force_locale(user.language):
        flash(_("Welcome, %(name)s. Your journal is ready.", name=user.display_name))
    return _signed_in(user, id_token, begun.get("next"))


@bp.route("/login/oidc/link", methods=["GET", "POST"])
def link():
    """A journal here has the address the provider gave: its password, once, links the two.
    Wrong passwords count towards the same waits as on the login page."""
    if current_user.is_authenticated:
        return redirect(url_for("entries.index"))
    pending = cookie_session.get(PENDING)
    if not pending or pending.get("until", 0) < time.time():
        cookie_session.pop(PENDING, None)
        return _problem("expired")
    person = pending["person"]
    page = {"email": person["email"], "provider": provider_name(), "message": None}
    if request.method == "GET":
        return render_template("auth/company_link.html", **page)
    now, address = request_now(), request.remote_addr
    if wait := wait_before_login(address, person["email"], now):
        page["message"] = _("There were several attempts to log in to this account from here. "
                            "To keep it safe, please wait %(wait)s and try again.",
                            wait=wait_words(wait))
        return too_soon(render_template("auth/company_link.html", **page), wait)
    user = company.User.authenticate(person["email"], request.form.get("password", ""))
    if user is None:
        note_failure(address, person["email"], now)
        page["message"] = LOGIN_FAILED
        return render_template("auth/company_link.html", **page), 422
    note_success(address, person["email"])
    try:
        company.link(user, configured_issuer(), person, current_now())
    except Refusal as refusal:
        return _refused(refusal)
    cookie_session.pop(PENDING, None)
    with force_locale(user.language):
        flash(_("From now on, “Sign in with %(provider)s” opens this journal.",
                provider=provider_name()))
    return _signed_in(user, None, pending.get("next"))


@bp.get("/login/oidc/cancel")
def cancel():
    """Leave the linking page without linking anything."""
    cookie_session.pop(PENDING, None)
    return redirect(url_for("auth.login"))


@bp.get("/logout/oidc")
def provider_logout():
    """After logging out here: the provider's own log-out page, which comes back to ours."""
    hint = take_logout_hint()
    url = logout_url(hint, _external("auth.login")) if hint is not None else None
    return redirect(url or url_for("auth.login"))


def _signed_in(user, id_token, target):
    sessions.sign_in(user, remember=True)
    remember_sign_in(id_token)
    return redirect(target if is_safe_next(target) else url_for("entries.index"))


def _refused(refusal):
    """The address is missing, or the account that has it signs in another way."""
    return _problem(None, refusal.message, status_of(refusal))


def _problem(kind, message=None, status=None):
    if kind in PROBLEMS:
        title, text, status = PROBLEMS[kind]
    else:
        title, text = _l("We could not open your journal"), message
    provider = provider_name()
    title = str(title % {"provider": provider})
    return render_template("auth/company_problem.html", title=title[:1].upper() + title[1:],
                           text=text, provider=provider), status


def _external(endpoint):
    """An absolute address of ours for the provider: on PUBLIC_URL when set (behind a proxy
    the request's own host may not be the one people use)."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public.rstrip("/") + url_for(endpoint)
    return url_for(endpoint, _external=True)
