"""The mail choices page and the unsubscribe page at 360×800 in English and Dutch: they fit,
their targets are big enough to tap, axe finds no serious violation, a bad time is shown next
to its field, the unsubscribe button works without logging in, and each is kept as a
screenshot; so is the week mail itself (HTML and text)."""
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest

from journal.clock import utcnow
from journal.db import database
from journal.models import Entry, User
from journal.models.push import Reminder
from journal.notifications.digest import queue_digest, save_digest
from journal.notifications.unsubscribe import unsubscribe_url
from tests.browser.checks import fits, keep_mail
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD, STORED_NOW


@pytest.fixture
def ana(app):
    with app.app_context():
        user = User.sign_up(email="ana@example.org", password=PASSWORD, display_name="Ana",
                            timezone="Europe/Amsterdam", language="en", now=STORED_NOW)
        user.mark_verified(STORED_NOW)
    return user


@pytest.mark.parametrize("language", ["en", "nl"])
def test_mail_choices_on_a_phone(phone, app, ana, language):
    User.update(language=language).execute()
    page = phone(locale="nl-NL" if language == "nl" else "en-GB")
    log_in(page)
    page.goto("/settings/notifications/mail")
    fits(page, f"mail-settings-{language}")
    page.check("input[name=digest_enabled]")
    page.fill("input[name=digest_time]", "")
    page.locator("form.reminders-form button[type=submit]").click()
    page.wait_for_selector("#digest_time-error")
    assert page.get_attribute("#digest_time", "aria-invalid") == "true"
    fits(page, f"mail-settings-error-{language}")
    page.fill("input[name=digest_time]", "17:15")
    page.uncheck("input[name=mail_words]")
    page.locator("form.reminders-form button[type=submit]").click()
    page.wait_for_url("**/settings/notifications")
    row = Reminder.get(Reminder.kind == "digest")
    assert (row.enabled, row.time) == (True, "17:15")
    assert User.get().mail_words is False
    if page.locator("#mail-heading").count():  # once the notifications page includes it
        page.locator("#mail-heading").scroll_into_view_if_needed()
        screenshot(page, f"mail-settings-summary-{language}")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_unsubscribe_page_on_a_phone_without_logging_in(phone, app, ana, language):
    User.update(language=language).execute()
    with app.app_context():
        save_digest(User.get(), {"enabled": True}, utcnow())
        path = urlsplit(unsubscribe_url(ana, "digest")).path
    page = phone(locale="en-GB")  # whatever the browser says: the person's own language
    page.goto(path)
    assert page.get_attribute("html", "lang") == language
    fits(page, f"unsubscribe-{language}")
    assert Reminder.get(Reminder.kind == "digest").enabled is True
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("p[role=status]")
    fits(page, f"unsubscribe-done-{language}")
    assert Reminder.get(Reminder.kind == "digest").enabled is False


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_digest_mail_as_read_on_a_phone(phone, app, ana, language):
    """The week mail (HTML and text) with highlights, and a quiet week, kept as artefacts."""
    User.update(language=language).execute()
    monday = date(2026, 11, 23)
    with app.app_context():
        user = User.get()
        for offset, text, meaning in ((1, "Ran the intake with Sam on my own", 5),
                                      (3, "Asked Noor for feedback after the team meeting", 4),
                                      (3, "Planned the week", None)):
            Entry.create_for(user, {"day": monday + timedelta(days=offset), "text": text,
                                    "kind": "progress", "meaning": meaning, "tags": []},
                             now=STORED_NOW)
        busy = compose_digest(user, monday)
        quiet = compose_digest(user, monday + timedelta(days=7))
    page = phone()
    for name, parts in (("mail-digest", busy), ("mail-digest-quiet", quiet)):
        keep_mail(page, f"{name}-{language}", *parts)


def compose_digest(user, monday):
    """The subject, text and HTML of the week mail as queue_digest makes it (without
    sending)."""
    with database.atomic() as transaction:
        mail = queue_digest(user, monday + timedelta(days=4), utcnow())
        parts = (mail.subject, mail.body_text, mail.body_html)
        transaction.rollback()
    return parts
