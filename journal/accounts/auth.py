"""Accounts: sign up, log in, log out, change password."""
import time
from datetime import timedelta
from math import ceil

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user, login_required
from limits import parse_many

from journal.accounts import company, links, sessions
from journal.accounts.forms import FirstPasswordForm, LoginForm, PasswordForm, SignupForm
from journal.accounts.limits import note_failure, note_success, wait_before_login
from journal.accounts.provider import allows, logout_offer, provider_name, remember_logout
from journal.accounts.rules import wait_to_show
from journal.accounts.store import end_other_sessions
from journal.clock import current_now, stored_utc
from journal.db import database
from journal.i18n import first_name, select_locale
from journal.mail.sending import send_now_after_commit
from journal.models import User
from journal.security import api_bearer_token, is_safe_next
from journal.tokens import store as api_tokens
from journal.web import json_error, request_now, wants_json

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
limiter = Limiter(get_remote_address)

LOGIN_FAILED = _l("That e-mail address and password do not match. Check both and try again.")


@login_manager.unauthorized_handler
def unauthorized():
    """API callers get a JSON 401; people are sent to the login page and back."""
    if wants_json():
        return json_error(401, "unauthorized", _("Log in to continue."))
    next_path = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth.login", next=next_path))


def _load_bearer_user():
    """An API request with `Authorization: Bearer` is that token's user, or answered 401 at once.

    Flask-Login's request_loader runs only when there is no session or remember cookie, so it
    could fall back to a cookie; setting the request's user here never does."""
    token = api_bearer_token()
    if token is None:
        return None
    api_token = api_tokens.authenticate(token, request_now())
    if api_token is None:
        login_manager._update_request_context_with_user()  # anonymous, even with a cookie
        response, status = json_error(401, "unauthorized", _(
            "This API token does not work. It may have been revoked: you can make a new one "
            "in your settings."))
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response, status
    g.api_token = api_token
    login_manager._update_request_context_with_user(api_token.user)
    return None


def via_api_token():
    """True when this request was authenticated by a personal API token, not the session."""
    return g.get("api_token") is not None


def _login_rate_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def limit_wait(name, limits, *key):
    """Count one hit of `name` for this key against `limits` ("3 per hour"): None while within
    them, else how long until another is allowed. (In the limiter's storage, shared by every
    worker when RATELIMIT_STORAGE_URI says so.)"""
    if not limiter.enabled:
        return None
    # The key prefix keeps apps that share one store (RATELIMIT_KEY_PREFIX) apart.
    key = (current_app.config.get("RATELIMIT_KEY_PREFIX", ""), name, *key)
    strategy = limiter.limiter
    breached = [limit for limit in parse_many(limits) if not strategy.hit(limit, *key)]
    if not breached:
        return None
    reset = max(strategy.get_window_stats(limit, *key).reset_time for limit in breached)
    return timedelta(seconds=max(1, reset - time.time()))


def _signup_wait():
    """Count this sign-up attempt for the client's address: None while within
    SIGNUP_RATE_LIMIT, else how long until it may try again."""
    return limit_wait("signup", current_app.config["SIGNUP_RATE_LIMIT"], get_remote_address())


def wait_words(wait):
    """A wait as a person reads it ("2 minutes"), never shorter than it is."""
    return format_timedelta(wait_to_show(wait), threshold=1, add_direction=False)


def too_soon(page, wait):
    """429 with the page that says how long to wait, and Retry-After for the browser."""
    response = make_response(page, 429)
    response.headers["Retry-After"] = str(ceil(wait.total_seconds()))
    return response


def init_app(app):
    """Bind Flask-Login (on server-side sessions) and the login rate limiter."""
    login_manager.init_app(app)
    login_manager.user_loader(sessions.load_user)
    # Sessions are rows of their own, ended by logging out: they are not tied to the client's
    # address ("strong" would log phones out on every change of network), and "basic" only
    # marks a session not fresh when the address changes.
    login_manager.session_protection = "basic"
    app.before_request(_load_bearer_user)
    limiter.init_app(app)


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    """Create an account and log straight in."""
    if not allows("password"):
        abort(404)  # accounts come from the company's sign-in
    if current_user.is_authenticated:
        return redirect(url_for("entries.index"))
    form = SignupForm().fill_timezones()
    if request.method == "GET":
        form.language.data = form.language.data or select_locale()
        form.timezone.data = form.timezone.data or "UTC"
    elif (wait := _signup_wait()) is not None:
        message = _("Many journals were just made from this network. Please try again in "
                    "%(wait)s.", wait=wait_words(wait))
        return too_soon(render_template("auth/signup.html", form=form, message=message), wait)
    if form.validate_on_submit():
        now = current_now()
        with database.atomic():
            user = User.sign_up(email=form.email.data, password=form.password.data,
                                display_name=form.display_name.data, timezone=form.timezone.data,
                                language=form.language.data, now=stored_utc(now))
            mail = links.mail_verify_link(user, now) if user is not None else None
        if user is not None:
            send_now_after_commit([mail] if mail else [], now)
            sessions.sign_in(user, remember=True)
            with force_locale(user.language):  # the page's language was chosen before sign-up
                flash(_("Welcome, %(name)s. Your journal is ready.",
                        name=first_name(user.display_name)))
                if mail:
                    flash(_("We sent a link to %(email)s: open it to confirm your address.",
                            email=user.email))
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for("entries.index"))
        form.email.errors.append(_("This e-mail address already has an account. Log in instead?"))
    return render_template("auth/signup.html", form=form, message=None), \
        422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def login():
    """Log in; the same answer for an unknown e-mail and a wrong password. Only failures count
    towards a wait, for this address on this account (journal.accounts.rules)."""
    if current_user.is_authenticated:
        return redirect(url_for("entries.index"))
    form = LoginForm()
    if request.method == "POST" and not allows("password"):
        message = _("Passwords are not used here: sign in with %(provider)s.",
                    provider=provider_name())
        return _login_page(form, message, 403)
    if not form.validate_on_submit():
        return _login_page(form, None, 422 if form.errors else 200)
    now, address, email = request_now(), request.remote_addr, form.email.data
    wait = wait_before_login(address, email, now)
    if wait:
        message = _("There were several attempts to log in to this account from here. To keep "
                    "it safe, please wait %(wait)s and try again.", wait=wait_words(wait))
        return too_soon(render_template("auth/login.html", form=form, message=message), wait)
    user = User.authenticate(email, form.password.data)
    if user is None:
        note_failure(address, email, now)
        return _login_page(form, LOGIN_FAILED, 422)
    note_success(address, email)
    sessions.sign_in(user, remember=form.remember.data)
    target = request.args.get("next")
    return redirect(target if is_safe_next(target) else url_for("entries.index"))


def _login_page(form, message, status):
    return make_response(render_template("auth/login.html", form=form, message=message), status)


@bp.app_template_global()
def sign_in_choices():
    """What the login page offers: passwords, the company's button (its name), and after a
    company sign-in ended here, the provider's own log-out (its name)."""
    return {"password": allows("password"),
            "company": provider_name() if allows("oidc") else None,
            "provider_logout": logout_offer()}


@bp.post("/logout")
def logout():
    """End this session: its cookies (and copies of them) no longer log in. After a company
    sign-in, the login page offers the provider's own log-out too."""
    remember_logout()
    sessions.sign_out()
    flash(_("You are logged out. See you next time."))
    return redirect(url_for("auth.login"))


@bp.route("/settings/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password; other devices are logged out. An account made by company sign-in
    chooses its first password here (nothing to prove: it has none yet)."""
    if not allows("password"):
        abort(404)
    if not current_user.has_password:
        return _first_password()
    form = PasswordForm()
    if form.validate_on_submit():
        if current_user.check_password(form.current_password.data):
            user, now = current_user._get_current_object(), current_now()
            user.set_password(form.new_password.data)
            with database.atomic():
                user.save()
                end_other_sessions(user, keep=sessions.current_session())
                mails = links.after_password_change(user, now)
            send_now_after_commit(mails, now)
            flash(_("Your password is changed. Other devices will need to log in again."))
            if api_tokens.has_tokens(user):
                flash(_("Your API tokens still work. If someone else may have one, revoke them "
                        "here."))
                return redirect(url_for("tokens.index", _anchor="revoke-all"))
            return redirect(url_for("settings.edit"))
        form.current_password.errors.append(_("That is not your current password."))
    return render_template("auth/password.html", form=form), 422 if form.errors else 200


def _first_password():
    form = FirstPasswordForm()
    if form.validate_on_submit():
        user, now = current_user._get_current_object(), current_now()
        send_now_after_commit(company.set_first_password(user, form.new_password.data, now), now)
        flash(_("Your password is set. You can now also log in with your e-mail address and "
                "this password."))
        return redirect(url_for("settings.edit"))
    return render_template("auth/password.html", form=form, first=True), \
        422 if form.errors else 200


@bp.get("/language/<code>")
def choose_language(code):
    """Pick the language on public pages (logged-in users set it in their settings)."""
    if code in current_app.config["LANGUAGES"]:
        session["language"] = code
    target = request.args.get("next")
    return redirect(target if is_safe_next(target) else url_for("auth.login"))
