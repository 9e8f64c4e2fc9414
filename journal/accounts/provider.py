"""The company's identity provider, spoken to through Authlib's Flask client: the
authorization code flow with PKCE (S256), state and nonce; the ID token checked for its
signature, issuer, audience, nonce and lifetime; userinfo asked when the ID token lacks the
address. Whatever goes wrong comes out as a ProviderProblem the page explains."""
import hmac

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth, OAuthError
from flask import current_app, request
from flask import session as cookie_session
from flask_babel import gettext as _
from joserfc.errors import JoseError

from journal.accounts.company_rules import (
    check_settings,
    login_methods,
    needs_userinfo,
    oidc_configured,
    person_claims,
)
from journal.accounts.sessions import current_session

CLIENT = "company"
# In the session cookie after logging out of a company sign-in here, until the login page's
# offer of the provider's own log-out is used: {"hint": the ID token, or ""}.
LOGGED_OUT = "company_logged_out"
HINT_LIMIT = 2048  # larger ID tokens (many group claims) stay out of the cookie


class ProviderProblem(Exception):
    """Company sign-in did not work: `kind` is "refused" (the provider or the person said no,
    or its answer could not be trusted), "unreachable" or "expired" (this attempt is no longer
    known here: started in another browser, used already, or forged)."""

    def __init__(self, kind, detail=""):
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail = kind, detail


def init_app(app):
    """Check the sign-in settings (the app does not start with ones that cannot work) and
    register the provider when there is one."""
    check_settings(app.config)
    app.extensions["login_methods"] = frozenset(login_methods(app.config))
    if not oidc_configured(app.config):
        return
    issuer = app.config["OIDC_ISSUER"].rstrip("/")
    oauth = OAuth(app)
    oauth.register(
        CLIENT, client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": app.config["OIDC_SCOPES"], "code_challenge_method": "S256",
                       "default_timeout": app.config["OIDC_TIMEOUT_SECONDS"]})
    app.extensions["company_client"] = oauth.create_client(CLIENT)


def allows(method):
    """True when log-in by `method` ("password" or "oidc") is on."""
    return method in current_app.extensions["login_methods"]


def configured_issuer():
    """The issuer as configured (compared with the provider's own word for it)."""
    return current_app.config["OIDC_ISSUER"].rstrip("/")


def _client():
    return current_app.extensions["company_client"]


def _metadata():
    """The provider's discovery document; its issuer must be the configured one (OpenID
    Connect Discovery 4.3), or a look-alike could speak for it."""
    metadata = _client().load_server_metadata()
    if metadata.get("issuer", "").rstrip("/") != configured_issuer():
        _client().server_metadata.clear()  # ask again next time
        raise ProviderProblem("refused", "the discovery document names another issuer")
    return metadata


def start(redirect_uri, again=False):
    """The provider's sign-in address for this person, and what its answer must match (state,
    nonce, PKCE verifier, redirect URI), for the caller to keep in this browser. `again` asks
    the provider to let the person sign in afresh (another account)."""
    try:
        _metadata()
        extra = {"prompt": "login"} if again else {}
        made = _client().create_authorization_url(redirect_uri, **extra)
    except requests.RequestException as error:
        raise ProviderProblem("unreachable", str(error)) from error
    return made["url"], {"state": made["state"], "nonce": made["nonce"],
                         "code_verifier": made["code_verifier"], "redirect_uri": redirect_uri}


def finish(expected):
    """Check the provider's answer on the callback against what `start` gave (None when this
    browser kept nothing) and return (the person's claims as
    journal.accounts.company_rules.person_claims gives them, the raw ID token)."""
    issuer, client, answer = configured_issuer(), _client(), request.args
    if answer.get("error"):
        raise ProviderProblem("refused", f"{answer['error']}: {answer.get('error_description')}")
    if not expected or not hmac.compare_digest(answer.get("state", ""), expected["state"]):
        raise ProviderProblem("expired", "the state is not this browser's")
    try:
        _metadata()
        token = client.fetch_access_token(redirect_uri=expected["redirect_uri"],
                                          code=answer.get("code", ""),
                                          code_verifier=expected["code_verifier"])
        if "id_token" not in token:
            raise ProviderProblem("refused", "no ID token")
        id_claims = client.parse_id_token(token, nonce=expected["nonce"], claims_options={
            "iss": {"essential": True, "value": issuer},
            "aud": {"essential": True, "value": client.client_id}})
        userinfo = client.userinfo(token=token) if needs_userinfo(id_claims) else None
        return person_claims(id_claims, userinfo), token["id_token"]
    except OAuthError as error:
        raise ProviderProblem("refused", f"{error.error}: {error.description}") from error
    except requests.RequestException as error:
        if error.response is not None and error.response.status_code < 500:
            raise ProviderProblem("refused", str(error)) from error
        raise ProviderProblem("unreachable", str(error)) from error
    except (JoseError, AuthlibBaseError, ValueError, KeyError) as error:
        raise ProviderProblem("refused", repr(error)) from error


def publishes_logout():
    """True when the provider has a log-out page of its own (end_session_endpoint)."""
    try:
        return bool(_metadata().get("end_session_endpoint"))
    except (ProviderProblem, requests.RequestException):
        return False


def logout_url(id_token, post_logout_redirect_uri):
    """The provider's own log-out page for this person, or None when it publishes none."""
    try:
        metadata = _metadata()
    except (ProviderProblem, requests.RequestException):
        return None
    if not metadata.get("end_session_endpoint"):
        return None
    return _client().create_logout_url(post_logout_redirect_uri=post_logout_redirect_uri,
                                       id_token_hint=id_token or None,
                                       client_id=_client().client_id)["url"]


def provider_name():
    """The provider as the person knows it (OIDC_NAME), for buttons and messages."""
    return current_app.config.get("OIDC_NAME") or _("your company account")


def remember_logout():
    """Called as a person logs out here: when this session was a company sign-in, the login
    page then offers the provider's own log-out (the ID token waits in the session cookie for
    that one page, when it is small enough for a cookie)."""
    session = current_session()
    if session is not None and session.provider_hint is not None:
        hint = session.provider_hint
        cookie_session[LOGGED_OUT] = {"hint": hint if len(hint) <= HINT_LIMIT else ""}


def logout_offer():
    """The provider's name when the login page should offer its log-out, else None."""
    if LOGGED_OUT in cookie_session and allows("oidc") and publishes_logout():
        return provider_name()
    return None


def take_logout_hint():
    """The ID token to name the person to the provider's log-out ("" without one), or None
    when there is no company sign-in to log out of."""
    left = cookie_session.pop(LOGGED_OUT, None)
    return None if left is None else left.get("hint") or ""
