"""JSON API /api/v1/steering: the manager (Bo) prepares, edits and shares an expectation of the
employee (Ana, who shares with him); Ana answers it. Nobody else sees anything of it."""
from datetime import timedelta

import pytest

from journal.models import Connection, Delivery, User
from journal.models.conversation import SteeringConversation
from journal.sharing import end_connection
from tests.conftest import STORED_NOW, Journal

EXPECTATION = ("From March, I need every intake logged in the new registration system, so the "
               "whole team can see who is waiting for a call back")
ROOM = "How you fit it into your day is up to you"


@pytest.fixture
def cy(app):
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


def people():
    """Ana (the employee, `journal`) and Bo (the manager, `other`)."""
    return User.by_email("ana@example.org"), User.by_email("bo@example.org")


def connect():
    ana, bo = people()
    return Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)


def prepare(bo, **fields):
    ana, _bo = people()
    body = {"employee_id": str(ana.id), "expectation": EXPECTATION,
            "reason": "Nobody is called twice", "room": ROOM, "held_on": "2026-12-03", **fields}
    response = bo.api("POST", "/api/v1/steering", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def path(steering, tail=""):
    return f"/api/v1/steering/{steering['id']}{tail}"


def test_the_manager_prepares_a_draft_only_they_see(journal, other, cy):
    connect()
    ana, bo = people()
    made = prepare(other)
    assert made["manager"] == {"id": str(bo.id), "display_name": "Bo"}
    assert made["employee"] == {"id": str(ana.id), "display_name": "Ana"}
    assert (made["expectation"], made["room"], made["held_on"], made["status"]) == (
        EXPECTATION, ROOM, "2026-12-03", "draft")
    assert (made["plan"], made["view"], made["shared_at"], made["answered_at"]) == (
        "", "", None, None)
    assert made["hints"] == [], "the chapter's own example needs no hint"
    assert other.api("GET", path(made)).get_json() == made
    for person in (journal, cy):
        response = person.api("GET", path(made))
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"
        assert person.api("GET", "/api/v1/steering").get_json()["items"] == []
    assert Delivery.select().where(Delivery.kind == "steering_shared").count() == 0


def test_wording_hints_come_back_but_never_block(journal, other):
    connect()
    made = prepare(other, expectation="Don't forget to log. You are careless with it.")
    assert made["status"] == "draft" and made["expectation"].startswith("Don't forget")
    assert [(hint["code"], hint["field"]) for hint in made["hints"]] == [
        ("person", "expectation"), ("not_to_do", "expectation")]
    assert made["hints"][1]["phrases"] == ["Don't forget"]
    changed = other.api("PATCH", path(made), json={"expectation": EXPECTATION}).get_json()
    assert changed["hints"] == [] and changed["expectation"] == EXPECTATION
    assert changed["room"] == ROOM, "what was not sent stays"


def test_dutch_wording_is_checked_too(journal, other):
    connect()
    made = prepare(other, expectation="Vergeet niet te loggen", reason="", room="",
                   held_on=None)
    hint = other.api("GET", path(made)).get_json()["hints"][0]
    assert hint["code"] == "not_to_do" and hint["phrases"] == ["Vergeet niet"]
    assert made["held_on"] is None


def test_bad_input_is_refused_field_by_field_and_nothing_is_written(journal, other, cy):
    connect()
    ana, _bo = people()
    cy_user = User.by_email("cy@example.org")
    response = other.api("POST", "/api/v1/steering", json={
        "employee_id": str(cy_user.id), "expectation": " ", "reason": 3, "room": "x" * 1001,
        "held_on": "next week"})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"employee_id", "expectation", "reason", "room", "held_on"}
    for employee_id in ("not-a-uuid", 7, None, str(ana.id) + "x"):
        response = other.api("POST", "/api/v1/steering",
                             json={"employee_id": employee_id, "expectation": "x"})
        assert set(response.get_json()["error"]["fields"]) == {"employee_id"}
    assert journal.api("POST", "/api/v1/steering", json={
        "employee_id": str(ana.id), "expectation": "Myself"}).status_code == 422
    assert other.api("POST", "/api/v1/steering", data="[]",
                     content_type="application/json").status_code == 400
    made = prepare(other)
    response = other.api("PATCH", path(made), json={"expectation": "", "held_on": "2030-01-01"})
    assert set(response.get_json()["error"]["fields"]) == {"expectation", "held_on"}
    assert SteeringConversation.select().count() == 1
    assert other.api("GET", path(made)).get_json()["expectation"] == EXPECTATION


def test_a_draft_can_be_changed_and_deleted_by_the_manager_alone(journal, other):
    connect()
    made = prepare(other)
    for method, tail in (("PATCH", ""), ("DELETE", ""), ("POST", "/share")):
        assert journal.api(method, path(made, tail), json={"room": "x"}).status_code == 404
    changed = other.api("PATCH", path(made), json={"held_on": None, "room": "Yours"}).get_json()
    assert (changed["held_on"], changed["room"]) == (None, "Yours")
    assert other.api("DELETE", path(made)).status_code == 204
    assert other.api("GET", path(made)).status_code == 404
    assert SteeringConversation.select().count() == 0


def test_sharing_makes_it_the_record_and_tells_the_employee(journal, other, clock):
    connect()
    ana, _bo = people()
    made = prepare(other)
    clock.now += timedelta(hours=1)
    shared = other.api("POST", path(made, "/share")).get_json()
    assert shared["status"] == "shared" and shared["shared_at"].startswith("2026-11-27T13:00")
    notice = Delivery.get(Delivery.kind == "steering_shared")
    assert (notice.user_id, notice.ref, notice.status) == (ana.id, made["id"], "queued")
    again = other.api("POST", path(made, "/share"))
    assert again.status_code == 200 and again.get_json()["shared_at"] == shared["shared_at"]
    assert Delivery.select().where(Delivery.kind == "steering_shared").count() == 1
    refused = other.api("PATCH", path(made), json={"expectation": "Something else"})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "conflict"
    assert other.api("DELETE", path(made)).status_code == 409
    assert other.api("GET", path(made)).get_json()["expectation"] == EXPECTATION
    seen = journal.api("GET", path(made)).get_json()
    assert seen["status"] == "shared" and seen["expectation"] == EXPECTATION
    assert seen["hints"] == []


def test_the_employee_answers_in_their_own_words_and_may_change_it(journal, other, clock):
    connect()
    made = prepare(other)
    assert journal.api("PUT", path(made, "/answer"), json={"plan": "x"}).status_code == 404, \
        "a draft is not there for the employee"
    other.api("POST", path(made, "/share"))
    assert other.api("PUT", path(made, "/answer"), json={"plan": "x"}).status_code == 404
    response = journal.api("PUT", path(made, "/answer"), json={"view": "I doubt it"})
    assert response.status_code == 422 and set(response.get_json()["error"]["fields"]) == {"plan"}
    answered = journal.api("PUT", path(made, "/answer"), json={
        "plan": "I log right after each call", "view": "The system is slow on Mondays"}).get_json()
    assert (answered["status"], answered["plan"], answered["view"]) == (
        "answered", "I log right after each call", "The system is slow on Mondays")
    assert answered["answered_at"].startswith("2026-11-27T12:00")
    seen = other.api("GET", path(made)).get_json()
    assert (seen["plan"], seen["view"], seen["status"]) == (
        answered["plan"], answered["view"], "answered")
    clock.now += timedelta(days=1)
    changed = journal.api("PUT", path(made, "/answer"), json={"plan": "I log at noon"}).get_json()
    assert (changed["plan"], changed["view"]) == ("I log at noon", "")
    assert changed["answered_at"].startswith("2026-11-28")
    assert other.api("PATCH", path(made), json={"room": "x"}).status_code == 409


def test_each_side_lists_their_own(journal, other, cy):
    connect()
    ana, bo = people()
    Connection.create(created_at=STORED_NOW, employee=bo, manager=ana)
    draft = prepare(other)
    shared = prepare(other, expectation="Send the rota by Friday")
    other.api("POST", path(shared, "/share"))
    mine = journal.api("POST", "/api/v1/steering", json={
        "employee_id": str(bo.id), "expectation": "Chair Monday's meeting"}).get_json()
    assert [item["id"] for item in other.api("GET", "/api/v1/steering").get_json()["items"]] \
        == [shared["id"], draft["id"]]
    ana_items = journal.api("GET", "/api/v1/steering").get_json()["items"]
    assert [item["id"] for item in ana_items] == [mine["id"], shared["id"]]
    assert cy.api("GET", "/api/v1/steering").get_json() == {"items": [], "next": None}
    for method, tail in (("GET", ""), ("PATCH", ""), ("DELETE", ""), ("POST", "/share"),
                         ("PUT", "/answer")):
        assert cy.api(method, path(shared, tail), json={"plan": "x"}).status_code == 404
    assert other.api("GET", "/api/v1/steering/not-a-uuid").status_code == 404


def test_an_ended_connection_closes_the_record_for_the_manager_only(journal, other, clock):
    connection = connect()
    draft = prepare(other)
    shared = prepare(other)
    other.api("POST", path(shared, "/share"))
    journal.api("PUT", path(shared, "/answer"), json={"plan": "After each call"})
    end_connection(connection, STORED_NOW)
    for steering in (draft, shared):
        assert other.api("GET", path(steering)).status_code == 404
        assert other.api("PATCH", path(steering), json={"room": "x"}).status_code == 404
    assert other.api("POST", path(draft, "/share")).status_code == 404
    assert other.api("GET", "/api/v1/steering").get_json()["items"] == []
    kept = journal.api("GET", path(shared)).get_json()
    assert (kept["status"], kept["plan"]) == ("answered", "After each call")
    assert journal.api("GET", path(draft)).status_code == 404
    clock.now += timedelta(days=1)
    ana, bo = people()
    Connection.create(created_at=STORED_NOW + timedelta(days=1), employee=ana, manager=bo)
    assert other.api("GET", path(shared)).status_code == 404, "a new connection starts afresh"
    assert other.api("GET", "/api/v1/steering").get_json()["items"] == []


def test_anonymous_callers_get_401(client, journal, other):
    connect()
    made = prepare(other)
    anonymous = Journal(client.application.test_client())
    headers = {"X-CSRFToken": anonymous.token("/login")}
    for method, tail in (("GET", ""), ("PATCH", ""), ("DELETE", ""), ("POST", "/share"),
                         ("PUT", "/answer")):
        response = anonymous.client.open(path(made, tail), method=method, json={},
                                         headers=headers)
        assert response.status_code == 401, tail
    assert anonymous.client.get("/api/v1/steering").status_code == 401
