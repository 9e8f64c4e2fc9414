"""The summary editor and the manager's reply at 360×800, in English and Dutch: boxes that grow
with their text, highlights removed and moved at once, one save; the reply coached while it is
typed (a tip and a sentence built on the employee's own highlight), kept as a draft on the
device until it is sent. The patterns the page runs find what the server finds."""
from datetime import timedelta

import pytest

from journal.clock import utcnow
from journal.models import Connection, Delivery, Summary, SummaryItem, SummaryResponse, User
from journal.shared.praise import consoling_remarks, trait_praise
from tests.browser.checks import fits
from tests.browser.test_sharing_pages import log_in_as
from tests.conftest import STORED_NOW, Journal
from tests.shared import test_praise

LONG = ("Prepared the Monday intake on my own: read the file the evening before, wrote down "
        "three questions, and asked Sam to listen in and tell me afterwards what went well.")
HIGHLIGHTS = ("Achieved: Run calm intakes", LONG, "Sorted the shared inbox with Jo",
              "Still to achieve: Run the Monday intake alone")
PRAISE = {"en": "Thanks for sharing. You're so creative! Not everyone can be good at this.",
          "nl": "Dank je wel. Je bent zo creatief! Niet iedereen kan hier goed in zijn."}


@pytest.fixture
def summaries(app):
    """Ana's draft with four highlights, and one she shared with Bo."""
    ana, bo = Journal(app.test_client()), Journal(app.test_client())
    ana.signup()
    bo.signup(email="bo@example.org", name="Bo")
    employee, manager = (User.get(User.email == f"{n}@example.org") for n in ("ana", "bo"))
    Connection.create(created_at=STORED_NOW, employee=employee, manager=manager)
    today = utcnow().date()
    made = {}
    for status in ("draft", "shared"):
        summary = Summary.create(
            created_at=STORED_NOW, updated_at=STORED_NOW, user=employee,
            period_from=today - timedelta(days=27), period_to=today,
            achieved="Intakes feel calm now." if status == "shared" else "",
            status=status, manager=manager if status == "shared" else None,
            shared_at=utcnow().replace(tzinfo=None) if status == "shared" else None)
        for position, text in enumerate(HIGHLIGHTS):
            SummaryItem.create(summary=summary, position=position, text=text,
                               source="goal" if text.startswith(("Achieved", "Still")) else "own")
        made[status] = summary.id
    return made


def texts_in_order(page):
    return page.eval_on_selector_all(
        ".summary-item textarea", "els => els.map(e => [e.name, e.value])")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_editor_is_light(phone, summaries, language):
    User.update(language=language).execute()
    ana = phone(locale="nl-NL" if language == "nl" else "en-GB")
    log_in_as(ana, "ana@example.org", language)
    ana.goto(f"/summaries/{summaries['draft']}")
    long_box = ana.locator("#item-1-text")
    assert long_box.evaluate("e => e.scrollHeight <= e.clientHeight + 2"), "no text cut off"
    assert long_box.evaluate("e => e.clientHeight") > 2 * ana.locator("#item-2-text").evaluate(
        "e => e.clientHeight"), "the box is as tall as its text"
    fits(ana, f"summary-editor-{language}")

    ana.fill("#item-2-text", "Sorted the shared inbox with Jo and Sam, " * 4)
    assert ana.locator("#item-2-text").evaluate("e => e.scrollHeight <= e.clientHeight + 2")

    ana.evaluate("window.stillThisPage = true")
    ana.locator("#item-0 button[value='0-down']").click()
    order = texts_in_order(ana)
    assert [value for _name, value in order][:2] == [LONG, "Achieved: Run calm intakes"]
    assert [name for name, _value in order] == [f"item-{n}-text" for n in range(4)]
    assert ana.locator("#item-0 button[value='0-up']").is_disabled()
    assert ana.locator("#item-1 button[value='1-up']").is_enabled()

    ana.locator("#item-3 button[name='item-3-remove']").click()
    assert ana.locator(".summary-item").count() == 3
    assert ana.locator("input[name=item_count]").input_value() == "3"
    ana.wait_for_function("() => document.querySelector('[data-announce]').textContent !== ''")
    assert ana.evaluate("window.stillThisPage"), "moved and removed at once, no page load"
    assert ana.locator("#item-2 button[value='2-down']").is_disabled()
    assert ana.locator("form.summary-builder button[name=next]").count() == 1, "one save"
    fits(ana, f"summary-editor-changed-{language}")

    ana.locator("form.summary-builder button[name=next]").click()
    ana.wait_for_url("**/preview")
    assert [item.text for item in SummaryItem.select().where(
        SummaryItem.summary == summaries["draft"]).order_by(SummaryItem.position)] == [
        LONG, "Achieved: Run calm intakes", ("Sorted the shared inbox with Jo and Sam, " * 4).strip()]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_reply_is_coached_while_typing_and_sent_only_by_its_button(phone, summaries, language):
    User.update(language=language).execute()
    bo = phone(locale="nl-NL" if language == "nl" else "en-GB")
    log_in_as(bo, "bo@example.org", language)
    bo.goto(f"/shared/{summaries['shared']}")
    bo.fill("#private_notes", "Ask how she prepared the Monday intake")
    bo.locator("#reply").press_sequentially(PRAISE[language], delay=5)
    tips = bo.locator(".praise-coach-tip")
    tips.nth(1).wait_for()
    assert tips.count() == 2, "trait praise and a consoling remark, each with its own tip"
    first = tips.nth(0).inner_text()
    assert ("creative" if language == "en" else "creatief") in first
    assert "“Run calm intakes”" in first, "built on her own highlight, without its mark"
    assert "Run the Monday intake alone" not in bo.locator("[data-coach]").inner_text()
    assert bo.locator("[data-draft-note]").is_visible()
    fits(bo, f"shared-reply-coach-{language}")
    assert SummaryResponse.select().count() == 0, "typing sends nothing"

    bo.locator("form:has(#private_notes) button[type=submit]").click()
    bo.wait_for_load_state()
    assert bo.locator("#reply").input_value() == PRAISE[language], "the draft stayed here"
    response = SummaryResponse.get()
    assert response.private_notes == "Ask how she prepared the Monday intake"
    assert response.reply == "" and Delivery.select().where(
        Delivery.kind == "summary_reply").count() == 0

    bo.locator(".praise-coach-tip").first.wait_for()
    bo.locator(".praise-coach-tip .praise-use").first.click()
    reply = bo.locator("#reply").input_value()
    assert "“Run calm intakes”" in reply and reply.startswith(
        PRAISE[language].split(".")[0])
    bo.wait_for_function("() => document.querySelectorAll('.praise-coach-tip').length === 1")
    bo.locator("form:has(#reply) button[type=submit]").click()
    bo.wait_for_load_state()
    assert SummaryResponse.get().reply == reply.strip()
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 1
    assert bo.locator("[data-draft-note]").is_hidden()
    assert bo.locator(".praise-coach-tip").count() == 0, "sent words had their hint on sending"
    assert bo.evaluate("Object.keys(localStorage).filter(k => k.startsWith('reply-draft'))") == []


def test_the_page_finds_what_the_server_finds(phone, summaries):
    corpus = [case[0] if isinstance(case, tuple) else case
              for test in (test_praise.test_trait_praise_is_found,
                           test_praise.test_praise_for_the_approach_or_effort_is_not_flagged,
                           test_praise.test_consoling_remarks_that_lower_expectations_are_found,
                           test_praise.test_not_yet_and_ordinary_sentences_are_not_consoling)
              for mark in test.pytestmark if mark.name == "parametrize"
              for case in mark.args[1]]
    bo = phone()
    log_in_as(bo, "bo@example.org", "en")
    bo.goto(f"/shared/{summaries['shared']}")
    found = bo.evaluate("""texts => {
      const coach = JSON.parse(document.getElementById('reply-coach').textContent);
      const run = (sources, text) => {
        const spans = [];
        for (const source of sources) {
          const pattern = new RegExp(source, 'gi');
          for (const match of text.matchAll(pattern)) {
            if (match[0].trim()) spans.push([match.index, match.index + match[0].length]);
          }
        }
        spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const merged = [];
        for (const span of spans) {
          const last = merged[merged.length - 1];
          if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
          else merged.push(span);
        }
        return merged.map(([s, e]) => text.slice(s, e).split(/\\s+/).filter(Boolean).join(' '));
      };
      return texts.map(t => [run(coach.patterns.trait_praise, t),
                             run(coach.patterns.consoling, t)]);
    }""", corpus)
    expected = [[trait_praise(text), consoling_remarks(text)] for text in corpus]
    assert len(corpus) > 80
    assert found == expected


def test_an_unsent_reply_leaves_the_device_with_the_manager(phone, summaries):
    """A shared computer: the draft kept while typing is gone once the manager logs out."""
    bo = phone()
    log_in_as(bo, "bo@example.org", "en")
    bo.goto(f"/shared/{summaries['shared']}")
    bo.locator("#reply").press_sequentially("Half a thought", delay=5)
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('reply-draft'))"
    bo.wait_for_function(f"() => {drafts}.length === 1")
    bo.goto("/settings")
    bo.locator("form.logout-form button").click()
    bo.wait_for_url("**/login")
    assert bo.evaluate(drafts) == []
