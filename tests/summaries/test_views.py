"""The employee's summary pages: choose a period, shape it, preview, share, withdraw, delete."""
import re
from datetime import date, datetime

from journal.models import (
    Connection,
    Delivery,
    Entry,
    Summary,
    SummaryItem,
    SummaryResponse,
    User,
)
from journal.sharing import summary_shared_with
from tests.conftest import STORED_NOW


def person(email):
    return User.get(User.email == email)


def connect(employee="ana@example.org", manager="bo@example.org"):
    """Ana shares with Bo (as if an invitation had been accepted)."""
    return Connection.create(created_at=STORED_NOW, employee=person(employee),
                             manager=person(manager))


def fill_journal(journal):
    """A few weeks of Ana's journal: entries, a goal reached, a weekly review."""
    for text, day, meaning in (("Calm intake with Sam", "2026-11-20", 5),
                               ("Sorted the inbox", "2026-11-25", 2),
                               ("Long ago", "2026-09-01", 5)):
        journal.api("POST", "/api/v1/entries", {"text": text, "day": day, "meaning": meaning})
    journal.api("POST", "/api/v1/entries", {"text": "Demo failed", "day": "2026-11-18",
                                            "kind": "setback", "learned": "Test the beamer"})
    goal = journal.api("POST", "/api/v1/goals", {"title": "Run calm intakes"}).get_json()
    journal.api("PATCH", f"/api/v1/goals/{goal['id']}", {"ring": "inner"})
    journal.api("PUT", "/api/v1/reviews/2026-W47", {"improved": ["Shorter meetings"],
                                                   "help_wanted": "Time with Sam"})


def new_summary(client, journal, **fields):
    data = {"csrf_token": journal.token("/"), "period": "four_weeks", **fields}
    return client.post("/summaries/new", data=data)


def the_summary():
    return Summary.get()


def item_texts(summary):
    return [item.text for item in SummaryItem.select().where(SummaryItem.summary == summary)
            .order_by(SummaryItem.position)]


def builder_data(journal, summary, **fields):
    """The builder form as the page sends it, every item kept as it is."""
    items = list(SummaryItem.select().where(SummaryItem.summary == summary)
                 .order_by(SummaryItem.position))
    data = {"csrf_token": journal.token("/"), "achieved": summary.achieved, "want": summary.want,
            "how": summary.how, "help_from_manager": summary.help_from_manager,
            "conversation_on": "", "item_count": str(len(items)), "new_item": ""}
    for index, item in enumerate(items):
        data.update({f"item-{index}-text": item.text, f"item-{index}-source": item.source,
                     f"item-{index}-source_id": item.source_id or ""})
    data.update(fields)
    return data


def share(client, journal, summary, manager_id):
    return client.post(f"/summaries/{summary.id}/share",
                       data={"csrf_token": journal.token("/"), "manager_id": str(manager_id)})


def test_a_new_summary_proposes_highlights_from_the_journal(client, journal):
    fill_journal(journal)
    page = client.get("/summaries/new").get_data(as_text=True)
    assert "Since your last shared summary (none yet, so the last 4 weeks)" in page
    response = new_summary(client, journal, period="since_last", conversation_on="2026-12-02")
    summary = the_summary()
    assert response.status_code == 302 and response.location == f"/summaries/{summary.id}"
    assert (summary.status, summary.period_from, summary.period_to, summary.conversation_on) == (
        "draft", date(2026, 10, 31), date(2026, 11, 27), date(2026, 12, 2))
    assert item_texts(summary) == [
        "Achieved: Run calm intakes", "Calm intake with Sam", "Sorted the inbox",
        "Not yet, and what I learned: Test the beamer (Demo failed)", "Shorter meetings",
        "Help I would like: Time with Sam"]
    sources = [item.source for item in SummaryItem.select().order_by(SummaryItem.position)]
    assert sources == ["goal", "entry", "entry", "entry", "review", "review"]
    builder = client.get(f"/summaries/{summary.id}").get_data(as_text=True)
    assert "Calm intake with Sam</textarea>" in builder and 'name="item-0-remove"' in builder
    assert 'name="new_item"' in builder and "What meaningful progress have you achieved?" in builder


def test_the_next_summary_starts_after_the_last_shared_one(client, journal, other):
    connect()
    new_summary(client, journal, period="custom", **{"from": "2026-11-01", "to": "2026-11-20"})
    client.post(f"/summaries/{the_summary().id}", data=builder_data(journal, the_summary(),
                                                                     achieved="Calm intakes"))
    share(client, journal, the_summary(), person("bo@example.org").id)
    assert "(from 21 November 2026)" in client.get("/summaries/new").get_data(as_text=True)
    new_summary(client, journal, period="since_last")
    latest = Summary.select().order_by(Summary.created_at.desc(), Summary.period_from.desc()).get()
    assert (latest.period_from, latest.period_to) == (date(2026, 11, 21), date(2026, 11, 27))
    client.post(f"/summaries/{latest.id}", data=builder_data(journal, latest, want="Calm"))
    share(client, journal, latest, person("bo@example.org").id)
    page = client.get("/summaries/new").get_data(as_text=True)
    assert "(it already reaches today)" in page and 'value="four_weeks" checked' in page
    refused = new_summary(client, journal, period="since_last")
    assert refused.status_code == 422 and "already reaches today" in refused.get_data(as_text=True)
    assert Summary.select().count() == 2


def test_a_bad_period_is_explained_and_nothing_is_stored(client, journal):
    response = new_summary(client, journal, period="custom", conversation_on="2026-12-01",
                           **{"from": "2026-11-20", "to": "2026-11-10"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "The period ends before it starts" in html
    assert 'value="2026-11-20"' in html and 'value="2026-12-01"' in html, "typed values stay"
    past = new_summary(client, journal, conversation_on="2026-11-01")
    assert past.status_code == 422 and "Choose today or a later day." in past.get_data(as_text=True)
    future = new_summary(client, journal, period="custom", **{"from": "2026-12-01"})
    assert "cannot start in the future" in future.get_data(as_text=True)
    assert Summary.select().count() == 0


def test_the_builder_edits_removes_and_adds_items_and_saves_the_answers(client, journal):
    fill_journal(journal)
    new_summary(client, journal)
    summary = the_summary()
    data = builder_data(journal, summary, **{
        "item-0-remove": "1", "item-1-text": "Calm intake with Sam, finally",
        "new_item": "Helped Jo with the rota", "achieved": "Calmer intakes",
        "want": "Shorter meetings", "how": "Try a timer", "help_from_manager": "Ten minutes a week",
        "conversation_on": "2026-12-03", "next": "preview"})
    response = client.post(f"/summaries/{summary.id}", data=data)
    assert response.status_code == 302 and response.location == f"/summaries/{summary.id}/preview"
    summary = the_summary()
    assert item_texts(summary)[0] == "Calm intake with Sam, finally"
    assert item_texts(summary)[-1] == "Helped Jo with the rota"
    assert "Achieved: Run calm intakes" not in item_texts(summary)
    own = SummaryItem.get(SummaryItem.text == "Helped Jo with the rota")
    assert (own.source, own.source_id) == ("own", None)
    assert (summary.achieved, summary.want, summary.how, summary.help_from_manager,
            summary.conversation_on) == ("Calmer intakes", "Shorter meetings", "Try a timer",
                                         "Ten minutes a week", date(2026, 12, 3))


def test_builder_errors_keep_everything_typed_and_change_nothing(client, journal):
    fill_journal(journal)
    new_summary(client, journal)
    summary = the_summary()
    before = item_texts(summary)
    data = builder_data(journal, summary, **{
        "item-1-text": "", "item-2-text": "Edited but not saved", "item-3-remove": "1",
        "achieved": "Typed answer", "new_item": "A new one", "want": "x" * 2001})
    response = client.post(f"/summaries/{summary.id}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Write a few words, or remove this highlight." in html
    assert 'id="item-1-error"' in html and 'id="want-error"' in html
    assert "Typed answer</textarea>" in html and "A new one</textarea>" in html
    assert "Edited but not saved</textarea>" in html
    assert "Test the beamer (Demo failed)</textarea>" not in html, "the removed one stays gone"
    assert 'name="item_count" value="5"' in html
    assert item_texts(the_summary()) == before and the_summary().achieved == ""


def test_the_preview_is_the_managers_card_with_share_buttons(client, journal, other):
    fill_journal(journal)
    new_summary(client, journal)
    summary = the_summary()
    lonely = client.get(f"/summaries/{summary.id}/preview").get_data(as_text=True)
    assert "Progress of Ana" in lonely and "Calm intake with Sam" in lonely
    assert 'href="/people"' in lonely and "Share with" not in lonely
    connect()
    html = client.get(f"/summaries/{summary.id}/preview").get_data(as_text=True)
    assert 'class="summary-card"' in html and "Share with Bo" in html
    assert f'value="{person("bo@example.org").id}"' in html


def test_sharing_with_a_connected_manager_and_the_page_becomes_read_only(
        client, journal, other, clock):
    fill_journal(journal)
    connect()
    new_summary(client, journal, conversation_on="2026-12-04")
    summary = the_summary()
    bo = person("bo@example.org")
    clock.now = datetime(2026, 11, 27, 15, 0, tzinfo=clock.now.tzinfo)
    response = share(client, journal, summary, bo.id)
    assert response.location == f"/summaries/{summary.id}"
    summary = the_summary()
    assert (summary.status, summary.manager_id, summary.shared_at, summary.first_viewed_at) == (
        "shared", bo.id, datetime(2026, 11, 27, 15, 0), None)
    assert summary_shared_with(bo, summary.id) is not None
    notice = Delivery.get(Delivery.kind == "summary_shared")
    assert (notice.user_id, notice.ref) == (bo.id, str(summary.id))
    page = client.get(f"/summaries/{summary.id}").get_data(as_text=True)
    assert "Shared with Bo on 27 November 2026" in page and "not viewed yet" in page
    assert "Withdraw it first to change it" in page and "<textarea" not in page
    stale = client.post(f"/summaries/{summary.id}", data=builder_data(
        journal, summary, achieved="Sneaky change"))
    assert stale.status_code == 409 and the_summary().achieved == ""
    listed = client.get("/summaries").get_data(as_text=True)
    assert "Shared with Bo on 27 November 2026" in listed and "not viewed yet" in listed


def test_sharing_with_someone_not_connected_shares_nothing(client, journal, other):
    fill_journal(journal)
    new_summary(client, journal)
    summary = the_summary()
    response = share(client, journal, summary, person("bo@example.org").id)
    assert response.status_code == 302
    assert "Choose one of the people you share with." in client.get(
        response.location).get_data(as_text=True)
    share(client, journal, summary, "not-a-uuid")
    summary = the_summary()
    assert (summary.status, summary.manager_id, summary.shared_at) == ("draft", None, None)
    assert Delivery.select().where(Delivery.kind == "summary_shared").count() == 0


def test_an_empty_summary_cannot_be_shared(client, journal, other):
    connect()
    new_summary(client, journal)
    summary = the_summary()
    assert item_texts(summary) == []
    preview = client.get(f"/summaries/{summary.id}/preview").get_data(as_text=True)
    assert "There is nothing to share yet." in preview and "Share with Bo" not in preview
    share(client, journal, summary, person("bo@example.org").id)
    assert the_summary().status == "draft" and the_summary().shared_at is None


def test_withdrawing_ends_the_managers_access_and_allows_changes(client, journal, other):
    fill_journal(journal)
    connect()
    new_summary(client, journal)
    summary = the_summary()
    bo = person("bo@example.org")
    share(client, journal, summary, bo.id)
    Summary.update(first_viewed_at=datetime(2026, 11, 27, 13)).execute()
    SummaryResponse.create(updated_at=STORED_NOW, summary=summary, manager=bo,
                           private_notes="Ask about the rota",
                           reply="I like how you prepared the intakes.",
                           replied_at=datetime(2026, 11, 27, 14))
    page = client.get(f"/summaries/{summary.id}").get_data(as_text=True)
    assert "first viewed on 27 November 2026" in page
    assert "I like how you prepared the intakes." in page and "Ask about the rota" not in page
    response = client.post(f"/summaries/{summary.id}/withdraw",
                           data={"csrf_token": journal.token("/")})
    assert response.location == f"/summaries/{summary.id}"
    summary = the_summary()
    assert summary.status == "withdrawn" and summary.withdrawn_at == datetime(2026, 11, 27, 12)
    assert summary_shared_with(bo, summary.id) is None
    builder = client.get(f"/summaries/{summary.id}").get_data(as_text=True)
    assert "Withdrawn on 27 November 2026" in builder and "<textarea" in builder
    client.post(f"/summaries/{summary.id}", data=builder_data(journal, summary, how="Timer"))
    share(client, journal, the_summary(), bo.id)
    again = the_summary()
    assert (again.status, again.how, again.first_viewed_at, again.withdrawn_at) == (
        "shared", "Timer", None, None)


def test_a_shared_summary_is_a_snapshot(client, journal, other):
    fill_journal(journal)
    connect()
    new_summary(client, journal)
    summary = the_summary()
    share(client, journal, summary, person("bo@example.org").id)
    entry = Entry.get(Entry.text == "Calm intake with Sam")
    journal.api("PATCH", f"/api/v1/entries/{entry.id}", {"text": "Rewritten later"})
    journal.api("DELETE", f"/api/v1/entries/{entry.id}")
    assert "Calm intake with Sam" in item_texts(the_summary())
    assert "Calm intake with Sam" in client.get(f"/summaries/{summary.id}").get_data(as_text=True)


def test_the_list_newest_first_and_deleting_a_draft(client, journal, other, clock):
    connect()
    new_summary(client, journal, period="quarter")
    clock.now = datetime(2026, 11, 27, 13, 0, tzinfo=clock.now.tzinfo)
    new_summary(client, journal, period="four_weeks")
    older, newer = Summary.select().order_by(Summary.created_at)
    html = client.get("/summaries").get_data(as_text=True)
    assert html.index(f"/summaries/{newer.id}") < html.index(f"/summaries/{older.id}")
    assert "Draft: only you can see it" in html and "New summary" in html
    response = client.post(f"/summaries/{older.id}/delete", data={"csrf_token": journal.token("/")})
    assert response.location == "/summaries"
    assert [s.id for s in Summary.select()] == [newer.id]
    client.post(f"/summaries/{newer.id}", data=builder_data(journal, newer, want="More calm"))
    share(client, journal, newer, person("bo@example.org").id)
    client.post(f"/summaries/{newer.id}/delete", data={"csrf_token": journal.token("/")})
    assert Summary.get().status == "shared", "a shared summary is not deleted"


def test_someone_elses_summary_is_not_found(client, journal, other):
    new_summary(other.client, other)
    summary = the_summary()
    token = journal.token("/")
    for path in ("", "/preview"):
        assert client.get(f"/summaries/{summary.id}{path}").status_code == 404
    for path in ("", "/share", "/withdraw", "/delete"):
        assert client.post(f"/summaries/{summary.id}{path}",
                           data={"csrf_token": token, "achieved": "x"}).status_code == 404
    assert client.get("/summaries/not-a-uuid").status_code == 404
    assert Summary.get().achieved == "" and Summary.select().count() == 1


def test_still_to_achieve_is_proposed_beside_what_was_achieved(client, journal):
    fill_journal(journal)
    journal.api("POST", "/api/v1/goals", {"title": "Run the Monday intake alone"})
    journal.api("PUT", "/api/v1/reviews/2026-W46", {"next_week": "An older plan"})
    journal.api("PUT", "/api/v1/reviews/2026-W47", {"improved": ["Shorter meetings"],
                                                   "help_wanted": "Time with Sam",
                                                   "next_week": "Ask Sam to observe"})
    new_summary(client, journal)
    texts = item_texts(the_summary())
    assert texts[-3:] == ["Still to achieve: Run the Monday intake alone",
                          "Still to achieve: Ask Sam to observe",
                          "Help I would like: Time with Sam"]
    assert texts[0] == "Achieved: Run calm intakes" and "An older plan" not in " ".join(texts)
    builder = client.get(f"/summaries/{the_summary().id}").get_data(as_text=True)
    assert "Still to achieve: Run the Monday intake alone</textarea>" in builder


def test_the_builder_is_light(client, journal):
    fill_journal(journal)
    journal.post_entry("A long step " * 25, day="2026-11-26", meaning="5")
    new_summary(client, journal)
    summary = the_summary()
    html = client.get(f"/summaries/{summary.id}").get_data(as_text=True)
    form = html.split('class="summary-builder"')[1].split("</form>")[0]
    assert len(re.findall(r'<button type="submit"[^>]*name="next"', form)) == 1, "one save"
    assert "Save and preview" in form and ">Save</button>" not in form
    assert 'type="checkbox"' not in form
    first = form.split('id="item-0"')[1].split("</li>")[0]
    assert re.search(r'value="0-up" disabled', first) and 'value="0-down"' in first
    assert 'name="item-0-remove" value="1"' in first
    end = len(item_texts(summary)) - 1
    last = form.split(f'id="item-{end}"')[1].split("</li>")[0]
    assert re.search(rf'value="{end}-down" disabled', last)
    rows = {text: int(count) for count, text in re.findall(
        r'name="item-\d+-text" rows="(\d+)"[^>]*>([^<]+)</textarea>', form)}
    assert rows["A long step " * 24 + "A long step"] >= 10, "shown whole, even without script"
    assert rows["Sorted the inbox"] == 1
    assert "js/summary-editor.js" in html
    assert 'data-highlight-label="Highlight {n}"' in html


def test_without_javascript_remove_and_move_save_at_once_and_stay(client, journal):
    fill_journal(journal)
    new_summary(client, journal)
    summary = the_summary()
    before = item_texts(summary)
    removed = client.post(f"/summaries/{summary.id}", data=builder_data(
        journal, summary, **{"item-2-remove": "1", "achieved": "Typed before removing"}))
    assert removed.status_code == 302
    assert removed.location == f"/summaries/{summary.id}#items-heading"
    assert item_texts(the_summary()) == before[:2] + before[3:]
    assert the_summary().achieved == "Typed before removing", "what was typed is kept"
    moved = client.post(f"/summaries/{summary.id}", data=builder_data(
        journal, the_summary(), move="1-up"))
    assert moved.location == f"/summaries/{summary.id}#items-heading"
    assert item_texts(the_summary())[:2] == [before[1], before[0]]
    saved = client.post(f"/summaries/{summary.id}", data=builder_data(journal, the_summary()))
    assert saved.location == f"/summaries/{summary.id}", "a plain save stays where it was"
