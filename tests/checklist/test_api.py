"""JSON API /api/v1/checklists."""
from datetime import datetime, timezone

import pytest

from journal.models import Checklist

FIRST = {"answers": {"p1a_notice_small": "more", "p2b_guilt": "more", "p1b_help": "already"},
         "already_how": "I ask for help early", "will_achieve": "", "first_step": "Notice"}


def test_create_read_list_and_replace(journal, clock):
    created = journal.api("POST", "/api/v1/checklists", FIRST)
    assert created.status_code == 201
    body = created.get_json()
    assert {key: body[key] for key in FIRST} == {**FIRST, "answers": {
        "p1a_notice_small": "more", "p1b_help": "already", "p2b_guilt": "more"}}
    assert body["created_at"].startswith("2026-11-27T12:00:00")
    assert journal.api("GET", f"/api/v1/checklists/{body['id']}").get_json() == body

    clock.now = datetime(2026, 12, 4, 8, tzinfo=timezone.utc)
    replaced = journal.api("PUT", f"/api/v1/checklists/{body['id']}",
                           {"answers": {"p4_circle": "already"}})
    assert replaced.status_code == 200
    replaced = replaced.get_json()
    assert replaced["answers"] == {"p4_circle": "already"} and replaced["first_step"] == ""
    assert replaced["created_at"] == body["created_at"]
    assert replaced["updated_at"].startswith("2026-12-04T08:00:00")

    second = journal.api("POST", "/api/v1/checklists", {"first_step": "Offer choices"}).get_json()
    listed = journal.api("GET", "/api/v1/checklists").get_json()
    assert [c["id"] for c in listed["items"]] == [second["id"], body["id"]]
    assert listed["next"] is None


def test_only_the_latest_can_be_replaced(journal, clock):
    first = journal.api("POST", "/api/v1/checklists", FIRST).get_json()
    clock.now = datetime(2027, 1, 8, 12, tzinfo=timezone.utc)
    journal.api("POST", "/api/v1/checklists", FIRST)
    response = journal.api("PUT", f"/api/v1/checklists/{first['id']}", {"first_step": "x"})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "conflict"
    assert Checklist.get_by_id(first["id"]).first_step == "Notice"


@pytest.mark.parametrize("body", [
    {"answers": {"p9_made_up": "already"}, "first_step": "x"},
    {"answers": {"p4_circle": "sometimes"}},
    {"answers": ["p4_circle"]},
    {"answers": {}, "already_how": "", "will_achieve": " ", "first_step": ""},
    {},
])
def test_unknown_keys_columns_and_empty_checklists_get_422(journal, body):
    response = journal.api("POST", "/api/v1/checklists", body)
    assert response.status_code == 422
    assert "answers" in response.get_json()["error"]["fields"]
    assert Checklist.select().count() == 0


def test_a_bad_replacement_changes_nothing(journal):
    checklist = journal.api("POST", "/api/v1/checklists", FIRST).get_json()
    for body, status in (({"answers": {"p4_circle": "maybe"}}, 422), ({"first_step": 5}, 422)):
        response = journal.api("PUT", f"/api/v1/checklists/{checklist['id']}", body)
        assert response.status_code == status
    assert journal.api("PUT", f"/api/v1/checklists/{checklist['id']}", None,
                       data="nope", content_type="text/plain").status_code == 400
    assert journal.api("GET", f"/api/v1/checklists/{checklist['id']}").get_json() == checklist


def test_compare_the_latest_two_or_chosen_ones(journal, clock):
    first = journal.api("POST", "/api/v1/checklists", FIRST).get_json()
    clock.now = datetime(2027, 1, 8, 12, tzinfo=timezone.utc)
    later = {"answers": {"p1a_notice_small": "already", "p2b_guilt": "already",
                         "p1b_help": "more", "p4_circle": "more"}}
    second = journal.api("POST", "/api/v1/checklists", later).get_json()
    expected = {"now_already": ["p1a_notice_small", "p2b_guilt"], "now_more": ["p1b_help"],
                "new": {"p4_circle": "more"}}
    default = journal.api("GET", "/api/v1/checklists/compare").get_json()
    assert {key: default[key] for key in expected} == expected
    assert (default["from"]["id"], default["to"]["id"]) == (first["id"], second["id"])
    swapped = journal.api("GET", f"/api/v1/checklists/compare?from={second['id']}"
                                 f"&to={first['id']}").get_json()
    assert swapped == default, "compared in date order"
    same = journal.api("GET", f"/api/v1/checklists/compare?from={first['id']}&to={first['id']}")
    assert same.status_code == 422


def test_compare_needs_two_checklists(journal):
    assert journal.api("GET", "/api/v1/checklists/compare").status_code == 404
    checklist = journal.api("POST", "/api/v1/checklists", FIRST).get_json()
    assert journal.api("GET", "/api/v1/checklists/compare").status_code == 404
    only_from = journal.api("GET", f"/api/v1/checklists/compare?from={checklist['id']}")
    assert only_from.status_code == 404


def test_the_items_are_listed_with_their_columns(journal):
    parts = journal.api("GET", "/api/v1/checklists/items").get_json()["parts"]
    assert [part["number"] for part in parts] == [1, 2, 3, 4]
    guilt = parts[1]["sections"][1]
    assert guilt["columns"] == {"already": "I already manage not to do this",
                                "more": "I want to do less of this"}
    assert {"key": "p2b_guilt", "text": "Making people feel guilty."} in guilt["items"]


def test_another_users_checklist_is_404_and_anonymous_is_401(client, journal, other):
    theirs = other.api("POST", "/api/v1/checklists", FIRST).get_json()
    mine = journal.api("POST", "/api/v1/checklists", FIRST).get_json()
    for method, body in (("GET", None), ("PUT", FIRST)):
        response = journal.api(method, f"/api/v1/checklists/{theirs['id']}", body)
        assert response.status_code == 404
    mixed = journal.api("GET", f"/api/v1/checklists/compare?from={theirs['id']}&to={mine['id']}")
    assert mixed.status_code == 404 and "answers" not in mixed.get_data(as_text=True)
    assert [c["id"] for c in journal.api("GET", "/api/v1/checklists").get_json()["items"]] == [
        mine["id"]]
    assert Checklist.get_by_id(theirs["id"]).first_step == "Notice"
    journal.logout()
    for path in ("/api/v1/checklists", f"/api/v1/checklists/{mine['id']}",
                 "/api/v1/checklists/compare", "/api/v1/checklists/items"):
        response = client.get(path)
        assert response.status_code == 401 and response.get_json()["error"]["code"] == \
            "unauthorized"
