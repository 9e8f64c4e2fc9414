"""The whole journey on a phone (360×800), once in Dutch and once in English: sign up, log
progress and take a tapped rating back, log offline and come back, the weekly review with an
entry tapped in, a goal in and out of the inner circle, the charts, an invitation, a summary
shared, the manager's reply, and the summary withdrawn.

Every page on the way fits 360 px without sideways scrolling, has tap targets of 44 px or more,
passes axe without serious violations, is kept as a screenshot in test-artifacts/journey-*, and
speaks only its own language, messages built by scripts included."""
import re

import pytest

from journal.clock import local_today, utcnow
from journal.models import Entry, Goal, Summary, User
from journal.weeks import week_of
from tests.browser.checks import fits
from tests.browser.conftest import eventually, sign_up, wait_for_worker

LOCALES = {"en": "en-GB", "nl": "nl-NL"}
# Words that only the other language uses: one of them on a page means an untranslated string.
FOREIGN = {
    "nl": {"the", "and", "your", "you", "with", "what", "this", "save", "today", "settings",
           "improved", "entries", "entry", "waiting", "share", "summary", "reply", "goals",
           "yet", "synced", "there", "here", "week's", "logged", "shared"},
    "en": {"je", "jouw", "het", "een", "van", "niet", "wat", "opslaan", "vandaag", "doelen",
           "instellingen", "nog", "jij", "wordt", "naar", "voor", "maar", "ook", "gedeeld"},
}
# What the people write, in the page's language, so their words never count as foreign.
WORDS = {
    "en": {"first": "Calmer intake call with Sam", "offline": "Wrote the plan on the train",
           "goal": "Lead the Monday intake", "achieved": "Intakes feel calm now.",
           "reply": "I liked how you prepared the intake with the checklist."},
    "nl": {"first": "Rustiger intakegesprek met Sam", "offline": "Plan geschreven in de trein",
           "goal": "De maandagintake leiden", "achieved": "Intakes voelen nu rustig.",
           "reply": "Mooi hoe je de intake met de checklist voorbereidde."},
}


def check(page, language, name):
    """The page fits a phone (journal.checks.fits) and has no word of the other language."""
    text = page.evaluate("document.title + ' ' + document.body.innerText")
    words = set(re.findall(r"[a-z']+", text.lower()))
    assert not words & FOREIGN[language], f"{name}: {sorted(words & FOREIGN[language])}"
    fits(page, f"journey-{name}-{language}")


def save_entry(page, text):
    page.fill("textarea[name=text]", text)
    page.locator("form.entry-form button[type=submit]").first.click()


def log_and_take_a_rating_back(page, language, text):
    page.fill("textarea[name=text]", text)
    page.locator("form.entry-form details > summary").first.click()
    meaning = page.locator("fieldset.meaning")
    meaning.locator("label.pill", has_text="4").click()
    meaning.locator("label.pill.skip").click()
    check(page, language, "log-rating-taken-back")
    with page.expect_navigation():  # the page reloads itself after saving
        page.locator("form.entry-form button[type=submit]").first.click()
    page.wait_for_load_state()
    eventually(lambda: Entry.select().count() == 1, page)
    assert Entry.get().meaning is None, "the tapped score was taken back"
    check(page, language, "home-logged")


def offline_and_back(page, language, text):
    wait_for_worker(page)
    page.context.set_offline(True)
    save_entry(page, text)
    page.wait_for_selector("#outbox-status:not(:empty)")
    check(page, language, "home-offline")
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    eventually(lambda: Entry.select().count() == 2, page)
    page.wait_for_function("document.querySelector('#outbox-status').innerText.length > 0")
    check(page, language, "home-synced")


def review_with_tap_in(page, language):
    user = User.get(User.email == "ana@example.org")
    week = week_of(local_today(utcnow(), user.timezone))
    page.goto(f"/reviews/{week}")
    page.locator("button.take-in").first.click()
    assert page.input_value("#improved-1") in (WORDS[language]["first"],
                                                WORDS[language]["offline"])
    check(page, language, "review")
    page.locator("form[data-review] button[type=submit].primary").click()
    page.wait_for_load_state()
    check(page, language, "review-saved")


def goal_in_and_out(page, language):
    page.goto("/goals/new")
    page.fill("#title", WORDS[language]["goal"])
    check(page, language, "goal-new")
    page.locator("form button[type=submit].primary").click()
    eventually(lambda: Goal.select().where(Goal.title == WORDS[language]["goal"]).exists(), page)
    page.goto("/goals")
    check(page, language, "goals")
    goal = Goal.get(Goal.title == WORDS[language]["goal"])
    page.goto(f"/goals/{goal.id}")
    for ring in ("inner", "outer"):
        page.locator(".move-form button").click()
        page.wait_for_url(f"**/goals/{goal.id}")
        assert Goal.get_by_id(goal.id).ring == ring
        check(page, language, f"goal-{ring}")


def charts(page, language):
    page.goto("/charts")
    page.wait_for_selector(".js-plotly-plot")
    check(page, language, "charts")


def invite(page, language):
    page.goto("/people")
    check(page, language, "people")
    page.locator("form:has(input[name=kind][value=link]) button").click()
    link = page.locator("#invite-link").inner_text().strip()
    check(page, language, "invitation-made")
    return link


def share_summary(page, language):
    page.goto("/summaries/new")
    check(page, language, "summary-new")
    page.locator("input[name=period][value=four_weeks]").check()
    page.locator("form.period-form button[type=submit]").click()
    page.locator("form.summary-builder").wait_for()
    page.fill("#achieved", WORDS[language]["achieved"])
    check(page, language, "summary-editor")
    page.locator("button[name=next][value=preview]").click()
    page.wait_for_url("**/preview")
    check(page, language, "summary-preview")
    page.locator(".summary-share-button").click()
    page.wait_for_load_state()
    check(page, language, "summary-shared")


def reply(page, language, summary):
    page.goto("/shared")
    check(page, language, "manager-list")
    page.goto(f"/shared/{summary.id}")
    page.fill("#reply", WORDS[language]["reply"])
    check(page, language, "manager-reply")
    page.locator("form:has(#reply) button[type=submit]").click()
    page.wait_for_load_state()
    check(page, language, "manager-replied")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_journey_speaks_one_language_and_fits_a_phone(phone, language):
    words = WORDS[language]
    ana = phone(locale=LOCALES[language])
    ana.goto(f"/language/{language}")
    ana.goto("/signup")
    check(ana, language, "signup")
    sign_up(ana, email="ana@example.org", name="Ana", language=language)
    check(ana, language, "home")
    log_and_take_a_rating_back(ana, language, words["first"])
    offline_and_back(ana, language, words["offline"])
    review_with_tap_in(ana, language)
    goal_in_and_out(ana, language)
    charts(ana, language)
    link = invite(ana, language)

    bo = phone(locale=LOCALES[language])
    sign_up(bo, email="bo@example.org", name="Bo", language=language)
    bo.goto(link)
    check(bo, language, "invitation-open")
    bo.locator("form[action*='/invite/'] button.primary").click()
    bo.wait_for_load_state()

    share_summary(ana, language)
    summary = Summary.get(Summary.status == "shared")
    reply(bo, language, summary)

    ana.goto(f"/summaries/{summary.id}")
    assert words["reply"] in ana.inner_text("main")
    check(ana, language, "summary-with-reply")
    ana.locator("form[action$='/withdraw'] button").click()
    ana.wait_for_load_state()
    check(ana, language, "summary-withdrawn")
    assert bo.goto(f"/shared/{summary.id}").status == 404
