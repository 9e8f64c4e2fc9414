"""How reminders and notices reach a person, chosen on the notifications page at 360×800 in
English and Dutch: it fits, its targets are big enough to tap, axe finds no serious
violation, a choice is saved; and the reminder and notice mails themselves (HTML and text) are
kept as screenshots."""
from datetime import date

import pytest

from journal.clock import utcnow
from journal.models import Summary, SummaryResponse, User
from journal.notifications.mailing import notice_mail, reminder_mail
from journal.notifications.store import channel_of
from tests.browser.checks import compose, fits, keep_mail
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD, STORED_NOW


@pytest.fixture
def app_config(app_config):
    return {**app_config, "PUBLIC_URL": "https://journal.example.org"}


def sign_up(name, email, language, verified=True):
    user = User.sign_up(email=email, password=PASSWORD, display_name=name,
                        timezone="Europe/Amsterdam", language=language, now=STORED_NOW)
    if verified:
        user.mark_verified(STORED_NOW)
    return user


@pytest.mark.parametrize("language", ["en", "nl"])
def test_choosing_how_reminders_and_news_arrive_on_a_phone(phone, app, language):
    with app.app_context():
        sign_up("Ana", "ana@example.org", language, verified=False)
    page = phone(locale="nl-NL" if language == "nl" else "en-GB")
    log_in(page)
    page.goto("/settings/notifications")
    page.locator("#channels_daily").scroll_into_view_if_needed()
    fits(page, f"notification-channels-{language}")
    page.select_option("#channels_daily", "mail")
    page.select_option("#channels_summary_shared", "push")
    page.locator("form.reminders-form button[type=submit]").click()
    page.wait_for_url("**/settings/notifications")
    ana = User.get()
    assert channel_of(ana, "daily") == "mail" and channel_of(ana, "summary_shared") == "push"
    assert page.input_value("#channels_daily") == "mail"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_reminder_and_notice_mails_as_read_on_a_phone(phone, app, language):
    """Each reminder and notice mail (HTML and text), kept as artefacts."""
    with app.app_context():
        ana = sign_up("Ana", "ana@example.org", language)
        bo = sign_up("Bo", "bo@example.org", language)
        summary = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=ana,
                                 period_from=date(2026, 11, 1), period_to=date(2026, 11, 27),
                                 status="shared", manager=bo, shared_at=STORED_NOW,
                                 conversation_on=date(2026, 12, 10))
        SummaryResponse.create(summary=summary, manager=bo, updated_at=STORED_NOW,
                               reply="I like how you set up the intake with Sam.",
                               replied_at=STORED_NOW)
        mails = {
            "daily": lambda: reminder_mail(ana, "daily", utcnow()),
            "weekly-review": lambda: reminder_mail(ana, "weekly_review", utcnow()),
            "summary-shared": lambda: notice_mail(bo, "summary_shared", summary,
                                                  other_name="Ana", now=utcnow()),
            "summary-reply": lambda: notice_mail(ana, "summary_reply", summary,
                                                 other_name="Bo", now=utcnow()),
            "conv-prepare": lambda: notice_mail(ana, "conv_prepare", summary,
                                                other_name="Bo", now=utcnow()),
            "conv-eve": lambda: notice_mail(bo, "conv_eve", summary, other_name="Ana",
                                            now=utcnow()),
        }
        composed = {name: compose(make) for name, make in mails.items()}
    page = phone()
    for name, (subject, text, html) in composed.items():
        keep_mail(page, f"mail-{name}-{language}", subject, text, html)

