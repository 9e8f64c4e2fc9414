"""The rules of company sign-in (OpenID Connect), without HTTP or tables: which ways of logging
in the settings allow, whether the settings can work, and what the provider's claims say about
the person."""
from urllib.parse import urlsplit

METHODS = ("password", "oidc", "both")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
NAME_LIMIT = 80


class SignInSettingsError(ValueError):
    """OIDC_* or LOGIN_METHODS cannot work; the app refuses to start with this."""


def oidc_configured(config):
    """True when an identity provider is set up."""
    return bool(config.get("OIDC_ISSUER"))


def login_methods(config):
    """The ways to log in: a set of "password" and "oidc" (LOGIN_METHODS; unset means both
    when a provider is set up, else password)."""
    chosen = (config.get("LOGIN_METHODS") or "").strip().lower()
    if not chosen:
        chosen = "both" if oidc_configured(config) else "password"
    return {"password", "oidc"} if chosen == "both" else {chosen}


def check_settings(config):
    """Raise SignInSettingsError when the sign-in settings cannot work (at start, not at the
    first person's log-in)."""
    chosen = (config.get("LOGIN_METHODS") or "").strip().lower()
    if chosen and chosen not in METHODS:
        raise SignInSettingsError("LOGIN_METHODS must be password, oidc or both")
    if not oidc_configured(config):
        if chosen in ("oidc", "both"):
            raise SignInSettingsError(f"LOGIN_METHODS={chosen} needs OIDC_ISSUER")
        return
    if not config.get("OIDC_CLIENT_ID") or not config.get("OIDC_CLIENT_SECRET"):
        raise SignInSettingsError("OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET")
    _check_issuer(config["OIDC_ISSUER"], config.get("JOURNAL_ENV") == "production")


def _check_issuer(issuer, production):
    parts = urlsplit(issuer)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme != "http" or not parts.hostname:
        raise SignInSettingsError("OIDC_ISSUER must be an https:// address")
    if production or parts.hostname not in LOOPBACK_HOSTS:
        raise SignInSettingsError("OIDC_ISSUER may use http:// only on this machine (127.0.0.1, "
                                  "::1, localhost) and never in production: use https://")


def person_claims(id_claims, userinfo=None):
    """What the ID token and (when asked) the userinfo endpoint say about the person, as one
    dict: sub, email (trimmed, lower-cased, or ""), email_verified, name. Raises ValueError when
    userinfo speaks of another person than the ID token (OpenID Connect Core 5.3.2)."""
    claims = dict(id_claims)
    if userinfo is not None:
        if str(userinfo.get("sub")) != str(id_claims.get("sub")):
            raise ValueError("userinfo sub differs from the ID token's")
        claims = {**userinfo, **{key: value for key, value in id_claims.items()
                                 if value not in (None, "")}}
    return {"sub": str(claims["sub"]),
            "email": (claims.get("email") or "").strip().lower(),
            "email_verified": claims.get("email_verified") in (True, "true"),
            "name": display_name(claims)}


def needs_userinfo(id_claims):
    """True when the ID token lacks the address (providers that follow the standard put
    scope-based claims in the userinfo answer instead)."""
    return not id_claims.get("email")


def display_name(claims):
    """What to call the person: their name, else given and family name, else the user name or
    the address before the @, at most NAME_LIMIT characters."""
    joined = " ".join(part for part in (claims.get("given_name"), claims.get("family_name"))
                      if part)
    email = claims.get("email") or ""
    for candidate in (claims.get("name"), joined, claims.get("preferred_username"),
                      email.partition("@")[0]):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()[:NAME_LIMIT]
    return "—"
