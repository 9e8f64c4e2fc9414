"""A mail refused for good (5xx) is shown where the person sees their address: the settings
page and the notifications page, with the server's answer, until a mail gets through again."""
from datetime import timedelta

import pytest

from journal.db import database
from journal.mail.compose import queue_for
from journal.mail.sending import send_due
from journal.models import User

TROUBLE = "Our last mail to ana@example.org could not be delivered."


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": "https://journal.example.org"}


def mail_ana(app, clock):
    """A minute later, queue one reminder-like mail to Ana and hand it to the server."""
    clock.now += timedelta(minutes=1)
    with app.test_request_context():
        ana = User.get(User.email == "ana@example.org")
        ana.mark_verified(clock.now.replace(tzinfo=None))
        with database.atomic():
            queue_for(ana, name="reminder", kind="daily", subject="Today", now=clock.now,
                      reminder="daily", href="https://journal.example.org/",
                      settings_url="https://journal.example.org/settings/notifications")
        return send_due(clock.now)


def send_waiting(app, clock):
    """Send what is queued (the sign-up mail), so it is not what fails below."""
    with app.app_context():
        send_due(clock.now)


def pages(journal):
    return [journal.client.get(path).get_data(as_text=True)
            for path in ("/settings", "/settings/notifications")]


def test_a_refused_mail_is_shown_with_the_answer_until_one_gets_through(app, journal, clock,
                                                                          mail_server):
    send_waiting(app, clock)
    assert all(TROUBLE not in page for page in pages(journal))

    mail_server.answer = mail_server.PERMANENT
    assert mail_ana(app, clock)["failed"] == 1
    for path, page in zip(("/settings", "/settings/notifications"), pages(journal)):
        assert TROUBLE in page, path
        assert "550 5.1.1 No such mailbox here" in page

    mail_server.answer = "250"
    assert mail_ana(app, clock)["sent"] == 1
    assert all(TROUBLE not in page for page in pages(journal))


def test_a_mail_waiting_for_a_retry_is_no_trouble_yet(app, journal, clock, mail_server):
    send_waiting(app, clock)
    mail_server.answer = mail_server.TEMPORARY
    assert mail_ana(app, clock)["retry"] == 1
    assert all(TROUBLE not in page for page in pages(journal))
