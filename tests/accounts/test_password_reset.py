"""Forgotten passwords, from the mail a real SMTP server received: the request page answers the
same for any address; the link sets a new password once, within an hour, ends every session,
remember-me and API token of the account, and "your password was changed" arrives. Limits per
address (no more mail, the same answer) and per client (a page saying how long to wait)."""
import re
from datetime import timedelta

import pytest

from journal.mail import MailSettings
from journal.models import AccountToken, OutgoingMail, User, UserSession
from tests.accounts.test_sessions import cookies_of, logged_in, replayed
from tests.accounts.test_verification import (
    PUBLIC_URL,
    done,
    link_in,
    post_form,
    received,
    text_of,
)
from tests.conftest import PASSWORD, Journal

NEW_PASSWORD = "a fresh start at last"


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC_URL}


@pytest.fixture
def ana(journal):
    """Ana has an account (not confirmed yet) and is logged out on this browser."""
    journal.logout()
    return journal


def browser(app, address="127.0.0.1"):
    """A browser at this client address."""
    person = Journal(app.test_client())
    person.client.environ_base["REMOTE_ADDR"] = address
    return person


def forgot(person, email="ana@example.org"):
    return post_form(person.client, "/password/forgot", email=email)


def without_csrf(html):
    """A page with its CSRF token taken out (it differs per browser by design)."""
    return re.sub(r'(name="csrf[-_]token"\s+(?:content|value)=")[^"]+', r"\1", html)


def test_forgot_then_reset_ends_every_other_way_in(app, client, ana, mail_server):
    phone = browser(app)
    assert phone.login(remember="y").status_code == 302
    remembered = {"remember_token": cookies_of(phone.client)["remember_token"]}
    assert logged_in(replayed(app, remembered))
    token = phone.api("POST", "/api/v1/tokens", {"name": "backup"}).get_json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert app.test_client().get("/api/v1/entries", headers=bearer).status_code == 200

    login_page = client.get("/login").get_data(as_text=True)
    assert 'href="/password/forgot"' in login_page and "Forgot your password?" in login_page
    sent = forgot(ana)
    assert sent.status_code == 200 and "Check your mail" in sent.get_data(as_text=True)
    mail = received(mail_server, 1)[0]
    assert (mail["To"], mail["Subject"]) == ("ana@example.org",
                                             "Choose a new password for your journal")
    assert "one hour" in text_of(mail)
    path = link_in(mail, "/password/reset/")

    form = client.get(path)
    assert form.status_code == 200 and 'name="password"' in form.get_data(as_text=True)
    too_short = post_form(client, path, password="short")
    assert too_short.status_code == 422
    assert "Use at least 8 characters." in too_short.get_data(as_text=True)

    response = post_form(client, path, password=NEW_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200, "logged in on this device"
    assert "Your new password is set" in home.get_data(as_text=True)
    assert "personal API token was revoked" in home.get_data(as_text=True)

    assert not logged_in(phone.client), "the other device is logged out"
    assert not logged_in(replayed(app, remembered)), "and its remember-me cookie too"
    assert app.test_client().get("/api/v1/entries", headers=bearer).status_code == 401
    ana_row = User.get(User.email == "ana@example.org")
    assert UserSession.select().where(UserSession.user == ana_row).count() == 1
    assert ana_row.email_verified, "the link reached the address"

    changed = received(mail_server, 2)[1]
    assert (changed["To"], changed["Subject"]) == ("ana@example.org",
                                                   "Your password was changed")
    assert "/password/forgot" in text_of(changed)

    assert post_form(client, path, password="yet another password").status_code == 410
    other = browser(app)
    assert other.login(password=PASSWORD).status_code == 422, "the old password is gone"
    assert other.login(password=NEW_PASSWORD).status_code == 302


def test_a_used_link_is_refused_with_a_way_to_ask_again(client, ana, mail_server):
    forgot(ana)
    path = link_in(received(mail_server, 1)[0], "/password/reset/")
    post_form(client, path, password=NEW_PASSWORD)
    ana.logout()
    page = client.get(path)
    assert page.status_code == 410
    assert "already used" in page.get_data(as_text=True)
    assert 'href="/password/forgot"' in page.get_data(as_text=True)


def test_an_expired_link_is_refused_and_changes_nothing(client, ana, mail_server, clock):
    forgot(ana)
    path = link_in(received(mail_server, 1)[0], "/password/reset/")
    assert client.get(path).status_code == 200
    clock.now += timedelta(minutes=61)
    page = client.get(path)
    assert page.status_code == 410 and "has expired" in page.get_data(as_text=True)
    refused = done(client.post(path, data={"csrf_token": ana.token("/login"),
                                            "password": NEW_PASSWORD}))
    assert refused.status_code == 410
    assert ana.login(password=PASSWORD).status_code == 302


def test_an_unknown_link_is_not_found(client):
    page = client.get("/password/reset/nothing-like-this")
    assert page.status_code == 404 and 'href="/password/forgot"' in page.get_data(as_text=True)


def test_a_new_request_closes_the_older_link(client, ana, mail_server):
    forgot(ana)
    forgot(ana)
    first, second = received(mail_server, 2)
    assert client.get(link_in(first, "/password/reset/")).status_code == 410
    assert client.get(link_in(second, "/password/reset/")).status_code == 200


def test_the_answer_is_the_same_for_any_address(app, ana, other, mail_server):
    User.update(email_verified_at=User.created_at).where(
        User.email == "bo@example.org").execute()
    answers = [forgot(browser(app), email) for email in (
        "ana@example.org",        # an account, not confirmed
        "bo@example.org",         # an account, confirmed
        "nobody@example.org")]    # no account
    assert {answer.status_code for answer in answers} == {200}
    bodies = {without_csrf(answer.get_data(as_text=True)) for answer in answers}
    assert len(bodies) == 1
    assert "If a journal uses that address" in bodies.pop()
    assert sorted(m["To"] for m in received(mail_server, 2)) == [
        "ana@example.org", "bo@example.org"]
    assert len(mail_server.received) == 2


def test_more_requests_for_one_address_send_no_more_mail_but_answer_the_same(
        app, ana, mail_server):
    answers = [forgot(browser(app, f"203.0.113.{n}")) for n in range(5)]
    bodies = {without_csrf(answer.get_data(as_text=True)) for answer in answers}
    assert {answer.status_code for answer in answers} == {200} and len(bodies) == 1
    assert len(received(mail_server, 3)) == 3 and len(mail_server.received) == 3


def test_one_client_asking_for_many_addresses_is_told_to_wait(app, mail_server):
    prober = browser(app, "198.51.100.66")
    statuses = [forgot(prober, f"p{n}@example.org").status_code for n in range(10)]
    assert statuses == [200] * 10
    refused = forgot(prober, "p10@example.org")
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 3600
    assert "Please try again in" in refused.get_data(as_text=True)
    assert forgot(browser(app, "203.0.113.7"), "p10@example.org").status_code == 200


def test_a_password_changed_in_the_settings_is_mailed_too(client, journal, mail_server):
    response = post_form(client, "/settings/password", current_password=PASSWORD,
                         new_password=NEW_PASSWORD, confirm=NEW_PASSWORD)
    assert response.status_code == 302
    mail = received(mail_server, 1)[0]
    assert (mail["To"], mail["Subject"]) == ("ana@example.org", "Your password was changed")


def test_a_reset_on_a_device_where_someone_else_is_logged_in_logs_them_out(
        app, ana, other, mail_server):
    forgot(ana)
    path = link_in(received(mail_server, 1)[0], "/password/reset/")
    bo_sessions = UserSession.select().join(User).where(User.email == "bo@example.org")
    assert bo_sessions.count() == 1
    post_form(other.client, path, password=NEW_PASSWORD)
    user = other.api("GET", "/api/v1/session").get_json()["user"]
    assert user["email"] == "ana@example.org"
    assert bo_sessions.count() == 0


def test_with_mail_off_the_page_says_it_is_not_available(app, client, ana):
    # This is how production without MAIL_URL looks (journal.mail.settings_for): no transport.
    app.extensions["mail"] = MailSettings(None, "localhost")
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)
    page = client.get("/password/forgot")
    assert page.status_code == 200
    assert "E-mail is not set up on this server" in page.get_data(as_text=True)
    assert 'name="email"' not in page.get_data(as_text=True)
    refused = done(client.post("/password/forgot", data={
        "csrf_token": ana.token("/login"), "email": "ana@example.org"}))
    assert refused.status_code == 503
    assert AccountToken.select().where(AccountToken.purpose == "reset").count() == 0
    assert OutgoingMail.select().where(OutgoingMail.kind == "reset").count() == 0
