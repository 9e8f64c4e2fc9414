"""JSON API /api/v1/goals."""
import pytest

from journal.models import Goal, GoalStep


def test_goal_crud_with_steps_and_rings(journal):
    created = journal.api("POST", "/api/v1/goals", {
        "title": "Calm intakes", "why": "Less stress",
        "steps": [{"text": "Ask Sam", "done": False}, {"text": "Checklist", "done": True}]})
    assert created.status_code == 201
    goal = created.get_json()
    assert goal["ring"] == "outer" and goal["moved_inner_at"] is None
    assert goal["steps"] == [{"text": "Ask Sam", "done": False}, {"text": "Checklist", "done": True}]

    moved = journal.api("PATCH", f"/api/v1/goals/{goal['id']}", {"ring": "inner"}).get_json()
    assert moved["ring"] == "inner" and moved["moved_inner_at"].startswith("2026-11-27T12:00")
    assert moved["steps"] == goal["steps"], "steps stay when not sent"
    back = journal.api("PATCH", f"/api/v1/goals/{goal['id']}", {"ring": "outer",
                                                                "steps": []}).get_json()
    assert back["moved_inner_at"] is None and back["steps"] == []
    listed = journal.api("GET", "/api/v1/goals").get_json()["items"]
    assert [g["id"] for g in listed] == [goal["id"]]
    assert journal.api("DELETE", f"/api/v1/goals/{goal['id']}").status_code == 204
    assert Goal.select().count() == 0 and GoalStep.select().count() == 0


@pytest.mark.parametrize("body, field", [
    ({}, "title"), ({"title": ""}, "title"), ({"title": "a", "ring": "middle"}, "ring"),
    ({"title": "a", "steps": [{"text": ""}]}, "steps"),
])
def test_invalid_goals_get_422_and_nothing_is_stored(journal, body, field):
    response = journal.api("POST", "/api/v1/goals", body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert Goal.select().count() == 0


def test_a_bad_patch_changes_nothing(journal):
    goal_id = journal.api("POST", "/api/v1/goals", {"title": "Keep"}).get_json()["id"]
    response = journal.api("PATCH", f"/api/v1/goals/{goal_id}", {"title": "", "ring": "inner"})
    assert response.status_code == 422
    assert Goal.get().title == "Keep" and Goal.get().ring == "outer"


def test_another_users_goal_is_404(journal, other):
    goal_id = other.api("POST", "/api/v1/goals", {"title": "Bo's"}).get_json()["id"]
    for method, body in (("GET", None), ("PATCH", {"title": "mine"}), ("DELETE", None)):
        assert journal.api(method, f"/api/v1/goals/{goal_id}", body).status_code == 404
    assert journal.api("GET", "/api/v1/goals").get_json()["items"] == []
    response = journal.api("POST", "/api/v1/entries", {"text": "x", "goal_id": goal_id})
    assert response.status_code == 422 and "goal_id" in response.get_json()["error"]["fields"]


def test_entries_carry_their_goal_id(journal):
    goal_id = journal.api("POST", "/api/v1/goals", {"title": "Mine"}).get_json()["id"]
    entry = journal.api("POST", "/api/v1/entries", {"text": "x", "goal_id": goal_id}).get_json()
    assert entry["goal_id"] == goal_id
    cleared = journal.api("PATCH", f"/api/v1/entries/{entry['id']}", {"goal_id": None}).get_json()
    assert cleared["goal_id"] is None
