"""The weekly "your week" mail: what it says about a week (a pure function), the mail as a real
SMTP server receives it (in the person's language, without their words when they chose so,
nothing to an unverified address, one-click unsubscribe headers), and its settings page."""
import re
from datetime import date, datetime, timedelta

import pytest
from flask import render_template
from flask_babel import force_locale

from journal.accounts.sessions import sign_in
from journal.db import database
from journal.mail import MailSettings
from journal.mail.sending import send_due
from journal.models import Entry, OutgoingMail, User
from journal.models.push import Reminder
from journal.notifications.digest import (
    CUT_AT,
    SUBJECT,
    clean_digest,
    clean_mail_fields,
    cut,
    digest_facts,
    digest_settings,
    mail_fields,
    queue_digest,
    save_mail_fields,
)
from tests.conftest import PASSWORD, STORED_NOW, Journal

WEEK = "2026-W48"  # Monday 23 to Sunday 29 November 2026; the clock is Friday the 27th
FRIDAY = date(2026, 11, 27)
PAGE = "/settings/notifications/mail"


def entry(day, text="A step", kind="progress", meaning=None, minute=0):
    return {"day": day, "kind": kind, "text": text, "meaning": meaning,
            "created_at": datetime(2026, 11, 20, 9, minute)}


# -- digest_facts: pure --------------------------------------------------------------------

def test_facts_count_the_days_with_progress_in_that_week_only():
    entries = [entry(date(2026, 11, 23)), entry(date(2026, 11, 23), minute=5),
               entry(date(2026, 11, 25)), entry(date(2026, 11, 26), kind="setback"),
               entry(date(2026, 11, 22)), entry(date(2026, 11, 30))]  # the weeks either side
    facts = digest_facts(entries, WEEK)
    assert facts["days_with_progress"] == 2
    assert facts["entries"] == 4
    assert (facts["monday"], facts["sunday"]) == (date(2026, 11, 23), date(2026, 11, 29))
    assert facts["week"] == WEEK


def test_highlights_are_three_progress_notes_most_meaningful_first_then_newest():
    entries = [
        entry(date(2026, 11, 23), "old and very meaningful", meaning=5),
        entry(date(2026, 11, 24), "unscored but newest of the unscored"),
        entry(date(2026, 11, 23), "unscored and older"),
        entry(date(2026, 11, 25), "meaning three", meaning=3),
        entry(date(2026, 11, 26), "newer five, written later", meaning=5, minute=30),
        entry(date(2026, 11, 26), "newer five, written earlier", meaning=5, minute=10),
        entry(date(2026, 11, 27), "a setback, never a highlight", kind="setback", meaning=5),
    ]
    assert digest_facts(entries, WEEK)["highlights"] == [
        "newer five, written later", "newer five, written earlier", "old and very meaningful"]
    fewer = [e for e in entries if e["meaning"] != 5]
    assert digest_facts(fewer, WEEK)["highlights"] == [
        "meaning three", "unscored but newest of the unscored", "unscored and older"]


def test_a_long_highlight_is_cut_at_a_word_on_one_line():
    text = "Finished the intake checklist\nwith Sam " + "and then some more words " * 20
    short = cut(text)
    assert len(short) <= CUT_AT and short.endswith("…")
    assert "\n" not in short and short.startswith("Finished the intake checklist with Sam and")
    assert short[:-1] == short[:-1].rstrip() and text.split()[-1] not in short[-6:]
    assert cut("Short and sweet.\n") == "Short and sweet."
    assert cut("x" * 400) == "x" * (CUT_AT - 1) + "…"  # one long word: cut inside it
    assert digest_facts([entry(FRIDAY, text)], WEEK)["highlights"] == [short]


def test_an_empty_week_has_nothing_to_count():
    assert digest_facts([], WEEK) == {
        "week": WEEK, "monday": date(2026, 11, 23), "sunday": date(2026, 11, 29),
        "entries": 0, "days_with_progress": 0, "highlights": []}


# -- checking the settings (API and form) -------------------------------------------------

def test_clean_digest_and_mail_words():
    assert clean_digest({"enabled": True, "time": "07:30"}) == (
        {"enabled": True, "time": "07:30"}, {})
    assert clean_digest({"time": "18:00"}) == ({"time": "18:00"}, {})
    clean, errors = clean_digest({"enabled": "yes", "time": "25:00"})
    assert clean == {} and set(errors) == {"digest.enabled", "digest.time"}
    assert set(clean_digest(["on"])[1]) == {"digest"}
    assert clean_mail_fields({"mail_words": False, "daily": {}}) == ({"mail_words": False}, {})
    assert set(clean_mail_fields({"mail_words": "no"})[1]) == {"mail_words"}
    assert clean_mail_fields({"digest": {"enabled": False}, "mail_words": True}) == (
        {"digest": {"enabled": False}, "mail_words": True}, {})


# -- the mail, through a real SMTP server --------------------------------------------------

@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": "https://journal.example.org",
            "MAIL_FROM": "Progress Journal <journal@example.org>"}


def person(app, email="ana@example.org", language="en", verified=True):
    """A person with an account (made as sign-up makes it), verified unless told."""
    with app.app_context():
        user = User.sign_up(email=email, password=PASSWORD, display_name="Ana",
                            timezone="Europe/Amsterdam", language=language, now=STORED_NOW)
    if verified:
        user.mark_verified(STORED_NOW)
    return user


def write(user, text, day, meaning=None, kind="progress", minute=0):
    learned = "Ask earlier" if kind == "setback" else ""
    Entry.create_for(user, {"day": day, "text": text, "kind": kind, "meaning": meaning,
                            "learned": learned, "tags": []},
                     now=STORED_NOW + timedelta(minutes=minute))


def digest_of(app, clock, mail_server, user):
    """Queue Ana's digest for this Friday as the dispatcher would, send it, and return the
    message the server received (mails sign-up may have queued go first, and are set aside)."""
    with app.app_context():
        send_due(clock.now)
        mail_server.received.clear()
        with database.atomic():
            queued = queue_digest(User.get_by_id(user.id), FRIDAY, clock.now)
        assert queued is not None
        assert send_due(clock.now)["sent"] == 1
    assert mail_server.wait_for(1)
    return mail_server.received[-1]


def parts(message):
    return (message.get_body(("plain",)).get_content(),
            message.get_body(("html",)).get_content())


def test_a_dutch_person_gets_the_week_in_dutch_with_highlights_and_a_review_link(
        app, clock, mail_server):
    ana = person(app, language="nl")
    write(ana, "Intake met Sam zelf gedaan", date(2026, 11, 24), meaning=5)
    write(ana, "Planning gemaakt", date(2026, 11, 26))
    write(ana, "Nog een stap op dezelfde dag", date(2026, 11, 26), meaning=2)
    write(ana, "Feedback gevraagd", date(2026, 11, 27), meaning=4)
    write(ana, "Vorige week", date(2026, 11, 20), meaning=5)
    got = digest_of(app, clock, mail_server, ana)
    text, html = parts(got)
    with app.app_context(), force_locale("nl"):
        assert got["Subject"] == str(SUBJECT)
    assert got["To"] == "ana@example.org" and got["Content-Language"] == "nl"
    assert '<html lang="nl">' in html
    assert "23–29 nov 2026" in text  # the week's dates in Dutch
    for part in (text, html):
        assert "Intake met Sam zelf gedaan" in part and "Feedback gevraagd" in part
        assert "Nog een stap op dezelfde dag" in part
        assert "Planning gemaakt" not in part and "Vorige week" not in part  # top three only
        assert "https://journal.example.org/reviews/2026-W48" in part
    assert text.index("Intake met Sam") < text.index("Feedback gevraagd") < text.index(
        "Nog een stap")
    assert re.search(r"\b3\b", text)  # three days with progress
    assert OutgoingMail.select().where(OutgoingMail.kind == "digest").count() == 1


def test_with_words_left_out_no_journal_text_is_anywhere_in_the_mail(app, clock, mail_server):
    ana = person(app)
    write(ana, "SECRET-WORDS one", date(2026, 11, 23), meaning=5)
    write(ana, "SECRET-WORDS two", date(2026, 11, 25))
    write(ana, "SECRET-WORDS setback", date(2026, 11, 26), kind="setback")
    User.update(mail_words=False).where(User.id == ana.id).execute()
    got = digest_of(app, clock, mail_server, ana)
    text, html = parts(got)
    raw = got.as_string()
    assert "SECRET" not in text and "SECRET" not in html and "SECRET" not in raw
    assert "Ask earlier" not in text + html
    for part in (text, html):
        assert "You noted progress on 2 days." in part
        assert "Your own words stay out of mails, as you chose." in part
        assert "https://journal.example.org/reviews/2026-W48" in part


def test_a_quiet_week_gets_a_gentle_invitation_without_guilt(app, clock, mail_server):
    ana = person(app)
    text, html = parts(digest_of(app, clock, mail_server, ana))
    for part in (text, html):
        assert "Your journal is quiet this week, and that is fine." in part
        assert "https://journal.example.org/" in part
        lowered = part.lower()
        assert not any(word in lowered for word in ("streak", "missed", "0 days", "should"))


def test_an_unverified_address_gets_no_digest(app, clock, mail_server):
    ana = person(app, verified=False)
    with app.app_context():
        assert queue_digest(User.get_by_id(ana.id), FRIDAY, clock.now) is None
    assert OutgoingMail.select().where(OutgoingMail.kind == "digest").count() == 0


def test_the_digest_carries_one_click_unsubscribe_headers_and_the_same_link(
        app, clock, mail_server):
    ana = person(app)
    got = digest_of(app, clock, mail_server, ana)
    text, html = parts(got)
    link = re.fullmatch(r"<(https://journal\.example\.org/mail/unsubscribe/[^>]+)>",
                        got["List-Unsubscribe"]).group(1)
    assert got["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"No more of these mails: {link}" in text
    assert f'href="{link}"' in html
    assert "https://journal.example.org/settings/notifications/mail" in text


# -- the settings page ---------------------------------------------------------------------

@pytest.fixture
def ana(app):
    """Ana, with an account, logged in in her own browser."""
    person(app)
    browser = Journal(app.test_client())
    assert browser.login().status_code == 302
    return browser


def save(browser, **fields):
    data = {"csrf_token": browser.token(PAGE), "digest_enabled": "y", "digest_time": "16:00",
            "mail_words": "y", **fields}
    return browser.client.post(PAGE, data={k: v for k, v in data.items() if v is not None})


def test_settings_roundtrip_schedules_the_mail_on_the_review_day(ana):
    client, journal = ana.client, ana
    html = client.get(PAGE).get_data(as_text=True)
    assert "Your week by e-mail" in html and "On your review day: Friday." in html
    assert 'name="digest_time" value="16:00"' in html and 'name="mail_words" value="y" ' \
        'aria-describedby="mail_words-hint" checked' in html
    response = save(journal, digest_time="07:30", mail_words=None)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/settings/notifications")
    user = User.get(User.email == "ana@example.org")
    row = Reminder.get((Reminder.user == user) & (Reminder.kind == "digest"))
    assert (row.enabled, row.time) == (True, "07:30")
    assert row.next_fire_at == datetime(2026, 12, 4, 6, 30)  # next Friday, 07:30 in Amsterdam
    assert user.mail_words is False
    assert "Your mail choices are saved." in client.get(
        "/settings/notifications").get_data(as_text=True)
    html = client.get(PAGE).get_data(as_text=True)
    assert 'value="07:30"' in html and 'name="digest_enabled" value="y" ' \
        'aria-describedby="digest_enabled-hint" checked' in html
    assert save(journal, digest_enabled=None).status_code == 302
    row = Reminder.get_by_id(row.id)
    assert (row.enabled, row.next_fire_at) == (False, None)


def test_a_bad_time_is_shown_next_to_the_field_and_nothing_is_saved(ana):
    journal = ana
    response = save(journal, digest_time="7 uur", mail_words=None)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'<p class="error" id="digest_time-error">Use a time like 18:30.</p>', html)
    assert 'value="7 uur"' in html and 'aria-invalid="true"' in html
    assert Reminder.select().where(Reminder.kind == "digest").count() == 0
    assert User.get(User.email == "ana@example.org").mail_words is True


def test_the_settings_need_a_login_and_a_csrf_token(ana):
    client, journal = ana.client, ana
    assert client.post(PAGE, data={"digest_enabled": "y", "digest_time": "16:00"}
                       ).status_code == 400
    journal.logout()
    assert client.get(PAGE).status_code in (302, 401)
    assert Reminder.select().count() == 0


def test_the_summary_on_the_notifications_page_says_what_is_chosen_and_whether_mail_works(
        app, clock):
    ana = person(app, verified=False)
    with app.app_context():
        save_mail_fields(ana, {"digest": {"enabled": True, "time": "17:15"},
                               "mail_words": False}, clock.now)
        assert mail_fields(User.get_by_id(ana.id)) == {
            "digest": {"enabled": True, "time": "17:15"}, "mail_words": False}

    def summary():
        with app.test_request_context("/settings/notifications"):
            sign_in(User.get_by_id(ana.id), remember=False)
            return render_template("notifications/_mail_extras.html")

    html = summary()
    assert "Every Friday at 17:15" in html and "Left out" in html
    assert "Mails start once your address, ana@example.org, is confirmed." in html
    assert 'href="/settings/notifications/mail"' in html
    User.update(email_verified_at=STORED_NOW).execute()
    assert "is confirmed" not in summary()
    app.extensions["mail"] = MailSettings(None, "localhost")
    assert "E-mail is not set up on this server" in summary()
    with app.app_context():
        assert digest_settings(User.get_by_id(ana.id))["enabled"] is True

