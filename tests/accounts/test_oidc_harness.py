"""Self-tests of the OpenID Connect harness (tests/oidc_provider.py): the real provider does the
code flow by hand with Authlib's requests client, and the proxy tampers when told to."""
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.oidc_provider import OidcProvider, b64url_decode

CALLBACK = "http://127.0.0.1:5000/auth/callback"
LOCALHOST_CALLBACK = "http://localhost/auth/callback"


@pytest.fixture(scope="module")
def provider():
    """One provider for the module, accepting both loopback styles of redirect URI."""
    with OidcProvider([CALLBACK, LOCALHOST_CALLBACK], ["http://127.0.0.1:5000/"]) as running:
        yield running


def authorize(provider, login, redirect_uri=CALLBACK, **sign_in):
    """Start a code flow with PKCE S256 and a nonce, and sign in: (client, callback URL,
    code verifier, nonce)."""
    client = OAuth2Session(provider.client_id, provider.client_secret,
                           scope="openid email profile", redirect_uri=redirect_uri,
                           code_challenge_method="S256")
    verifier, nonce = generate_token(48), generate_token(20)
    url, _ = client.create_authorization_url(provider.discovery()["authorization_endpoint"],
                                             code_verifier=verifier, nonce=nonce)
    return client, provider.sign_in(url, login, **sign_in), verifier, nonce


def redeem(provider, client, callback, verifier):
    """The token response for the code in this callback URL."""
    return client.fetch_token(provider.discovery()["token_endpoint"],
                              authorization_response=callback, code_verifier=verifier)


def verified_claims(provider, id_token):
    """The claims of an ID token whose RS256 signature verifies against the provider's JWKS."""
    header, payload, signature = id_token.split(".")
    assert json.loads(b64url_decode(header))["alg"] == "RS256"
    kid = json.loads(b64url_decode(header))["kid"]
    jwks = requests.get(provider.discovery()["jwks_uri"], timeout=10).json()
    jwk = next(key for key in jwks["keys"] if key["kid"] == kid)
    assert "d" not in jwk  # the JWKS publishes the public key only
    number = {name: int.from_bytes(b64url_decode(jwk[name]), "big") for name in ("n", "e")}
    public_key = rsa.RSAPublicNumbers(number["e"], number["n"]).public_key()
    public_key.verify(b64url_decode(signature), f"{header}.{payload}".encode(),
                      padding.PKCS1v15(), hashes.SHA256())  # raises if invalid
    return json.loads(b64url_decode(payload))


def test_discovery(provider):
    discovery = provider.discovery()
    assert discovery["issuer"] == provider.issuer
    assert discovery["end_session_endpoint"] == provider.issuer + "/session/end"
    assert "S256" in discovery["code_challenge_methods_supported"]
    assert discovery["authorization_endpoint"].startswith(provider.issuer + "/")


def test_code_flow_with_pkce_and_nonce(provider):
    provider.set_account("bea", email="bea@example.test", name="Beatrice Q")
    client, callback, verifier, nonce = authorize(provider, "bea")
    assert callback.startswith(CALLBACK + "?") and "code=" in callback
    tokens = redeem(provider, client, callback, verifier)

    claims = verified_claims(provider, tokens["id_token"])
    assert claims["iss"] == provider.issuer
    assert claims["aud"] == provider.client_id
    assert claims["nonce"] == nonce
    assert claims["sub"] == "bea"
    assert "email" not in claims  # scope claims go to userinfo, since an access token is issued
    userinfo = client.get(provider.discovery()["userinfo_endpoint"], timeout=10).json()
    assert userinfo == {"sub": "bea", "email": "bea@example.test", "email_verified": True,
                        "name": "Beatrice Q"}
    assert ("POST", "/token") in provider.requests


def test_account_without_email(provider):
    provider.set_account("noemail", email=None)
    client, callback, verifier, _ = authorize(provider, "noemail", LOCALHOST_CALLBACK)
    assert callback.startswith(LOCALHOST_CALLBACK + "?")
    redeem(provider, client, callback, verifier)
    userinfo = client.get(provider.discovery()["userinfo_endpoint"], timeout=10).json()
    assert userinfo == {"sub": "noemail", "name": "Noemail"}


def test_tampered_id_token_keeps_a_valid_signature(provider):
    client, callback, verifier, nonce = authorize(provider, "carl")
    provider.tamper_next_id_token(nonce="wrong")
    claims = verified_claims(provider, redeem(provider, client, callback, verifier)["id_token"])
    assert claims["nonce"] == "wrong"
    assert claims["iss"] == provider.issuer
    client, callback, verifier, nonce = authorize(provider, "carl")  # only the next one
    assert verified_claims(provider, redeem(provider, client, callback, verifier)["id_token"])[
        "nonce"] == nonce


def test_cancel_gives_access_denied(provider):
    _, callback, _, _ = authorize(provider, "dora", cancel=True)
    assert callback.startswith(CALLBACK + "?")
    assert parse_qs(urlsplit(callback).query)["error"] == ["access_denied"]


def test_expired_code_is_refused():
    with OidcProvider([CALLBACK], code_ttl=1) as provider:
        client, callback, verifier, _ = authorize(provider, "erin")
        time.sleep(2)
        with pytest.raises(OAuthError) as refused:
            redeem(provider, client, callback, verifier)
        assert refused.value.error == "invalid_grant"
