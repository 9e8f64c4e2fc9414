"""Moving an account to another address: the current password, a link mailed to the new address
(the account keeps its address until it is confirmed), then the old address is told. Another
account's address is refused, also when it was taken while the link waited."""
import pytest

from journal.models import User
from tests.accounts.test_verification import (
    PUBLIC_URL,
    done,
    link_in,
    post_form,
    received,
    text_of,
)
from tests.conftest import PASSWORD, STORED_NOW, Journal


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC_URL}


def change(client, email, password=PASSWORD):
    return post_form(client, "/settings/email", email=email, password=password)


def ana():
    return User.get(User.display_name == "Ana")


def test_the_new_address_counts_once_confirmed_and_the_old_one_is_told(
        app, client, journal, mail_server):
    page = client.get("/settings/email").get_data(as_text=True)
    assert "ana@example.org" in page and 'name="password"' in page
    response = change(client, "  Ana.New@Example.org ")
    assert response.status_code == 302
    assert "A link is on its way to ana.new@example.org" in client.get(
        "/settings").get_data(as_text=True)
    mail = received(mail_server, 1)[0]
    assert mail["To"] == "ana.new@example.org"
    assert "as the address of your journal" in text_of(mail)
    assert ana().email == "ana@example.org", "nothing changes before the link is confirmed"
    assert "A link to confirm ana.new@example.org is on its way" in client.get(
        "/settings").get_data(as_text=True)

    path = link_in(mail, "/verify/")
    confirm = client.get(path).get_data(as_text=True)
    assert "Confirm ana.new@example.org as the new address" in confirm
    assert ana().email == "ana@example.org"
    assert "ana.new@example.org is confirmed." in post_form(client, path).get_data(as_text=True)
    user = ana()
    assert (user.email, user.email_verified_at) == ("ana.new@example.org", STORED_NOW)

    told = received(mail_server, 2)[1]
    assert told["To"] == "ana@example.org"
    assert told["Subject"] == "Your journal's e-mail address was changed"
    assert "from ana@example.org to ana.new@example.org" in text_of(told)
    assert "tell whoever runs the app" in text_of(told)

    journal.logout()
    assert journal.login(email="ana@example.org").status_code == 422
    assert journal.login(email="ana.new@example.org").status_code == 302
    assert post_form(client, path).status_code == 410, "the link works once"


@pytest.mark.parametrize("email, password, message", [
    ("ana.new@example.org", "not my password", "That is not your current password."),
    ("bo@example.org", PASSWORD, "Another account already uses this address"),
    ("ANA@example.org", PASSWORD, "This is already your address."),
    ("ana@new", PASSWORD, "Enter an e-mail address like name@example.org."),
    ('"ana"@example.org', PASSWORD, "Enter an e-mail address like name@example.org."),
])
def test_what_cannot_be_the_new_address_is_explained(client, journal, other, mail_server,
                                                     email, password, message):
    response = change(client, email, password)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert ana().email == "ana@example.org" and mail_server.received == []


def test_an_address_taken_while_the_link_waited_is_refused(app, client, journal, mail_server):
    change(client, "cy@example.org")
    path = link_in(received(mail_server, 1)[0], "/verify/")
    done(Journal(app.test_client()).signup(email="cy@example.org", name="Cy"))
    refused = post_form(client, path)
    assert refused.status_code == 409
    assert "another account started using this address" in refused.get_data(as_text=True)
    assert ana().email == "ana@example.org"
    assert User.by_email("cy@example.org").display_name == "Cy"


def test_reset_links_sent_to_the_old_address_stop_working(app, client, journal, mail_server):
    journal.logout()
    post_form(client, "/password/forgot", email="ana@example.org")
    reset = link_in(received(mail_server, 1)[0], "/password/reset/")
    journal.login()
    change(client, "ana.new@example.org")
    post_form(client, link_in(received(mail_server, 2)[1], "/verify/"))
    assert client.get(reset).status_code == 410


def test_with_mail_off_the_address_cannot_be_changed(app, client, journal):
    from journal.mail import MailSettings
    # This is how production without MAIL_URL looks: no transport, so no link could confirm it.
    app.extensions["mail"] = MailSettings(None, "localhost")
    page = client.get("/settings/email")
    assert page.status_code == 200 and 'name="password"' not in page.get_data(as_text=True)
    assert "E-mail is not set up on this server" in page.get_data(as_text=True)
    assert change(client, "ana.new@example.org").status_code == 503


class TestLimit:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "ADDRESS_CHANGE_RATE_LIMIT": "2 per hour"}

    def test_tries_to_change_the_address_are_limited_per_account(self, client, journal):
        statuses = [change(client, f"new{n}@example.org", "wrong password").status_code
                    for n in range(3)]
        assert statuses == [422, 422, 429]
