"""An invitation by address to someone who already has an account (issue 14, item 4): besides
the invitation's own mail, they hear of it through the notices, on their devices as they chose,
in their own language and in general words unless they allow details; only at a verified
address, and never once the invitation is cancelled, declined or used. Pushes go to a real local
push service, mails to a real SMTP server on loopback."""
from datetime import timedelta

import pytest

from journal.models import Delivery, OutgoingMail, User
from journal.notifications.dispatch import tick
from journal.notifications.store import save_channels
from tests.conftest import Journal
from tests.notifications.test_dispatch import GRACE, sender, subscribe
from tests.people.mailed import mailed_path, verify

PUBLIC = "https://journal.example.org"
TOLD = "Ana would like to share progress with you. You can answer on your People page."


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC}


def invite(person, email):
    response = person.client.post("/people/invitations", data={
        "csrf_token": person.token("/people"), "email": email})
    response.close()  # as a browser would: the invitation's mail goes right after
    assert response.status_code == 200
    return response


def notices():
    return list(Delivery.select().where(Delivery.kind == "invitation"))


def invitation_mails_to(address):
    """How many mails about an invitation went to this address (its confirmation link, sent
    at sign-up, is another kind)."""
    return (OutgoingMail.select()
            .where((OutgoingMail.to_address == address) & (OutgoingMail.kind == "invitation"))
            .count())


def bo_on_a_device(app, push_service, *, details=True, language="en"):
    """Bo, verified, with one device; `details`: he lets notices say what they are about."""
    verify("bo@example.org")
    User.update(notification_details=details, language=language).where(
        User.email == "bo@example.org").execute()
    bo = User.by_email("bo@example.org")
    with app.app_context():
        device = subscribe(bo, push_service)
    return bo, device


def dispatch(app, clock, minutes=1):
    with app.app_context():
        return tick(clock.now + timedelta(minutes=minutes), sender(app), grace=GRACE)


def test_a_verified_account_hears_of_the_invitation_on_its_device_without_a_second_mail(
        app, clock, journal, other, push_service):
    bo, device = bo_on_a_device(app, push_service)
    invite(journal, "Bo@Example.org")
    [notice] = notices()
    assert notice.user_id == bo.id and notice.status == "queued"
    counts = dispatch(app, clock)
    assert counts["sent"] == 1
    [push] = push_service.messages_for(device)
    assert push.payload == {"title": "Progress Journal", "body": TOLD, "tag": "invitation",
                            "url": "/people#waiting-heading"}
    # The invitation's own mail is the notice's mail: Bo gets one mail, not two.
    assert invitation_mails_to("bo@example.org") == 1
    assert Delivery.get_by_id(notice.id).detail.startswith("mail")
    assert dispatch(app, clock, minutes=5)["claimed"] == 0, "told once"
    # What the push opens: the invitation, to accept or decline.
    page = other.client.get("/people").get_data(as_text=True)
    assert 'id="waiting-heading"' in page and "Ana would like to share summaries" in page


def test_the_lock_screen_stays_general_and_speaks_the_invitees_language(
        app, clock, journal, other, push_service):
    _bo, device = bo_on_a_device(app, push_service, details=False, language="nl")
    invite(journal, "bo@example.org")
    dispatch(app, clock)
    [push] = push_service.messages_for(device)
    assert push.payload["title"] == "Progressiedagboek"
    assert push.payload["body"] == "Er is iets nieuws voor je in je dagboek."
    assert "Ana" not in str(push.payload)


def test_an_unverified_or_unknown_address_hears_nothing_but_the_mail(
        app, clock, journal, other, push_service):
    with app.app_context():
        subscribe(User.by_email("bo@example.org"), push_service)
    invite(journal, "bo@example.org")  # Bo has not confirmed his address
    invite(journal, "cy@example.org")  # nobody has this address
    assert notices() == []
    dispatch(app, clock)
    assert push_service.received == []
    assert mailed_path("bo@example.org") and mailed_path("cy@example.org")


def test_a_cancelled_invitation_is_never_told(app, clock, journal, other, push_service):
    _bo, device = bo_on_a_device(app, push_service)
    invite(journal, "bo@example.org")
    [invitation_id] = [d.ref for d in notices()]
    cancelled = journal.client.post(f"/people/invitations/{invitation_id}/cancel",
                                    data={"csrf_token": journal.token("/people")})
    assert cancelled.status_code == 302
    assert notices() == []
    dispatch(app, clock)
    assert push_service.messages_for(device) == []


def test_an_invitation_answered_before_the_dispatcher_runs_is_not_told(
        app, clock, journal, other, push_service):
    _bo, device = bo_on_a_device(app, push_service)
    invite(journal, "bo@example.org")
    [notice] = notices()
    accepted = other.client.post(f"/people/invitations/{notice.ref}/accept",
                                 data={"csrf_token": other.token("/people")})
    assert accepted.status_code == 302
    counts = dispatch(app, clock)
    assert counts["skipped"] == 1 and push_service.messages_for(device) == []
    assert Delivery.get_by_id(notice.id).detail == "no_longer_wanted"


def test_an_address_that_changed_since_is_not_told(app, clock, journal, other, push_service):
    bo, device = bo_on_a_device(app, push_service)
    invite(journal, "bo@example.org")
    User.update(email="bo@elsewhere.org").where(User.id == bo.id).execute()
    dispatch(app, clock)
    assert push_service.messages_for(device) == []


def test_someone_who_chose_mail_only_gets_no_push(app, clock, journal, other, push_service):
    bo, device = bo_on_a_device(app, push_service)
    with app.app_context():
        save_channels(bo, {"invitation": "mail"})
    invite(journal, "bo@example.org")
    assert dispatch(app, clock)["sent"] == 1
    assert push_service.messages_for(device) == []
    [notice] = notices()
    assert notice.status == "sent" and notice.detail == "mail"
    assert invitation_mails_to("bo@example.org") == 1


def test_the_notifications_page_offers_a_channel_for_invitations(app, journal, other):
    bo = Journal(other.client)
    html = bo.client.get("/settings/notifications").get_data(as_text=True)
    assert "When someone invites you, at your e-mail address, to see what they share" in html
    assert '<select id="channels_invitation" name="channels_invitation"' in html
