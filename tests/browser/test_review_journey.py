"""The weekly review on a phone (issue 14): an entry of the week is tapped into "what improved"
instead of typed again, and the first day shows no weeks from before the person began."""
from datetime import datetime, timedelta

import pytest

from journal.clock import local_today, utcnow
from journal.models import Entry, Review, User
from journal.weeks import week_of
from tests.browser.checks import fits
from tests.browser.conftest import sign_up

LOCALES = {"en": "en-GB", "nl": "nl-NL"}


def add_entry(user, day, text, meaning=None):
    return Entry.create_for(user, {"day": day, "text": text, "kind": "progress",
                                   "meaning": meaning, "tags": []}, now=utcnow())


def a_year_of_history(user, today):
    """Ana started a year ago: her review of that week, and competence lower the last weeks."""
    User.update(created_at=datetime.combine(today - timedelta(days=380), datetime.min.time())
                ).execute()
    Review.save_week(user, week_of(today - timedelta(weeks=52)),
                     {"improved": ["Asked for help sooner"]}, now=utcnow())
    for weeks_back, competence in ((6, 4), (5, 4), (4, 5), (3, 3), (2, 2), (1, 3)):
        Review.save_week(user, week_of(today - timedelta(weeks=weeks_back)),
                         {"improved": ["A small step"], "competence": competence}, now=utcnow())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_day_one_shows_no_weeks_before_the_first(phone, language):
    page = phone(locale=LOCALES[language])
    sign_up(page, language=language)
    assert page.locator(".recent-week").count() == 0, "no zero weeks before she began"
    last_week = week_of(local_today(utcnow(), User.get().timezone) - timedelta(days=7))
    assert page.locator(f"a[href='/reviews/{last_week}']").count() == 0
    fits(page, f"review-journey-home-day-one-{language}")
    page.goto("/reviews")
    assert page.locator(".week-row").count() == 1, "only this week is hers to look back on"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_entry_is_tapped_into_what_improved(phone, language):
    page = phone(locale=LOCALES[language])
    sign_up(page, language=language)
    user = User.get()
    today = local_today(utcnow(), user.timezone)
    add_entry(user, today, "Calmer intake call with Sam", meaning=4)
    add_entry(user, today, "Finished the archive\nat last")
    a_year_of_history(user, today)
    page.goto(f"/reviews/{week_of(today)}")
    buttons = page.locator("button.take-in")
    assert buttons.count() == 2 and buttons.first.is_visible()
    page.fill("#improved-1", "Asked Noor for feedback")
    buttons.first.click()
    assert page.input_value("#improved-2") == "Calmer intake call with Sam"
    assert page.evaluate("document.activeElement.id") == "improved-2", "focus goes to the field"
    buttons.first.click()
    assert page.input_value("#improved-3") == "", "the same entry is not added twice"
    buttons.nth(1).focus()
    page.keyboard.press("Enter")
    assert page.input_value("#improved-3") == "Finished the archive at last"
    assert page.locator(".needs-question").count() == 1
    page.locator("details.further > summary").click()
    assert page.locator("details.further").get_by_text("Asked for help sooner").is_visible()
    fits(page, f"review-journey-tap-in-{language}")
    page.locator("form[data-review] button[type=submit].primary").click()
    page.wait_for_load_state()
    assert Review.get(Review.user == user, Review.week == week_of(today)).improved_items() == [
        "Asked Noor for feedback", "Calmer intake call with Sam", "Finished the archive at last"]


def test_without_javascript_the_review_works_as_before(phone):
    page = phone(java_script_enabled=False)
    sign_up(page)
    user = User.get()
    today = local_today(utcnow(), user.timezone)
    add_entry(user, today, "Calmer intake call with Sam")
    page.goto(f"/reviews/{week_of(today)}")
    assert page.locator("button.take-in").count() == 1
    assert not page.locator("button.take-in").is_visible(), "nothing to tap without the script"
    assert page.locator("input[name=improved]:visible").count() == 3
    page.fill("#improved-1", "Typed by hand")
    page.locator("form[data-review] button[type=submit].primary").click()
    page.wait_for_load_state()
    assert Review.get(Review.user == user).improved_items() == ["Typed by hand"]
