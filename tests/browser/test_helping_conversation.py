"""A helping conversation in two browsers at once: Ana (English) asks Bo (Dutch), who is
connected with her, for help; Bo accepts and guides her through all seven steps, both write
notes; Bo proposes a next step, Ana takes it into her outer circle in her own words (her goals
show it), and Bo closes the conversation. Every page is checked at 360×800 and kept."""
from journal.conversations.steps import NEXT_STEP, SEVEN_STEPS
from journal.models import Goal, HelpingConversation, HelpingNote, User
from tests.browser.checks import fits
from tests.browser.conftest import sign_up

TOPIC = "I want my Monday intakes to feel calmer"


def connect(ana, bo):
    """Ana invites Bo by link; Bo accepts."""
    ana.goto("/people")
    ana.locator("form:has(input[name=kind][value=link]) button").click()
    link = ana.locator("#invite-link").inner_text().strip()
    bo.goto(link)
    bo.locator("form[action*='/invite/'] button.primary").click()
    bo.wait_for_load_state()


def add_note(page, text):
    page.fill("textarea#text", text)
    page.locator("form[action$='/notes'] button[type=submit]").click()
    page.wait_for_selector(f"text={text}")


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.locator(selector).click()


def test_a_helping_conversation_through_all_seven_steps(phone, app):
    ana = phone(locale="en-GB")
    sign_up(ana, email="ana@example.org", name="Ana")
    bo = phone(locale="nl-NL")
    sign_up(bo, email="bo@example.org", name="Bo", language="nl")
    connect(ana, bo)

    ana.goto("/conversations")
    fits(ana, "helping-hub-en")
    ana.get_by_role("link", name="Ask for a helping conversation").first.click()
    ana.wait_for_url("**/conversations/helping/new")
    click_and_wait(ana, "form[action$='/conversations/helping'] button[type=submit]")
    assert ana.locator("#topic-error").is_visible(), "the topic is required, said beside it"
    fits(ana, "helping-ask-error-en")
    ana.fill("#topic", TOPIC)
    click_and_wait(ana, "form[action$='/conversations/helping'] button[type=submit]")
    assert "Waiting for an answer" in ana.inner_text("main")
    fits(ana, "helping-asked-en")
    with app.app_context():
        conversation = HelpingConversation.get()
    path = f"/conversations/helping/{conversation.id}"

    bo.goto("/conversations")
    assert TOPIC[:40] in bo.inner_text("main")
    fits(bo, "helping-hub-waiting-nl")
    bo.goto(path)
    fits(bo, "helping-answer-nl")
    click_and_wait(bo, "form:has(input[name=accept][value=yes]) button")

    for index, step in enumerate(SEVEN_STEPS):
        ana.goto(path)
        assert str(index + 1) in ana.locator("#step .meta").first.inner_text()
        add_note(ana, f"Ana at step {index + 1}")
        bo.goto(path)
        assert f"Ana at step {index + 1}" in bo.inner_text("#step")
        add_note(bo, f"Bo at step {index + 1}")
        if index == 0:
            fits(bo, "helping-step-helper-nl")
            ana.goto(path)
            fits(ana, "helping-step-asker-en")
        if index == NEXT_STEP:
            bo.fill("#next_step", "Ask Sam to observe one intake")
            click_and_wait(bo, "form[action$='/next_step'] button")
            ana.goto(path)
            assert ana.locator("#next_step").input_value() == "Ask Sam to observe one intake"
            fits(ana, "helping-next-step-en")
            ana.fill("#next_step", "Ask Sam to observe Monday's intake")
            click_and_wait(ana, "form[action$='/accept'] button.primary")
            assert "In your outer circle" in ana.inner_text("#next-step")
            bo.goto(path)
            fits(bo, "helping-next-step-helper-nl")
        click_and_wait(bo, "form:has(input[name=direction][value='1']) button")

    ana.goto(path)
    shown = ana.inner_text("main")
    assert "Ana at step 1" in shown and "Bo at step 7" in shown
    fits(ana, "helping-closed-en")
    bo.goto(path)
    fits(bo, "helping-closed-nl")
    with app.app_context():
        closed = HelpingConversation.get()
        assert closed.status == "closed" and closed.closed_at is not None
        assert HelpingNote.select().count() == 14
        goal = Goal.get()
        assert goal.user_id == User.by_email("ana@example.org").id and goal.ring == "outer"

    ana.goto("/goals")
    assert "Ask Sam to observe Monday's intake" in ana.inner_text("main")
    bo.goto("/goals")
    assert "Ask Sam to observe" not in bo.inner_text("main")
    ana.goto("/conversations/helping")
    fits(ana, "helping-list-en")


def test_the_pages_in_the_other_language(phone, app):
    """The same pages with the languages swapped: Ana in Dutch, Bo in English."""
    ana = phone(locale="nl-NL")
    sign_up(ana, email="ana@example.org", name="Ana", language="nl")
    bo = phone(locale="en-GB")
    sign_up(bo, email="bo@example.org", name="Bo")
    connect(ana, bo)
    ana.goto("/conversations/helping/new")
    fits(ana, "helping-ask-nl")
    ana.fill("#topic", TOPIC)
    click_and_wait(ana, "form[action$='/conversations/helping'] button[type=submit]")
    with app.app_context():
        path = f"/conversations/helping/{HelpingConversation.get().id}"
    bo.goto(path)
    fits(bo, "helping-answer-en")
    click_and_wait(bo, "form:has(input[name=accept][value=yes]) button")
    fits(bo, "helping-step-helper-en")
    ana.goto(path)
    fits(ana, "helping-step-asker-nl")
    ana.goto("/conversations")
    fits(ana, "helping-hub-nl")
