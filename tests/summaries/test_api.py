"""JSON API /api/v1/summaries: the employee's side of sharing a summary."""
from datetime import date

import pytest

from journal.models import Entry, Summary, SummaryItem, SummaryResponse
from journal.sharing import summary_shared_with
from tests.conftest import STORED_NOW
from tests.summaries.test_views import connect, fill_journal, person

KEYS = {"id", "from", "to", "achieved", "want", "how", "help_from_manager", "conversation_on",
        "items", "status", "manager_id", "shared_at", "first_viewed_at", "withdrawn_at",
        "created_at", "updated_at", "manager", "reply", "replied_at", "better_since",
        "observations", "agreements"}


def create(journal, **body):
    return journal.api("POST", "/api/v1/summaries",
                       {"from": "2026-11-01", "to": "2026-11-27", **body})


def test_create_returns_a_draft_with_proposed_items(journal):
    fill_journal(journal)
    response = create(journal, conversation_on="2026-12-02")
    assert response.status_code == 201
    summary = response.get_json()
    assert set(summary) == KEYS
    assert (summary["from"], summary["to"], summary["status"], summary["conversation_on"]) == (
        "2026-11-01", "2026-11-27", "draft", "2026-12-02")
    assert summary["manager_id"] is None and summary["shared_at"] is None
    assert summary["items"][:2] == [
        {"text": "Achieved: Run calm intakes", "source": "goal",
         "source_id": summary["items"][0]["source_id"]},
        {"text": "Calm intake with Sam", "source": "entry",
         "source_id": str(Entry.get(Entry.text == "Calm intake with Sam").id)}]
    assert journal.api("GET", f"/api/v1/summaries/{summary['id']}").get_json() == summary
    assert journal.api("GET", "/api/v1/summaries").get_json() == {"items": [summary],
                                                                  "next": None}


def test_create_without_dates_is_since_the_last_shared_summary(journal):
    summary = journal.api("POST", "/api/v1/summaries", {}).get_json()
    assert (summary["from"], summary["to"]) == ("2026-10-31", "2026-11-27")
    quarter = journal.api("POST", "/api/v1/summaries", {"period": "quarter"}).get_json()
    assert quarter["from"] == "2026-08-29"


@pytest.mark.parametrize("body, field", [
    ({"from": "2026-11-20", "to": "2026-11-10"}, "to"), ({"from": "2026-12-01"}, "from"),
    ({"from": "2020-01-01"}, "from"), ({"from": "yesterday"}, "from"),
    ({"from": "2026-11-01", "conversation_on": "2026-11-26"}, "conversation_on"),
    ({"period": "forever"}, "period"),
])
def test_bad_periods_get_422_and_nothing_is_stored(journal, body, field):
    response = journal.api("POST", "/api/v1/summaries", body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert Summary.select().count() == 0


def test_patch_changes_answers_and_replaces_items(journal):
    fill_journal(journal)
    summary_id = create(journal).get_json()["id"]
    body = {"achieved": "Calmer intakes", "how": "A timer", "help_from_manager": "Time",
            "conversation_on": "2026-12-03",
            "items": [{"text": "Mine", "source": "own"},
                      {"text": "Edited", "source": "entry", "source_id": "abc"}]}
    changed = journal.api("PATCH", f"/api/v1/summaries/{summary_id}", body).get_json()
    assert (changed["achieved"], changed["want"], changed["how"], changed["help_from_manager"],
            changed["conversation_on"]) == ("Calmer intakes", "", "A timer", "Time", "2026-12-03")
    assert changed["items"] == [{"text": "Mine", "source": "own", "source_id": None},
                                {"text": "Edited", "source": "entry", "source_id": "abc"}]
    kept = journal.api("PATCH", f"/api/v1/summaries/{summary_id}", {"want": "More"}).get_json()
    assert kept["items"] == changed["items"] and kept["achieved"] == "Calmer intakes"


def test_a_bad_patch_changes_nothing(journal):
    fill_journal(journal)
    summary = create(journal).get_json()
    response = journal.api("PATCH", f"/api/v1/summaries/{summary['id']}", {
        "achieved": "New", "items": [{"text": "ok"}, {"text": ""}]})
    assert response.status_code == 422
    assert {"items", "items.1"} <= set(response.get_json()["error"]["fields"])
    assert journal.api("GET", f"/api/v1/summaries/{summary['id']}").get_json() == summary
    assert journal.api("PATCH", f"/api/v1/summaries/{summary['id']}", [1]).status_code == 400


def test_share_withdraw_and_share_again(journal, other):
    fill_journal(journal)
    connect()
    bo = person("bo@example.org")
    summary_id = create(journal).get_json()["id"]
    shared = journal.api("POST", f"/api/v1/summaries/{summary_id}/share",
                         {"manager_id": str(bo.id)})
    assert shared.status_code == 200
    body = shared.get_json()
    assert (body["status"], body["manager_id"], body["manager"]) == (
        "shared", str(bo.id), {"id": str(bo.id), "display_name": "Bo"})
    assert body["shared_at"].startswith("2026-11-27T12:00") and body["first_viewed_at"] is None
    assert summary_shared_with(bo, summary_id) is not None

    locked = journal.api("PATCH", f"/api/v1/summaries/{summary_id}", {"achieved": "x"})
    assert locked.status_code == 409 and "Withdraw it first to change it" in (
        locked.get_json()["error"]["message"])
    twice = journal.api("POST", f"/api/v1/summaries/{summary_id}/share",
                        {"manager_id": str(bo.id)})
    assert twice.status_code == 409

    withdrawn = journal.api("POST", f"/api/v1/summaries/{summary_id}/withdraw").get_json()
    assert withdrawn["status"] == "withdrawn" and withdrawn["withdrawn_at"] is not None
    assert summary_shared_with(bo, summary_id) is None
    assert journal.api("PATCH", f"/api/v1/summaries/{summary_id}",
                       {"achieved": "More"}).status_code == 200
    again = journal.api("POST", f"/api/v1/summaries/{summary_id}/share",
                        {"manager_id": str(bo.id)}).get_json()
    assert (again["status"], again["withdrawn_at"], again["achieved"]) == ("shared", None, "More")


def test_refused_shares_leave_nothing_shared(journal, other):
    fill_journal(journal)
    bo = person("bo@example.org")
    summary_id = create(journal).get_json()["id"]
    for body in ({"manager_id": str(bo.id)}, {"manager_id": "nope"}, {}):
        response = journal.api("POST", f"/api/v1/summaries/{summary_id}/share", body)
        assert response.status_code == 422 and "manager_id" in response.get_json()["error"][
            "fields"]
    connect()
    empty_id = journal.api("POST", "/api/v1/summaries", {"from": "2026-01-01",
                                                          "to": "2026-01-31"}).get_json()["id"]
    empty = journal.api("POST", f"/api/v1/summaries/{empty_id}/share", {"manager_id": str(bo.id)})
    assert empty.status_code == 422 and "items" in empty.get_json()["error"]["fields"]
    assert Summary.select().where(Summary.status != "draft").count() == 0
    assert list(Summary.select().where(Summary.manager.is_null(False))) == []
    assert journal.api("POST", f"/api/v1/summaries/{empty_id}/withdraw").status_code == 409


def test_a_shared_summary_is_a_snapshot(journal, other):
    fill_journal(journal)
    connect()
    summary_id = create(journal).get_json()["id"]
    journal.api("POST", f"/api/v1/summaries/{summary_id}/share",
                {"manager_id": str(person("bo@example.org").id)})
    before = journal.api("GET", f"/api/v1/summaries/{summary_id}").get_json()["items"]
    entry = Entry.get(Entry.text == "Calm intake with Sam")
    journal.api("PATCH", f"/api/v1/entries/{entry.id}", {"text": "Rewritten", "meaning": 1})
    assert journal.api("GET", f"/api/v1/summaries/{summary_id}").get_json()["items"] == before
    assert "Calm intake with Sam" in [item["text"] for item in before]


def test_the_preview_is_the_managers_view_and_the_reply_but_never_private_notes(journal, other):
    fill_journal(journal)
    connect()
    bo = person("bo@example.org")
    summary_id = create(journal, conversation_on="2026-12-02").get_json()["id"]
    preview = journal.api("GET", f"/api/v1/summaries/{summary_id}/preview").get_json()
    mine = journal.api("GET", f"/api/v1/summaries/{summary_id}").get_json()
    assert preview["employee"] == {"id": str(person("ana@example.org").id), "display_name": "Ana"}
    assert preview["new"] is True and not {"manager", "reply", "replied_at"} & set(preview)
    assert {key: preview[key] for key in mine if key in preview} == {
        key: mine[key] for key in preview if key in mine}
    journal.api("POST", f"/api/v1/summaries/{summary_id}/share", {"manager_id": str(bo.id)})
    SummaryResponse.create(updated_at=STORED_NOW, summary=Summary.get(), manager=bo,
                           private_notes="Only for me",
                           reply="Thanks, see you Wednesday.")
    seen = journal.api("GET", f"/api/v1/summaries/{summary_id}")
    assert seen.get_json()["reply"] == "Thanks, see you Wednesday."
    assert "Only for me" not in seen.get_data(as_text=True)
    assert "Only for me" not in journal.api("GET", "/api/v1/summaries").get_data(as_text=True)


def test_delete_a_draft_but_not_a_shared_summary(journal, other):
    connect()
    draft = journal.api("POST", "/api/v1/summaries", {}).get_json()["id"]
    assert journal.api("DELETE", f"/api/v1/summaries/{draft}").status_code == 204
    assert Summary.select().count() == 0 and SummaryItem.select().count() == 0
    kept = create(journal, conversation_on="2026-12-02").get_json()["id"]
    journal.api("PATCH", f"/api/v1/summaries/{kept}", {"want": "Calm"})
    journal.api("POST", f"/api/v1/summaries/{kept}/share",
                {"manager_id": str(person("bo@example.org").id)})
    assert journal.api("DELETE", f"/api/v1/summaries/{kept}").status_code == 409
    assert Summary.get().period_to == date(2026, 11, 27)


def test_another_users_summary_is_404(journal, other):
    summary_id = other.api("POST", "/api/v1/summaries", {}).get_json()["id"]
    for method, path in (("GET", ""), ("PATCH", ""), ("DELETE", ""), ("GET", "/preview"),
                         ("POST", "/share"), ("POST", "/withdraw")):
        response = journal.api(method, f"/api/v1/summaries/{summary_id}{path}",
                               None if method in ("GET", "DELETE") else {"achieved": "x"})
        assert response.status_code == 404 and "error" in response.get_json()
    assert journal.api("GET", "/api/v1/summaries").get_json()["items"] == []
    assert Summary.get().achieved == ""


def test_without_a_session_it_is_401(client):
    assert client.get("/api/v1/summaries").status_code == 401


def test_the_preview_matches_what_the_manager_gets(journal, other):
    fill_journal(journal)
    connect()
    summary_id = create(journal, conversation_on="2026-12-02").get_json()["id"]
    journal.api("POST", f"/api/v1/summaries/{summary_id}/share",
                {"manager_id": str(person("bo@example.org").id)})
    other.api("GET", f"/api/v1/shared/{summary_id}")  # the first opening is recorded
    managers = other.api("GET", f"/api/v1/shared/{summary_id}").get_json()
    managers.pop("response")
    preview = journal.api("GET", f"/api/v1/summaries/{summary_id}/preview").get_json()
    assert preview == managers and preview["new"] is False
