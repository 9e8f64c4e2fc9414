"""A new user signs up, logs progress and finds it on the timeline, in English and Dutch."""
import pytest

from journal.models import Entry, User
from tests.browser.conftest import screenshot


@pytest.mark.parametrize("language, locale, words", [
    ("en", "en-GB", {"signup": "Create my journal", "save": "Save", "more": "Add more (optional)",
                     "timeline": "Timeline", "today": "Today", "saved": "Saved. Small steps count."}),
    ("nl", "nl-NL", {"signup": "Mijn dagboek beginnen", "save": "Opslaan",
                     "more": "Meer toevoegen (niet verplicht)", "timeline": "Tijdlijn",
                     "today": "Vandaag", "saved": "Opgeslagen. Kleine stappen tellen."}),
])
def test_sign_up_log_and_see_it_on_the_timeline(phone, language, locale, words):
    page = phone(locale=locale, timezone_id="America/New_York")
    page.goto("/signup")
    screenshot(page, f"signup-{language}")
    assert page.locator("select[name=timezone]").input_value() == "America/New_York", \
        "the device's time zone is detected"
    page.fill("input[name=display_name]", "Ana")
    page.fill("input[name=email]", f"ana-{language}@example.org")
    page.fill("input[name=password]", "correct horse battery")
    page.get_by_role("button", name=words["signup"]).click()

    page.wait_for_url("**/")
    page.fill("textarea[name=text]", "Calmer intake call with Sam")
    page.get_by_text(words["more"]).click()
    page.locator("label.pill", has_text="4").click()
    page.fill("input[name=tags]", "intake")
    screenshot(page, f"home-form-open-{language}")
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.wait_for_selector(f"text={words['saved']}")
    screenshot(page, f"home-{language}")

    page.get_by_role("link", name=words["timeline"], exact=True).click()
    page.wait_for_url("**/timeline")
    assert page.locator("article.entry").first.inner_text().startswith(
        "Calmer intake call with Sam")
    assert page.locator("h2", has_text=words["today"]).count() == 1
    screenshot(page, f"timeline-{language}")

    user = User.get(User.email == f"ana-{language}@example.org")
    assert (user.language, user.timezone) == (language, "America/New_York")
    entry = Entry.get(Entry.user == user)
    assert (entry.meaning, entry.tags()) == (4, ["intake"])


def test_a_setback_asks_what_was_learned(phone):
    page = phone()
    page.goto("/signup")
    page.fill("input[name=display_name]", "Bo")
    page.fill("input[name=email]", "bo@example.org")
    page.fill("input[name=password]", "correct horse battery")
    page.get_by_role("button", name="Create my journal").click()
    page.wait_for_url("**/")
    learned = page.locator("textarea[name=learned]")
    page.get_by_text("Add more (optional)").click()
    assert not learned.is_visible()
    page.get_by_text("A setback (not yet)").click()
    assert learned.is_visible(), "choosing a setback shows the 'not yet' questions"
    page.fill("textarea[name=text]", "The demo did not work yet")
    learned.fill("Test the projector first")
    screenshot(page, "home-setback-en")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=Saved. Small steps count.")
    assert page.locator("article.entry.setback .badge").inner_text() == "Not yet"


def test_an_empty_entry_gets_a_message_next_to_the_field(phone):
    page = phone()
    page.goto("/signup")
    page.fill("input[name=display_name]", "Cy")
    page.fill("input[name=email]", "cy@example.org")
    page.fill("input[name=password]", "correct horse battery")
    page.get_by_role("button", name="Create my journal").click()
    page.wait_for_url("**/")
    page.get_by_role("button", name="Save", exact=True).click()
    error = page.locator("#text-error")
    assert error.inner_text() == "Write a few words about your progress."
    assert page.locator("textarea[name=text]").get_attribute("aria-invalid") == "true"
    screenshot(page, "home-error-en")
