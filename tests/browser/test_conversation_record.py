"""The progress conversation's joint record in two browsers at once: the employee (English)
shares a summary; the manager (Dutch) writes what they saw in the work and proposes a next step;
the employee proposes another and accepts both, one in her own words; both land in her outer
circle; her next summary opens with what went better since and the steps' state. Every page is
checked at 360 px in both languages."""
from journal.models import Summary, User
from tests.browser.checks import fits
from tests.browser.conftest import sign_up
from tests.browser.test_sharing_flow import invite_by_link, log


def speak(app, email, language):
    """Switch a person's language, as their settings would."""
    with app.app_context():
        User.update(language=language).where(User.email == email).execute()


def share_summary(ana):
    ana.goto("/summaries/new")
    ana.locator("input[name=period][value=four_weeks]").check()
    ana.locator("form.period-form button[type=submit]").click()
    ana.locator("form.summary-builder").wait_for()
    ana.fill("#achieved", "Intakes feel calm now.")
    ana.fill("#want", "Run the Monday intake alone.")
    ana.locator("button[name=next][value=preview]").click()
    ana.wait_for_url("**/preview")
    ana.locator(".summary-share-button").click()
    ana.wait_for_load_state()


def test_a_conversation_agreed_and_looked_back_on(phone, app):
    ana = phone(locale="en-GB")
    sign_up(ana, email="ana@example.org", name="Ana")
    log(ana, "Ran the intake with Sam on my own")
    link = invite_by_link(ana)
    bo = phone(locale="nl-NL")
    sign_up(bo, email="bo@example.org", name="Bo", language="nl")
    bo.goto(link)
    bo.locator("form[action*='/invite/'] button.primary").click()
    bo.wait_for_load_state()

    share_summary(ana)
    with app.app_context():
        summary = Summary.get(Summary.status == "shared")

    # The manager: what they saw, and a proposed step.
    bo.goto(f"/shared/{summary.id}")
    assert "Intakes feel calm now." in bo.inner_text(".inner-side")
    assert "Run the Monday intake alone." in bo.inner_text(".outer-side")
    bo.fill("#observations-text", "Ik zag hoe je elke intake met de checklist voorbereidde.")
    bo.locator("form:has(#observations-text) button[type=submit]").click()
    bo.wait_for_load_state()
    bo.fill("#agreement-text", "De maandagintake zelf leiden")
    bo.locator("form.agreement-propose button[type=submit]").click()
    bo.wait_for_url(f"**/shared/{summary.id}#agreements")
    assert "De maandagintake zelf leiden" in bo.inner_text("#agreements")
    fits(bo, "conversation-manager-nl")

    # The employee: reads it, proposes another step and accepts both.
    ana.goto(f"/summaries/{summary.id}")
    assert "Ik zag hoe je elke intake" in ana.inner_text(".summary-observations")
    ana.fill("#agreement-text", "Ask Sam to observe one intake")
    ana.locator("form.agreement-propose button[type=submit]").click()
    ana.wait_for_url(f"**/summaries/{summary.id}#agreements")
    first = ana.locator(".agreement").nth(0)
    assert first.locator("input[name=text]").input_value() == "De maandagintake zelf leiden"
    fits(ana, "conversation-employee-en")
    first.locator("input[name=text]").fill("Lead the Monday intake myself")
    first.locator("form.agreement-accept button").click()
    ana.wait_for_url(f"**/summaries/{summary.id}#agreements")
    ana.locator(".agreement").nth(1).locator("form.agreement-accept button").click()
    ana.wait_for_url(f"**/summaries/{summary.id}#agreements")
    record = ana.inner_text("#agreements")
    assert record.count("In your circle") == 2 and "Agreed on" in record
    fits(ana, "conversation-record-en")

    ana.goto("/goals")
    circle = ana.inner_text("main")
    assert "Lead the Monday intake myself" in circle and "Ask Sam to observe one intake" in circle

    bo.reload()
    seen = bo.inner_text("#agreements")
    assert "Lead the Monday intake myself" not in bo.content(), "her own words stay hers"
    assert "De maandagintake zelf leiden" in seen and "Ask Sam to observe one intake" in seen
    fits(bo, "conversation-record-manager-nl")

    # The next conversation opens with what went better since, and the steps' state.
    ana.goto("/summaries/new")
    ana.locator("input[name=period][value=four_weeks]").check()
    ana.locator("form.period-form button[type=submit]").click()
    ana.locator("form.summary-builder").wait_for()
    since = ana.inner_text("#since-heading + *, .better-since-editor")
    assert "What went better since the last time?" in since
    assert "De maandagintake zelf leiden" in since and "In your circle" in since
    fits(ana, "conversation-next-en")

    # The same pages in the other language.
    speak(app, "ana@example.org", "nl")
    ana.reload()
    fits(ana, "conversation-next-nl")
    ana.goto(f"/summaries/{summary.id}")
    fits(ana, "conversation-employee-nl")
    speak(app, "bo@example.org", "en")
    bo.goto(f"/shared/{summary.id}")
    assert "What I saw in your work" in bo.inner_text("main")
    fits(bo, "conversation-manager-en")
