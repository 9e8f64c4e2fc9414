"""LOGIN_METHODS: with `oidc` only, the login page shows just the company button and password
log-in, sign-up and reset are refused; with `password`, company sign-in is off; and settings
that cannot work stop the app at start."""
from datetime import datetime

import pytest

from journal import create_app
from journal.accounts.company_rules import SignInSettingsError, check_settings, login_methods
from journal.models import User
from tests.accounts.company import company_sign_in, signed_in_as
from tests.conftest import PASSWORD, Journal, company_settings


@pytest.fixture
def app_config(app_config, oidc_provider, request):
    methods = getattr(request, "param", "oidc")
    return {**app_config, **company_settings(oidc_provider, LOGIN_METHODS=methods)}


def test_company_only_shows_just_the_company_button(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Sign in with Corp" in page
    assert 'name="password"' not in page and "Forgot your password?" not in page
    assert "/signup" not in page and "creates your journal" in page


def test_company_only_refuses_password_log_in_sign_up_and_reset(app, oidc_provider):
    # An account made before the switch to company sign-in, with a password.
    with app.test_request_context():
        User.sign_up(email="old@corp.test", password=PASSWORD, display_name="Old",
                     timezone="UTC", language="en", now=datetime(2026, 1, 1))
    person = Journal(app.test_client())
    response = person.login(email="old@corp.test")
    assert response.status_code == 403 and "sign in with Corp" in response.get_data(as_text=True)
    assert signed_in_as(person.client) is None
    for path in ("/signup", "/password/forgot", "/password/reset/anything"):
        assert person.client.get(path).status_code == 404, path
        assert person.client.post(path, data={}).status_code in (400, 404), path

    # Its password still proves it once, to link it to the company sign-in.
    company_sign_in(person.client, oidc_provider, "old", email="old@corp.test")
    person.client.post("/login/oidc/link", data={
        "csrf_token": person.token("/login/oidc/link"), "password": PASSWORD})
    assert signed_in_as(person.client) == "old@corp.test"
    assert person.client.get("/settings/password").status_code == 404
    assert "Set a password" not in person.client.get("/settings").get_data(as_text=True)


@pytest.mark.parametrize("app_config", ["password"], indirect=True)
def test_password_only_switches_company_sign_in_off(client):
    assert "Sign in with" not in client.get("/login").get_data(as_text=True)
    for path in ("/login/oidc", "/login/oidc/callback", "/login/oidc/link", "/logout/oidc"):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("app_config", ["both"], indirect=True)
def test_both_shows_the_button_above_the_password_form(client):
    page = client.get("/login").get_data(as_text=True)
    assert page.index("Sign in with Corp") < page.index('name="password"')
    assert "/signup" in page


def test_without_a_provider_there_is_no_button_and_no_route(app_config):
    plain = {key: value for key, value in app_config.items()
             if not key.startswith("OIDC_") and key != "LOGIN_METHODS"}
    client = create_app(plain).test_client()
    assert "Sign in with" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/oidc").status_code == 404


def settings(**more):
    return {"OIDC_ISSUER": "https://id.example.com", "OIDC_CLIENT_ID": "journal",
            "OIDC_CLIENT_SECRET": "s", "JOURNAL_ENV": "development", **more}


@pytest.mark.parametrize("config", [
    settings(OIDC_ISSUER="http://id.example.com"),  # plain http, not on this machine
    settings(OIDC_ISSUER="http://127.0.0.1:8080", JOURNAL_ENV="production"),
    settings(OIDC_ISSUER="ftp://id.example.com"),
    settings(OIDC_CLIENT_SECRET=None),
    settings(LOGIN_METHODS="sometimes"),
    {"LOGIN_METHODS": "oidc"},  # company only, but no company
])
def test_settings_that_cannot_work_are_refused(config):
    with pytest.raises(SignInSettingsError):
        check_settings(config)


@pytest.mark.parametrize("issuer", ["https://login.microsoftonline.com/tenant/v2.0",
                                    "http://127.0.0.1:8080", "http://localhost:9000/realms/x",
                                    "http://[::1]:8080"])
def test_good_issuers_are_accepted(issuer):
    check_settings(settings(OIDC_ISSUER=issuer))


def test_login_methods_default_to_both_with_a_provider_and_password_without():
    assert login_methods(settings()) == {"password", "oidc"}
    assert login_methods({}) == {"password"}
    assert login_methods(settings(LOGIN_METHODS="OIDC")) == {"oidc"}


def test_the_app_does_not_start_with_an_http_issuer_in_production(app_config):
    with pytest.raises(SignInSettingsError):
        create_app({**app_config, "JOURNAL_ENV": "production",
                    "OIDC_ISSUER": "http://127.0.0.1:8080", "OIDC_CLIENT_ID": "journal",
                    "OIDC_CLIENT_SECRET": "s"})
