"""Accounts: sign up, log in (enumeration-safe), log out, change password. (Sessions are in
test_sessions.py, log-in and sign-up limits in test_limits.py.)"""
import re

import pytest

from journal.models import User
from tests.conftest import PASSWORD, Journal


def test_signup_creates_an_account_with_an_argon2id_hash_and_logs_in(client):
    person = Journal(client)
    response = person.signup(email="  Ana@Example.org ")
    assert response.status_code == 302 and response.location == "/"
    user = User.get(User.email == "ana@example.org")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert (user.display_name, user.timezone, user.language) == ("Ana", "Europe/Amsterdam", "en")
    assert "Hello Ana" in client.get("/").get_data(as_text=True)


def test_production_hashing_uses_argon2_cffis_defaults(tmp_path, database_url):
    from journal import create_app
    from journal.passwords import hash_password
    app = create_app({"DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path),
                      "SECRET_KEY": "x"})
    with app.app_context():
        assert hash_password("secret").startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_signup_page_offers_the_time_zone_picker_and_language(client):
    html = client.get("/signup").get_data(as_text=True)
    for name in ("email", "password", "display_name", "timezone", "language", "csrf_token"):
        assert f'name="{name}"' in html
    assert '<option value="Europe/Amsterdam">' in html
    assert "data-detect" in html


@pytest.mark.parametrize("field, value, message", [
    ("email", "not-an-email", "Enter an e-mail address like"),
    ("email", "", "Enter your e-mail address."),
    ("password", "short", "Use at least 8 characters."),
    ("display_name", "", "Tell us what to call you."),
    ("display_name", "x" * 81, "Please keep it under 80 characters."),
    ("timezone", "Mars/Olympus", "Choose a time zone from the list."),
    ("language", "fr", "Not a valid choice"),
])
def test_signup_bad_input_is_explained_and_the_rest_is_kept(client, field, value, message):
    person = Journal(client)
    fields = {"email": "ana@example.org", "password": PASSWORD, "name": "Ana",
              "timezone": "Europe/Amsterdam", "language": "en"}
    fields["name" if field == "display_name" else field] = value
    response = person.signup(**fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert f'id="{field}-error"' in html
    if field != "display_name":
        assert 'value="Ana"' in html
    assert User.select().count() == 0


def test_signup_with_a_taken_email_says_so(client, journal):
    other = Journal(client.application.test_client())
    response = other.signup(email="ANA@example.org")
    assert response.status_code == 422
    assert "already has an account" in response.get_data(as_text=True)
    assert User.select().count() == 1


def test_login_and_logout(client, journal):
    journal.logout()
    assert client.get("/").status_code == 302
    response = journal.login()
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/").status_code == 200


def test_unknown_email_and_wrong_password_get_the_same_answer(client, journal):
    journal.logout()
    wrong_password = journal.login(password="not the password")
    unknown_email = journal.login(email="nobody@example.org")
    assert wrong_password.status_code == unknown_email.status_code == 422

    def visible(response):
        html = response.get_data(as_text=True)
        return re.sub(r'(value|content)="[^"]*"', "", html)

    assert visible(wrong_password) == visible(unknown_email)
    assert "do not match" in wrong_password.get_data(as_text=True)


@pytest.mark.parametrize("target, expected", [
    ("/timeline?tag=team", "/timeline?tag=team"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
])
def test_next_redirect_stays_on_this_site(client, journal, target, expected):
    journal.logout()
    response = client.post("/login?next=" + target, data={
        "csrf_token": journal.token(), "email": "ana@example.org", "password": PASSWORD})
    assert response.location == expected


def test_login_required_pages_send_you_to_login_and_back(client):
    response = client.get("/timeline?q=x")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_remember_cookie_is_httponly_and_samesite(client, journal):
    journal.logout()
    response = journal.login(remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(c for c in cookies if c.startswith("remember_token="))
    session = next(c for c in cookies if c.startswith("session="))
    for cookie in (remember, session):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookies_in_production(app, client, journal):
    app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    journal.logout()
    cookies = journal.login(remember="y").headers.getlist("Set-Cookie")
    assert all("Secure" in c for c in cookies if c.startswith(("session=", "remember_token=")))


def test_changing_the_password_ends_other_sessions(app, client, journal):
    phone = Journal(app.test_client())
    assert phone.login().status_code == 302
    response = client.post("/settings/password", data={
        "csrf_token": journal.token("/settings/password"), "current_password": PASSWORD,
        "new_password": "a brand new secret", "confirm": "a brand new secret"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200, "this device stays logged in"
    assert phone.client.get("/").status_code == 302, "the other device is logged out"
    journal.logout()
    assert journal.login(password=PASSWORD).status_code == 422
    assert journal.login(password="a brand new secret").status_code == 302


def test_a_password_change_offers_to_revoke_the_tokens_that_outlive_it(client, journal):
    assert journal.api("POST", "/api/v1/tokens", {"name": "backup"}).status_code == 201
    response = client.post("/settings/password", data={
        "csrf_token": journal.token("/settings/password"), "current_password": PASSWORD,
        "new_password": "a brand new secret", "confirm": "a brand new secret"})
    assert response.headers["Location"].endswith("/settings/tokens#revoke-all")
    page = client.get("/settings/tokens").get_data(as_text=True)
    assert "Your API tokens still work" in page and "backup" in page
    assert 'id="revoke-all"' in page


def test_without_tokens_a_password_change_goes_back_to_the_settings(client, journal):
    response = client.post("/settings/password", data={
        "csrf_token": journal.token("/settings/password"), "current_password": PASSWORD,
        "new_password": "a brand new secret", "confirm": "a brand new secret"})
    assert response.headers["Location"].endswith("/settings")


@pytest.mark.parametrize("current, new, confirm, message", [
    ("wrong password", "a brand new secret", "a brand new secret", "not your current password"),
    (PASSWORD, "short", "short", "Use at least 8 characters."),
    (PASSWORD, "a brand new secret", "something else", "not the same"),
])
def test_password_change_problems_are_explained(client, journal, current, new, confirm, message):
    response = client.post("/settings/password", data={
        "csrf_token": journal.token("/settings/password"), "current_password": current,
        "new_password": new, "confirm": confirm})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with client.application.app_context():
        assert User.get().check_password(PASSWORD)


def test_forms_without_a_csrf_token_are_refused_and_keep_the_text(client, journal):
    response = client.post("/entries", data={"text": "Typed while the page was open"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Typed while the page was open" in html
    assert "Please save again" in html


def test_signing_up_from_an_invitation_link_comes_back_to_it(app, client):
    person = Journal(client)
    token = person.token("/signup?next=/invite/abc")
    response = client.post("/signup?next=/invite/abc", data={
        "csrf_token": token, "email": "cy@example.org", "password": "correct horse battery",
        "display_name": "Cy", "timezone": "UTC", "language": "en"})
    assert response.status_code == 302 and response.headers["Location"] == "/invite/abc"
    page = app.test_client().get("/login?next=/invite/abc").get_data(as_text=True)
    assert "/signup?next=/invite/abc" in page


def test_sign_up_never_redirects_to_another_site(client):
    person = Journal(client)
    response = client.post("/signup?next=https://evil.example/", data={
        "csrf_token": person.token("/signup"), "email": "cy@example.org",
        "password": "correct horse battery", "display_name": "Cy", "timezone": "UTC",
        "language": "en"})
    assert response.headers["Location"] == "/"
