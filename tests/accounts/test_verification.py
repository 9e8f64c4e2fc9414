"""Verified addresses, from the mail a real SMTP server received: sign-up mails a link; opening
it (GET, as a mail scanner does) changes nothing; the button confirms it once; expired, used and
unknown links are refused; a new link replaces the old; the settings page and the session API say
whether the address is confirmed; only security mails go to an unconfirmed address."""
import re
from datetime import timedelta

import pytest

from journal.mail import MailSettings
from journal.mail.compose import queue_for
from journal.models import AccountToken, OutgoingMail, User
from journal.models.account_token import link_token_hash
from tests.conftest import STORED_NOW, Journal, csrf_token_of

PUBLIC_URL = "https://journal.example.org"


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC_URL}


def text_of(message):
    """The plain-text part of a received mail."""
    return message.get_body(("plain",)).get_content()


def html_of(message):
    """The HTML part of a received mail."""
    return message.get_body(("html",)).get_content()


def link_in(message, prefix):
    """The path of the link starting with `prefix` ("/verify/") in a received mail's text."""
    match = re.search(re.escape(PUBLIC_URL) + "(" + re.escape(prefix) + r"[A-Za-z0-9_-]+)",
                      text_of(message))
    assert match, f"no {prefix} link in the mail"
    assert match.group(0) in html_of(message), "the HTML part carries the same link"
    return match.group(1)


def received(mail_server, count):
    """The first `count` received mails, once they have all arrived."""
    assert mail_server.wait_for(count), f"expected {count} mails, got {len(mail_server.received)}"
    return mail_server.received[:count]


def done(response):
    """Finish a response as a server does, which sends what waits for after it (mail)."""
    response.close()
    return response


def post_form(client, path, **data):
    """Post a form from the page at `path`, with that page's CSRF token."""
    token = csrf_token_of(client.get(path).get_data(as_text=True))
    return done(client.post(path, data={"csrf_token": token, **data}))


def ana():
    return User.get(User.email == "ana@example.org")


@pytest.fixture
def signed_up(client, mail_server):
    """Ana has just signed up (logged in) and her verification mail has arrived."""
    person = Journal(client)
    assert done(person.signup()).status_code == 302
    return person, received(mail_server, 1)[0]


def test_sign_up_mails_a_link_that_confirms_only_when_the_button_is_pressed(
        client, signed_up, mail_server):
    _person, mail = signed_up
    assert mail["To"] == "ana@example.org"
    assert mail["Subject"] == "Please confirm your e-mail address"
    assert "ana@example.org" in text_of(mail) and "48 hours" in text_of(mail)
    path = link_in(mail, "/verify/")
    row = AccountToken.get()
    assert row.token_hash == link_token_hash(path.rsplit("/", 1)[1]) != path.rsplit("/", 1)[1]
    assert (row.purpose, row.email, row.expires_at) == (
        "verify", "ana@example.org", STORED_NOW + timedelta(hours=48))
    assert "We sent a link to ana@example.org" in client.get("/").get_data(as_text=True)

    page = client.get(path)
    assert page.status_code == 200 and "Confirm my address" in page.get_data(as_text=True)
    scanner = Journal(client.application.test_client())
    assert scanner.client.get(path).status_code == 200  # a mail scanner following the link
    assert not ana().email_verified, "opening the link changes nothing"

    confirmed = post_form(client, path)
    assert confirmed.status_code == 200
    assert "ana@example.org is confirmed." in confirmed.get_data(as_text=True)
    assert ana().email_verified_at == STORED_NOW

    again = post_form(client, path)
    assert again.status_code == 410 and "already used" in again.get_data(as_text=True)
    assert client.get(path).status_code == 410
    assert len(mail_server.received) == 1, "confirming sends no mail"


def test_the_link_works_logged_out_and_names_the_address_when_another_account_is_in(
        app, client, signed_up):
    person, mail = signed_up
    path = link_in(mail, "/verify/")
    person.logout()
    bo = Journal(app.test_client())
    done(bo.signup(email="bo@example.org", name="Bo"))
    page = post_form(bo.client, path).get_data(as_text=True)
    assert "ana@example.org is confirmed." in page
    assert "logged in here (bo@example.org). Nothing changed in bo@example.org." in page
    assert ana().email_verified and not User.by_email("bo@example.org").email_verified
    assert bo.client.get("/").status_code == 200, "Bo stays logged in as Bo"


def test_logged_out_the_page_offers_to_log_in(app, signed_up):
    person, mail = signed_up
    person.logout()
    page = post_form(person.client, link_in(mail, "/verify/")).get_data(as_text=True)
    assert "ana@example.org is confirmed." in page and 'href="/login"' in page


def test_an_expired_link_is_refused(client, signed_up, clock):
    _person, mail = signed_up
    path = link_in(mail, "/verify/")
    clock.now += timedelta(hours=49)
    page = client.get(path)
    assert page.status_code == 410 and "has expired" in page.get_data(as_text=True)
    assert "Confirm my address" not in page.get_data(as_text=True)
    token = csrf_token_of(client.get("/settings").get_data(as_text=True))
    assert done(client.post(path, data={"csrf_token": token})).status_code == 410
    assert not ana().email_verified


def test_an_unknown_link_is_not_found(client):
    page = client.get("/verify/not-a-real-token")
    assert page.status_code == 404 and "not known here" in page.get_data(as_text=True)


def test_a_new_link_replaces_the_old_one_and_the_settings_page_says_where_things_are(
        client, signed_up, mail_server):
    _person, first = signed_up
    settings = client.get("/settings").get_data(as_text=True)
    assert "ana@example.org" in settings and "Not confirmed yet" in settings
    assert 'action="/settings/email/resend"' in settings

    resent = post_form_to(client, "/settings", "/settings/email/resend")
    assert resent.status_code == 302
    assert "A new link is on its way to ana@example.org" in client.get(
        "/settings").get_data(as_text=True)
    second = received(mail_server, 2)[1]
    assert client.get(link_in(first, "/verify/")).status_code == 410
    assert post_form(client, link_in(second, "/verify/")).status_code == 200

    settings = client.get("/settings").get_data(as_text=True)
    assert "Confirmed" in settings and "Not confirmed yet" not in settings
    assert "/settings/email/resend" not in settings


def post_form_to(client, page, action, **data):
    """Post to `action` with the CSRF token of `page` (a button on that page)."""
    token = csrf_token_of(client.get(page).get_data(as_text=True))
    return done(client.post(action, data={"csrf_token": token, **data}))


def test_asking_for_the_link_again_is_limited_per_account(client, signed_up, mail_server):
    statuses = [post_form_to(client, "/settings", "/settings/email/resend").status_code
                for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    refused = post_form_to(client, "/settings", "/settings/email/resend")
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 3600
    assert "try again in" in refused.get_data(as_text=True)
    assert len(received(mail_server, 4)) == 4 and len(mail_server.received) == 4


def test_the_session_api_says_the_address_and_whether_it_is_confirmed(client, signed_up):
    person, mail = signed_up
    user = person.api("GET", "/api/v1/session").get_json()["user"]
    assert (user["email"], user["email_verified"]) == ("ana@example.org", False)
    post_form(client, link_in(mail, "/verify/"))
    user = person.api("GET", "/api/v1/session").get_json()["user"]
    assert (user["email"], user["email_verified"]) == ("ana@example.org", True)


def test_only_security_mails_go_to_an_unconfirmed_address(app, journal, clock):
    with app.app_context():
        user = ana()
        about = {"name": "password_changed", "kind": "password_changed", "subject": "Hi",
                 "now": clock.now, "revoked": 0, "forgot_link": PUBLIC_URL}
        assert queue_for(user, **about) is None, "not a security mail: nothing queued"
        assert queue_for(user, security=True, **about) is not None
        user.mark_verified(STORED_NOW)
        assert queue_for(user, **about) is not None


def test_with_mail_off_there_is_no_link_and_settings_say_why(app, client):
    # This is how production without MAIL_URL looks (journal.mail.settings_for): no transport.
    app.extensions["mail"] = MailSettings(None, "localhost")
    person = Journal(client)
    assert done(person.signup()).status_code == 302
    assert AccountToken.select().count() == 0 and OutgoingMail.select().count() == 0
    home = client.get("/").get_data(as_text=True)
    assert "Welcome, Ana" in home and "We sent a link" not in home
    settings = client.get("/settings").get_data(as_text=True)
    assert "Not confirmed yet" in settings and "/settings/email/resend" not in settings
    assert "E-mail is not set up on this server" in settings
    assert post_form_to(client, "/settings", "/settings/email/resend").status_code == 302
    assert OutgoingMail.select().count() == 0
