"""The whole sharing flow in two browsers at once: the employee (English) logs progress, builds
and previews a summary and shares it; the manager (Dutch) accepts the invitation, sees it and
replies; the employee withdraws it and the manager's page is gone (404)."""
from journal.models import Summary
from tests.browser.conftest import screenshot, sign_up

SECRET = "Private thought that stays in the journal"


def log(page, text):
    page.goto("/")
    page.fill("textarea[name=text]", text)
    page.locator("form.entry-form button[type=submit], form button[type=submit]").first.click()
    # Wait for the save itself: going on while its redirect is still in flight aborts the
    # next page (seen on a busy machine).
    page.wait_for_selector("text=Saved. Small steps count.")


def invite_by_link(ana):
    ana.goto("/people")
    ana.locator("form:has(input[name=kind][value=link]) button").click()
    return ana.locator("#invite-link").inner_text().strip()


def build_and_share(ana):
    ana.goto("/summaries/new")
    ana.locator("input[name=period][value=four_weeks]").check()
    ana.locator("form.period-form button[type=submit]").click()
    builder = ana.locator("form.summary-builder")
    builder.wait_for()
    texts = [ana.locator(f"#{name}").input_value()
             for name in ana.eval_on_selector_all(
                 "textarea[id^=item-][id$=-text]", "els => els.map(e => e.id)")]
    assert "Ran the intake with Sam on my own" in texts, texts
    assert SECRET in texts, "every entry of the period is proposed, private or not"
    secret_row = texts.index(SECRET)
    ana.locator(f"button[name=item-{secret_row}-remove]").click()  # the employee decides
    assert SECRET not in [box.input_value() for box in ana.locator(".summary-item textarea").all()]
    ana.fill("#new_item", "Asked Sam for feedback after each intake")
    ana.fill("#achieved", "Intakes feel calm now.")
    ana.fill("#want", "Run the Monday intake alone.")
    ana.fill("#how", "Prepare with the checklist and ask Sam to observe once.")
    screenshot(ana, "summary-builder-en")
    ana.locator("button[name=next][value=preview]").click()
    ana.wait_for_url("**/preview")
    card = ana.locator(".summary-card")
    assert "Asked Sam for feedback after each intake" in card.inner_text()
    assert SECRET not in ana.content()
    screenshot(ana, "summary-preview-en")
    ana.locator(".summary-share-button").click()
    ana.wait_for_load_state()


def test_employee_shares_manager_replies_employee_withdraws(phone, app):
    ana = phone(locale="en-GB")
    sign_up(ana, email="ana@example.org", name="Ana")
    log(ana, "Ran the intake with Sam on my own")
    log(ana, SECRET)
    link = invite_by_link(ana)

    bo = phone(locale="nl-NL", timezone_id="Europe/Amsterdam")
    sign_up(bo, email="bo@example.org", name="Bo", language="nl")
    bo.goto(link)
    bo.locator("form[action*='/invite/'] button.primary").click()
    bo.wait_for_load_state()

    build_and_share(ana)
    with app.app_context():
        summary = Summary.get(Summary.status == "shared")

    bo.goto("/shared")
    assert "Ana" in bo.inner_text("main")
    bo.get_by_role("link", name="Ana", exact=False).first.click()
    bo.wait_for_url(f"**/shared/{summary.id}")
    page_text = bo.inner_text("main")
    assert "Asked Sam for feedback after each intake" in page_text
    assert "Intakes feel calm now." in page_text
    assert SECRET not in bo.content()
    screenshot(bo, "manager-view-nl")
    bo.fill("#private_notes", "Ask about the Monday rota")
    bo.locator("form:has(#private_notes) button[type=submit]").click()
    bo.wait_for_load_state()
    bo.fill("#reply", "Je bent zo getalenteerd!")
    bo.locator(".praise-coach-tip").wait_for()  # the tip comes while typing, before sending
    bo.locator("form:has(#reply) button[type=submit]").click()
    bo.wait_for_load_state()
    assert bo.locator(".praise-hint").count() == 1, "a gentle hint, the reply still saved"
    screenshot(bo, "manager-reply-hint-nl")

    ana.goto(f"/summaries/{summary.id}")
    shown = ana.inner_text("main")
    assert "Je bent zo getalenteerd!" in shown
    assert "Ask about the Monday rota" not in ana.content(), "the manager's notes stay private"
    ana.locator("form[action$='/withdraw'] button").click()
    ana.wait_for_load_state()

    response = bo.goto(f"/shared/{summary.id}")
    assert response.status == 404
    bo.goto("/shared")
    assert "Asked Sam for feedback" not in bo.content()
