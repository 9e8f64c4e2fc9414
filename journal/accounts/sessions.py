"""Flask-Login on server-side sessions: signing in makes a UserSession row whose secret the
session and remember-me cookies carry; each request finds its row again; signing out deletes it,
so a copy of either cookie stops working at once."""
from flask import request
from flask import session as cookie_session
from flask_login import current_user, login_user, logout_user

from journal.accounts.store import end_session, find_session, start_session
from journal.push.devices import device_kind
from journal.web import request_now


def sign_in(user, remember, provider_hint=None):
    """Log the user in on this device: a new session row, its secret in the cookies
    (`provider_hint` for a company sign-in: see UserSession)."""
    device = device_kind(request.user_agent.string)
    session, secret = start_session(user, device, remember, request_now(), provider_hint)
    user.login_session, user.session_secret = session, secret
    login_user(user, remember=remember)


def load_user(secret):
    """Flask-Login's user loader: the person whose live session this cookie's secret opens."""
    session = find_session(secret, request_now())
    if session is None:
        return None
    user = session.user
    user.login_session, user.session_secret = session, secret
    if session.remember and session.touched:
        # Flask-Login then sends the remember-me cookie again with its full lifetime: someone
        # who uses the app is never logged out, and the cookie lives as long as the session.
        cookie_session["_remember"] = "set"
    return user


def current_session():
    """The session of this request, or None (not logged in, or an API token)."""
    if not current_user.is_authenticated:
        return None
    return current_user.login_session


def sign_out():
    """Log out on this device: its session row goes, then the cookies."""
    session = current_session()
    if session is not None:
        end_session(current_user, session.id)
    logout_user()
