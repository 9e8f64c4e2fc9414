"""The journal pages: log progress, the timeline, edit and delete."""
import re
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from journal.models import Entry, EntryTag


def test_home_asks_the_question_with_one_text_field(client, journal):
    html = client.get("/").get_data(as_text=True)
    assert "What meaningful progress did you make today?" in html
    assert '<textarea id="text" name="text"' in html
    assert 'type="submit" class="primary">Save</button>' in html


def test_logging_takes_one_field_and_shows_on_today(client, journal):
    response = journal.post_entry("Finished the intake checklist with Sam")
    assert response.status_code == 302 and response.location == "/"
    html = client.get("/").get_data(as_text=True)
    assert "Finished the intake checklist with Sam" in html
    assert "Saved. Small steps count." in html
    entry = Entry.get()
    assert (entry.day, entry.kind, entry.meaning) == (date(2026, 11, 27), "progress", None)


def test_all_optional_fields_are_stored(client, journal):
    journal.post_entry("Tried a new intake flow", kind="setback", meaning="4", helped="Sam",
                       hindered="Phones", learned="Ask first", try_next="Shorter form",
                       tags="Intake, #team", day="2026-11-25")
    entry = Entry.get()
    assert entry.values() == {
        "day": date(2026, 11, 25), "text": "Tried a new intake flow", "kind": "setback",
        "meaning": 4, "helped": "Sam", "hindered": "Phones", "learned": "Ask first",
        "try_next": "Shorter form", "tags": ["intake", "team"], "goal_id": None}


def test_an_entry_at_2330_in_amsterdam_lands_on_that_local_day(client, journal, clock):
    clock.now = datetime(2026, 11, 27, 22, 30, tzinfo=timezone.utc)  # 23:30 in Amsterdam
    journal.post_entry("Late but real progress")
    assert Entry.get().day == date(2026, 11, 27)
    clock.now = datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc)  # 00:30 the next day
    journal.post_entry("After midnight")
    assert Entry.get(Entry.text == "After midnight").day == date(2026, 11, 28)


@pytest.mark.parametrize("fields, field, message", [
    ({"text": ""}, "text", "Write a few words about your progress."),
    ({"text": "x" * 2001}, "text", "Please keep it under 2000 characters."),
    ({"day": "2026-11-28"}, "day", "Progress can only be logged for today or earlier."),
    ({"day": "2026-02-30"}, "day", "Choose a real date"),
    ({"meaning": "9"}, "meaning", "Choose a number from 1 to 5"),
    ({"kind": "win"}, "kind", "Choose progress or setback."),
    ({"tags": "x" * 41}, "tags", "Keep each tag under 40 characters."),
    ({"helped": "y" * 2001}, "helped", "Please keep it under 2000 characters."),
])
def test_bad_input_is_explained_next_to_the_field_and_kept(client, journal, fields, field,
                                                            message):
    data = {"text": "Kept text", "helped": "kept helper", **fields}
    response = journal.post_entry(**data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html and message in html
    if field != "text":
        assert "Kept text" in html
    assert Entry.select().count() == 0 and EntryTag.select().count() == 0


def test_many_entries_a_day(client, journal, clock):
    for text in ("One", "Two", "Three"):
        journal.post_entry(text)
        clock.now += timedelta(minutes=5)  # the app's clock stamps each entry
    html = client.get("/").get_data(as_text=True)
    assert html.index("Three") < html.index("Two") < html.index("One")


def test_edit_an_entry(client, journal):
    journal.post_entry("First draft", tags="a")
    entry = Entry.get()
    page = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    assert "First draft" in page and 'value="a"' in page
    response = client.post(f"/entries/{entry.id}/edit", data={
        "csrf_token": journal.token("/"), "text": "Second draft", "kind": "progress",
        "tags": "b, c", "day": "2026-11-26", "meaning": "2"})
    assert response.status_code == 302
    entry = Entry.get()
    assert (entry.text, entry.day, entry.meaning, entry.tags()) == (
        "Second draft", date(2026, 11, 26), 2, ["b", "c"])
    assert entry.updated_at >= entry.created_at


def test_a_bad_edit_changes_nothing(client, journal):
    journal.post_entry("Stays as it is")
    entry = Entry.get()
    response = client.post(f"/entries/{entry.id}/edit", data={
        "csrf_token": journal.token("/"), "text": "", "day": "2026-11-27"})
    assert response.status_code == 422
    assert "Write a few words" in response.get_data(as_text=True)
    assert Entry.get().text == "Stays as it is"


def test_delete_asks_first_then_deletes_with_tags(client, journal):
    journal.post_entry("To remove", tags="x")
    entry = Entry.get()
    page = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    assert "Delete it for good?" in page
    response = client.post(f"/entries/{entry.id}/delete", data={"csrf_token": journal.token("/")})
    assert response.status_code == 302
    assert Entry.select().count() == 0 and EntryTag.select().count() == 0


def test_someone_elses_entry_is_not_found(client, journal, other):
    other.post_entry("Bo's private note")
    entry = Entry.get()
    assert client.get(f"/entries/{entry.id}/edit").status_code == 404
    token = journal.token("/")
    assert client.post(f"/entries/{entry.id}/edit", data={
        "csrf_token": token, "text": "hijack"}).status_code == 404
    assert client.post(f"/entries/{entry.id}/delete", data={"csrf_token": token}).status_code == 404
    assert client.get(f"/entries/{uuid.uuid4()}/edit").status_code == 404
    assert client.get("/entries/not-a-uuid/edit").status_code == 404
    assert Entry.get().text == "Bo's private note"
    assert "Bo&#39;s private note" not in client.get("/timeline").get_data(as_text=True)


def seed(journal, clock, days, per_day=1, **fields):
    """Log entries on `days` consecutive days ending today."""
    today = date(2026, 11, 27)
    for offset in range(days):
        for n in range(per_day):
            journal.post_entry(f"Step {offset}-{n}", day=(today - timedelta(offset)).isoformat(),
                               **fields)


def test_timeline_groups_by_day_newest_first_and_pages(client, journal, clock):
    seed(journal, clock, days=16)
    html = client.get("/timeline").get_data(as_text=True)
    assert html.index(">Today<") < html.index(">Yesterday<") < html.index("Wednesday")
    assert "Step 13-0" in html and "Step 14-0" not in html
    assert "/timeline?before=2026-11-14" in html
    older = client.get("/timeline?before=2026-11-14").get_data(as_text=True)
    assert "Step 14-0" in older and "Step 15-0" in older and "Step 13-0" not in older
    assert "Earlier entries" not in older


def test_timeline_filters_by_tag_kind_and_words(client, journal):
    journal.post_entry("Calmer intake call", tags="intake")
    journal.post_entry("Planning with the team", tags="team")
    journal.post_entry("Missed the deadline", kind="setback", learned="Start earlier")
    journal.post_entry("Café visit with Zoë")

    def shown(query):
        html = client.get("/timeline" + query).get_data(as_text=True)
        return {text for text in ("Calmer intake call", "Planning with the team",
                                  "Missed the deadline", "Café visit with Zoë") if text in html}

    assert shown("?tag=intake") == {"Calmer intake call"}
    assert shown("?kind=setback") == {"Missed the deadline"}
    assert shown("?kind=progress") == {"Calmer intake call", "Planning with the team",
                                       "Café visit with Zoë"}
    assert shown("?q=TEAM") == {"Planning with the team"}
    assert shown("?q=earlier") == {"Missed the deadline"}, "searches the notes too"
    assert shown("?q=cafe zoe") == {"Café visit with Zoë"}, "accents fold"
    assert shown("?q=100%25") == set(), "wildcards are literal"
    assert shown("?q=intake&tag=team") == set()


def test_days_with_progress_counts_days_not_a_streak(client, journal):
    journal.post_entry("a", day="2026-11-01")
    journal.post_entry("b", day="2026-11-01")
    journal.post_entry("c", day="2026-11-20")
    journal.post_entry("d")
    html = client.get("/").get_data(as_text=True)
    assert "You have noted progress on 3 days so far." in html
    assert "streak" not in html.lower()


def test_home_greets_by_first_name(client):
    from tests.conftest import Journal
    Journal(client).signup(name="Sanne de Vries")
    html = client.get("/").get_data(as_text=True)
    assert '<p class="greeting">Hello Sanne</p>' in html
    assert "Sanne de Vries" not in html


def test_every_bottom_tab_has_an_icon_beside_its_label(client, journal):
    html = client.get("/").get_data(as_text=True)
    tabs = html[html.index('<nav class="tabs"'):]
    tabs = tabs[:tabs.index("</nav>")]
    links = re.findall(r"<a [^>]*>(.*?)</a>", tabs, re.DOTALL)
    assert len(links) == 5
    for link in links:
        assert '<svg aria-hidden="true"' in link and ("<path" in link or "<circle" in link)
        assert re.search(r"<span>\w+</span>", link), "the label is kept as text"


# -- issue 14: "not yet → now", the circle in miniature, the setback's own badge -------------

def test_progress_weeks_after_a_setback_shows_the_earlier_words(client, journal):
    journal.post_entry("The demo did not work yet", kind="setback", tags="demo",
                       day="2026-11-04")
    html = client.get("/").get_data(as_text=True)
    assert "From not yet to now" not in html
    journal.post_entry("Gave the demo calmly", tags="demo")
    html = client.get("/").get_data(as_text=True)
    card = html[html.index('class="card then-now"'):]
    card = card[:card.index("</section>")]
    assert "On 4 November you wrote:" in card
    assert '<blockquote class="then">The demo did not work yet</blockquote>' in card
    assert '<blockquote class="now">Gave the demo calmly</blockquote>' in card
    assert "What helped you get from there to here?" in card
    assert html.index("then-now") < html.index('id="today-heading"'), "right after saving"


def test_no_earlier_words_for_a_setback_of_last_week_or_another_tag(client, journal):
    journal.post_entry("Not yet", kind="setback", tags="demo", day="2026-11-20")
    journal.post_entry("Not yet either", kind="setback", tags="budget", day="2026-11-01")
    journal.post_entry("Gave the demo calmly", tags="demo")
    assert "then-now" not in client.get("/").get_data(as_text=True)


def test_home_shows_the_circle_in_miniature_only_with_goals(client, journal):
    assert "mini-circle" not in client.get("/").get_data(as_text=True)
    token = journal.token("/")
    for title, ring in (("Calm intakes", "outer"), ("Planning tool", "outer"),
                        ("Shorter meetings", "inner")):
        client.post("/goals/new", data={"csrf_token": token, "title": title, "ring": ring})
    html = client.get("/").get_data(as_text=True)
    card = html[html.index('class="card mini-circle"'):]
    card = card[:card.index("</section>")]
    outer = card[card.index('class="mini-outer"'):card.index('class="mini-inner"')]
    inner = card[card.index('class="mini-inner"'):]
    assert "Calm intakes" in outer and "Planning tool" in outer and "Shorter" not in outer
    assert "Shorter meetings" in inner
    assert 'href="/goals"' in card


def test_a_setback_wears_its_own_gentle_badge(client, journal):
    journal.post_entry("The demo did not work yet", kind="setback")
    html = client.get("/").get_data(as_text=True)
    assert '<p class="badge not-yet">Not yet</p>' in html
