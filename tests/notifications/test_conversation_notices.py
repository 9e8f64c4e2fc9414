"""The notices of the conversations themselves (issue 15), sent by the real dispatcher: a next
step proposed on a shared summary reaches the other side, a helping conversation asked for
reaches the helper, a shared expectation reaches the employee. Pushes go to a real local push
service (VAPID checked, bodies decrypted), mails to a real SMTP server on loopback; each is
checked again when it is due, and one that no longer fits is skipped without stopping others."""
from datetime import datetime, timedelta, timezone

import pytest

from journal.models import Connection, Delivery, OutgoingMail, Summary, User
from journal.models.conversation import Agreement, HelpingConversation, SteeringConversation
from journal.models.push import PushSubscription
from journal.notifications import notices
from journal.notifications.dispatch import tick
from journal.notifications.rules import (
    agreement_wanted,
    helping_wanted,
    steering_wanted,
)
from journal.notifications.store import channel_of, channels_of, save_channels
from journal.notifications.unsubscribe import read_token
from journal.sharing import end_connection
from tests.conftest import STORED_NOW
from tests.notifications.test_dispatch import GRACE, make_user, sender, subscribe
from tests.notifications.test_mail_channel import html_of, links_in, text_of
from tests.notifications.test_notices import shared_summary

PUBLIC = "https://journal.example.org"
NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
SOON = NOW + timedelta(seconds=5)
SETTLED = NOW + timedelta(minutes=3)  # a proposed step waits a moment before it is told
GENERIC_EN = "There is something new for you in your journal."


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC}


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def person(email, name, *, language="en", verified=False, **more):
    """Someone with an account; unverified means every notice goes by push only."""
    user = make_user(email, language=language, **more)
    user.display_name = name
    user.save()
    if verified:
        user.mark_verified(STORED_NOW)
    return user


@pytest.fixture
def pair(ctx):
    """Ana (English) shares with her manager Bo (Dutch, in New York)."""
    ana = person("ana@example.org", "Ana")
    bo = person("bo@example.org", "Bo", language="nl", zone="America/New_York")
    Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)
    return ana, bo


def propose(summary, by, text="Try the new intake checklist with Sam"):
    return Agreement.create(summary=summary, text=text, proposed_by=by, created_at=STORED_NOW)


def asked(asker, helper, topic="Planning the intake week"):
    return HelpingConversation.create(asker=asker, helper=helper, topic=topic,
                                      created_at=STORED_NOW, updated_at=STORED_NOW)


def expectation(manager, employee, status="shared"):
    return SteeringConversation.create(
        manager=manager, employee=employee, status=status, shared_at=STORED_NOW,
        expectation="Every intake is registered in the new system",
        reason="So the whole team sees the same picture", room="How you fit it into your day",
        created_at=STORED_NOW, updated_at=STORED_NOW)


def notice_of(user, kind):
    return Delivery.get((Delivery.user == user) & (Delivery.kind == kind))


# -- a next step proposed --------------------------------------------------------------------

def test_a_step_the_manager_proposed_reaches_the_employee_once_linking_to_her_summary(
        ctx, pair, push_service):
    ana, bo = pair
    device = subscribe(ana, push_service)
    summary = shared_summary(ana, bo)
    notices.agreement_proposed(propose(summary, "manager"), summary, ana.id, NOW)
    notices.agreement_proposed(propose(summary, "manager", "Ask Sam for feedback"), summary,
                               ana.id, NOW + timedelta(seconds=30))
    assert tick(SOON, sender(ctx), grace=GRACE)["claimed"] == 0, "it settles a moment first"
    counts = tick(SETTLED, sender(ctx), grace=GRACE)
    assert counts["sent"] == 1
    [message] = push_service.messages_for(device)
    assert message.payload == {
        "title": "Progress Journal", "tag": "step_proposed", "url": f"/summaries/{summary.id}",
        "body": "Bo proposed a next step from your progress conversation."}
    assert tick(SETTLED + timedelta(minutes=5), sender(ctx), grace=GRACE)["claimed"] == 0
    assert len(push_service.received) == 1, "two steps proposed together are told once"


def test_a_step_the_employee_proposed_reaches_the_manager_in_dutch_on_the_shared_page(
        ctx, pair, push_service):
    ana, bo = pair
    device = subscribe(bo, push_service)
    summary = shared_summary(ana, bo)
    notices.agreement_proposed(propose(summary, "employee"), summary, bo.id, NOW)
    tick(SETTLED, sender(ctx), grace=GRACE)
    [message] = push_service.messages_for(device)
    assert message.payload == {
        "title": "Progressiedagboek", "tag": "step_proposed", "url": f"/shared/{summary.id}",
        "body": "Ana heeft een vervolgstap voorgesteld uit jullie progressiegesprek."}


@pytest.mark.parametrize("meanwhile", [
    "withdrawn", "connection_ended", "summary_deleted", "step_accepted", "own_step_only"])
def test_a_step_notice_that_no_longer_fits_is_skipped_when_due(ctx, pair, push_service,
                                                              meanwhile):
    ana, bo = pair
    device = subscribe(bo, push_service)
    summary = shared_summary(ana, bo)
    step = propose(summary, "manager" if meanwhile == "own_step_only" else "employee")
    notices.agreement_proposed(step, summary, bo.id, NOW)
    if meanwhile == "withdrawn":
        Summary.update(status="withdrawn").where(Summary.id == summary.id).execute()
    elif meanwhile == "connection_ended":
        connection = Connection.get(Connection.employee == ana)
        end_connection(connection, STORED_NOW)
    elif meanwhile == "summary_deleted":
        summary.delete_instance(recursive=True)
    elif meanwhile == "step_accepted":
        Agreement.update(status="accepted").where(Agreement.id == step.id).execute()
    counts = tick(SETTLED, sender(ctx), grace=GRACE)
    assert counts == {"claimed": 1, "sent": 0, "skipped": 1, "failed": 0}
    assert notice_of(bo, "step_proposed").detail == "no_longer_wanted"
    assert push_service.messages_for(device) == []


def test_withdrawing_the_summary_drops_a_waiting_step_notice(ctx, pair):
    ana, bo = pair
    summary = shared_summary(ana, bo)
    notices.agreement_proposed(propose(summary, "employee"), summary, bo.id, NOW)
    summary.status = "withdrawn"
    summary.save()
    notices.summary_changed(summary, NOW)
    assert not Delivery.select().where(Delivery.kind == "step_proposed").exists()


def test_the_step_notice_does_not_go_to_someone_who_is_no_longer_the_manager(
        ctx, pair, push_service):
    ana, bo = pair
    cy = person("cy@example.org", "Cy")
    device = subscribe(cy, push_service)
    summary = shared_summary(ana, bo)
    notices.agreement_proposed(propose(summary, "employee"), summary, cy.id, NOW)
    assert tick(SETTLED, sender(ctx), grace=GRACE)["skipped"] == 1
    assert push_service.messages_for(device) == []


# -- a helping conversation asked for -----------------------------------------------------------

def test_the_helper_hears_of_a_helping_conversation_in_their_language(ctx, pair, push_service):
    ana, bo = pair
    bo_device, ana_device = subscribe(bo, push_service), subscribe(ana, push_service)
    to_bo = asked(ana, bo)
    notices.helping_asked(to_bo, NOW)
    # Anyone connected may ask: here the manager asks the employee.
    to_ana = asked(bo, ana, "Giving feedback that lands")
    notices.helping_asked(to_ana, NOW + timedelta(seconds=1))
    assert tick(SOON, sender(ctx), grace=GRACE)["sent"] == 2
    [dutch] = push_service.messages_for(bo_device)
    assert dutch.payload == {
        "title": "Progressiedagboek", "tag": "helping_asked",
        "url": f"/conversations/helping/{to_bo.id}",
        "body": "Ana zou graag een helpend gesprek met je hebben."}
    [english] = push_service.messages_for(ana_device)
    assert english.payload == {
        "title": "Progress Journal", "tag": "helping_asked",
        "url": f"/conversations/helping/{to_ana.id}",
        "body": "Bo would like a helping conversation with you."}
    assert "intake" not in dutch.payload["body"] and "feedback" not in english.payload["body"]


@pytest.mark.parametrize("meanwhile", ["declined", "taken_up", "connection_ended", "deleted"])
def test_a_helping_notice_that_no_longer_fits_is_skipped_and_the_others_still_go(
        ctx, pair, push_service, meanwhile):
    ana, bo = pair
    bo_device, ana_device = subscribe(bo, push_service), subscribe(ana, push_service)
    conversation = asked(ana, bo)
    notices.helping_asked(conversation, NOW)
    # Another notice in the same tick, about something that is still there.
    cy = person("cy@example.org", "Cy")
    Connection.create(created_at=STORED_NOW, employee=ana, manager=cy)
    steering = expectation(cy, ana)
    notices.steering_shared(steering, NOW)
    if meanwhile == "declined":
        HelpingConversation.update(status="declined").where(
            HelpingConversation.id == conversation.id).execute()
    elif meanwhile == "taken_up":
        HelpingConversation.update(status="open").where(
            HelpingConversation.id == conversation.id).execute()
    elif meanwhile == "connection_ended":
        end_connection(Connection.get(Connection.manager == bo), STORED_NOW)
    else:
        conversation.delete_instance(recursive=True)
    counts = tick(SOON, sender(ctx), grace=GRACE)
    assert counts == {"claimed": 2, "sent": 1, "skipped": 1, "failed": 0}
    assert notice_of(bo, "helping_asked").detail == "no_longer_wanted"
    assert push_service.messages_for(bo_device) == []
    [told] = push_service.messages_for(ana_device)
    assert told.payload["url"] == f"/conversations/steering/{steering.id}"


def test_a_helping_notice_whose_push_service_was_down_goes_on_the_next_tick(
        ctx, pair, push_service):
    ana, bo = pair
    device = subscribe(bo, push_service)
    PushSubscription.update(endpoint="http://127.0.0.1:9/push/x").execute()  # nothing listens
    conversation = asked(ana, bo)
    notices.helping_asked(conversation, NOW)
    assert tick(SOON, sender(ctx), grace=GRACE)["failed"] == 1
    assert notice_of(bo, "helping_asked").status == "retry"
    PushSubscription.update(endpoint=device["endpoint"]).execute()
    assert tick(SOON + timedelta(minutes=1), sender(ctx), grace=GRACE)["sent"] == 1
    [message] = push_service.messages_for(device)
    assert message.payload["url"] == f"/conversations/helping/{conversation.id}"


def test_a_retry_about_a_conversation_deleted_meanwhile_is_skipped(ctx, pair, push_service):
    ana, bo = pair
    device = subscribe(bo, push_service)
    PushSubscription.update(endpoint="http://127.0.0.1:9/push/x").execute()
    conversation = asked(ana, bo)
    notices.helping_asked(conversation, NOW)
    tick(SOON, sender(ctx), grace=GRACE)
    PushSubscription.update(endpoint=device["endpoint"]).execute()
    conversation.delete_instance(recursive=True)
    counts = tick(SOON + timedelta(minutes=1), sender(ctx), grace=GRACE)
    assert counts["skipped"] == 1 and counts["failed"] == 0
    assert notice_of(bo, "helping_asked").detail == "no_longer_wanted"
    assert push_service.messages_for(device) == []


# -- an expectation shared -----------------------------------------------------------------------

def test_the_employee_hears_of_a_shared_expectation_with_an_invitation_to_her_own_way(
        ctx, pair, push_service):
    ana, bo = pair
    device = subscribe(ana, push_service)
    steering = expectation(bo, ana)
    notices.steering_shared(steering, NOW)
    notices.steering_shared(steering, NOW + timedelta(seconds=1))  # shared again: told once
    assert tick(SOON, sender(ctx), grace=GRACE)["sent"] == 1
    [message] = push_service.messages_for(device)
    assert message.payload == {
        "title": "Progress Journal", "tag": "steering_shared",
        "url": f"/conversations/steering/{steering.id}",
        "body": "Bo shared an expectation with you. How will you go about it, in your own way?"}
    assert "intake" not in message.payload["body"]


@pytest.mark.parametrize("meanwhile", ["back_to_draft", "connection_ended", "deleted"])
def test_a_steering_notice_that_no_longer_fits_is_skipped(ctx, pair, push_service, meanwhile):
    ana, bo = pair
    device = subscribe(ana, push_service)
    steering = expectation(bo, ana)
    notices.steering_shared(steering, NOW)
    if meanwhile == "back_to_draft":
        SteeringConversation.update(status="draft").where(
            SteeringConversation.id == steering.id).execute()
    elif meanwhile == "connection_ended":
        end_connection(Connection.get(Connection.employee == ana), STORED_NOW)
    else:
        steering.delete_instance()
    assert tick(SOON, sender(ctx), grace=GRACE)["skipped"] == 1
    assert notice_of(ana, "steering_shared").detail == "no_longer_wanted"
    assert push_service.messages_for(device) == []


def test_an_expectation_answered_before_the_notice_went_is_still_told(ctx, pair, push_service):
    ana, bo = pair
    device = subscribe(ana, push_service)
    steering = expectation(bo, ana)
    notices.steering_shared(steering, NOW)
    SteeringConversation.update(status="answered").where(
        SteeringConversation.id == steering.id).execute()
    assert tick(SOON, sender(ctx), grace=GRACE)["sent"] == 1
    assert len(push_service.messages_for(device)) == 1


# -- the lock screen and a pause -----------------------------------------------------------------

def test_without_details_the_lock_screen_says_only_that_there_is_something_new(
        ctx, push_service):
    ana = person("ana@example.org", "Ana", details=False)
    bo = person("bo@example.org", "Bo", language="nl", details=False)
    Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)
    ana_device, bo_device = subscribe(ana, push_service), subscribe(bo, push_service)
    notices.steering_shared(expectation(bo, ana), NOW)
    conversation = asked(ana, bo)
    notices.helping_asked(conversation, NOW)
    tick(SOON, sender(ctx), grace=GRACE)
    [english] = push_service.messages_for(ana_device)
    assert english.payload["body"] == GENERIC_EN
    [dutch] = push_service.messages_for(bo_device)
    assert dutch.payload["body"] == "Er is iets nieuws voor je in je dagboek."
    assert dutch.payload["url"] == f"/conversations/helping/{conversation.id}"
    assert "Ana" not in dutch.payload["body"] + dutch.payload["title"]


def test_paused_reminders_pause_these_notices_too(ctx, pair, push_service):
    ana, bo = pair
    device = subscribe(ana, push_service)
    User.update(reminders_paused_until=NOW.date()).where(User.id == ana.id).execute()
    notices.steering_shared(expectation(bo, ana), NOW)
    assert tick(SOON, sender(ctx), grace=GRACE)["skipped"] == 1
    assert notice_of(ana, "steering_shared").detail == "paused"
    assert push_service.messages_for(device) == []


# -- by mail, as each person chose ---------------------------------------------------------------

@pytest.fixture
def verified_pair(ctx):
    ana = person("ana@example.org", "Ana", verified=True)
    bo = person("bo@example.org", "Bo", language="nl", verified=True, zone="America/New_York")
    Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)
    return ana, bo


def test_mail_chosen_brings_a_step_notice_by_mail_only_with_one_click_unsubscribe(
        ctx, client, verified_pair, mail_server, push_service):
    ana, bo = verified_pair
    device = subscribe(ana, push_service)
    save_channels(ana, {"step_proposed": "mail"})
    summary = shared_summary(ana, bo)
    notices.agreement_proposed(propose(summary, "manager"), summary, ana.id, NOW)
    assert tick(SETTLED, sender(ctx), grace=GRACE)["sent"] == 1
    assert mail_server.wait_for(1)
    [mail] = mail_server.received
    assert mail["To"] == "ana@example.org" and mail["Content-Language"] == "en"
    assert mail["Subject"] == "Bo proposed a next step"
    assert "Bo proposed a next step from your progress conversation." in text_of(mail)
    assert "accept it into your own circle" in html_of(mail)
    assert f"{PUBLIC}/summaries/{summary.id}" in links_in(mail)
    assert f'href="{PUBLIC}/summaries/{summary.id}"' in html_of(mail)
    assert "intake" not in text_of(mail) + html_of(mail), "the step's words wait on the page"
    assert push_service.messages_for(device) == [], "mail only, as she chose"
    assert (notice_of(ana, "step_proposed").status,
            notice_of(ana, "step_proposed").detail) == ("sent", "mail")
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert read_token(unsubscribe.rsplit("/", 1)[1]) == (str(ana.id), "step_proposed")
    page = client.get(unsubscribe.removeprefix(PUBLIC)).get_data(as_text=True)
    assert "proposed a next step" in page
    assert client.post(unsubscribe.removeprefix(PUBLIC),
                       data="List-Unsubscribe=One-Click").status_code == 200
    assert channel_of(ana, "step_proposed") == "push"


def test_by_default_a_helping_request_comes_both_ways_the_mail_in_the_helpers_language(
        ctx, verified_pair, mail_server, push_service):
    ana, bo = verified_pair
    device = subscribe(bo, push_service)
    conversation = asked(ana, bo)
    notices.helping_asked(conversation, NOW)
    tick(SOON, sender(ctx), grace=GRACE)
    assert mail_server.wait_for(1)
    [mail] = mail_server.received
    assert mail["To"] == "bo@example.org" and mail["Content-Language"] == "nl"
    assert mail["Subject"] == "Ana zou graag een helpend gesprek met je hebben"
    assert "Ana zou graag een helpend gesprek met je hebben." in text_of(mail)
    assert "zeven stappen" in text_of(mail)
    assert f"{PUBLIC}/conversations/helping/{conversation.id}" in links_in(mail)
    assert "intake" not in text_of(mail) + html_of(mail)
    assert len(push_service.messages_for(device)) == 1
    assert notice_of(bo, "helping_asked").detail == "mail,201"


def test_a_steering_mail_and_a_manager_step_mail_link_to_their_pages(
        ctx, verified_pair, mail_server):
    ana, bo = verified_pair
    steering = expectation(bo, ana)
    notices.steering_shared(steering, NOW)
    summary = shared_summary(ana, bo)
    notices.agreement_proposed(propose(summary, "employee"), summary, bo.id, NOW)
    tick(SETTLED, sender=None, grace=GRACE)
    assert mail_server.wait_for(2)
    to_ana = next(m for m in mail_server.received if m["To"] == "ana@example.org")
    assert to_ana["Subject"] == "Bo shared an expectation with you"
    assert "How will you go about it, in your own way?" in text_of(to_ana)
    assert f"{PUBLIC}/conversations/steering/{steering.id}" in links_in(to_ana)
    to_bo = next(m for m in mail_server.received if m["To"] == "bo@example.org")
    assert to_bo["Subject"] == "Ana heeft een vervolgstap voorgesteld"
    assert f"{PUBLIC}/shared/{summary.id}" in links_in(to_bo)


def test_a_notice_about_something_gone_sends_no_mail(ctx, verified_pair, mail_server):
    ana, bo = verified_pair
    conversation = asked(ana, bo)
    notices.helping_asked(conversation, NOW)
    conversation.delete_instance(recursive=True)
    assert tick(SOON, sender=None, grace=GRACE)["skipped"] == 1
    assert OutgoingMail.select().count() == 0


# -- choosing how they come ----------------------------------------------------------------------

def test_each_new_notice_has_its_own_choice_by_default_both(ctx, client, journal):
    ana = User.get()
    assert {kind: channels_of(ana)[kind]
            for kind in ("step_proposed", "helping_asked", "steering_shared")} == {
        "step_proposed": "both", "helping_asked": "both", "steering_shared": "both"}
    saved = journal.api("PUT", "/api/v1/reminders", {"channels": {"helping_asked": "mail"}})
    assert saved.status_code == 200 and saved.get_json()["channels"]["helping_asked"] == "mail"
    html = client.get("/settings/notifications").get_data(as_text=True)
    for kind in ("step_proposed", "helping_asked", "steering_shared"):
        assert f'id="channels_{kind}"' in html
    assert "When someone would like a helping conversation with you" in html


# -- the rules -----------------------------------------------------------------------------------

def test_the_rules_of_each_notice():
    shared = {"status": "shared", "owner_id": "ana", "manager_id": "bo", "connected": True}
    assert agreement_wanted(recipient_id="ana", proposed_by={"manager"}, **shared)
    assert not agreement_wanted(recipient_id="ana", proposed_by={"employee"}, **shared)
    assert agreement_wanted(recipient_id="bo", proposed_by={"employee"}, **shared)
    assert not agreement_wanted(recipient_id="bo", proposed_by={"employee"},
                                **{**shared, "connected": False})
    assert not agreement_wanted(recipient_id="bo", proposed_by={"employee"},
                                **{**shared, "status": "withdrawn"})
    assert not agreement_wanted(recipient_id="cy", proposed_by={"employee"}, **shared)
    assert helping_wanted(recipient_id="bo", helper_id="bo", status="asked", connected=True)
    for status in ("open", "closed", "declined"):
        assert not helping_wanted(recipient_id="bo", helper_id="bo", status=status,
                                  connected=True)
    assert not helping_wanted(recipient_id="bo", helper_id="bo", status="asked",
                              connected=False)
    for status, wanted in (("shared", True), ("answered", True), ("draft", False)):
        assert steering_wanted(recipient_id="ana", employee_id="ana", status=status,
                               connected=True) is wanted
    assert not steering_wanted(recipient_id="ana", employee_id="ana", status="shared",
                               connected=False)
