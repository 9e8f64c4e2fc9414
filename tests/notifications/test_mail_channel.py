"""Reminders and notices by mail (issue 12): each person chooses per kind whether it comes by
push, by mail or both. Mails go to a real SMTP server on loopback (aiosmtpd) and pushes to a
real local push service; each flow is followed from the received mail."""
import re
import threading
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from journal.db import database
from journal.models import Connection, Delivery, OutgoingMail, Summary, User
from journal.models.push import ChannelChoice
from journal.notifications.dispatch import tick
from journal.notifications.store import channel_of, channels_of, save_settings
from journal.notifications.unsubscribe import read_token
from tests.conftest import STORED_NOW
from tests.notifications.test_dispatch import GRACE, due_at, make_user, sender, subscribe
from tests.notifications.test_notices import shared_summary

PUBLIC = "https://journal.example.org"
NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)  # a Friday


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC}


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def person(email, *, language="en", verified=True, name="Ana", **more):
    user = make_user(email, language=language, **more)
    user.display_name = name
    user.save()
    if verified:
        user.mark_verified(STORED_NOW)
    return user


def daily_by(user, channel, *, skip=True, at="18:30"):
    save_settings(user, {"daily": {"enabled": True, "time": at, "weekdays": [1, 2, 3, 4, 5],
                                   "skip_if_logged": skip},
                         "channels": {"daily": channel}}, NOW)


def text_of(message):
    return message.get_body(("plain",)).get_content()


def html_of(message):
    return message.get_body(("html",)).get_content()


def links_in(message):
    return re.findall(r"https?://\S+", text_of(message))


def mails_to(mail_server, address, about=""):
    """The mails to `address` with a link containing `about` (sign-up mails are left out)."""
    return [m for m in mail_server.received
            if m["To"] == address and any(about in link for link in links_in(m))
            and "/verify" not in text_of(m)]


def wait_for_mails(mail_server, address, about, count=1, seconds=5):
    """The mails to `address` about `about`, once `count` of them arrived."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(mails_to(mail_server, address, about)) < count:
        time.sleep(0.02)
    return mails_to(mail_server, address, about)


def delivery_of(user, kind="daily"):
    return Delivery.get((Delivery.user == user) & (Delivery.kind == kind))


# -- reminders by mail ---------------------------------------------------------------------

def test_a_daily_reminder_by_mail_arrives_at_its_time_in_dutch_with_one_click_unsubscribe(
        ctx, client, mail_server):
    bo = person("bo@example.org", language="nl", name="Bo")
    daily_by(bo, "mail")
    moment = due_at(bo)
    assert tick(moment - timedelta(seconds=1), sender=None, grace=GRACE)["claimed"] == 0
    assert mail_server.received == []
    counts = tick(moment, sender=None, grace=GRACE)
    assert counts == {"claimed": 1, "sent": 1, "skipped": 0, "failed": 0}
    assert mail_server.wait_for(1)
    [mail] = mail_server.received
    assert mail["To"] == "bo@example.org" and mail["Content-Language"] == "nl"
    assert mail["Subject"] == "Een moment voor je dagboek?"
    assert "Welke betekenisvolle vooruitgang heb je vandaag geboekt?" in text_of(mail)
    assert "Welke betekenisvolle vooruitgang heb je vandaag geboekt?" in html_of(mail)
    assert f'href="{PUBLIC}/"' in html_of(mail), "a button to the journal"
    assert f"{PUBLIC}/" in links_in(mail)
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(f"{PUBLIC}/mail/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in links_in(mail), "the same link in the footer"
    assert read_token(unsubscribe.rsplit("/", 1)[1]) == (str(bo.id), "daily")
    assert "Niet langer" not in mail["Subject"]
    done = delivery_of(bo)
    assert (done.status, done.detail) == ("sent", "mail")
    # Following the one-click link from the mail switches that kind of mail off.
    assert client.post(unsubscribe.removeprefix(PUBLIC),
                       data="List-Unsubscribe=One-Click").status_code == 200
    assert channel_of(bo, "daily") == "push"


def test_the_weekly_review_reminder_by_mail_links_to_the_reviews(ctx, mail_server):
    ana = person("ana@example.org")
    save_settings(ana, {"weekly_review": {"enabled": True, "weekday": 5, "time": "16:00"},
                        "channels": {"weekly_review": "mail"}}, NOW)
    tick(due_at(ana, "weekly_review"), sender=None, grace=GRACE)
    assert mail_server.wait_for(1)
    [mail] = mail_server.received
    assert mail["Subject"] == "What improved this week?"
    assert "what improved?" in text_of(mail)
    assert f"{PUBLIC}/reviews" in links_in(mail)
    assert "guilt" not in text_of(mail).lower() and "streak" not in text_of(mail).lower()


def test_a_day_already_logged_skips_the_mail_too(ctx, mail_server):
    from journal.models import Entry
    ana = person("ana@example.org")
    daily_by(ana, "mail")
    Entry.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=ana, day=date(2026, 11, 27),
                 text="Done already")
    counts = tick(due_at(ana), sender=None, grace=GRACE)
    assert counts["skipped"] == 1 and counts["sent"] == 0
    assert delivery_of(ana).detail == "already_logged"
    assert OutgoingMail.select().count() == 0 and mail_server.received == []


def test_paused_and_too_late_skip_the_mail(ctx, mail_server):
    ana, cy = person("ana@example.org"), person("cy@example.org", name="Cy")
    daily_by(ana, "mail"), daily_by(cy, "mail", at="17:00")  # cy's is 90 minutes late
    save_settings(ana, {"paused_until": date(2026, 11, 30)}, NOW)
    tick(due_at(ana), sender=None, grace=GRACE)
    assert delivery_of(ana).detail == "paused" and delivery_of(cy).detail == "too_late"
    assert OutgoingMail.select().count() == 0


def test_both_sends_a_push_and_a_mail_and_records_both(ctx, mail_server, push_service):
    ana = person("ana@example.org")
    device = subscribe(ana, push_service)
    daily_by(ana, "both")
    counts = tick(due_at(ana), sender(ctx), grace=GRACE)
    assert counts == {"claimed": 1, "sent": 1, "skipped": 0, "failed": 0}
    assert mail_server.wait_for(1) and len(mail_server.received) == 1
    [push] = push_service.messages_for(device)
    assert push.payload["tag"] == "daily"
    done = delivery_of(ana)
    assert (done.status, done.detail) == ("sent", "mail,201")


def test_both_without_a_device_still_mails_and_mail_without_a_device_is_no_problem(
        ctx, mail_server):
    ana, cy = person("ana@example.org"), person("cy@example.org", name="Cy")
    daily_by(ana, "both"), daily_by(cy, "push")
    counts = tick(due_at(ana), sender=None, grace=GRACE)
    assert counts["sent"] == 1 and counts["skipped"] == 1
    assert delivery_of(ana).detail == "mail" and delivery_of(cy).detail == "no_device"
    assert mail_server.wait_for(1) and mail_server.received[0]["To"] == "ana@example.org"


def test_both_when_every_device_is_gone_is_still_sent_by_mail(ctx, mail_server, push_service):
    ana = person("ana@example.org")
    device = subscribe(ana, push_service)
    push_service.answer(device, 410)
    daily_by(ana, "both")
    counts = tick(due_at(ana), sender(ctx), grace=GRACE)
    assert counts["sent"] == 1 and counts["failed"] == 0
    done = delivery_of(ana)
    assert (done.status, done.detail) == ("sent", "mail,410")
    assert mail_server.wait_for(1)


def test_mail_to_an_unconfirmed_address_sends_nothing_and_says_why(ctx, mail_server,
                                                                   push_service):
    ana = person("ana@example.org", verified=False)
    subscribe(ana, push_service)  # a device does not help: mail was chosen
    daily_by(ana, "mail")
    counts = tick(due_at(ana), sender(ctx), grace=GRACE)
    assert counts["skipped"] == 1
    done = delivery_of(ana)
    assert (done.status, done.detail) == ("skipped", "unverified")
    assert OutgoingMail.select().count() == 0 and push_service.received == []


def test_both_with_an_unconfirmed_address_goes_by_push_only(ctx, mail_server, push_service):
    ana = person("ana@example.org", verified=False)
    device = subscribe(ana, push_service)
    daily_by(ana, "both")
    assert tick(due_at(ana), sender(ctx), grace=GRACE)["sent"] == 1
    assert len(push_service.messages_for(device)) == 1
    assert OutgoingMail.select().count() == 0
    assert delivery_of(ana).detail == "201"


def test_ticks_in_a_row_send_one_mail(ctx, mail_server):
    ana = person("ana@example.org")
    daily_by(ana, "mail")
    moment = due_at(ana)
    for seconds in (0, 0, 20, 400, 4000):
        tick(moment + timedelta(seconds=seconds), sender=None, grace=GRACE)
    assert mail_server.wait_for(1)
    assert len(mail_server.received) == 1 and OutgoingMail.select().count() == 1


def test_two_dispatchers_at_once_send_each_reminder_mail_once(app, mail_server):
    with app.app_context():
        people = [person(f"p{n}@example.org", name=f"P{n}") for n in range(12)]
        for user in people:
            daily_by(user, "mail")
        moment = due_at(people[0])
        database.close()
    start, totals = threading.Barrier(2), []

    def dispatcher():
        with app.app_context(), database.connection_context():
            start.wait(timeout=10)
            totals.append(tick(moment, sender=None, grace=GRACE))
    threads = [threading.Thread(target=dispatcher) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(t["claimed"] for t in totals) == 12 and sum(t["sent"] for t in totals) == 12
    assert mail_server.wait_for(12)
    assert sorted(m["To"] for m in mail_server.received) == sorted(
        f"p{n}@example.org" for n in range(12))
    with app.app_context():
        assert OutgoingMail.select().count() == 12


def test_smtp_down_during_the_tick_delivers_later_once(ctx, mail_server):
    ana = person("ana@example.org")
    daily_by(ana, "mail")
    moment = due_at(ana)
    mail_server.stop()
    assert tick(moment, sender=None, grace=GRACE)["sent"] == 1  # queued: the delivery is done
    [queued] = OutgoingMail.select()
    assert queued.status == "retry"
    tick(moment + timedelta(seconds=30), sender=None, grace=GRACE)  # still waiting
    mail_server.start()
    tick(moment + timedelta(minutes=2), sender=None, grace=GRACE)
    assert mail_server.wait_for(1)
    for minutes in (3, 10, 60):
        tick(moment + timedelta(minutes=minutes), sender=None, grace=GRACE)
    assert len(mail_server.received) == 1
    assert OutgoingMail.get_by_id(queued.id).status == "sent"
    assert Delivery.select().count() == 1


def test_a_claim_left_before_its_mail_was_queued_is_mailed_once_by_the_next_dispatcher(
        ctx, mail_server):
    ana = person("ana@example.org")
    daily_by(ana, "mail")
    moment = due_at(ana)
    stored = moment.replace(tzinfo=None)
    # A dispatcher claimed it and stopped before deciding anything.
    Delivery.create(user=ana, kind="daily", scheduled_for=stored, status="claimed",
                    created_at=stored, claimed_at=stored)
    counts = tick(moment + timedelta(seconds=301), sender=None, grace=GRACE, lease=300)
    assert counts["claimed"] == 1 and counts["sent"] == 1
    assert mail_server.wait_for(1)
    tick(moment + timedelta(seconds=1000), sender=None, grace=GRACE, lease=300)
    assert len(mail_server.received) == 1 and delivery_of(ana).detail == "mail"


def test_with_mail_off_everything_goes_by_push(app, push_service):
    app.extensions["mail"] = app.extensions["mail"].__class__(None, "localhost")
    with app.app_context():
        ana = person("ana@example.org")
        device = subscribe(ana, push_service)
        daily_by(ana, "mail")
        assert tick(due_at(ana), sender(app), grace=GRACE)["sent"] == 1
        assert len(push_service.messages_for(device)) == 1
        assert OutgoingMail.select().count() == 0


# -- notices by mail -----------------------------------------------------------------------

@pytest.fixture
def pair(ctx):
    ana = person("ana@example.org")
    bo = person("bo@example.org", language="nl", name="Bo", zone="America/New_York")
    Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)
    return ana, bo


def test_a_shared_summary_reaches_the_manager_by_mail_by_default_with_its_link(
        ctx, pair, mail_server, push_service):
    from journal.notifications.notices import summary_shared
    ana, bo = pair
    device = subscribe(bo, push_service)
    summary = shared_summary(ana, bo)
    summary_shared(summary, NOW)
    tick(NOW + timedelta(seconds=5), sender(ctx), grace=GRACE)
    assert mail_server.wait_for(1)
    [mail] = mail_server.received
    assert mail["To"] == "bo@example.org" and mail["Content-Language"] == "nl"
    assert "Ana" in mail["Subject"] and "Ana" in text_of(mail)
    assert f"{PUBLIC}/shared/{summary.id}" in links_in(mail)
    assert mail["List-Unsubscribe"].startswith(f"<{PUBLIC}/mail/unsubscribe/")
    assert len(push_service.messages_for(device)) == 1, "the default is both"
    notice = delivery_of(bo, "summary_shared")
    assert (notice.status, notice.detail) == ("sent", "mail,201")
    tick(NOW + timedelta(minutes=5), sender(ctx), grace=GRACE)
    assert len(mail_server.received) == 1


def test_a_withdrawn_summary_sends_no_mail(ctx, pair, mail_server):
    from journal.notifications.notices import summary_shared
    ana, bo = pair
    summary = shared_summary(ana, bo)
    summary_shared(summary, NOW)
    Summary.update(status="withdrawn").where(Summary.id == summary.id).execute()
    tick(NOW + timedelta(seconds=5), sender=None, grace=GRACE)
    assert delivery_of(bo, "summary_shared").detail == "no_longer_wanted"
    assert OutgoingMail.select().count() == 0


def test_conversation_reminders_by_mail_link_each_side_to_its_page(ctx, pair, mail_server):
    from journal.notifications.notices import summary_shared
    ana, bo = pair
    summary = shared_summary(ana, bo, conversation_on=date(2026, 12, 10))
    summary_shared(summary, NOW)
    tick(datetime(2026, 12, 7, 8, 0, 30, tzinfo=timezone.utc), sender=None, grace=GRACE)
    tick(datetime(2026, 12, 9, 21, 0, 30, tzinfo=timezone.utc), sender=None, grace=GRACE)
    [prepare] = wait_for_mails(mail_server, "ana@example.org", "/summaries/")
    assert f"{PUBLIC}/summaries/{summary.id}" in links_in(prepare)
    assert "10 December 2026" in text_of(prepare)
    eve = [m for m in mails_to(mail_server, "bo@example.org")
           if f"{PUBLIC}/shared/{summary.id}" in links_in(m)]
    assert any("Morgen heb je een progressiegesprek met Ana." in text_of(m) for m in eve)


def reply_as(manager_client, summary, reply):
    return manager_client.client.post(f"/shared/{summary.id}/response", data={
        "csrf_token": manager_client.token(f"/shared/{summary.id}"), "reply": reply,
        "private_notes": ""})


@pytest.fixture
def people_online(app, journal, other, clock):
    """Ana (the employee, logged in as `journal`) shares with Bo (`other`); both verified."""
    for user in User.select():
        user.mark_verified(STORED_NOW)
    ana, bo = User.get(User.email == "ana@example.org"), User.get(User.email == "bo@example.org")
    Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)
    return ana, bo, shared_summary(ana, bo)


def test_the_managers_reply_reaches_the_employee_by_mail_with_its_words(
        app, clock, journal, other, people_online, mail_server):
    ana, bo, summary = people_online
    assert reply_as(other, summary, "I like how you approached the intake.").status_code == 302
    assert reply_as(other, summary, "I like how you set up the intake.").status_code == 302
    [queued] = Delivery.select().where(Delivery.kind == "summary_reply")
    assert queued.user_id == ana.id and queued.status == "queued", "one notice for both saves"
    with app.app_context():
        tick(clock.now + timedelta(minutes=3), sender=None, grace=GRACE)
    [mail] = wait_for_mails(mail_server, "ana@example.org", f"/summaries/{summary.id}")
    assert mail["Subject"] == "Bo replied to your summary"
    assert "I like how you set up the intake." in text_of(mail), "the last words"
    assert "I like how you set up the intake." in html_of(mail)
    link = f"{PUBLIC}/summaries/{summary.id}"
    assert link in links_in(mail)
    # The link in the mail opens the summary with the reply.
    page = journal.client.get(link.removeprefix(PUBLIC))
    assert page.status_code == 200 and "I like how you set up the intake." in page.get_data(
        as_text=True)


def test_the_reply_stays_out_of_the_mail_when_words_are_kept_out(
        app, clock, journal, other, people_online, mail_server):
    ana, bo, summary = people_online
    User.update(mail_words=False).where(User.id == ana.id).execute()
    reply_as(other, summary, "Your intake checklist helps the whole team.")
    with app.app_context():
        tick(clock.now + timedelta(minutes=3), sender=None, grace=GRACE)
    [mail] = wait_for_mails(mail_server, "ana@example.org", f"/summaries/{summary.id}")
    assert "Bo replied to the summary you shared." in text_of(mail)
    assert "intake" not in text_of(mail) and "intake" not in html_of(mail)
    assert "intake" not in mail["Subject"]


def test_a_reply_through_the_api_is_told_and_an_unchanged_or_emptied_one_is_not(
        app, clock, journal, other, people_online, mail_server):
    ana, bo, summary = people_online
    path = f"/api/v1/shared/{summary.id}/response"
    assert other.api("PUT", path, {"private_notes": "ask about Sam"}).status_code == 200
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 0
    assert other.api("PUT", path, {"reply": "Thank you for sharing."}).status_code == 200
    with app.app_context():
        tick(clock.now + timedelta(minutes=3), sender=None, grace=GRACE)
    assert wait_for_mails(mail_server, "ana@example.org", f"/summaries/{summary.id}")
    other.api("PUT", path, {"reply": "Thank you for sharing."})  # unchanged
    other.api("PUT", path, {"private_notes": "and about the intake"})
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 1
    # Replied again and emptied before the dispatcher ran: nothing to tell.
    clock.now += timedelta(minutes=5)
    other.api("PUT", path, {"reply": "Something new"})
    other.api("PUT", path, {"reply": ""})
    with app.app_context():
        tick(clock.now + timedelta(minutes=10), sender=None, grace=GRACE)
    details = sorted(d.detail for d in Delivery.select().where(Delivery.kind == "summary_reply"))
    assert details == ["mail", "no_longer_wanted"]
    assert len(mails_to(mail_server, "ana@example.org", "/summaries/")) == 1


def test_the_reply_notice_is_pushed_too_in_general_words_unless_details_are_chosen(
        app, clock, journal, other, people_online, mail_server, push_service):
    ana, bo, summary = people_online
    with app.app_context():
        device = subscribe(ana, push_service)
    reply_as(other, summary, "Well done on the intake.")
    with app.app_context():
        tick(clock.now + timedelta(minutes=3), sender(app), grace=GRACE)
    [push] = push_service.messages_for(device)
    assert push.payload["tag"] == "summary_reply"
    assert push.payload["url"] == f"/summaries/{summary.id}"
    assert "intake" not in push.payload["body"]


# -- choosing the channels -----------------------------------------------------------------

def test_defaults_are_push_for_reminders_and_both_for_notices(ctx):
    ana = person("ana@example.org")
    assert channels_of(ana) == {"daily": "push", "weekly_review": "push",
                                "summary_shared": "both", "summary_reply": "both",
                                "conv_prepare": "both", "conv_eve": "both",
                                "invitation": "both", "step_proposed": "both",
                                "helping_asked": "both", "steering_shared": "both",
                                "team_help": "both"}


def test_the_api_round_trips_channels_and_refuses_bad_ones_next_to_the_field(journal):
    body = journal.api("GET", "/api/v1/reminders").get_json()
    assert body["channels"]["daily"] == "push" and body["channels"]["summary_reply"] == "both"
    assert {"daily", "weekly_review", "paused_until", "timezone", "details", "next"} <= set(body)
    saved = journal.api("PUT", "/api/v1/reminders",
                        {"channels": {"daily": "mail", "conv_eve": "push"}})
    assert saved.status_code == 200
    assert saved.get_json()["channels"] == {
        "daily": "mail", "weekly_review": "push", "summary_shared": "both",
        "summary_reply": "both", "conv_prepare": "both", "conv_eve": "push",
        "invitation": "both", "step_proposed": "both", "helping_asked": "both",
        "steering_shared": "both", "team_help": "both"}
    assert journal.api("GET", "/api/v1/reminders").get_json()["channels"]["daily"] == "mail"
    for bad, field in [({"daily": "pigeon"}, "channels.daily"),
                       ({"digest": "mail"}, "channels.digest"),
                       ({"sms": "mail"}, "channels.sms"),
                       ({"daily": None}, "channels.daily"),
                       ("mail", "channels")]:
        response = journal.api("PUT", "/api/v1/reminders", {"channels": bad})
        assert response.status_code == 422, bad
        assert field in response.get_json()["error"]["fields"], bad
    assert ChannelChoice.select().count() == 2
    # Back to a default: no row is kept.
    journal.api("PUT", "/api/v1/reminders", {"channels": {"daily": "push", "conv_eve": "both"}})
    assert ChannelChoice.select().count() == 0


def test_an_extra_digest_row_does_not_disturb_the_settings(journal):
    from journal.models.push import Reminder
    ana = User.get()
    Reminder.create(user=ana, kind="digest", enabled=True, time="17:00",
                    next_fire_at=datetime(2026, 11, 27, 16))
    body = journal.api("GET", "/api/v1/reminders").get_json()
    assert body["daily"]["enabled"] is False and body["weekly_review"]["time"] == "16:00"
    saved = journal.api("PUT", "/api/v1/reminders", {"daily": {"enabled": True}})
    assert saved.status_code == 200
    assert journal.client.get("/settings/notifications").status_code == 200


# -- the notifications page ----------------------------------------------------------------

PAGE = "/settings/notifications"


def selected(html, field):
    """The chosen option of a select on the page, or None when the page has no such select."""
    match = re.search(rf'<select id="{field}" name="{field}"[^>]*>(.*?)</select>', html, re.DOTALL)
    if not match:
        return None
    chosen = re.search(r'<option value="(\w+)" selected>', match.group(1))
    return chosen.group(1) if chosen else ""


def test_the_page_offers_a_channel_per_reminder_and_notice_and_saves_them(client, journal):
    from tests.notifications.test_views import error_next_to, form
    html = client.get(PAGE).get_data(as_text=True)
    assert selected(html, "channels_daily") == "push"
    assert selected(html, "channels_summary_reply") == "both"
    assert "News about your progress conversations" in html
    for label in ("Notification on my devices", "By e-mail", "Both"):
        assert label in html
    # Not confirmed yet: mails start once it is, and the page says where.
    assert re.search(r'Mails start once your address is confirmed\. <a class="text-link" '
                     r'href="/settings">', html)
    saved = client.post(PAGE, data=form(journal, channels_daily="mail",
                                        channels_weekly_review="both",
                                        channels_conv_eve="push"))
    assert saved.status_code == 302
    ana = User.get()
    assert channels_of(ana)["daily"] == "mail" and channel_of(ana, "conv_eve") == "push"
    html = client.get(PAGE).get_data(as_text=True)
    assert selected(html, "channels_daily") == "mail"
    assert selected(html, "channels_weekly_review") == "both"
    refused = client.post(PAGE, data=form(journal, channels_daily="pigeon",
                                          daily_time="19:00"))
    assert refused.status_code == 422
    assert error_next_to(refused.get_data(as_text=True), "channels_daily")
    assert channel_of(ana, "daily") == "mail", "nothing is stored until everything is right"
    ana.mark_verified(STORED_NOW)
    assert "Mails start once" not in client.get(PAGE).get_data(as_text=True)


def test_with_mail_off_the_page_offers_no_channel_and_a_save_keeps_them(app, client, journal):
    from tests.notifications.test_views import form
    app.extensions["mail"] = app.extensions["mail"].__class__(None, "localhost")
    html = client.get(PAGE).get_data(as_text=True)
    assert selected(html, "channels_daily") is None
    assert "News about your progress conversations" not in html
    assert client.post(PAGE, data=form(journal)).status_code == 302
    assert ChannelChoice.select().count() == 0


def test_the_api_also_carries_the_mail_choices_and_checks_them_with_the_rest(journal):
    from journal.models.push import Reminder
    body = journal.api("GET", "/api/v1/reminders").get_json()
    assert body["digest"] == {"enabled": False, "time": "16:00"} and body["mail_words"] is True
    saved = journal.api("PUT", "/api/v1/reminders", {
        "channels": {"weekly_review": "mail"}, "digest": {"enabled": True, "time": "17:00"},
        "mail_words": False})
    assert saved.status_code == 200
    body = saved.get_json()
    assert body["digest"] == {"enabled": True, "time": "17:00"} and body["mail_words"] is False
    assert body["channels"]["weekly_review"] == "mail"
    assert Reminder.get(Reminder.kind == "digest").next_fire_at is not None
    refused = journal.api("PUT", "/api/v1/reminders", {
        "channels": {"daily": "mail"}, "digest": {"time": "late"}})
    assert refused.status_code == 422
    assert set(refused.get_json()["error"]["fields"]) == {"digest.time"}
    assert channel_of(User.get(), "daily") == "push", "nothing stored when one part is wrong"


# -- the weekly "your week" mail, claimed like a reminder ----------------------------------

def test_a_due_digest_is_mailed_once_never_pushed_and_skipped_when_paused_or_unconfirmed(
        ctx, mail_server, push_service):
    from journal.notifications.digest import save_digest
    ana = person("ana@example.org")
    device = subscribe(ana, push_service)
    cy = person("cy@example.org", name="Cy", verified=False)
    dee = person("dee@example.org", name="Dee")
    for user in (ana, cy, dee):
        save_digest(user, {"enabled": True, "time": "16:00"}, NOW)
    save_settings(dee, {"paused_until": date(2026, 11, 28)}, NOW)
    moment = due_at(ana, "digest")
    assert moment == datetime(2026, 11, 27, 15, tzinfo=timezone.utc)  # Friday, 16:00 local
    counts = tick(moment, sender(ctx), grace=GRACE)
    assert counts == {"claimed": 3, "sent": 1, "skipped": 2, "failed": 0}
    assert delivery_of(ana, "digest").detail == "mail"
    assert delivery_of(cy, "digest").detail == "unverified"
    assert delivery_of(dee, "digest").detail == "paused"
    [mail] = wait_for_mails(mail_server, "ana@example.org", "/mail/unsubscribe/")
    assert mail["List-Unsubscribe"].startswith(f"<{PUBLIC}/mail/unsubscribe/")
    assert push_service.messages_for(device) == []
    tick(moment + timedelta(minutes=5), sender(ctx), grace=GRACE)
    assert OutgoingMail.select().count() == 1
    assert due_at(ana, "digest") == datetime(2026, 12, 4, 15, tzinfo=timezone.utc)


def test_withdrawing_the_summary_drops_a_waiting_reply_notice(
        app, clock, journal, other, people_online, mail_server):
    ana, bo, summary = people_online
    reply_as(other, summary, "Thank you, see you Thursday.")
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 1
    withdrawn = journal.client.post(f"/summaries/{summary.id}/withdraw", data={
        "csrf_token": journal.token(f"/summaries/{summary.id}")})
    assert withdrawn.status_code == 302
    assert Summary.get_by_id(summary.id).status == "withdrawn"
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 0
    with app.app_context():
        tick(clock.now + timedelta(minutes=3), sender=None, grace=GRACE)
    assert mails_to(mail_server, "ana@example.org", "/summaries/") == []
