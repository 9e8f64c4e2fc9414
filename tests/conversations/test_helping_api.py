"""JSON API /api/v1/helping: asking someone connected, answering, notes at each step, moving
through the seven steps, and the next step that lands in the asker's outer circle."""
import uuid

import pytest

from journal.conversations.steps import NEXT_STEP
from journal.models import Connection, Delivery, Goal, HelpingConversation, HelpingNote, User
from journal.sharing import end_connection
from tests.conftest import STORED_NOW, Journal

API = "/api/v1/helping"
TOPIC = "I want my Monday intakes to feel calmer"


def people():
    return User.by_email("ana@example.org"), User.by_email("bo@example.org")


def connect(employee, manager):
    return Connection.create(created_at=STORED_NOW, employee=employee, manager=manager)


@pytest.fixture
def cy(app):
    """Cy, a third person who is connected with nobody here."""
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


def ask(asker, helper_id, topic=TOPIC):
    return asker.api("POST", API, {"helper_id": str(helper_id), "topic": topic})


@pytest.fixture
def asked(journal, other):
    """Ana (employee) asked Bo (her manager) for a helping conversation."""
    ana, bo = people()
    connect(ana, bo)
    response = ask(journal, bo.id)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


@pytest.fixture
def opened(asked, other):
    assert other.api("POST", f"{API}/{asked}/answer", {"accept": True}).status_code == 200
    return asked


def walk_to(helper, helping_id, step):
    for _ in range(step):
        assert helper.api("POST", f"{API}/{helping_id}/step", {"direction": 1}).status_code == 200


def test_asking_someone_connected_tells_them(journal, other, clock):
    ana, bo = people()
    connect(ana, bo)
    response = ask(journal, bo.id)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["topic"], body["status"], body["step"], body["step_key"]) == (
        TOPIC, "asked", 0, "usefulness")
    assert body["asker"] == {"id": str(ana.id), "display_name": "Ana"}
    assert body["helper"] == {"id": str(bo.id), "display_name": "Bo"}
    assert (body["notes"], body["next_step"], body["goal_id"], body["role"]) == (
        [], "", None, "asker")
    notice = Delivery.get(Delivery.kind == "helping_asked")
    assert (notice.user_id, notice.ref, notice.status) == (bo.id, body["id"], "queued")
    seen = other.api("GET", API).get_json()["items"]
    assert [(item["id"], item["role"]) for item in seen] == [(body["id"], "helper")]


def test_a_manager_can_ask_the_person_who_shares_with_them(journal, other):
    ana, bo = people()
    connect(ana, bo)
    assert ask(other, ana.id).status_code == 201


def test_only_someone_connected_can_be_asked(journal, other, cy):
    ana, bo = people()
    cy_user = User.by_email("cy@example.org")
    connect(ana, bo)
    for helper_id in (cy_user.id, ana.id, uuid.uuid4(), "not-an-id"):
        response = ask(journal, helper_id)
        assert response.status_code == 422
        assert "connected" in response.get_json()["error"]["fields"]["helper_id"]
    assert HelpingConversation.select().count() == 0 and Delivery.select().count() == 0


def test_bad_requests_get_a_message_per_field_and_nothing_is_stored(journal, other):
    ana, bo = people()
    connect(ana, bo)
    for body, fields in (({}, {"helper_id", "topic"}),
                         ({"helper_id": str(bo.id), "topic": "  "}, {"topic"}),
                         ({"helper_id": str(bo.id), "topic": "x" * 1001}, {"topic"})):
        response = journal.api("POST", API, body)
        assert response.status_code == 422
        assert set(response.get_json()["error"]["fields"]) == fields
    assert journal.api("POST", API, data="[]", content_type="application/json"
                       ).status_code == 400
    assert HelpingConversation.select().count() == 0


def test_nobody_else_sees_it(asked, cy):
    for method, path, body in (("GET", f"{API}/{asked}", None),
                               ("POST", f"{API}/{asked}/notes", {"text": "Hi"}),
                               ("POST", f"{API}/{asked}/answer", {"accept": True}),
                               ("DELETE", f"{API}/{asked}", None),
                               ("GET", f"{API}/{uuid.uuid4()}", None),
                               ("GET", f"{API}/nonsense", None)):
        response = cy.api(method, path, body)
        assert response.status_code == 404, (method, path)
        assert response.get_json()["error"]["code"] == "not_found"
    assert cy.api("GET", API).get_json()["items"] == []
    assert HelpingConversation.get().status == "asked"


def test_the_helper_answers_once_and_only_the_helper(journal, other, asked):
    wrong = journal.api("POST", f"{API}/{asked}/answer", {"accept": True})
    assert wrong.status_code == 409 and wrong.get_json()["error"]["code"] == "wrong_role"
    invalid = other.api("POST", f"{API}/{asked}/answer", {"accept": "yes"})
    assert invalid.status_code == 422 and "accept" in invalid.get_json()["error"]["fields"]
    assert other.api("POST", f"{API}/{asked}/answer", {"accept": True}).get_json()[
        "status"] == "open"
    again = other.api("POST", f"{API}/{asked}/answer", {"accept": False})
    assert again.status_code == 409
    assert HelpingConversation.get().status == "open"


def test_declining_kindly_leaves_no_conversation_to_have(journal, other, asked):
    assert other.api("POST", f"{API}/{asked}/answer", {"accept": False}).get_json()[
        "status"] == "declined"
    response = journal.api("POST", f"{API}/{asked}/notes", {"text": "Hello?"})
    assert response.status_code == 409 and "declined" in response.get_json()["error"]["message"]
    assert HelpingNote.select().count() == 0


def test_notes_before_it_is_accepted_are_refused(journal, asked):
    response = journal.api("POST", f"{API}/{asked}/notes", {"text": "Early"})
    assert response.status_code == 409
    assert HelpingNote.select().count() == 0


def test_both_write_notes_at_the_current_step(journal, other, opened):
    ana, bo = people()
    assert journal.api("POST", f"{API}/{opened}/notes", {"text": "A plan for Monday"}
                       ).status_code == 201
    walk_to(other, opened, 1)
    body = other.api("POST", f"{API}/{opened}/notes", {"text": "What is hardest?"}).get_json()
    assert [(n["step"], n["text"], n["author_id"]) for n in body["notes"]] == [
        (0, "A plan for Monday", str(ana.id)), (1, "What is hardest?", str(bo.id))]
    assert body["notes"][0]["created_at"].startswith("2026-11-27T12:00:00")
    for text in ("", "   ", "x" * 2001, 5):
        response = journal.api("POST", f"{API}/{opened}/notes", {"text": text})
        assert response.status_code == 422 and "text" in response.get_json()["error"]["fields"]
    assert HelpingNote.select().count() == 2
    assert journal.api("GET", f"{API}/{opened}").get_json()["notes"] == body["notes"]


def test_only_the_helper_moves_through_the_steps(journal, other, opened):
    assert journal.api("POST", f"{API}/{opened}/step", {"direction": 1}).status_code == 409
    back = other.api("POST", f"{API}/{opened}/step", {"direction": -1})
    assert back.status_code == 409 and "first step" in back.get_json()["error"]["message"]
    for wrong in (0, 2, "1", None):
        assert other.api("POST", f"{API}/{opened}/step", {"direction": wrong}
                         ).status_code == 422
    moved = other.api("POST", f"{API}/{opened}/step", {"direction": 1}).get_json()
    assert (moved["step"], moved["step_key"]) == (1, "better")
    assert other.api("POST", f"{API}/{opened}/step", {"direction": -1}).get_json()["step"] == 0


def test_the_next_step_lands_in_the_askers_outer_circle(journal, other, opened):
    early = other.api("POST", f"{API}/{opened}/next_step", {"text": "Too soon"})
    assert early.status_code == 409
    walk_to(other, opened, NEXT_STEP)
    proposed = other.api("POST", f"{API}/{opened}/next_step",
                         {"text": "Ask Sam to observe one intake"}).get_json()
    assert (proposed["step_key"], proposed["next_step"]) == ("next_step",
                                                             "Ask Sam to observe one intake")
    assert other.api("POST", f"{API}/{opened}/accept").status_code == 409
    too_long = journal.api("POST", f"{API}/{opened}/accept", {"text": "x" * 201})
    assert too_long.status_code == 422 and "text" in too_long.get_json()["error"]["fields"]
    assert Goal.select().count() == 0
    accepted = journal.api("POST", f"{API}/{opened}/accept",
                           {"text": "Ask Sam to watch Monday's intake"})
    assert accepted.status_code == 201
    goal = accepted.get_json()
    assert (goal["title"], goal["ring"], goal["why"]) == (
        "Ask Sam to watch Monday's intake", "outer", TOPIC)
    circle = journal.api("GET", "/api/v1/goals").get_json()["items"]
    assert [item["id"] for item in circle] == [goal["id"]]
    assert other.api("GET", "/api/v1/goals").get_json()["items"] == []
    seen = other.api("GET", f"{API}/{opened}").get_json()
    assert (seen["goal_id"], seen["next_step"]) == (goal["id"], "Ask Sam to watch Monday's intake")
    assert journal.api("POST", f"{API}/{opened}/accept").status_code == 409
    assert other.api("POST", f"{API}/{opened}/next_step", {"text": "Other"}).status_code == 409
    assert Goal.select().count() == 1


def test_accepting_the_next_step_as_written(journal, other, opened):
    walk_to(other, opened, NEXT_STEP)
    nothing = journal.api("POST", f"{API}/{opened}/accept")
    assert nothing.status_code == 422 and "text" in nothing.get_json()["error"]["fields"]
    journal.api("POST", f"{API}/{opened}/next_step", {"text": "Prepare with the checklist"})
    goal = journal.api("POST", f"{API}/{opened}/accept").get_json()
    assert goal["title"] == "Prepare with the checklist"


def test_moving_on_from_the_last_step_closes_it(journal, other, opened, clock):
    walk_to(other, opened, 6)
    body = other.api("POST", f"{API}/{opened}/step", {"direction": 1}).get_json()
    assert (body["status"], body["step"], body["step_key"]) == (
        "closed", 6, "usefulness_again")
    assert body["closed_at"].startswith("2026-11-27T12:00:00")
    assert other.api("POST", f"{API}/{opened}/step", {"direction": 1}).status_code == 409
    assert journal.api("POST", f"{API}/{opened}/notes", {"text": "Late"}).status_code == 409


def test_an_ended_connection_closes_it_for_the_helper_the_asker_keeps_it(journal, other,
                                                                         opened):
    journal.api("POST", f"{API}/{opened}/notes", {"text": "Kept"})
    end_connection(Connection.get(), STORED_NOW)
    assert other.api("GET", f"{API}/{opened}").status_code == 404
    assert other.api("POST", f"{API}/{opened}/step", {"direction": 1}).status_code == 404
    assert other.api("GET", API).get_json()["items"] == []
    kept = journal.api("GET", f"{API}/{opened}").get_json()
    assert [note["text"] for note in kept["notes"]] == ["Kept"]
    more = journal.api("POST", f"{API}/{opened}/notes", {"text": "Alone"})
    assert more.status_code == 409 and "no longer connected" in more.get_json()["error"][
        "message"]
    assert journal.api("DELETE", f"{API}/{opened}").status_code == 204
    assert HelpingConversation.select().count() == 0 and HelpingNote.select().count() == 0


def test_only_the_asker_deletes_and_taking_back_drops_the_notice(journal, other, asked):
    assert other.api("DELETE", f"{API}/{asked}").status_code == 409
    assert Delivery.select().where(Delivery.kind == "helping_asked").count() == 1
    assert journal.api("DELETE", f"{API}/{asked}").status_code == 204
    assert Delivery.select().where(Delivery.kind == "helping_asked").count() == 0
    assert other.api("GET", f"{API}/{asked}").status_code == 404


def test_a_goal_taken_from_it_stays_when_the_conversation_goes(journal, other, opened):
    walk_to(other, opened, NEXT_STEP)
    goal = journal.api("POST", f"{API}/{opened}/accept", {"text": "Mine now"}).get_json()
    assert journal.api("DELETE", f"{API}/{opened}").status_code == 204
    assert Goal.get_by_id(goal["id"]).title == "Mine now"
