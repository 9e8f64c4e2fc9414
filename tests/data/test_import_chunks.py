"""Imports that don't stall others (issue 11, finding 5): a big import writes in short
transactions, so another person's write waits well under a second; an import that fails
halfway takes back everything it wrote; the answer says how far it got; limits are clear."""
import io
import json
import threading
import time
import uuid

from journal.db import database
from journal.models import Entry, User
from journal.notifications import notices as sharing_notices
from tests.conftest import Journal
from tests.data.test_export import export, ok

# Tables that hold a journal's content and plans (not sessions or limits, which any request
# may touch): an import that fails must leave each exactly as it was.
CONTENT = ("user", "entry", "entry_tag", "goal", "goal_step", "review", "summary",
           "summary_item", "checklist", "reminder", "delivery")
BIG = 3000
OTHERS_WAIT_LIMIT = 1.5  # seconds; the issue asks for about one


# Not content: user.journal_version only says that counts kept over the entries must be read
# again, which a taken-back import rightly says (entries were there for a while).
BOOKKEEPING = {"user": {"journal_version"}}


def content_snapshot():
    """Every row of the content tables, so a test can prove they are exactly as before."""
    with database.connection_context():
        return {table: sorted(map(repr, database.execute_sql(
            f'SELECT {columns_of(table)} FROM "{table}"').fetchall())) for table in CONTENT}


def columns_of(table):
    skipped = BOOKKEEPING.get(table, set())
    names = [column.name for column in database.get_columns(table) if column.name not in skipped]
    return ", ".join(f'"{name}"' for name in names)


def ana_has(count_above):
    with database.connection_context():
        ana = User.by_email("ana@example.org")
        return Entry.select().where(Entry.user == ana).count() > count_above


def new_entries(count):
    return [{"id": str(uuid.uuid4()), "day": "2026-11-20", "text": f"Step {n} " + "x" * 300,
             "tags": ["intake", f"t{n % 7}"]} for n in range(count)]


def fill(ana):
    """One of each kind in Ana's journal, with children (steps, tags, highlights, reminders)."""
    goal = ok(ana, "POST", "/api/v1/goals", {"title": "Calm intakes", "why": "Less stress",
                                             "steps": [{"text": "Ask Sam", "done": True}]})
    ok(ana, "POST", "/api/v1/entries", {"day": "2026-11-27", "text": "Finished the checklist",
                                        "tags": ["intake", "sam"], "goal_id": goal["id"]})
    ok(ana, "POST", "/api/v1/entries", {"day": "2026-11-24", "text": "Asked for help"})
    ok(ana, "PUT", "/api/v1/reviews/2026-W48", {"improved": ["Calmer mornings"]})
    for day in ("2026-12-10", "2026-12-11"):
        ok(ana, "POST", "/api/v1/summaries", {"from": "2026-11-01", "to": "2026-11-27",
                                              "conversation_on": day})
    ok(ana, "POST", "/api/v1/checklists", {"answers": {"p1a_know_progress": "already"},
                                           "first_step": "Ask one question a day"})


def changed_everything(document):
    """The export with every object changed, so importing it updates rows and replaces
    children: the undo must restore all of it."""
    for goal in document["goals"]:
        goal["title"] += " (from the file)"
        goal["steps"] = [{"text": "A step from the file", "done": False}]
    for entry in document["entries"]:
        entry["text"] += " (from the file)"
        entry["tags"] = ["from-file"]
    for review in document["reviews"]:
        review["id"] = str(uuid.uuid4())  # replaces the account's review of that week
    for summary in document["summaries"]:
        summary["want"] = "From the file"
        summary["items"] = [{"text": "A highlight from the file"}]
        summary["conversation_on"] = "2026-12-20"
    for checklist in document["checklists"]:
        checklist["first_step"] = "From the file"
    document["user"]["display_name"] = "Ana from the file"
    return document


def import_in_thread(person, document):
    """Start the import on its own thread; returns the thread and where its answer lands."""
    answer = {}

    def run():
        started = time.monotonic()
        response = person.api("POST", "/api/v1/import", document)
        answer.update(status=response.status_code, body=response.get_json(),
                      seconds=time.monotonic() - started)
    thread = threading.Thread(target=run)
    thread.start()
    return thread, answer


def wait_until(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.01)


def timed_post(person, body):
    headers = {"X-CSRFToken": person.token("/")}
    started = time.monotonic()
    response = person.client.post("/api/v1/entries", json=body, headers=headers)
    return response, time.monotonic() - started


def test_another_persons_write_waits_well_under_a_second_while_a_big_import_runs(
        journal, other, app):
    document = {**export(journal), "entries": new_entries(BIG)}
    second = Journal(app.test_client())  # Ana on her phone too
    second.login()
    thread, answer = import_in_thread(journal, document)
    wait_until(lambda: ana_has(0))
    # The same person's second import waits for nothing: it is refused at once.
    refused = second.api("POST", "/api/v1/import", document)
    waits = []
    for n in range(3):
        response, seconds = timed_post(other, {"text": f"Bo's step {n}"})
        assert response.status_code == 201, response.get_json()
        waits.append(seconds)
    assert thread.is_alive(), "the import ended before Bo's writes: make it bigger"
    thread.join()
    assert max(waits) < OTHERS_WAIT_LIMIT, waits
    assert answer["status"] == 200, answer["body"]
    assert answer["body"]["entries"]["added"] == BIG
    assert answer["body"]["progress"] == {"done": BIG, "total": BIG}
    assert refused.status_code == 409
    assert refused.get_json()["error"]["message"] == (
        "An import into your journal is still running. Wait until it has finished, then try "
        "again.")


def test_a_clash_planted_halfway_by_someone_else_leaves_the_account_exactly_as_before(
        journal, other):
    """Bo, meanwhile, writes an entry with the id of the file's last entry: the import cannot
    write it, stops, and takes back the thousands of entries and the updates it committed."""
    fill(journal)
    document = changed_everything(export(journal))
    document["entries"] += new_entries(BIG)
    planted = document["entries"][-1]["id"]
    before = content_snapshot()
    thread, answer = import_in_thread(journal, document)
    wait_until(lambda: ana_has(2))
    response, seconds = timed_post(other, {"id": planted, "text": "Bo's own step"})
    assert response.status_code == 201 and seconds < OTHERS_WAIT_LIMIT
    thread.join()

    assert answer["status"] == 409, answer["body"]
    error = answer["body"]["error"]
    total = len(document["entries"]) + 5  # 1 goal, 1 review, 2 summaries, 1 checklist
    assert error["code"] == "conflict"
    assert error["progress"]["total"] == total and error["progress"]["kept"] == 0
    assert 0 < error["progress"]["done"] < total
    assert error["message"] == (
        f"The import stopped after {error['progress']['done']} of {total}, because something "
        "in your journal changed at the same moment. Nothing was kept. Please try again.")
    assert ok(other, "DELETE", f"/api/v1/entries/{planted}") is None
    assert content_snapshot() == before


def test_an_error_in_a_later_section_takes_back_the_earlier_ones(journal, monkeypatch):
    """A failure while writing the second summary, after goals, entries, reviews and the first
    summary were committed. Such a failure (a full disk) cannot be caused on demand here, so
    the summary's reminder planning is replaced by one that fails the second time."""
    fill(journal)
    document = changed_everything(export(journal))
    document["entries"] += new_entries(500)
    before = content_snapshot()
    real, calls = sharing_notices.summary_changed, []

    def fails_the_second_time(summary, now):
        calls.append(summary.id)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        real(summary, now)
    monkeypatch.setattr(sharing_notices, "summary_changed", fails_the_second_time)
    assert journal.api("POST", "/api/v1/import", document).status_code == 500
    assert len(calls) == 2
    assert content_snapshot() == before


def test_a_successful_import_says_how_far_it_got_on_the_page(journal):
    document = {**export(journal), "entries": new_entries(3)}
    response = journal.client.post("/settings/data/import", data={
        "csrf_token": journal.token("/settings/data"),
        "file": (io.BytesIO(json.dumps(document).encode()), "export.json")},
        follow_redirects=True)
    assert "Your export is imported, 3 of 3: 3 added" in response.get_data(as_text=True)


def test_more_entries_than_an_import_takes_are_refused_before_any_check(journal):
    document = {"format": "progress-journal", "version": 1,
                "entries": [{"id": "x"}] * 20001}
    response = journal.api("POST", "/api/v1/import", document)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "entries": "The file holds 20001 of these; an import takes at most 20000."}
