"""POST /api/v1/import: an exact round trip, idempotent by ids, all or nothing, and clear errors
for a file that is malformed, foreign, from a newer version, or wrong inside."""
import copy
import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.db import database
from journal.models import MODELS, Delivery, Entry, Goal, Review, Summary, User
from journal.notifications import notices as sharing_notices
from tests.conftest import Journal
from tests.data.test_export import MARKER, export, fill_journal, ok


def import_(person, document):
    return person.api("POST", "/api/v1/import", document)


def imported(person, document):
    response = import_(person, document)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def snapshot():
    """Every row of every table, to prove an import changed nothing at all."""
    return {model._meta.table_name: sorted(map(repr, database.execute_sql(
        f'SELECT * FROM "{model._meta.table_name}"').fetchall())) for model in MODELS}


def comparable(document):
    """The document without what legitimately changes: when it was made, when the account was
    made, and connections and conversations (between two people, never imported)."""
    document = copy.deepcopy(document)
    for name in ("exported_at", "connections", "helping_conversations",
                 "steering_conversations", "team_contributions"):
        document.pop(name)
    document["user"].pop("created_at")
    for summary in document["summaries"]:
        # Steps agreed in the same moment are listed by id, which a second account changes.
        summary["agreements"].sort(key=lambda agreement: agreement["id"])
        if summary["status"] != "draft":
            for name in ("status", "manager", "withdrawn_at"):
                summary.pop(name)
    return document


def error_of(response):
    return response.get_json()["error"]


def test_export_delete_sign_up_again_import_and_everything_is_back(journal, other):
    made = fill_journal(journal, other)
    before = export(journal)
    assert journal.api("DELETE", "/api/v1/account", {"password": "correct horse battery"}
                       ).status_code == 204
    assert journal.signup(name="Ana again", timezone="UTC").status_code == 302

    report = imported(journal, before)
    assert report["entries"] == {"added": 3, "updated": 0, "unchanged": 0}
    assert report["summaries"]["added"] == 3 and report["ids_changed"] is False
    assert report["settings"] == "updated"
    after = export(journal)
    assert comparable(after) == comparable(before)
    assert after["user"]["display_name"] == "Ana" and after["user"]["timezone"] == (
        "Europe/Amsterdam")
    summaries = {s["id"]: s for s in after["summaries"]}
    shared, withdrawn = summaries[made["shared"]["id"]], summaries[made["withdrawn"]["id"]]
    was = {s["id"]: s for s in before["summaries"]}
    assert (was[shared["id"]]["status"], was[shared["id"]]["manager"]) == (
        "shared", {"display_name": "Bo"})
    assert (shared["status"], shared["manager"], shared["withdrawn_at"]) == (
        "withdrawn", None, before["exported_at"])
    assert shared["shared_at"] == was[shared["id"]]["shared_at"] is not None
    assert (withdrawn["status"], withdrawn["manager"], withdrawn["withdrawn_at"]) == (
        "withdrawn", None, was[withdrawn["id"]]["withdrawn_at"])
    assert was[withdrawn["id"]]["manager"] == {"display_name": "Bo"}
    assert summaries[made["draft"]["id"]]["status"] == "draft"
    # Bo no longer sees anything of Ana's until she shares again.
    assert other.api("GET", "/api/v1/shared").get_json()["items"] == []
    # The draft's conversation is planned again: Ana is invited to prepare.
    ana = User.by_email("ana@example.org")
    assert [d.kind for d in Delivery.select().where(Delivery.user == ana)] == ["conv_prepare"]


def test_importing_twice_changes_nothing(journal, other):
    fill_journal(journal, other)
    document = export(journal)
    journal.api("DELETE", "/api/v1/account", {"password": "correct horse battery"})
    journal.signup()
    imported(journal, document)
    before = snapshot()
    report = imported(journal, document)
    assert snapshot() == before
    for section in ("entries", "reviews", "goals", "summaries", "checklists"):
        assert report[section]["added"] == report[section]["updated"] == 0
    assert report["settings"] == "unchanged"


def test_importing_into_the_same_live_account_changes_nothing(journal, other):
    made = fill_journal(journal, other)
    document = export(journal)
    before = snapshot()
    report = imported(journal, document)
    assert snapshot() == before and report["ids_changed"] is False
    assert report["entries"] == {"added": 0, "updated": 0, "unchanged": 3}
    shared = other.api("GET", "/api/v1/shared").get_json()["items"]
    assert [s["id"] for s in shared] == [made["shared"]["id"]]


def remapped(document, namespace):
    """The document as it should look in another account: every id replaced by uuid5."""
    def new(old):
        return str(uuid.uuid5(namespace, old)) if old else old
    document = copy.deepcopy(document)
    for section in ("entries", "reviews", "goals", "summaries", "checklists"):
        for item in document[section]:
            item["id"] = new(item["id"])
    for entry in document["entries"]:
        entry["goal_id"] = new(entry["goal_id"])
    for summary in document["summaries"]:
        for item in summary["items"]:
            item["source_id"] = new(item["source_id"])
        for agreement in summary["agreements"]:
            agreement["id"], agreement["goal_id"] = new(agreement["id"]), new(agreement["goal_id"])
    return document


def test_a_second_account_gets_new_ids_while_the_first_still_exists(journal, other, app):
    fill_journal(journal, other)
    document = export(journal)
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    report = imported(cy, document)
    assert report["ids_changed"] is True and report["entries"]["added"] == 3
    cy_id = User.by_email("cy@example.org").id
    mine = comparable(export(cy))
    expected = comparable(remapped(document, cy_id))
    for section in ("entries", "goals", "summaries", "checklists", "reviews"):
        assert sorted(mine.pop(section), key=lambda i: i["id"]) == sorted(
            expected.pop(section), key=lambda i: i["id"])
    assert mine["user"].pop("email") == "cy@example.org"
    expected["user"].pop("email")
    assert mine == expected
    # Ana's journal is untouched, and importing again into Cy's account changes nothing.
    assert comparable(export(journal)) == comparable(document)
    before = snapshot()
    assert imported(cy, document)["entries"]["unchanged"] == 3
    assert snapshot() == before


def test_the_new_ids_stay_once_the_first_account_is_gone(journal, other, app):
    journal.post_entry("Finished the intake checklist with Sam")
    document = export(journal)
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    imported(cy, document)
    journal.api("DELETE", "/api/v1/account", {"password": "correct horse battery"})
    report = imported(cy, document)
    assert report["ids_changed"] is True
    assert report["entries"] == {"added": 0, "updated": 0, "unchanged": 1}
    assert Entry.select().count() == 1


def test_what_the_account_has_and_the_file_lacks_stays(journal):
    journal.post_entry("Old step")
    document = export(journal)
    ok(journal, "DELETE", f"/api/v1/entries/{document['entries'][0]['id']}")
    journal.post_entry("New step")
    document["entries"][0]["text"] = "Old step, edited in the file"
    report = imported(journal, document)
    assert report["entries"] == {"added": 1, "updated": 0, "unchanged": 0}
    assert sorted(e.text for e in Entry.select()) == ["New step", "Old step, edited in the file"]
    document["entries"][0]["text"] = "Edited once more"
    assert imported(journal, document)["entries"]["updated"] == 1


def test_the_files_review_of_a_week_replaces_the_accounts(journal):
    ok(journal, "PUT", "/api/v1/reviews/2026-W48", {"improved": ["From the file"]})
    document = export(journal)
    journal.api("DELETE", "/api/v1/account", {"password": "correct horse battery"})
    journal.signup()
    ok(journal, "PUT", "/api/v1/reviews/2026-W48", {"improved": ["Written here"]})
    imported(journal, document)
    review = Review.get()
    assert (str(review.id), review.improved_items()) == (document["reviews"][0]["id"],
                                                         ["From the file"])


def test_days_of_any_time_zone_but_not_the_future(journal):
    base = export(journal)
    entry = {"id": str(uuid.uuid4()), "day": "2026-11-28", "text": "Already tomorrow in Tonga"}
    imported(journal, {**base, "entries": [entry]})
    later = {**entry, "id": str(uuid.uuid4()), "day": "2026-12-01"}
    response = import_(journal, {**base, "entries": [later]})
    assert response.status_code == 422
    assert error_of(response)["fields"] == {
        "entries[0].day": "Progress can only be logged for today or earlier."}


@pytest.mark.parametrize("body, content_type", [
    ("not json at all", "application/json"),
    ('["a", "list"]', "application/json"),
    ('{"format": "progress-journal"}', "text/plain"),
])
def test_not_a_json_object_is_malformed(journal, body, content_type):
    response = journal.api("POST", "/api/v1/import", data=body,
                           headers={"Content-Type": content_type})
    assert response.status_code == 400 and error_of(response)["code"] == "malformed"


@pytest.mark.parametrize("document, field, message", [
    ({"entries": []}, "format", "This is not a Progress Journal export."),
    ({"format": "day-one", "version": 1}, "format", "This is not a Progress Journal export."),
    ({"format": "progress-journal", "version": 2}, "version",
     "This file was made by a newer version of Progress Journal. Import it into a journal "
     "that is up to date."),
    ({"format": "progress-journal", "version": "1"}, "version",
     "The file has no version this app knows."),
    ({"format": "progress-journal"}, "version", "The file has no version this app knows."),
])
def test_a_foreign_or_newer_file_is_named_as_such(journal, document, field, message):
    response = import_(journal, document)
    assert response.status_code == 422
    error = error_of(response)
    assert (error["code"], error["message"], error["fields"]) == (
        "validation_error", message, {field: message})


GOOD = {"id": "6f1c2a34-1111-4222-8333-944455556666", "day": "2026-11-20",
        "text": "Finished the intake checklist"}


@pytest.mark.parametrize("change, fields", [
    ({"entries": "all of them"}, {"entries": "This must be a list."}),
    ({"entries": [GOOD, 7]}, {"entries[1]": "Each one must be an object."}),
    ({"entries": [GOOD, {**GOOD, "id": str(uuid.uuid4()), "text": "  "}]},
     {"entries[1].text": "Write a few words about your progress."}),
    ({"entries": [GOOD, {**GOOD, "id": str(uuid.uuid4()), "meaning": "very"}]},
     {"entries[1].meaning": "Choose a number from 1 to 5, or leave it empty."}),
    ({"entries": [GOOD, {**GOOD, "id": "not-a-uuid"}]},
     {"entries[1].id": "Each object needs its id (a UUID) from the export."}),
    ({"entries": [GOOD, GOOD]}, {"entries[1].id": "This id appears more than once in the file."}),
    ({"entries": [GOOD, {**GOOD, "id": str(uuid.uuid4()), "created_at": "yesterday"}]},
     {"entries[1].created_at": "Use a moment like 2026-11-27T16:02:11+00:00."}),
    ({"entries": [{**GOOD, "goal_id": str(uuid.uuid4())}]},
     {"entries[0].goal_id": "This goal is not in the file or in your journal."}),
    ({"entries": [GOOD], "reviews": [{"id": str(uuid.uuid4()), "week": "2026-W60",
                                      "improved": ["x"]}]},
     {"reviews[0].week": "There is no such week. Use the form 2026-W48."}),
    ({"entries": [GOOD], "goals": [{"id": str(uuid.uuid4()), "title": "x", "ring": "middle"}]},
     {"goals[0].ring": "Use outer (still to achieve) or inner (achieved)."}),
    ({"entries": [GOOD], "summaries": [{"id": str(uuid.uuid4()), "from": "2026-11-01",
                                        "to": "2026-11-27", "status": "public",
                                        "items": [{"text": ""}]}]},
     {"summaries[0].status": "Use draft, shared or withdrawn.",
      "summaries[0].items": "Write a few words, or remove this highlight.",
      "summaries[0].items[0]": "Write a few words, or remove this highlight."}),
    ({"entries": [GOOD], "user": {"timezone": "Mars/Olympus", "review_weekday": 9}},
     {"user.timezone": "Choose a time zone from the list.",
      "user.review_weekday": "Weekdays are numbers from 1 (Monday) to 7 (Sunday)."}),
    ({"entries": [GOOD], "reminders": {"daily": {"time": "25:00"}}},
     {"reminders.daily.time": "Use a time like 18:30."}),
])
def test_anything_invalid_stores_nothing_and_is_named(journal, change, fields):
    document = {"format": "progress-journal", "version": 1, **change}
    response = import_(journal, document)
    assert response.status_code == 422, response.get_json()
    error = error_of(response)
    assert error["message"] == "Nothing was imported: some things in the file need another look."
    assert error["fields"] == fields
    assert Entry.select().count() == Goal.select().count() == Summary.select().count() == 0
    assert User.by_email("ana@example.org").timezone == "Europe/Amsterdam"


def test_an_entry_cannot_point_to_someone_elses_goal(journal, other):
    goal = ok(other, "POST", "/api/v1/goals", {"title": "Bo's goal"})
    response = import_(journal, {"format": "progress-journal", "version": 1,
                                 "entries": [{**GOOD, "goal_id": goal["id"]}]})
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["entries[0].goal_id"]
    assert Entry.select().count() == 0


def test_a_failure_halfway_leaves_nothing_half_written(journal, monkeypatch):
    ok(journal, "POST", "/api/v1/entries", GOOD)
    ok(journal, "POST", "/api/v1/summaries", {"from": "2026-11-01", "to": "2026-11-27"})
    document = export(journal)
    journal.api("DELETE", "/api/v1/account", {"password": "correct horse battery"})
    journal.signup()

    def broken(*_args):
        raise RuntimeError("the disk is full")
    monkeypatch.setattr(sharing_notices, "summary_changed", broken)  # after entries are written
    assert import_(journal, document).status_code == 500
    assert Entry.select().count() == Summary.select().count() == 0


def big_document(count):
    return {"format": "progress-journal", "version": 1, "entries": [
        {"id": str(uuid.uuid4()), "day": "2026-11-20", "text": f"Step {n} " + "x" * 600}
        for n in range(count)]}


def test_a_big_journal_fits_although_other_requests_are_limited_to_1_mib(journal):
    document = big_document(2200)
    assert len(json.dumps(document)) > 1024 * 1024
    assert imported(journal, document)["entries"]["added"] == 2200
    too_big = journal.api("POST", "/api/v1/entries", {"text": "x" * (1024 * 1024 + 10)})
    assert too_big.status_code == 413


def test_an_import_over_its_own_limit_is_too_large(journal, app):
    app.config["IMPORT_MAX_CONTENT_LENGTH"] = 64 * 1024
    response = import_(journal, big_document(200))
    assert response.status_code == 413 and error_of(response)["code"] == "too_large"
    assert Entry.select().count() == 0


def test_only_a_logged_in_person_imports(client):
    headers = {"X-CSRFToken": Journal(client).token("/login")}
    response = client.post("/api/v1/import", json={"format": "progress-journal", "version": 1},
                           headers=headers)
    assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"


def test_text_in_an_import_is_kept_exactly(journal):
    text = f"Überlegt — 漢字 {MARKER} 🙂\nsecond line"
    imported(journal, {"format": "progress-journal", "version": 1,
                       "entries": [{**GOOD, "text": text, "tags": ["#Ça va"]}]})
    entry = ok(journal, "GET", f"/api/v1/entries/{GOOD['id']}")
    assert (entry["text"], entry["tags"]) == (text, ["ça va"])
    assert ok(journal, "GET", "/api/v1/entries?q=uberlegt")["items"][0]["id"] == GOOD["id"]


FIELDS = ["id", "day", "text", "kind", "meaning", "tags", "goal_id", "learned", "created_at",
          "updated_at", "week", "improved", "needs", "scale", "title", "ring", "steps",
          "moved_inner_at", "from", "to", "status", "items", "conversation_on", "answers",
          "first_step", "shared_at", "daily", "weekly_review", "timezone", "review_weekday"]
PLAUSIBLE = st.sampled_from([
    "2026-11-20", "2026-W47", "2026-W47\n", "outer", "inner", "draft", "shared", "setback",
    "08:15", "2026-11-20T10:00:00+00:00", "0001-01-01T00:00:00+05:00", GOOD["id"], 3, -1,
    True, None, "", [], {}, [{"text": "x"}], {"p1a_help": "more"}, {"enabled": True}])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)
OBJECTS = st.dictionaries(st.sampled_from(FIELDS), PLAUSIBLE | JSON | st.uuids().map(str),
                          max_size=8)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(section=st.sampled_from(["entries", "reviews", "goals", "summaries", "checklists",
                                "user", "reminders"]),
       objects=st.lists(OBJECTS, max_size=3))
def test_any_shape_of_file_gets_an_answer_never_an_error(journal, section, objects):
    inside = objects[0] if section in ("user", "reminders") and objects else objects
    response = import_(journal, {"format": "progress-journal", "version": 1, section: inside})
    assert response.status_code in (200, 400, 422), response.get_data(as_text=True)
