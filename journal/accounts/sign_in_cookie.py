"""Signed cookies of their own for a company sign-in in progress (its state, nonce and PKCE
verifier on the way to the provider; the claims of a person about to link their account).

Not in the session cookie: the browser writes that one back from whichever response comes
last, so a page the service worker fetches at the same moment could put back a session from
before the sign-in began, and the provider's answer would no longer match anything. These
cookies live only under /login/oidc, expire with what they hold, and are signed with the app's
secret key (a salt per cookie)."""
from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

PATH = "/login/oidc"


def _serializer(name):
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"journal.{name}")


def read(name, max_age):
    """What this browser's cookie `name` holds, or None when it is missing, forged or older
    than `max_age` seconds."""
    value = request.cookies.get(name)
    if not value:
        return None
    try:
        return _serializer(name).loads(value, max_age=max_age)
    except BadSignature:  # also an expired one
        return None


def write(response, name, data, max_age):
    """Keep `data` (JSON-ready) in the cookie `name` for `max_age` seconds."""
    response.set_cookie(name, _serializer(name).dumps(data), max_age=max_age, path=PATH,
                        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True,
                        samesite="Lax")
    return response


def clear(response, name):
    """Remove the cookie `name` (it was used)."""
    response.delete_cookie(name, path=PATH, secure=current_app.config["SESSION_COOKIE_SECURE"],
                           httponly=True, samesite="Lax")
    return response
