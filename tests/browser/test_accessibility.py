"""Accessibility: axe-core finds no serious or critical violation on the main pages."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from journal.clock import utcnow
from journal.models import Entry
from journal.weeks import week_of
from tests.browser.conftest import sign_up, wait_for_worker

SERIOUS = {"serious", "critical"}


def serious_violations(page):
    results = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in SERIOUS]


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_main_pages_have_no_serious_violations(phone, language, scheme):
    page = phone(locale="nl-NL" if language == "nl" else "en-GB", color_scheme=scheme)
    page.goto(f"/language/{language}")
    for path in ("/login", "/signup"):
        page.goto(path)
        assert serious_violations(page) == [], path
    sign_up(page, language=language)
    page.fill("textarea[name=text]", "Planned the week with the team")
    page.locator("form.entry-form button[type=submit]").click()
    page.wait_for_selector("article.entry")
    wait_for_worker(page)
    entry = Entry.get()
    page.locator("details.more summary").click()
    assert serious_violations(page) == [], "/ with the form open"
    page.goto("/goals/new")
    page.fill("input[name=title]", "Calmer intake calls")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("h1")
    goal_page = page.url
    for path in ("/timeline", "/timeline?q=week", "/settings", "/settings/password",
                 "/settings/sessions", "/settings/tokens",
                 f"/entries/{entry.id}/edit", "/quick", "/offline", "/nothing-here",
                 "/reviews", f"/reviews/{week_of(utcnow().date())}", "/goals", "/goals/new",
                 goal_page, "/settings/notifications", "/charts"):
        page.goto(path)
        assert serious_violations(page) == [], path
