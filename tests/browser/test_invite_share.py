"""Passing an invitation link on, on a phone (360×800) in English and Dutch (issue 14, items 5
and 15): the whole link is on screen; Copy puts exactly that link on the clipboard and says so
in the page's own words; Share appears only where the device can share; without JavaScript the
link is still there to select. The privacy page, public and signed in, fits too. Each page is
checked by `fits` and kept as a screenshot."""
import re

import pytest

from tests.browser.checks import fits
from tests.browser.conftest import sign_up

CLIPBOARD = ["clipboard-read", "clipboard-write"]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/invite/[A-Za-z0-9_-]+")
# A device that can share: what it was given is kept for the test to read.
FAKE_SHARE = """Object.defineProperty(navigator, "share", {configurable: true,
    value: (data) => { window.sharedWith = data; return Promise.resolve(); }});"""


def locale_of(language):
    return "nl-NL" if language == "nl" else "en-GB"


def make_link(page):
    """A link invitation from the People page; returns the link the page shows."""
    page.goto("/people")
    page.locator("form:has(input[name=kind][value=link]) button").click()
    page.wait_for_url("**/people/invitations")
    return page.locator("#invite-link").inner_text().strip()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_copy_puts_the_whole_link_on_the_clipboard_and_says_so(phone, language):
    page = phone(locale=locale_of(language), permissions=CLIPBOARD)
    sign_up(page, name="Ana", language=language)
    link = make_link(page)
    assert LINK.fullmatch(link), link
    shown = page.locator("#invite-link")
    assert shown.evaluate("el => el.scrollWidth <= el.clientWidth"), "the link wraps, whole"
    assert page.evaluate("typeof navigator.share") == "undefined"
    assert page.locator("button[data-share]").is_hidden(), "no Share where nothing can share"

    copy = page.locator("button[data-copy]")
    assert copy.is_visible()
    copy.click()
    status = page.locator(".share-status")
    status.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('.share-status').textContent !== ''")
    assert status.inner_text() == copy.get_attribute("data-done")
    assert page.evaluate("navigator.clipboard.readText()") == link
    fits(page, f"invite-link-copied-{language}")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_share_appears_where_the_device_can_share_and_hands_it_the_link(phone, language):
    page = phone(locale=locale_of(language))
    page.context.add_init_script(FAKE_SHARE)
    sign_up(page, name="Ana", language=language)
    link = make_link(page)
    share = page.locator("button[data-share]")
    assert share.is_visible()
    share.click()
    page.wait_for_function("() => window.sharedWith !== undefined")
    shared = page.evaluate("window.sharedWith")
    assert shared == {"url": link, "title": share.get_attribute("data-title"),
                      "text": share.get_attribute("data-text")}
    fits(page, f"invite-link-share-{language}")


def test_without_javascript_the_link_is_there_to_select(phone, browser, live_server):
    page = phone()
    sign_up(page, name="Ana")
    cookies = page.context.cookies()
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=live_server,
                                  java_script_enabled=False)
    try:
        context.add_cookies(cookies)
        plain = context.new_page()
        link = make_link(plain)
        assert LINK.fullmatch(link)
        assert plain.locator("button[data-copy]").is_hidden()
        assert plain.locator("button[data-share]").is_hidden()
        plain.locator("#invite-link").click(click_count=3)
        assert plain.evaluate("window.getSelection().toString().trim()") == link
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_privacy_page_fits_before_and_after_signing_up(phone, language):
    page = phone(locale=locale_of(language))
    page.goto(f"/language/{language}")
    page.goto("/signup")
    page.locator("main a[href='/privacy']").click()
    page.wait_for_url("**/privacy")
    assert page.locator("h1").count() == 1
    fits(page, f"privacy-public-{language}")
    sign_up(page, name="Ana", language=language)
    page.goto("/settings")
    page.locator("main a[href='/privacy']").click()
    page.wait_for_url("**/privacy")
    assert page.locator("nav.tabs").is_visible()
    fits(page, f"privacy-{language}")
