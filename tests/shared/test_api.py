"""JSON API /api/v1/shared: summaries shared with me as a manager, and my response."""
from datetime import UTC, datetime

from journal.models import Summary, SummaryResponse
from tests.conftest import Journal
from tests.shared.test_views import NOTES, people, share


def test_the_list_is_whats_shared_with_me_newest_first(journal, other):
    ana, bo = people()
    journal.post_entry("A private entry Bo must never see")
    older = share(ana, bo, shared_at=datetime(2026, 11, 10, 9),
                  first_viewed_at=datetime(2026, 11, 11, 9))
    newer = share(ana, bo, items=("Ran the intake with Sam", "Asked for help early"))
    share(ana, bo, status="draft")
    share(ana, bo, status="withdrawn")
    response = other.api("GET", "/api/v1/shared")
    assert response.status_code == 200
    body = response.get_json()
    assert [s["id"] for s in body["items"]] == [str(newer.id), str(older.id)]
    assert body["next"] is None
    first = body["items"][0]
    assert first["employee"] == {"id": str(ana.id), "display_name": "Ana"}
    assert first["new"] is True and body["items"][1]["new"] is False
    assert [item["text"] for item in first["items"]] == ["Ran the intake with Sam",
                                                          "Asked for help early"]
    assert first["items"][0]["source"] == "own"
    assert (first["status"], first["manager_id"], first["achieved"]) == (
        "shared", str(bo.id), "Calmer intakes")
    assert first["shared_at"].startswith("2026-11-26T09:00:00")
    assert "response" not in first
    assert "A private entry Bo must never see" not in response.get_data(as_text=True)
    assert journal.api("GET", "/api/v1/shared").get_json()["items"] == []


def test_opening_one_records_the_first_view_once(journal, other, clock):
    ana, bo = people()
    summary = share(ana, bo)
    body = other.api("GET", f"/api/v1/shared/{summary.id}").get_json()
    assert body["first_viewed_at"].startswith("2026-11-27T12:00:00") and body["new"] is False
    assert body["response"] == {"private_notes": "", "reply": "", "replied_at": None,
                                "observations": ""}
    clock.now = datetime(2026, 11, 29, 8, tzinfo=UTC)
    again = other.api("GET", f"/api/v1/shared/{summary.id}").get_json()
    assert again["first_viewed_at"] == body["first_viewed_at"]
    assert Summary.get_by_id(summary.id).first_viewed_at == datetime(2026, 11, 27, 12)


def test_putting_notes_and_a_reply(journal, other, clock):
    ana, bo = people()
    summary = share(ana, bo)
    path = f"/api/v1/shared/{summary.id}/response"
    saved = other.api("PUT", path, {"private_notes": NOTES,
                                    "reply": "I like how you prepared the intake."})
    assert saved.status_code == 200
    assert saved.get_json() == {"response": {
        "private_notes": NOTES, "reply": "I like how you prepared the intake.",
        "replied_at": "2026-11-27T12:00:00+00:00", "observations": ""}, "hints": []}

    clock.now = datetime(2026, 11, 28, 8, tzinfo=UTC)
    notes_only = other.api("PUT", path, {"private_notes": "  Shorter notes  "}).get_json()
    assert notes_only["response"]["private_notes"] == "Shorter notes"
    assert notes_only["response"]["reply"] == "I like how you prepared the intake."
    assert notes_only["response"]["replied_at"] == "2026-11-27T12:00:00+00:00"
    changed = other.api("PUT", path, {"reply": "Thanks, see you Friday"}).get_json()
    assert changed["response"]["replied_at"] == "2026-11-28T08:00:00+00:00"
    cleared = other.api("PUT", path, {"reply": None}).get_json()
    assert cleared["response"]["reply"] == "" and cleared["response"]["replied_at"] is None
    assert SummaryResponse.select().count() == 1
    shown = other.api("GET", f"/api/v1/shared/{summary.id}").get_json()["response"]
    assert shown["private_notes"] == "Shorter notes"


def test_trait_praise_in_a_reply_gets_a_hint_and_is_saved(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    body = other.api("PUT", f"/api/v1/shared/{summary.id}/response",
                     {"reply": "Wat ben je slim! Echt goed gedaan."}).get_json()
    assert body["response"]["reply"] == "Wat ben je slim! Echt goed gedaan."
    [hint] = body["hints"]
    assert (hint["code"], hint["field"], hint["phrases"]) == (
        "trait_praise", "reply", ["Wat ben je slim"])
    assert "“Wat ben je slim”" in hint["message"] and "saved as written" in hint["message"]
    notes = other.api("PUT", f"/api/v1/shared/{summary.id}/response",
                      {"private_notes": "She is so talented"}).get_json()
    assert notes["hints"] == [], "private notes are the manager's own; only replies get hints"


def test_bad_bodies_change_nothing(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    path = f"/api/v1/shared/{summary.id}/response"
    wrong = other.api("PUT", path, {"private_notes": 3, "reply": "x" * 4001})
    assert wrong.status_code == 422
    assert set(wrong.get_json()["error"]["fields"]) == {"private_notes", "reply"}
    assert other.client.put(path, data="notes", headers={
        "X-CSRFToken": other.token("/")}).status_code == 400
    assert other.api("PUT", path, ["reply"]).status_code == 400
    assert SummaryResponse.select().count() == 0


def test_the_employee_cannot_read_the_managers_side(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    other.api("PUT", f"/api/v1/shared/{summary.id}/response", {"private_notes": NOTES})
    assert journal.api("GET", f"/api/v1/shared/{summary.id}").status_code == 404
    assert journal.api("PUT", f"/api/v1/shared/{summary.id}/response",
                       {"private_notes": "mine"}).status_code == 404
    assert SummaryResponse.get().private_notes == NOTES


def test_anonymous_callers_get_401(client, journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    anonymous = Journal(client.application.test_client())
    for method, path in (("GET", "/api/v1/shared"), ("GET", f"/api/v1/shared/{summary.id}"),
                         ("PUT", f"/api/v1/shared/{summary.id}/response")):
        response = anonymous.client.open(path, method=method, json={"reply": "x"},
                                         headers={"X-CSRFToken": anonymous.token("/login")})
        assert response.status_code == 401, path
        assert response.get_json()["error"]["code"] == "unauthorized"
    assert SummaryResponse.select().count() == 0


def test_a_consoling_reply_gets_a_hint_too(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    body = other.api("PUT", f"/api/v1/shared/{summary.id}/response",
                     {"reply": "Je bent zo creatief! Niet iedereen kan hier goed in zijn."}
                     ).get_json()
    assert body["response"]["reply"] == "Je bent zo creatief! Niet iedereen kan hier goed in zijn."
    assert [(hint["code"], hint["phrases"]) for hint in body["hints"]] == [
        ("trait_praise", ["Je bent zo creatief"]),
        ("consoling", ["Niet iedereen kan hier goed in zijn"])]
