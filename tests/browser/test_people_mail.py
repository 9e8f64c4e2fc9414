"""An invitation by e-mail on a phone (360×800), in English and Dutch: the employee invites by
address, the mail reaches a real SMTP server on loopback, and the People page says it was sent.
The page fits, its targets are big enough to tap, axe finds no serious violation; the page and
the received mail (HTML and text) are kept as screenshots."""
import time

import pytest

from tests.browser.checks import fits, keep_mail
from tests.browser.conftest import sign_up


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": "https://journal.example.org",
            "MAIL_FROM": "Progress Journal <journal@example.org>"}


def invitation_mail(mail_server, to, timeout=20):
    """The invitation mail received for this address (a sign-up's own mail may arrive too)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for mail in list(mail_server.received):
            if mail["To"] == to and "/invite/" in mail.get_body(("plain",)).get_content():
                return mail
        time.sleep(0.05)
    raise AssertionError(f"no invitation mail reached {to}")


@pytest.mark.parametrize("language, inviter, invitee", [
    ("en", "Ana", "bo@example.org"), ("nl", "Anke", "bas@example.org")])
def test_the_people_page_says_the_invitation_was_mailed(phone, mail_server, language, inviter,
                                                         invitee):
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
    fits(page, f"people-invitation-mailed-{language}")
    keep_mail(phone(), f"mail-invitation-{language}", mail["Subject"],
              mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content())
