"""Counts over the whole journal (days with progress, tags for the filter) are kept between
requests and stay in step with every change to the entries: made, edited, deleted, imported,
also when another process (another gunicorn worker) made the change."""
import re
from datetime import date, timedelta

from journal import create_app
from journal.db import database
from journal.models import Entry, User

ALL_DAYS = re.compile(r"You have noted progress on (\d+) days? so far")


def days_on_home(client):
    found = ALL_DAYS.search(client.get("/").get_data(as_text=True))
    return int(found.group(1)) if found else 0


def tags_on_timeline(client):
    html = client.get("/timeline").get_data(as_text=True)
    return set(re.findall(r'<option value="([^"]+)"', html.split('name="tag"', 1)[1]
                          .split("</select>", 1)[0])) - {""}


def entry_ids(journal):
    return [item["id"] for item in journal.api("GET", "/api/v1/entries").get_json()["items"]]


def test_the_days_follow_each_write(client, journal):
    journal.post_entry("a", day="2026-11-01")
    assert days_on_home(client) == 1
    journal.post_entry("b", day="2026-11-02")
    assert days_on_home(client) == 2, "a new entry counts at once"
    newest = entry_ids(journal)[0]
    journal.api("PATCH", f"/api/v1/entries/{newest}", {"day": "2026-11-01"})
    assert days_on_home(client) == 1, "moving an entry to a day already counted"
    journal.api("DELETE", f"/api/v1/entries/{newest}")
    journal.api("DELETE", f"/api/v1/entries/{entry_ids(journal)[0]}")
    assert days_on_home(client) == 0, "deleting takes the days away"


def test_the_tags_follow_each_write(client, journal):
    journal.api("POST", "/api/v1/entries", {"text": "Intake", "tags": ["intake"]})
    assert tags_on_timeline(client) == {"intake"}
    only = entry_ids(journal)[0]
    journal.api("PATCH", f"/api/v1/entries/{only}", {"tags": ["café", "team"]})
    assert tags_on_timeline(client) == {"café", "team"}


def test_an_import_is_counted(client, journal):
    journal.post_entry("a", day="2026-11-01")
    document = journal.api("GET", "/api/v1/export").get_json()
    journal.api("DELETE", f"/api/v1/entries/{entry_ids(journal)[0]}")
    assert days_on_home(client) == 0
    assert journal.api("POST", "/api/v1/import", document).status_code == 200
    assert days_on_home(client) == 1


def test_a_write_in_another_process_is_seen(client, journal, app_config):
    journal.post_entry("a", day="2026-11-01")
    assert days_on_home(client) == 1
    # Another app on the same database, as another worker: its write reaches this one only
    # through the database.
    elsewhere = create_app(app_config)
    with elsewhere.app_context():
        ana = User.get(User.email == "ana@example.org")
        Entry.create_for(ana, {"day": Entry.get().day.replace(day=2), "text": "b", "tags": []},
                         now=Entry.get().created_at)
    with client.application.app_context():
        assert User.get(User.email == "ana@example.org").journal_version >= 2
    assert days_on_home(client) == 2


def test_each_write_raises_the_version_in_its_own_transaction(app, journal):
    journal.post_entry("a")
    with app.app_context():
        ana = User.get(User.email == "ana@example.org")
        before = ana.journal_version
        entry = Entry.get()
        try:
            with database.atomic():
                entry.delete_instance()
                raise RuntimeError("the transaction fails after the delete")
        except RuntimeError:
            pass
        assert User.get_by_id(ana.id).journal_version == before, "rolled back together"
        assert Entry.select().count() == 1


def test_the_earlier_words_beside_today_follow_each_write(client, journal):
    journal.post_entry("The demo did not work yet", kind="setback", tags="demo",
                       day="2026-11-04")
    journal.post_entry("Gave the demo calmly", tags="budget")
    assert "then-now" not in client.get("/").get_data(as_text=True)
    today = entry_ids(journal)[0]
    journal.api("PATCH", f"/api/v1/entries/{today}", {"tags": ["demo"]})
    assert "then-now" in client.get("/").get_data(as_text=True), "an edit is seen at once"
    setback = entry_ids(journal)[1]
    journal.api("DELETE", f"/api/v1/entries/{setback}")
    assert "then-now" not in client.get("/").get_data(as_text=True), "so is a deletion"


def recent_weeks_on_home(client):
    """The days with progress of each week in the home page's recent weeks, oldest first."""
    html = client.get("/").get_data(as_text=True)
    return [int(days) for days in re.findall(r'class="recent-bar days-(\d+)"', html)]


def test_the_recent_weeks_and_the_first_week_follow_each_write(client, journal):
    assert recent_weeks_on_home(client) == [], "a first day with nothing noted shows no weeks"
    journal.post_entry("Today's step")
    assert recent_weeks_on_home(client) == [1]
    today = date.fromisoformat(journal.api("GET", "/api/v1/entries").get_json()["items"][0]["day"])
    journal.post_entry("From my paper notebook", day=(today - timedelta(weeks=3)).isoformat())
    assert recent_weeks_on_home(client) == [1, 0, 0, 1], "an older entry starts the journal earlier"
    journal.api("DELETE", f"/api/v1/entries/{entry_ids(journal)[1]}")
    assert recent_weeks_on_home(client) == [1], "and deleting it moves the start back"
