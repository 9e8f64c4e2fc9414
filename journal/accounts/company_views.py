"""Company sign-in pages: /login/oidc sends the person to the identity provider, the callback
opens (or makes) their journal, /login/oidc/link links a password account after its password,
and /logout/oidc offers the provider's own log-out."""
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from journal.accounts import company, sessions, sign_in_cookie
from journal.accounts.auth import LOGIN_FAILED, limiter, too_soon, wait_words
from journal.accounts.limits import note_failure, note_success, wait_before_login
from journal.accounts.provider import (
    ProviderProblem,
    allows,
    configured_issuer,
    finish,
    logout_url,
    provider_name,
    start,
    take_logout_hint,
)
from journal.clock import current_now, is_timezone
from journal.i18n import first_name, select_locale
from journal.mail.sending import send_now_after_commit
from journal.models import User
from journal.refusal import Refusal
from journal.security import is_safe_next
from journal.web import request_now, status_of

bp = Blueprint("company", __name__)

# The cookies of a sign-in in progress (journal.accounts.sign_in_cookie), and how long each
# waits: for the person at the provider's pages, and for the password of a found account.
STARTED, STARTED_SECONDS = "journal_sign_in", 900
LINKING, LINKING_SECONDS = "journal_link", 600
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
    """Send the person to the provider. What its answer must match, their device's time zone
    (`timezone`, filled in by the login page), the page's language and `next` wait in a cookie
    of their own for the way back."""
    if current_user.is_authenticated:
        return redirect(url_for("entries.index"))
    try:
        url, expected = start(_external("company.callback"),
                              again=bool(request.args.get("again")))
    except ProviderProblem as problem:
        return _problem(problem.kind)
    target, zone = request.args.get("next"), request.args.get("timezone")
    expected.update(next=target if is_safe_next(target) else None,
                    timezone=zone if is_timezone(zone) else "UTC", language=select_locale())
    return sign_in_cookie.write(redirect(url), STARTED, expected, STARTED_SECONDS)


@bp.get("/login/oidc/callback")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
def callback():
    """The provider's answer: open the person's journal, make it, or ask for the password of
    the account that has their address. Pages answer in the language the sign-in began in;
    the sign-in's cookie is used up either way."""
    if current_user.is_authenticated:
        return redirect(url_for("entries.index"))
    begun = sign_in_cookie.read(STARTED, STARTED_SECONDS)
    with force_locale((begun or {}).get("language") or select_locale()):
        return sign_in_cookie.clear(make_response(_answer(begun)), STARTED)


def _answer(begun):
    try:
        person, id_token = finish(begun)
    except ProviderProblem as problem:
        current_app.logger.info("company sign-in refused: %s", problem)
        return _problem(problem.kind)
    issuer, now = configured_issuer(), current_now()
    user = company.find_linked(issuer, person["sub"], now)
    if user is not None:
        return _signed_in(user, id_token, begun["next"])
    try:
        if company.account_to_link(issuer, person) is not None:
            waiting = {"person": person, "next": begun["next"]}
            return sign_in_cookie.write(redirect(url_for(".link")), LINKING, waiting,
                                        LINKING_SECONDS)
        user, mails = company.create_account(issuer, person, now=now,
                                             language=begun["language"],
                                             timezone=begun["timezone"])
    except Refusal as refusal:
        return _refused(refusal)
    send_now_after_commit(mails, now)
    with force_locale(user.language):
        flash(_("Welcome, %(name)s. Your journal is ready.", name=first_name(user.display_name)))
    return _signed_in(user, id_token, begun["next"])


@bp.route("/login/oidc/link", methods=["GET", "POST"])
def link():
    """A journal here has the address the provider gave: its password, once, links the two.
    Wrong passwords count towards the same waits as on the login page."""
    if current_user.is_authenticated:
        return redirect(url_for("entries.index"))
    waiting = sign_in_cookie.read(LINKING, LINKING_SECONDS)
    if waiting is None:
        return _problem("expired")
    person = waiting["person"]
    page = {"email": person["email"], "provider": provider_name(), "message": None}
    if request.method == "GET":
        return render_template("auth/company_link.html", **page)
    now, address = request_now(), request.remote_addr
    if wait := wait_before_login(address, person["email"], now):
        page["message"] = _("There were several attempts to log in to this account from here. "
                            "To keep it safe, please wait %(wait)s and try again.",
                            wait=wait_words(wait))
        return too_soon(render_template("auth/company_link.html", **page), wait)
    user = User.authenticate(person["email"], request.form.get("password", ""))
    if user is None:
        note_failure(address, person["email"], now)
        page["message"] = LOGIN_FAILED
        return render_template("auth/company_link.html", **page), 422
    note_success(address, person["email"])
    try:
        company.link(user, configured_issuer(), person, current_now())
    except Refusal as refusal:
        return _refused(refusal)
    with force_locale(user.language):
        flash(_("From now on, “Sign in with %(provider)s” opens this journal.",
                provider=provider_name()))
    return sign_in_cookie.clear(_signed_in(user, None, waiting["next"]), LINKING)


@bp.get("/login/oidc/cancel")
def cancel():
    """Leave the linking page without linking anything."""
    return sign_in_cookie.clear(redirect(url_for("auth.login")), LINKING)


@bp.get("/logout/oidc")
def provider_logout():
    """After logging out here: the provider's own log-out page, which comes back to ours."""
    hint = take_logout_hint()
    url = logout_url(hint, _external("auth.login")) if hint is not None else None
    return redirect(url or url_for("auth.login"))


def _signed_in(user, id_token, target):
    sessions.sign_in(user, remember=True, provider_hint=id_token or "")
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
