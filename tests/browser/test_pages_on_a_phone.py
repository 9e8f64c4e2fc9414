"""Every main page at 360×800, in English and Dutch, light and dark: fits, big enough to tap."""
import pytest

from journal.clock import utcnow
from journal.weeks import week_of
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD, Journal

# A box inside a label.choice is tapped through its label, which is measured instead.
SMALL_TARGETS = """
() => Array.from(document.querySelectorAll(
    'a, button, select, textarea, summary, input:not([type=hidden]):not([type=radio]):not(label.choice > input), label.pill span, label.choice'))
  .filter(el => el.offsetParent !== null)
  .map(el => [el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 30),
              el.getBoundingClientRect().height])
  .filter(([, height]) => height < 44)
"""


@pytest.fixture
def seeded(app):
    """Ana with entries on a few days, logged in through a test client."""
    person = Journal(app.test_client())
    person.signup(language="en")
    person.post_entry("Calmer intake call with Sam", tags="intake", meaning="4")
    person.post_entry("The demo did not work yet", kind="setback", learned="Test the projector",
                      try_next="Arrive ten minutes early", day="2026-11-26")
    person.post_entry("Helped a new colleague find the archive", day="2026-11-20", tags="team")
    token = person.token("/")
    for title, ring in (("Run calm intake calls", "outer"), ("Learn the new planning tool", "outer"),
                        ("Shorter team meetings", "inner")):
        person.client.post("/goals/new", data={"csrf_token": token, "title": title, "ring": ring,
                                               "why": "It gives the team more room."})
    from journal.models import Goal
    goal = Goal.get(Goal.title == "Run calm intake calls")
    person.client.post(f"/goals/{goal.id}/steps", data={"csrf_token": token,
                                                       "text": "Ask Sam how she prepares"})
    person.client.post(f"/reviews/{week_of(utcnow().date())}", data={
        "csrf_token": token, "improved": ["Calmer mornings"], "scale": "7"})
    return person


def log_in(page, language):
    page.goto(f"/language/{language}")
    page.goto("/login")
    page.fill("input[name=email]", "ana@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/")


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_main_pages_fit_a_phone(phone, seeded, app, language, scheme):
    from journal.models import Entry, Goal, User
    User.update(language=language).execute()
    entry = Entry.get(Entry.kind == "setback")
    goal = Goal.get(Goal.title == "Run calm intake calls")
    week = week_of(utcnow().date())
    page = phone(locale="nl-NL" if language == "nl" else "en-GB", color_scheme=scheme)
    page.goto(f"/language/{language}")
    page.goto("/login")
    screenshot(page, f"login-{language}-{scheme}")
    log_in(page, language)
    for name, path in [("home", "/"), ("timeline", "/timeline"), ("settings", "/settings"),
                       ("edit", f"/entries/{entry.id}/edit"), ("password", "/settings/password"),
                       ("sessions", "/settings/sessions"),
                       ("not-found", "/nothing-here"), ("reviews", "/reviews"),
                       ("review", f"/reviews/{week}"), ("goals", "/goals"),
                       ("goal", f"/goals/{goal.id}"), ("goal-new", "/goals/new")]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways ({width}px)"
        assert page.evaluate(SMALL_TARGETS) == [], f"tap targets under 44px on {path}"
        screenshot(page, f"{name}-{language}-{scheme}")


def test_the_tab_bar_fits_in_dutch(phone, seeded):
    from journal.models import User
    User.update(language="nl").execute()
    page = phone(locale="nl-NL")
    log_in(page, "nl")
    for link in page.locator("nav.tabs a").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, link.inner_text()
        assert link.evaluate("el => el.scrollWidth <= el.clientWidth"), link.inner_text()
