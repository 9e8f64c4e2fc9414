"""Forgot password on a phone (360×800), from the login page to logged in again, with the reset
mail read from a real SMTP server; the verify confirm page; and the account mails as read on a
phone. Run in Dutch (the issue's case) and in English, with screenshots of each page."""
import re

import pytest

from journal.accounts import links
from journal.accounts.rules import VERIFY_LINK_LIFETIME
from journal.clock import stored_utc, utcnow
from journal.models import AccountToken, User
from tests.browser.checks import compose, fits, keep_mail
from tests.browser.conftest import sign_up

PUBLIC_URL = "https://journal.example.org"
NEW_PASSWORD = "a fresh start at last"


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": PUBLIC_URL}


def path_in(message, prefix):
    """The path of the `prefix` link in a received mail (the live server stands in for
    PUBLIC_URL)."""
    text = message.get_body(("plain",)).get_content()
    match = re.search(re.escape(PUBLIC_URL) + "(" + re.escape(prefix) + r"[A-Za-z0-9_-]+)", text)
    assert match, f"no {prefix} link in the mail"
    return match.group(1)


def mail_with(mail_server, prefix, count):
    """The received mail carrying a `prefix` link, once `count` mails have arrived (on a busy
    machine the mail sent after a response may take a few seconds)."""
    assert mail_server.wait_for(count, timeout=60)
    return next(m for m in mail_server.received if prefix in m.get_body(("plain",)).get_content())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_forgot_password_from_the_login_page_to_logged_in_again(phone, mail_server, language):
    locale = {"nl": "nl-NL", "en": "en-GB"}[language]
    first = phone(locale=locale)
    sign_up(first, language=language)
    verify = mail_with(mail_server, "/verify/", 1)
    assert verify["Content-Language"] == language

    page = phone(locale=locale)  # another phone, not logged in
    page.goto(f"/language/{language}")
    page.goto("/login")
    page.locator('a[href="/password/forgot"]').click()
    page.wait_for_url("**/password/forgot")
    fits(page, f"password-forgot-{language}")
    page.fill("input[name=email]", "ana@example.org")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("form[action='/password/forgot']", state="detached")
    fits(page, f"password-forgot-sent-{language}")

    reset = mail_with(mail_server, "/password/reset/", 2)
    assert reset["To"] == "ana@example.org" and reset["Content-Language"] == language
    page.goto(path_in(reset, "/password/reset/"))
    assert page.locator("input[name=password][autocomplete=new-password]").count() == 1
    fits(page, f"password-reset-{language}")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/$"))
    assert page.locator("meta[name=journal-user]").count() == 1, "logged in"
    assert page.locator(".flash").count() == 1
    fits(page, f"password-reset-done-{language}")

    first.reload()
    assert first.locator("meta[name=journal-user]").count() == 0, "the first phone is logged out"
    changed = mail_with(mail_server, "/password/forgot", 3)
    assert changed["Content-Language"] == language

    page.goto("/settings/email")  # the address and the form to change it
    assert page.locator("form[action='/settings/email/resend']").count() == 0, \
        "the reset link reached the address: it is confirmed"
    fits(page, f"settings-email-{language}")

    page.goto(path_in(verify, "/verify/"))
    fits(page, f"verify-confirm-{language}")
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    fits(page, f"verify-done-{language}")
    assert User.get(User.email == "ana@example.org").email_verified


@pytest.mark.parametrize("language", ["en", "nl"])
def test_account_mails_as_read_on_a_phone(phone, app, language):
    """Each account mail (HTML and text), kept as artefacts: the sign-up link, the link to a new
    address, the reset link, and the two security notices."""
    with app.test_request_context():
        now = utcnow()
        ana = User.create(email="ana@example.org", password_hash="x", display_name="Ana",
                          language=language, created_at=now.replace(tzinfo=None))
        mails = {
            "verify": lambda: links.mail_verify_link(ana, now),
            "verify-new-address": lambda: links.mail_verify_link(ana, now, "ana.k@example.org"),
            "reset": lambda: links.mail_reset_link("ana@example.org", now),
            "password-changed": lambda: links.after_password_change(ana, now, revoked=2)[0],
            "address-changed": lambda: _moved(ana, now),
        }
        composed = {name: compose(make) for name, make in mails.items()}
    page = phone()
    for name, (subject, text, html) in composed.items():
        keep_mail(page, f"mail-{name}-{language}", subject, text, html)


def _moved(user, now):
    row = links.open_link(_new_address_token(user, now), "verify", now)[0]
    return links.confirm_address(row, now)[1][0]


def _new_address_token(user, now):
    """A link to a new address, made the way a mail makes it, keeping the token."""
    stamp = stored_utc(now)
    _row, token = AccountToken.issue(user, "verify", email="ana.k@example.org", now=stamp,
                                     expires_at=stamp + VERIFY_LINK_LIFETIME)
    return token

