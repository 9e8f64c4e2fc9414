"""An invitation by e-mail on a phone (360×800), in English and Dutch: the employee invites by
address, the mail reaches a real SMTP server on loopback, and the People page says it was sent.
The page fits, its targets are big enough to tap, axe finds no serious violation; the page and
the received mail (HTML and text) are kept as screenshots."""
import html
import time

import pytest

from tests.browser.conftest import screenshot, sign_up
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_pages_on_a_phone import SMALL_TARGETS


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": "https://journal.example.org",
            "MAIL_FROM": "Progress Journal <journal@example.org>"}


def invitation_mail(mail_server, to, timeout=10):
    """The invitation mail received for this address (a sign-up's own mail may arrive too)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for mail in list(mail_server.received):
            if mail["To"] == to and "/invite/" in mail.get_body(("plain",)).get_content():
                return mail
        time.sleep(0.05)
    raise AssertionError(f"no invitation mail reached {to}")


def keep_mail(browser, mail, name):
    """Screenshots of a received mail as a phone shows it: its HTML, and its plain text."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.set_content(mail.get_body(("html",)).get_content())
        screenshot(page, f"mail-invitation-{name}-html")
        text = html.escape(mail.get_body(("plain",)).get_content())
        page.set_content(f'<pre style="white-space:pre-wrap;font:15px/1.5 monospace;'
                         f'margin:12px">{text}</pre>')
        screenshot(page, f"mail-invitation-{name}-text")
    finally:
        context.close()


@pytest.mark.parametrize("language, inviter, invitee", [
    ("en", "Ana", "bo@example.org"), ("nl", "Anke", "bas@example.org")])
def test_the_people_page_says_the_invitation_was_mailed(phone, browser, mail_server, language,
                                                         inviter, invitee):
    page = phone(locale="nl-NL" if language == "nl" else "en-GB")
    sign_up(page, email=f"{inviter.lower()}@example.org", name=inviter, language=language)
    page.goto("/people")
    page.fill("#email", invitee)
    page.locator("form:has(#email) button[type=submit]").click()
    page.wait_for_url("**/people/invitations")
    assert invitee in page.inner_text("main") and page.locator("#invite-link").count() == 0
    mail = invitation_mail(mail_server, invitee)
    assert mail["Content-Language"] == language

    page.goto("/people")
    state = page.locator("section[aria-labelledby=pending-heading] .mail-state")
    assert state.count() == 1 and "error" not in state.get_attribute("class")
    if language == "en":
        assert state.inner_text() == "Sent by e-mail"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"/people scrolls sideways ({width}px)"
    assert page.evaluate(SMALL_TARGETS) == [], "tap targets under 44px on /people"
    assert serious_violations(page) == []
    screenshot(page, f"people-invitation-mailed-{language}")
    keep_mail(browser, mail, language)
