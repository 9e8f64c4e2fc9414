"""The notice of a help answer from a team meeting, addressed to a teammate (kind "team_help"),
sent by the real dispatcher: a push to a real local push service and a mail to a real SMTP
server, in the teammate's language, opening the team page and quoting none of the answer; once
while it waits; skipped when it no longer fits (the answer asks someone else, is gone, or one
of the two left the team)."""
from datetime import datetime, timedelta, timezone

import pytest

from journal.models import Delivery, OutgoingMail
from journal.models.team import MeetingAnswer, Team, TeamMeeting, TeamMember
from journal.notifications import notices
from journal.notifications.dispatch import tick
from journal.notifications.rules import CHANNEL_KINDS, team_help_wanted
from journal.notifications.store import channel_of, channels_of, save_channels
from journal.notifications.unsubscribe import read_token
from tests.conftest import STORED_NOW
from tests.notifications.test_conversation_notices import GENERIC_EN, person
from tests.notifications.test_dispatch import GRACE, sender, subscribe
from tests.notifications.test_mail_channel import html_of, links_in, text_of

PUBLIC = "https://journal.example.org"
NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
SOON = NOW + timedelta(seconds=5)
HELP = "Someone to look at my planning for the intake week"


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC}


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def team(ctx):
    """Ana (English) and Cy (Dutch) in a team; Ana asks Cy for help after a meeting."""
    ana = person("ana@example.org", "Ana", verified=True)
    cy = person("cy@example.org", "Cy", language="nl", verified=True)
    team = Team.create(name="Care team", created_at=STORED_NOW, updated_at=STORED_NOW)
    for who, role in ((ana, "organiser"), (cy, "member")):
        TeamMember.create(team=team, user=who, role=role, joined_at=STORED_NOW)
    return team, ana, cy


def help_answer(team, author, helper, text=HELP):
    meeting = TeamMeeting.create(team=team, started_by=author, started_at=STORED_NOW)
    return MeetingAnswer.create(user=author, team=team, meeting=meeting, week="2026-W48",
                                question="help", text=text, help_to=helper,
                                created_at=STORED_NOW, updated_at=STORED_NOW)


def notice_of(user):
    return Delivery.get((Delivery.user == user) & (Delivery.kind == "team_help"))


def test_the_kind_fits_and_comes_both_ways_by_default(ctx):
    assert "team_help" in CHANNEL_KINDS and len("team_help") <= 16
    ana = person("ana@example.org", "Ana")
    assert channels_of(ana)["team_help"] == "both"


def test_the_teammate_hears_once_by_push_in_their_language_opening_the_team_page(
        ctx, team, push_service):
    team, ana, cy = team
    save_channels(cy, {"team_help": "push"})
    device = subscribe(cy, push_service)
    answer = help_answer(team, ana, cy)
    notices.team_help(answer, NOW)
    notices.team_help(answer, NOW + timedelta(seconds=1))
    assert tick(SOON, sender(ctx), grace=GRACE)["sent"] == 1
    [message] = push_service.messages_for(device)
    assert message.payload == {
        "title": "Progressiedagboek", "tag": "team_help", "url": f"/teams/{team.id}",
        "body": "Ana wil graag je hulp. Op je teampagina staat waarbij."}
    assert "planning" not in str(message.payload)


def test_the_lock_screen_stays_generic_unless_chosen(ctx, team, push_service):
    team, ana, cy = team
    ana.notification_details = False
    ana.save()
    device = subscribe(ana, push_service)
    save_channels(ana, {"team_help": "push"})
    notices.team_help(help_answer(team, cy, ana), NOW)
    tick(SOON, sender(ctx), grace=GRACE)
    [message] = push_service.messages_for(device)
    assert message.payload["body"] == GENERIC_EN


def test_the_mail_says_who_would_like_help_and_links_to_the_team_page(
        ctx, team, mail_server):
    team, ana, cy = team
    notices.team_help(help_answer(team, ana, cy), NOW)
    tick(SOON, sender=None, grace=GRACE)
    assert mail_server.wait_for(1)
    [mail] = mail_server.received
    assert mail["To"] == "cy@example.org" and mail["Content-Language"] == "nl"
    assert "Ana" in mail["Subject"]
    assert "Ana" in text_of(mail)
    assert f"{PUBLIC}/teams/{team.id}" in links_in(mail)
    assert "planning" not in text_of(mail) + html_of(mail), "the words wait on the page"
    assert notice_of(cy).status == "sent"


def test_an_english_mail_reads_warmly(ctx, team, mail_server):
    team, ana, cy = team
    notices.team_help(help_answer(team, cy, ana), NOW)
    tick(SOON, sender=None, grace=GRACE)
    assert mail_server.wait_for(1)
    [mail] = mail_server.received
    assert mail["Subject"] == "Cy would like your help"
    assert "Cy would like your help, after your team meeting." in text_of(mail)
    assert "Whether and how you help is yours to choose." in text_of(mail)


@pytest.mark.parametrize("meanwhile", ["asks_nobody", "gone", "helper_left", "author_left",
                                       "emptied"])
def test_a_notice_that_no_longer_fits_is_skipped(ctx, team, mail_server, meanwhile):
    team, ana, cy = team
    answer = help_answer(team, ana, cy)
    notices.team_help(answer, NOW)
    if meanwhile == "asks_nobody":
        MeetingAnswer.update(help_to=None).execute()
    elif meanwhile == "gone":
        answer.delete_instance()
    elif meanwhile == "emptied":
        MeetingAnswer.update(text="  ").execute()
    else:
        who = cy if meanwhile == "helper_left" else ana
        TeamMember.delete().where(TeamMember.user == who).execute()
    assert tick(SOON, sender=None, grace=GRACE)["skipped"] == 1
    assert notice_of(cy).detail == "no_longer_wanted"
    assert OutgoingMail.select().count() == 0


def test_the_channel_can_be_chosen_on_the_settings_page_and_by_the_api(ctx, client, journal):
    html = client.get("/settings/notifications").get_data(as_text=True)
    assert 'id="channels_team_help"' in html
    assert "When a teammate asks for your help after a team meeting" in html
    saved = journal.api("PUT", "/api/v1/reminders", {"channels": {"team_help": "mail"}})
    assert saved.status_code == 200 and saved.get_json()["channels"]["team_help"] == "mail"


def test_the_rule():
    fits = {"recipient_id": "cy", "help_to_id": "cy", "has_text": True, "both_in_team": True}
    assert team_help_wanted(**fits)
    assert not team_help_wanted(**{**fits, "help_to_id": "bo"})
    assert not team_help_wanted(**{**fits, "help_to_id": None})
    assert not team_help_wanted(**{**fits, "has_text": False})
    assert not team_help_wanted(**{**fits, "both_in_team": False})


def test_one_click_unsubscribe_leaves_it_coming_by_push(ctx, client, team, mail_server):
    team, ana, cy = team
    notices.team_help(help_answer(team, cy, ana), NOW)
    tick(SOON, sender=None, grace=GRACE)
    assert mail_server.wait_for(1)
    unsubscribe = mail_server.received[0]["List-Unsubscribe"].strip("<>")
    assert read_token(unsubscribe.rsplit("/", 1)[1]) == (str(ana.id), "team_help")
    page = client.get(unsubscribe.removeprefix(PUBLIC)).get_data(as_text=True)
    assert "a teammate would like your help" in page
    assert client.post(unsubscribe.removeprefix(PUBLIC),
                       data="List-Unsubscribe=One-Click").status_code == 200
    assert channel_of(ana, "team_help") == "push"
