"""An optional rating stays optional: once a number is tapped, the "skip" choice beside it is on
screen and takes the number back (it used to share the class of the off-screen "skip to
content" link)."""
from journal.clock import local_today, utcnow
from journal.models import Entry, Review, User
from journal.weeks import week_of
from tests.browser.conftest import screenshot, sign_up


def on_screen(page, locator):
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_a_tapped_meaning_score_can_be_taken_back(phone):
    page = phone()
    sign_up(page)
    page.fill("textarea[name=text]", "Calmer intake call with Sam")
    page.get_by_text("Add more (optional)").click()
    meaning = page.locator("fieldset.meaning")
    meaning.locator("label.pill", has_text="4").click()
    skip = meaning.locator("label.pill.skip")
    assert on_screen(page, skip), "the skip choice is off screen"
    skip.click()
    screenshot(page, "meaning-skip-en")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=Saved. Small steps count.")
    assert Entry.get(Entry.user == User.get()).meaning is None


def test_the_review_s_scale_and_needs_can_be_left_empty_again(phone):
    page = phone()
    sign_up(page)
    week = week_of(local_today(utcnow(), User.get().timezone))
    page.goto(f"/reviews/{week}")
    page.fill("#improved-1", "Asked Noor for feedback")
    for name, number in (("scale", "7"), ("autonomy", "4")):
        pills = page.locator(f"div.scale:has(input[name={name}])")
        pills.locator("label.pill", has_text=number).click()
        skip = pills.locator("label.pill.skip")
        assert on_screen(page, skip), f"the skip choice of {name} is off screen"
        skip.click()
    page.locator("form button[type=submit].primary").click()
    page.wait_for_load_state()
    review = Review.get(Review.user == User.get())
    assert (review.improved_items(), review.scale, review.autonomy) == (
        ["Asked Noor for feedback"], None, None)
