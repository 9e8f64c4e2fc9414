"""A steering conversation in two browsers at once, in English and in Dutch: the manager (Bo)
prepares an expectation of Ana, who shares with him; the app gives a gentle hint about "don't
forget..." wording, he rewrites it and shares it; Ana answers in her own words with her plan and
her view; Bo sees the answer beside his expectation. Every page fits a phone."""
import pytest

from journal.clock import stored_utc, utcnow
from journal.models import Connection, User
from journal.models.conversation import SteeringConversation
from tests.browser.checks import fits
from tests.browser.conftest import eventually, sign_up

WORDS = {
    "en": {
        "locale": "en-GB",
        "first": "Don't forget to log every intake in the new registration system.",
        "noticed": "Don't forget",
        "better": ("From March, I need every intake logged in the new registration system, so "
                   "the whole team can see who is waiting for a call back"),
        "reason": "Nobody is called twice, and nobody is forgotten.",
        "room": "How you fit it into your day is up to you.",
        "plan": "I log each intake right after the call, before I pick up the next one.",
        "view": "The system is slow on Monday mornings; I may catch up at noon then.",
    },
    "nl": {
        "locale": "nl-NL",
        "first": "Vergeet niet om elke intake in het nieuwe registratiesysteem te zetten.",
        "noticed": "Vergeet niet",
        "better": ("Vanaf maart wil ik dat je elke intake in het nieuwe registratiesysteem zet, "
                   "zodat het hele team ziet wie er op een terugbelverzoek wacht"),
        "reason": "Dan wordt niemand twee keer gebeld, en niemand vergeten.",
        "room": "Hoe je het in je dag inpast, bepaal je zelf.",
        "plan": "Ik zet elke intake er meteen na het gesprek in, voor ik de volgende bel.",
        "view": "Op maandagochtend is het systeem traag; dan haal ik het rond de middag in.",
    },
}


def connect(app):
    with app.app_context():
        Connection.create(created_at=stored_utc(utcnow()),
                          employee=User.by_email("ana@example.org"),
                          manager=User.by_email("bo@example.org"))


def prepare(bo, words, language):
    bo.goto("/conversations")
    bo.locator("main a[href='/conversations/steering/new']").first.click()
    bo.wait_for_url("**/conversations/steering/new")
    assert bo.locator(".steering-principles dt").count() == 3
    bo.fill("#expectation", words["first"])
    bo.fill("#reason", words["reason"])
    bo.fill("#room", words["room"])
    fits(bo, f"steering-prepare-{language}")
    bo.locator("main form button[type=submit]").click()
    bo.wait_for_selector(".steering-hint")
    hints = bo.locator(".steering-hint").all_inner_texts()
    assert len(hints) == 1 and words["noticed"] in hints[0], hints
    fits(bo, f"steering-draft-hint-{language}")
    bo.locator("main a[href$='/edit']").click()
    bo.wait_for_selector("#expectation")
    assert bo.locator("#expectation").input_value() == words["first"]
    bo.fill("#expectation", words["better"])
    bo.locator("main form button[type=submit]").click()
    bo.wait_for_selector(".steering-draft")
    assert bo.locator(".steering-hint").count() == 0
    assert words["better"] in bo.inner_text(".steering-record")
    fits(bo, f"steering-draft-{language}")
    bo.locator("main form[action$='/share'] button").click()
    bo.wait_for_selector(".steering-answer")
    assert bo.locator("form[action$='/share']").count() == 0


def answer(ana, app, words, language):
    ana.goto("/conversations")
    card = ana.locator("#steering-heading").locator("..")
    assert card.locator(".badge").count() == 1
    fits(ana, f"steering-hub-employee-{language}")
    card.locator("a[href^='/conversations/steering/']").first.click()
    ana.wait_for_selector("#plan")
    record = ana.inner_text(".steering-record")
    assert words["better"] in record and words["room"] in record
    assert words["first"] not in ana.content(), "the draft's first words stay Bo's"
    fits(ana, f"steering-employee-{language}")
    ana.fill("#plan", words["plan"])
    ana.fill("#view", words["view"])
    ana.locator("main form[action$='/answer'] button").click()
    ana.wait_for_selector("details.more")
    with app.app_context():
        eventually(lambda: SteeringConversation.get().status == "answered", ana)
    text = ana.inner_text(".steering-answer")
    assert words["plan"] in text and words["view"] in text
    fits(ana, f"steering-answered-{language}")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_steering_conversation_prepared_shared_and_answered(phone, app, language):
    words = WORDS[language]
    ana = phone(locale=words["locale"])
    sign_up(ana, email="ana@example.org", name="Ana", language=language)
    bo = phone(locale=words["locale"])
    sign_up(bo, email="bo@example.org", name="Bo", language=language)
    connect(app)

    prepare(bo, words, language)
    answer(ana, app, words, language)

    bo.reload()
    text = bo.inner_text(".steering-answer")
    assert words["plan"] in text and words["view"] in text
    assert bo.locator(".steering-answer form").count() == 0
    fits(bo, f"steering-manager-answer-{language}")
    bo.goto("/conversations/steering")
    fits(bo, f"steering-list-{language}")
    bo.goto("/conversations")
    assert bo.locator("#steering-heading").count() == 1
    fits(bo, f"steering-hub-manager-{language}")
