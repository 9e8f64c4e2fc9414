"""One-click unsubscribe (RFC 8058), followed from the received mail: the link opens a page
that changes nothing; a POST with `List-Unsubscribe=One-Click`, without login and without a CSRF
token, switches that kind of mail off, as often as it comes; a forged token, a deleted person
or an unknown kind gets a 404 and changes nothing."""
from datetime import date
from urllib.parse import urlsplit

import pytest
from itsdangerous import URLSafeSerializer

from journal.db import database
from journal.mail.sending import send_due
from journal.models import User
from journal.models.push import ChannelChoice, Reminder
from journal.notifications.digest import queue_digest, save_digest
from journal.notifications.unsubscribe import SALT, WHAT_STOPS, unsubscribe_url
from tests.conftest import PASSWORD, STORED_NOW

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": "https://journal.example.org",
            "MAIL_FROM": "Progress Journal <journal@example.org>"}


@pytest.fixture
def ana(app, clock):
    """Ana, verified, with the weekly mail on; nobody is logged in anywhere."""
    with app.app_context():
        user = User.sign_up(email="ana@example.org", password=PASSWORD, display_name="Ana",
                            timezone="Europe/Amsterdam", language="en", now=STORED_NOW)
        user.mark_verified(STORED_NOW)
        save_digest(user, {"enabled": True}, clock.now)
    return user


def digest_row(user):
    return Reminder.get((Reminder.user == user) & (Reminder.kind == "digest"))


def received_unsubscribe_path(app, clock, mail_server, user):
    """Send Ana's digest through the SMTP server and take the link from the received mail (its
    header and its text must agree); the path to open on the test client."""
    with app.app_context():
        send_due(clock.now)  # whatever was queued before goes first
        mail_server.received.clear()
        with database.atomic():
            queue_digest(User.get_by_id(user.id), date(2026, 11, 27), clock.now)
        send_due(clock.now)
    assert mail_server.wait_for(1)
    got = mail_server.received[-1]
    link = got["List-Unsubscribe"].strip("<>")
    assert got["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"No more of these mails: {link}" in got.get_body(("plain",)).get_content()
    return urlsplit(link).path


def test_the_link_opens_a_page_that_asks_and_changes_nothing(app, client, clock, mail_server,
                                                             ana):
    path = received_unsubscribe_path(app, clock, mail_server, ana)
    for _ in range(2):  # a mail scanner, then the person
        page = client.get(path)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "This stops the weekly mail about your week." in html
        assert f'<form method="post" action="{path}">' in html
        assert 'href="/settings/notifications"' in html
    assert digest_row(ana).enabled is True


def test_a_one_click_post_without_login_or_csrf_turns_the_digest_off(app, clock, mail_server,
                                                                     ana):
    path = received_unsubscribe_path(app, clock, mail_server, ana)
    mail_client = app.test_client()  # no session, no cookie, no token: a mail client
    response = mail_client.post(path, data=ONE_CLICK)
    assert response.status_code == 200
    assert "Done: you will no longer get the weekly mail about your week." in response.get_data(
        as_text=True)
    row = digest_row(ana)
    assert (row.enabled, row.next_fire_at) == (False, None)
    assert mail_client.post(path, data=ONE_CLICK).status_code == 200  # again: the same
    assert digest_row(ana).enabled is False


def test_the_page_button_works_the_same_and_csrf_still_guards_the_rest(app, client, clock,
                                                                       mail_server, ana):
    path = received_unsubscribe_path(app, clock, mail_server, ana)
    assert client.post("/settings/notifications/mail", data={"digest_enabled": "y"}
                       ).status_code == 400  # CSRF is on for everything else
    assert client.post(path).status_code == 200  # the page's button: an empty form
    assert digest_row(ana).enabled is False


@pytest.mark.parametrize("kind", ["daily", "weekly_review", "summary_shared", "summary_reply",
                                  "conv_prepare", "conv_eve"])
def test_a_reminder_or_notice_link_leaves_that_kind_to_push(app, client, ana, kind):
    with app.test_request_context():
        path = urlsplit(unsubscribe_url(ana, kind)).path
    ChannelChoice.create(user=ana, kind="conv_eve" if kind != "conv_eve" else "daily",
                         channel="both")  # another kind stays as it was
    if kind == "daily":
        ChannelChoice.create(user=ana, kind=kind, channel="both")
    page = client.get(path).get_data(as_text=True)
    assert str(WHAT_STOPS[kind]) in page
    assert ChannelChoice.select().where(ChannelChoice.kind == kind).count() == (
        1 if kind == "daily" else 0)
    for _ in range(2):
        done = client.post(path, data=ONE_CLICK)
        assert done.status_code == 200
        assert "You can still get these as notifications" in done.get_data(as_text=True)
    rows = list(ChannelChoice.select().where(ChannelChoice.user == ana))
    assert {(row.kind, row.channel) for row in rows} == {
        (kind, "push"), ("conv_eve" if kind != "conv_eve" else "daily", "both")}
    assert digest_row(ana).enabled is True


def test_the_page_is_in_the_language_of_the_person_the_mail_went_to(app, client, ana):
    User.update(language="nl").where(User.id == ana.id).execute()
    with app.test_request_context():
        path = urlsplit(unsubscribe_url(ana, "digest")).path
    html = client.get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="nl">' in html


def forged(app, data, secret="test-secret"):
    return "/mail/unsubscribe/" + URLSafeSerializer(secret, salt=SALT).dumps(data)


def test_forged_damaged_or_unknown_tokens_are_404_and_change_nothing(app, client, ana):
    with app.test_request_context():
        good = urlsplit(unsubscribe_url(ana, "digest")).path
    bad = [good[:-3] + ("abc" if not good.endswith("abc") else "xyz"),
           forged(app, {"u": str(ana.id), "k": "digest"}, secret="another-secret"),
           forged(app, {"u": str(ana.id), "k": "password_reset"}),
           forged(app, {"u": "not-a-uuid", "k": "digest"}),
           forged(app, ["a", "list"]),
           "/mail/unsubscribe/nothing"]
    for path in bad:
        for method in ("GET", "POST"):
            response = client.open(path, method=method, data=ONE_CLICK)
            assert response.status_code == 404, (path, method)
    assert "This link to stop mails does not work." in client.get(bad[0]).get_data(as_text=True)
    assert digest_row(ana).enabled is True and ChannelChoice.select().count() == 0


def test_a_link_of_a_deleted_account_is_404(app, client, ana):
    with app.test_request_context():
        path = urlsplit(unsubscribe_url(ana, "daily")).path
    User.get_by_id(ana.id).delete_instance()
    assert client.get(path).status_code == 404
    assert client.post(path, data=ONE_CLICK).status_code == 404
    assert ChannelChoice.select().count() == 0


def test_a_disabled_digest_does_not_come_back_when_it_was_never_chosen(app, client, clock):
    with app.app_context():
        bo = User.sign_up(email="bo@example.org", password=PASSWORD, display_name="Bo",
                          timezone="UTC", language="en", now=STORED_NOW)
        path = urlsplit(unsubscribe_url(bo, "digest")).path
    assert client.post(path, data=ONE_CLICK).status_code == 200
    assert Reminder.select().where(Reminder.user == bo).count() == 0
