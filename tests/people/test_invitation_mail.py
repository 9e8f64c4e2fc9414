"""Invitations by address go by mail, through a real SMTP server on loopback (aiosmtpd): the
invitee follows the link from the received mail; an address nobody has verified sees no
invitation and cannot take one; the inviter sees whether the mail went."""
import re
import time
from html import unescape
from urllib.parse import urlsplit

import pytest

from journal.mail import MailSettings
from journal.models import Connection, Invitation, OutgoingMail, User
from journal.models.sharing import token_hash
from journal.notifications.dispatch import tick
from tests.conftest import STORED_NOW, Journal

PUBLIC = "https://journal.example.org"
INVITED = ("Ana would like to share summaries with you before your progress conversations. "
           "You will see only what Ana chooses to share.")
UNVERIFIED = "Please confirm your e-mail address first"
LINK = re.compile(re.escape(PUBLIC) + r"(/invite/[A-Za-z0-9_-]+)")


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC,
            "MAIL_FROM": "Progress Journal <journal@example.org>"}


def invite(person, email):
    """Invite by address on the People page; the response is closed, as a browser would, so
    the mail goes right after it."""
    response = person.client.post("/people/invitations", data={
        "csrf_token": person.token("/people"), "email": email})
    html = response.get_data(as_text=True)
    response.close()
    return response, html


def invitation_mails(mail_server, to):
    """The invitation mails the server received for this address (other mails, such as a
    sign-up's confirmation link, may arrive too)."""
    return [m for m in mail_server.received
            if m["To"] == to and "/invite/" in m.get_body(("plain",)).get_content()]


def wait_for_invitation(mail_server, to, count=1, timeout=5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(invitation_mails(mail_server, to)) < count:
        time.sleep(0.02)
    mails = invitation_mails(mail_server, to)
    assert len(mails) >= count, f"no invitation mail reached {to}"
    return mails[-1]


def path_in(mail):
    """The invitation's path, from the mail's plain-text part."""
    return LINK.search(mail.get_body(("plain",)).get_content()).group(1)


def page(person, path="/people"):
    return person.client.get(path).get_data(as_text=True)


def post(person, path, **more):
    return person.client.post(path, data={"csrf_token": person.token("/people")}, **more)


def pending_part(html):
    return html.split('id="pending-heading"')[1]


def user(email):
    return User.by_email(email)


def invitation_mail():
    """The one invitation mail in the queue (sign-up mails may be there too)."""
    return OutgoingMail.get(OutgoingMail.kind == "invitation")


def mailed_invitations():
    return OutgoingMail.select().where(OutgoingMail.kind == "invitation").exists()


def verify(email):
    User.update(email_verified_at=STORED_NOW).where(User.email == email).execute()


def test_the_mail_brings_bo_from_signing_up_to_connected_and_verifies_his_address(
        app, journal, mail_server):
    response, html = invite(journal, "Bo@Example.org")
    assert response.status_code == 200
    assert "We mailed an invitation to bo@example.org." in html
    assert "/invite/" not in html, "the link went to that address only"
    mail = wait_for_invitation(mail_server, "bo@example.org")

    assert mail["Subject"] == "Ana would like to share progress with you"
    assert mail["From"] == "Progress Journal <journal@example.org>"
    assert mail["Content-Language"] == "en" and mail["Message-ID"] and mail["Date"]
    assert "List-Unsubscribe" not in mail, "a person's invitation, not a kind of mail to stop"
    text = mail.get_body(("plain",)).get_content()
    assert INVITED in text and "log in with this address (bo@example.org), or create an account with it" in text
    assert "(bo@example.org)" in text and "until 4 December 2026" in text
    html_part = unescape(mail.get_body(("html",)).get_content())
    path = path_in(mail)
    assert f'href="{PUBLIC}{path}"' in html_part and INVITED in html_part
    assert "<img" not in html_part, "no images, no tracking"
    stored = invitation_mail()
    assert stored.user_id == user("ana@example.org").id, "it goes when Ana's account goes"
    assert Invitation.get().mail_id == stored.id and stored.kind == "invitation"

    bo = Journal(app.test_client())
    landing = page(bo, path)
    assert INVITED in landing and f'href="/signup?next={path}"' in landing
    signup = bo.client.post(f"/signup?next={path}", data={
        "csrf_token": bo.token(f"/signup?next={path}"), "email": "bo@example.org",
        "password": "correct horse battery", "display_name": "Bo",
        "timezone": "Europe/Amsterdam", "language": "nl"})
    assert signup.status_code == 302 and signup.location == path
    assert not user("bo@example.org").email_verified
    offer = bo.client.get(path)
    assert offer.status_code == 200 and f'action="{path}"' in offer.get_data(as_text=True)

    assert post(bo, path).location == "/people"
    connection = Connection.get()
    assert (connection.employee_id, connection.manager_id) == (user("ana@example.org").id,
                                                               user("bo@example.org").id)
    assert user("bo@example.org").email_verified_at == STORED_NOW, "the mail reached Bo"
    assert 'id="pending-heading"' not in page(journal)


def test_bo_with_an_account_logs_in_from_the_mail_and_comes_back(app, journal, other,
                                                                  mail_server):
    invite(journal, "bo@example.org")
    path = path_in(wait_for_invitation(mail_server, "bo@example.org"))
    other.logout()
    landing = page(other, path)
    assert f'href="/login?next={path}"' in landing
    assert other.login(email="bo@example.org", query_string={"next": path}).location == path
    response = other.api("POST", f"/api/v1/invitations/{path.rsplit('/', 1)[1]}/accept")
    assert response.status_code == 201 and response.get_json()["role"] == "manager"
    assert user("bo@example.org").email_verified


def test_an_unverified_account_with_the_address_sees_nothing_and_cannot_take_it(
        journal, other, mail_server):
    invite(journal, "bo@example.org")
    wait_for_invitation(mail_server, "bo@example.org")
    invitation = Invitation.get()
    people = page(other)
    assert INVITED not in people and 'id="waiting-heading"' not in people
    assert "Invitations sent to bo@example.org show up here once you have confirmed" in people
    assert other.api("GET", "/api/v1/invitations/received").get_json()["items"] == []

    by_id = other.api("POST", f"/api/v1/invitations/{invitation.id}/accept")
    assert by_id.status_code == 403
    assert by_id.get_json()["error"]["code"] == "email_unverified"
    assert UNVERIFIED in by_id.get_json()["error"]["message"]
    assert post(other, f"/people/invitations/{invitation.id}/accept").location == "/people"
    told = page(other)
    assert UNVERIFIED in told and "Settings page" in told
    # Nor can it turn the invitation down for the person it was meant for.
    assert other.api("DELETE", f"/api/v1/invitations/{invitation.id}").status_code == 404
    post(other, f"/people/invitations/{invitation.id}/decline")
    assert Invitation.select().count() == 1 and Connection.select().count() == 0
    assert not user("bo@example.org").email_verified

    verify("bo@example.org")  # confirmed through the sign-up mail's link: now it is Bo's
    people = page(other)
    assert INVITED in people and "once you have confirmed" not in people
    assert post(other, f"/people/invitations/{invitation.id}/accept").location == "/people"
    assert Connection.select().count() == 1


def test_an_old_invitation_by_address_without_a_mail_needs_a_verified_address(journal, other):
    """Made before invitations were mailed: its link was shown to the inviter, so opening it
    proves nothing about the address."""
    Invitation.create(employee=user("ana@example.org"), token_hash=token_hash("old-token"),
                      email="bo@example.org", created_at=STORED_NOW,
                      expires_at=STORED_NOW.replace(day=30))
    shown = other.client.get("/invite/old-token")
    html = shown.get_data(as_text=True)
    assert shown.status_code == 403 and UNVERIFIED in html and 'href="/settings"' in html
    refused = post(other, "/invite/old-token")
    assert refused.status_code == 403 and Connection.select().count() == 0
    assert not user("bo@example.org").email_verified


def test_a_stranger_with_the_link_cannot_accept_it(app, journal, mail_server):
    invite(journal, "bo@example.org")
    path = path_in(wait_for_invitation(mail_server, "bo@example.org"))
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    verify("cy@example.org")
    response = post(cy, path)
    assert response.status_code == 422
    assert "sent to another e-mail address" in response.get_data(as_text=True)
    api = cy.api("POST", f"/api/v1/invitations/{path.rsplit('/', 1)[1]}/accept")
    assert api.get_json()["error"]["code"] == "invitation_for_another_address"
    assert Connection.select().count() == 0 and Invitation.get().accepted_at is None


def test_the_api_mails_and_never_returns_the_token(journal, mail_server):
    response = journal.api("POST", "/api/v1/invitations", {"email": "bo@example.org"})
    made = response.get_json()
    assert response.status_code == 201
    assert (made["token"], made["url"], made["mailed"], made["mail"]) == (
        None, None, True, "sending")
    listed = journal.api("GET", "/api/v1/invitations").get_json()["items"]
    assert [(i["id"], i["mail"]) for i in listed] == [(made["id"], "sending")]
    response.close()  # the mail goes once the response is done
    wait_for_invitation(mail_server, "bo@example.org")
    listed = journal.api("GET", "/api/v1/invitations").get_json()["items"]
    assert [(i["id"], i["mail"]) for i in listed] == [(made["id"], "sent")]

    link = journal.api("POST", "/api/v1/invitations", {}).get_json()
    assert link["mailed"] is False and link["mail"] is None
    assert link["url"] == f"http://localhost/invite/{link['token']}"


def test_the_inviter_sees_it_sent(journal, mail_server):
    invite(journal, "bo@example.org")
    wait_for_invitation(mail_server, "bo@example.org")
    pending = pending_part(page(journal))
    assert "bo@example.org" in pending and "Sent by e-mail" in pending


def test_a_refused_address_shows_as_not_delivered_and_can_be_invited_again(
        app, journal, mail_server, clock):
    mail_server.answer = mail_server.PERMANENT
    response = journal.client.post("/people/invitations", data={
        "csrf_token": journal.token("/people"), "email": "nobody@example.org"})
    assert response.status_code == 200  # not closed: the dispatcher sends it
    assert "Sending…" in pending_part(page(journal))
    with app.app_context():
        tick(clock.now, sender=None, grace=3600)
    assert invitation_mail().status == "failed"
    pending = pending_part(page(journal))
    assert "Could not be delivered: check the address." in pending
    assert journal.api("GET", "/api/v1/invitations").get_json()["items"][0]["mail"] == "failed"

    invitation = Invitation.get()
    assert post(journal, f"/people/invitations/{invitation.id}/cancel").location == "/people"
    mail_server.answer = "250"
    invite(journal, "nobody@example.org")
    wait_for_invitation(mail_server, "nobody@example.org")
    assert "Sent by e-mail" in pending_part(page(journal))


def test_while_the_server_is_away_it_says_not_sent_yet(app, journal, mail_server, clock):
    mail_server.answer = mail_server.TEMPORARY
    invite(journal, "bo@example.org")
    assert invitation_mail().status == "retry"
    assert "Not sent yet. We keep trying." in pending_part(page(journal))
    assert journal.api("GET", "/api/v1/invitations").get_json()["items"][0]["mail"] == "sending"
    mail_server.answer = "250"
    with app.app_context():
        tick(clock.now.replace(minute=5), sender=None, grace=3600)
    wait_for_invitation(mail_server, "bo@example.org")
    assert "Sent by e-mail" in pending_part(page(journal))


def test_cancelling_before_the_mail_went_means_it_never_goes(app, journal, mail_server,
                                                              clock):
    journal.client.post("/people/invitations", data={
        "csrf_token": journal.token("/people"), "email": "bo@example.org"})  # not closed
    assert post(journal, f"/people/invitations/{Invitation.get().id}/cancel").status_code == 302
    with app.app_context():
        tick(clock.now, sender=None, grace=3600)
    assert invitation_mails(mail_server, "bo@example.org") == []
    assert not mailed_invitations()


def test_the_mail_is_in_the_inviters_language(app, mail_server):
    anke = Journal(app.test_client())
    anke.signup(email="anke@example.org", name="Anke", language="nl")
    invite(anke, "bo@example.org")
    mail = wait_for_invitation(mail_server, "bo@example.org")
    assert mail["Content-Language"] == "nl"
    assert ("Anke wil graag vóór jullie progressiegesprekken samenvattingen met je delen."
            in mail.get_body(("plain",)).get_content())


def test_a_link_accepted_by_an_unverified_account_connects_but_verifies_nothing(journal,
                                                                                other):
    made = journal.api("POST", "/api/v1/invitations", {}).get_json()
    assert not user("bo@example.org").email_verified
    assert post(other, urlsplit(made["url"]).path).location == "/people"
    assert Connection.select().count() == 1
    assert not user("bo@example.org").email_verified, "a link proves nothing about an address"


def test_with_mail_off_only_links_are_offered(app, journal):
    app.extensions["mail"] = MailSettings(None, "localhost")
    html = page(journal)
    assert 'name="email"' not in html and "e-mail is not set up on this server" in html
    assert 'name="kind" value="link"' in html
    refused = journal.api("POST", "/api/v1/invitations", {"email": "bo@example.org"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "mail_off"
    form = journal.client.post("/people/invitations", data={
        "csrf_token": journal.token("/people"), "email": "bo@example.org"})
    assert form.status_code == 403
    assert "E-mail is not set up on this server" in form.get_data(as_text=True)
    assert Invitation.select().count() == 0 and not mailed_invitations()
    link = journal.api("POST", "/api/v1/invitations", {})
    assert link.status_code == 201 and link.get_json()["token"]
