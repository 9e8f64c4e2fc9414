"""JSON API /api/v1/entries: CRUD, idempotency, bad input, ownership."""
import uuid
from datetime import timedelta

import pytest

from journal.models import Entry

ENTRY = {"day": "2026-11-27", "text": "Finished the intake checklist with Sam",
         "kind": "progress", "meaning": 4, "tags": ["intake"]}


def test_create_read_update_delete(journal):
    created = journal.api("POST", "/api/v1/entries", ENTRY)
    assert created.status_code == 201
    body = created.get_json()
    assert uuid.UUID(body["id"])
    assert {k: body[k] for k in ENTRY} == ENTRY
    assert body["helped"] == "" and body["goal_id"] is None
    assert body["created_at"].endswith("+00:00")

    fetched = journal.api("GET", f"/api/v1/entries/{body['id']}")
    assert fetched.get_json() == body

    patched = journal.api("PATCH", f"/api/v1/entries/{body['id']}", {"meaning": None,
                                                                    "tags": ["a", "b"]})
    assert patched.status_code == 200
    assert patched.get_json()["meaning"] is None and patched.get_json()["tags"] == ["a", "b"]
    assert patched.get_json()["text"] == ENTRY["text"]

    assert journal.api("DELETE", f"/api/v1/entries/{body['id']}").status_code == 204
    assert journal.api("GET", f"/api/v1/entries/{body['id']}").status_code == 404


def test_post_is_idempotent_on_a_client_chosen_id(journal):
    entry_id = str(uuid.uuid4())
    first = journal.api("POST", "/api/v1/entries", {**ENTRY, "id": entry_id})
    replay = journal.api("POST", "/api/v1/entries", {**ENTRY, "id": entry_id})
    clash = journal.api("POST", "/api/v1/entries", {**ENTRY, "id": entry_id, "text": "Other"})
    assert (first.status_code, replay.status_code, clash.status_code) == (201, 200, 422)
    assert first.get_json() == replay.get_json()
    assert clash.get_json()["error"]["code"] == "idempotency_conflict"
    assert Entry.select().count() == 1 and Entry.get().text == ENTRY["text"]


def test_someone_elses_id_is_a_clash_not_a_leak(journal, other):
    entry_id = str(uuid.uuid4())
    assert other.api("POST", "/api/v1/entries", {**ENTRY, "id": entry_id}).status_code == 201
    response = journal.api("POST", "/api/v1/entries", {**ENTRY, "id": entry_id})
    assert response.status_code == 422
    assert ENTRY["text"] not in response.get_data(as_text=True)


def test_another_users_entry_is_404_for_every_method(journal, other):
    entry_id = other.api("POST", "/api/v1/entries", ENTRY).get_json()["id"]
    for method, body in (("GET", None), ("PATCH", {"text": "mine now"}), ("DELETE", None)):
        response = journal.api(method, f"/api/v1/entries/{entry_id}", body)
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"
    assert journal.api("GET", "/api/v1/entries").get_json()["items"] == []
    assert Entry.get().text == ENTRY["text"]


def test_no_session_gets_a_json_401(client):
    response = client.get("/api/v1/entries")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_cookie_writes_need_the_csrf_header(journal):
    response = journal.client.post("/api/v1/entries", json=ENTRY)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "csrf_failed"
    assert Entry.select().count() == 0


@pytest.mark.parametrize("body, field", [
    ({"text": ""}, "text"),
    ({"text": "x" * 2001}, "text"),
    ({"text": 12}, "text"),
    ({"text": "ok", "day": "2026-11-28"}, "day"),
    ({"text": "ok", "day": "27/11/2026"}, "day"),
    ({"text": "ok", "meaning": 6}, "meaning"),
    ({"text": "ok", "meaning": "4"}, None),
    ({"text": "ok", "meaning": True}, "meaning"),
    ({"text": "ok", "kind": "failure"}, "kind"),
    ({"text": "ok", "tags": "not, a list"}, None),
    ({"text": "ok", "tags": [1]}, "tags"),
    ({"text": "ok", "id": "not-a-uuid"}, "id"),
    ({}, "text"),
])
def test_invalid_entries_get_422_with_the_field(journal, body, field):
    response = journal.api("POST", "/api/v1/entries", body)
    if field is None:  # lenient conversions the form also uses
        assert response.status_code == 201
        return
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error" and field in error["fields"]
    assert Entry.select().count() == 0


@pytest.mark.parametrize("data, content_type", [
    ("{not json", "application/json"),
    ('["a list"]', "application/json"),
    ('"text"', "application/json"),
    (b"\xff\xfe\xfa", "application/json"),
    ('{"text": "ok"}', "text/plain"),
])
def test_malformed_bodies_get_400(journal, data, content_type):
    response = journal.client.post("/api/v1/entries", data=data, content_type=content_type,
                                   headers={"X-CSRFToken": journal.token("/")})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed"


def test_a_body_over_the_size_limit_gets_413(app, journal):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = journal.api("POST", "/api/v1/entries", {"text": "x" * 20_000})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"


def test_a_bad_patch_changes_nothing(journal):
    entry_id = journal.api("POST", "/api/v1/entries", ENTRY).get_json()["id"]
    response = journal.api("PATCH", f"/api/v1/entries/{entry_id}",
                           {"text": "New", "meaning": 9})
    assert response.status_code == 422 and "meaning" in response.get_json()["error"]["fields"]
    assert Entry.get().text == ENTRY["text"]


def test_list_filters_and_cursor_paging(journal, clock):
    for n in range(7):
        journal.api("POST", "/api/v1/entries", {"text": f"note {n}", "day": f"2026-11-0{n + 1}",
                                                 "tags": ["odd"] if n % 2 else []})
    clock.now += timedelta(minutes=5)  # the setback is written later than "note 2", same day
    journal.api("POST", "/api/v1/entries", {"text": "a setback", "kind": "setback",
                                            "day": "2026-11-03"})
    seen, cursor = [], None
    while True:
        query = "?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = journal.api("GET", "/api/v1/entries" + query).get_json()
        seen += [item["text"] for item in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert len(seen) == 8 and len(set(seen)) == 8
    assert seen[0] == "note 6" and seen[-1] == "note 0"

    def texts(query):
        return [i["text"] for i in journal.api("GET", "/api/v1/entries" + query).get_json()["items"]]

    assert texts("?day=2026-11-03") == ["a setback", "note 2"]
    assert texts("?from=2026-11-06&to=2026-11-07") == ["note 6", "note 5"]
    assert texts("?tag=odd") == ["note 5", "note 3", "note 1"]
    assert texts("?kind=setback") == ["a setback"]
    assert texts("?q=NOTE 4") == ["note 4"]


@pytest.mark.parametrize("query, field", [
    ("?day=2026-13-01", "day"), ("?from=x", "from"), ("?kind=win", "kind"),
    ("?limit=0", "limit"), ("?limit=abc", "limit"), ("?limit=201", "limit"),
    ("?cursor=garbage", "cursor"),
])
def test_bad_list_parameters_get_422(journal, query, field):
    response = journal.api("GET", "/api/v1/entries" + query)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_unknown_api_routes_answer_in_json(journal):
    response = journal.api("GET", "/api/v1/nothing-here")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    response = journal.api("PUT", "/api/v1/entries")
    assert response.status_code == 405
