"""The pages around progress conversations (and the data and token settings) at 360×800, in English and Dutch, light and dark: they
fit, their targets are big enough to tap, axe finds no serious violation, and each is kept as a
screenshot."""
from datetime import datetime, timedelta

import pytest

from journal.clock import utcnow
from journal.models import Checklist, Connection, Summary, SummaryItem, User
from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_pages_on_a_phone import SMALL_TARGETS
from tests.conftest import PASSWORD, STORED_NOW, Journal


@pytest.fixture
def sharing(app):
    """Ana shares with Bo: one summary shared (with a reply), one draft; Bo keeps checklists."""
    ana, bo = Journal(app.test_client()), Journal(app.test_client())
    ana.signup()
    bo.signup(email="bo@example.org", name="Bo")
    ana.post_entry("Ran the intake with Sam on my own", meaning="5")
    employee, manager = (User.get(User.email == f"{n}@example.org") for n in ("ana", "bo"))
    Connection.create(created_at=STORED_NOW, employee=employee, manager=manager)
    today = utcnow().date()
    shared = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, 
        user=employee, period_from=today - timedelta(days=27), period_to=today,
        achieved="Intakes feel calm now.", want="Run the Monday intake alone.",
        how="Prepare with the checklist.", help_from_manager="Half an hour to practise.",
        conversation_on=today + timedelta(days=2), status="shared", manager=manager,
        shared_at=datetime.utcnow())
    for position, text in enumerate(("Ran the intake with Sam on my own",
                                     "Asked Sam for feedback after each intake")):
        SummaryItem.create(summary=shared, position=position, text=text, source="own")
    draft = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=employee,
                           period_from=today - timedelta(days=27), period_to=today,
                           want="Shorter meetings")
    SummaryItem.create(summary=draft, text="Planned the week with the team")
    for when, column in ((datetime(2026, 10, 1), "more"), (datetime.utcnow(), "already")):
        Checklist.create(updated_at=STORED_NOW, user=manager, created_at=when,
                         first_step="Ask about earlier successes",
                         answers=f'{{"p4_circle": "{column}", "p1a_know_progress": "more"}}')
    return {"shared": shared.id, "draft": draft.id}


def log_in_as(page, email, language):
    page.goto(f"/language/{language}")
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/")


def check(page, path, name):
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path} scrolls sideways ({width}px)"
    assert page.evaluate(SMALL_TARGETS) == [], f"tap targets under 44px on {path}"
    assert serious_violations(page) == [], path
    screenshot(page, name)


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sharing_pages_fit_a_phone_and_pass_axe(phone, sharing, language, scheme):
    User.update(language=language).execute()
    locale = "nl-NL" if language == "nl" else "en-GB"
    ana = phone(locale=locale, color_scheme=scheme)
    log_in_as(ana, "ana@example.org", language)
    for name, path in [("home-conversation", "/"), ("conversations", "/conversations"),
                       ("people", "/people"), ("summaries", "/summaries"),
                       ("summary-new", "/summaries/new"),
                       ("summary-builder", f"/summaries/{sharing['draft']}"),
                       ("summary-preview", f"/summaries/{sharing['draft']}/preview"),
                       ("summary-shared", f"/summaries/{sharing['shared']}"),
                       ("meeting", "/meeting"), ("data", "/settings/data"),
                       ("delete-account", "/settings/data/delete"), ("tokens", "/settings/tokens")]:
        check(ana, path, f"{name}-{language}-{scheme}")
    bo = phone(locale=locale, color_scheme=scheme)
    log_in_as(bo, "bo@example.org", language)
    for name, path in [("shared", "/shared"), ("shared-summary", f"/shared/{sharing['shared']}"),
                       ("checklists", "/checklist"), ("checklist-new", "/checklist/new"),
                       ("checklist-compare", "/checklist/compare")]:
        check(bo, path, f"{name}-{language}-{scheme}")
