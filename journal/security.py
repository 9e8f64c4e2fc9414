"""Security: CSRF protection, response headers, and safe redirects."""
from urllib.parse import urlsplit

from flask import current_app, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect

from journal.tokens.rules import bearer_token

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def is_safe_next(target):
    """True for a local path such as '/timeline?tag=x'; never another host or scheme."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def _set_headers(response):
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    # The page policies matter for documents and the worker, not for each image or stylesheet.
    if response.mimetype in ("text/html", "text/javascript") or response.is_json:
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


def api_bearer_token():
    """The token of an API request sent with `Authorization: Bearer`, else None ("" for a
    Bearer header without a token). Pages never look at the header: they need the session."""
    if not request.path.startswith("/api/"):
        return None
    return bearer_token(request.headers.get("Authorization"))


def _csrf_protect():
    # A Bearer API request is authenticated by its token alone, never by the cookie (see
    # journal.accounts.auth), and a browser can't add that header across sites: no CSRF to
    # guard against.
    if current_app.config["WTF_CSRF_ENABLED"] and api_bearer_token() is None:
        csrf.protect(apply_exemptions=True)


class KeptSerializerSessions(SecureCookieSessionInterface):
    """Flask's signed session cookie, with its serializer made once per secret key instead of
    on every request (a tenth of an empty signed-in page's time went to making it)."""

    def __init__(self):
        self._kept = {}

    def get_signing_serializer(self, app):
        """The serializer for the app's current secret key and fallbacks."""
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._kept.get(key)
        if serializer is None and app.secret_key:
            serializer = self._kept[key] = super().get_signing_serializer(app)
        return serializer


def init_app(app):
    """Turn on CSRF checks for every form and cookie-authenticated JSON write, the headers, and
    the signed session cookie."""
    app.session_interface = KeptSerializerSessions()
    check = app.config.get("WTF_CSRF_CHECK_DEFAULT", True)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # Flask-WTF's own check; _csrf_protect instead
    csrf.init_app(app)
    if check:
        app.before_request(_csrf_protect)
    app.after_request(_set_headers)
