"""What company sign-in refuses, each against the real provider: forged and replayed state, an
ID token with a wrong nonce, issuer or audience (validly signed: only the claim is wrong), an
expired code, a refusal at the provider, an unreachable provider, a missing address, and an
address that belongs to another sign-in. Nothing is made or opened in any of them."""
import socket

import pytest

from journal import create_app
from journal.models import CompanySignIn, User
from tests.accounts.company import company_sign_in, signed_in_as, start
from tests.conftest import company_settings
from tests.oidc_provider import OidcProvider


@pytest.fixture
def app_config(app_config, oidc_provider):
    return {**app_config, **company_settings(oidc_provider)}


def nothing_happened(client):
    assert signed_in_as(client) is None
    assert User.select().count() == 0 and CompanySignIn.select().count() == 0


def test_a_forged_state_is_refused(client, oidc_provider):
    callback = oidc_provider.sign_in(start(client), "mallory")
    forged = callback.replace("state=", "state=forged")
    response = client.get(forged)
    assert response.status_code == 400
    assert "no longer valid" in response.get_data(as_text=True)
    nothing_happened(client)


def test_a_callback_from_another_browser_is_refused(app, client, oidc_provider):
    """Login CSRF: an attacker's own callback, sent to a victim, does not sign the victim in."""
    callback = oidc_provider.sign_in(start(app.test_client()), "attacker")
    assert client.get(callback).status_code == 400
    nothing_happened(client)


def test_a_replayed_callback_is_refused(client, oidc_provider):
    callback = oidc_provider.sign_in(start(client), "ana")
    assert client.get(callback).status_code == 302
    client.post("/logout", data={"csrf_token": _token(client)})
    assert signed_in_as(client) is None

    assert client.get(callback).status_code == 400  # the state was used up
    assert signed_in_as(client) is None


@pytest.mark.parametrize("claim, value", [("nonce", "not-the-one-we-sent"),
                                          ("iss", "http://127.0.0.1:1/evil"),
                                          ("aud", "another-client")])
def test_an_id_token_with_a_wrong_claim_is_refused(client, oidc_provider, claim, value):
    callback = oidc_provider.sign_in(start(client), "ana")
    oidc_provider.tamper_next_id_token(**{claim: value})
    response = client.get(callback)
    assert response.status_code == 403
    assert "did not let you in" in response.get_data(as_text=True)
    nothing_happened(client)


def test_an_expired_code_is_refused(app_config, tmp_path):
    import time
    with OidcProvider(redirect_uris=["http://localhost/login/oidc/callback"],
                      code_ttl=1) as quick:
        app = create_app({**app_config, **company_settings(quick)})
        client = app.test_client()
        callback = quick.sign_in(start(client), "slow")
        time.sleep(2)
        response = client.get(callback)
    assert response.status_code == 403
    nothing_happened(client)


def test_cancelling_at_the_provider_says_so(client, oidc_provider):
    callback = oidc_provider.sign_in(start(client), "ana", cancel=True)
    assert "error=access_denied" in callback
    response = client.get(callback)
    assert response.status_code == 403
    assert "cancelled or refused" in response.get_data(as_text=True)
    nothing_happened(client)


def test_an_unreachable_provider_is_explained(app_config, client):
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    app = create_app({**app_config, "OIDC_ISSUER": f"http://127.0.0.1:{port}",
                      "OIDC_CLIENT_ID": "journal", "OIDC_CLIENT_SECRET": "s",
                      "OIDC_NAME": "Corp"})
    response = app.test_client().get("/login/oidc")
    assert response.status_code == 502
    assert "Corp cannot be reached" in response.get_data(as_text=True)


def test_a_provider_whose_discovery_names_another_issuer_is_refused(app_config, oidc_provider):
    app = create_app({**app_config, **company_settings(oidc_provider),
                      "OIDC_ISSUER": oidc_provider.issuer.replace("127.0.0.1", "localhost")})
    response = app.test_client().get("/login/oidc")
    assert response.status_code == 403


def test_a_missing_address_is_explained_in_dutch(client, oidc_provider):
    response = company_sign_in(client, oidc_provider, "no-mail", language="nl", email=None)
    assert response.status_code == 422
    assert "e-mailadres" in response.get_data(as_text=True)
    nothing_happened(client)


def test_an_address_is_never_enough_to_open_another_company_account(app, oidc_provider):
    """Someone at the provider (or a second provider person) with the address of an existing
    company account gets a refusal, not that account."""
    company_sign_in(app.test_client(), oidc_provider, "real-ana", email="ana@corp.test")
    intruder = app.test_client()
    response = company_sign_in(intruder, oidc_provider, "fake-ana", email="ana@corp.test")
    assert response.status_code == 409
    assert "signs in another way" in response.get_data(as_text=True)
    assert signed_in_as(intruder) is None
    assert CompanySignIn.select().count() == 1


def test_a_next_pointing_elsewhere_is_ignored(client, oidc_provider):
    start(client, next="https://evil.example/steal")
    response = client.get(oidc_provider.sign_in(start(client, next="//evil.example"), "ana"))
    assert response.headers["Location"] == "/"


def test_a_next_inside_the_app_is_followed(client, oidc_provider):
    response = client.get(oidc_provider.sign_in(start(client, next="/reviews"), "ana"))
    assert response.headers["Location"] == "/reviews"


def _token(client):
    from tests.conftest import csrf_token_of
    return csrf_token_of(client.get("/").get_data(as_text=True))
