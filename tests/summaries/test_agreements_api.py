"""The progress conversation's joint record through the API: next steps proposed by either side,
accepted by the employee into their own outer circle or let go, what the manager saw in the work,
and what went better since. A withdrawn summary or an ended connection closes it for the manager."""
from datetime import UTC, datetime

import pytest

from journal.models import Agreement, Delivery, Goal, Summary
from journal.models.sharing import Connection
from journal.notifications.rules import AGREEMENT_KIND
from journal.sharing import end_connection
from tests.shared.test_views import people, share

AGREEMENT_KEYS = {"id", "text", "status", "proposed_by", "created_at", "decided_at", "goal_id"}


def mine(summary):
    return f"/api/v1/summaries/{summary.id}/agreements"


def theirs(summary):
    return f"/api/v1/shared/{summary.id}/agreements"


def test_the_manager_proposes_and_the_employee_hears_of_it(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    response = other.api("POST", theirs(summary), {"text": "  Run the Monday intake alone  "})
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == AGREEMENT_KEYS
    assert (body["text"], body["status"], body["proposed_by"], body["decided_at"],
            body["goal_id"]) == ("Run the Monday intake alone", "proposed", "manager", None, None)
    assert body["created_at"].startswith("2026-11-27T12:00:00")
    notice = Delivery.get(Delivery.kind == AGREEMENT_KIND)
    assert (notice.user_id, notice.ref) == (ana.id, str(summary.id))
    shown = journal.api("GET", f"/api/v1/summaries/{summary.id}").get_json()["agreements"]
    assert [a["id"] for a in shown] == [body["id"]]


def test_the_employee_proposes_and_both_views_list_the_steps_oldest_first(journal, other, clock):
    ana, bo = people()
    summary = share(ana, bo)
    first = other.api("POST", theirs(summary), {"text": "Run the intake alone"}).get_json()
    clock.now = datetime(2026, 11, 27, 13, tzinfo=UTC)
    second = journal.api("POST", mine(summary), {"text": "Ask Sam to observe once"})
    assert second.status_code == 201 and second.get_json()["proposed_by"] == "employee"
    assert Delivery.select().where((Delivery.kind == AGREEMENT_KIND)
                                   & (Delivery.user == bo.id)).count() == 1
    ids = [first["id"], second.get_json()["id"]]
    for view in (journal.api("GET", f"/api/v1/summaries/{summary.id}").get_json(),
                 journal.api("GET", "/api/v1/summaries").get_json()["items"][0],
                 other.api("GET", f"/api/v1/shared/{summary.id}").get_json(),
                 other.api("GET", "/api/v1/shared").get_json()["items"][0]):
        assert [a["id"] for a in view["agreements"]] == ids


@pytest.mark.parametrize("body, message", [
    ({}, "Write the next step"), ({"text": "   "}, "Write the next step"),
    ({"text": 7}, "This must be text"), ({"text": "x" * 201}, "under 200 characters"),
])
def test_a_step_needs_a_short_text(journal, other, body, message):
    ana, bo = people()
    summary = share(ana, bo)
    for person, path in ((journal, mine(summary)), (other, theirs(summary))):
        response = person.api("POST", path, body)
        assert response.status_code == 422
        assert message in response.get_json()["error"]["fields"]["text"]
    assert Agreement.select().count() == 0 and Delivery.select().count() == 0


def test_exactly_200_characters_fit(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    assert journal.api("POST", mine(summary), {"text": "x" * 200}).status_code == 201


@pytest.mark.parametrize("status, words", [("draft", "Share it first"),
                                           ("withdrawn", "It is withdrawn")])
def test_the_employee_cannot_propose_on_a_draft_or_withdrawn_summary(journal, other, status,
                                                                     words):
    ana, bo = people()
    summary = share(ana, bo, status=status)
    response = journal.api("POST", mine(summary), {"text": "Run the intake alone"})
    assert response.status_code == 409 and words in response.get_json()["error"]["message"]
    assert Agreement.select().count() == 0


def test_accepting_puts_the_step_in_the_employees_outer_circle(journal, other, clock):
    ana, bo = people()
    summary = share(ana, bo)
    step = other.api("POST", theirs(summary), {"text": "Run the intake alone"}).get_json()
    clock.now = datetime(2026, 12, 3, 10, tzinfo=UTC)
    path = f"{mine(summary)}/{step['id']}/accept"
    assert other.api("POST", path).status_code == 404  # the manager never accepts
    response = journal.api("POST", path, {"text": " Run the Monday intake on my own "})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["achieved"], body["text"]) == (
        "accepted", False, "Run the intake alone")
    assert body["decided_at"].startswith("2026-12-03T10:00:00")
    goals = journal.api("GET", "/api/v1/goals").get_json()["items"]
    assert [(g["id"], g["title"], g["ring"]) for g in goals] == [
        (body["goal_id"], "Run the Monday intake on my own", "outer")]
    again = journal.api("POST", path)
    assert again.status_code == 409 and "already accepted" in again.get_json()["error"]["message"]
    assert Goal.select().count() == 1
    assert journal.api("POST", f"{mine(summary)}/{step['id']}/decline").status_code == 409


def test_accepting_without_a_text_keeps_the_proposed_words(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    step = journal.api("POST", mine(summary), {"text": "Ask Sam to observe"}).get_json()
    body = journal.api("POST", f"{mine(summary)}/{step['id']}/accept").get_json()
    assert Goal.get_by_id(body["goal_id"]).title == "Ask Sam to observe"
    again = journal.api("POST", f"{mine(summary)}/{step['id']}/accept", {"text": "Other"})
    assert again.status_code == 409 and Goal.select().count() == 1


def test_an_empty_own_wording_is_refused_and_nothing_changes(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    step = other.api("POST", theirs(summary), {"text": "Run the intake alone"}).get_json()
    bad = journal.api("POST", f"{mine(summary)}/{step['id']}/accept", {"text": "  "})
    assert bad.status_code == 422 and "text" in bad.get_json()["error"]["fields"]
    assert Agreement.get_by_id(step["id"]).status == "proposed" and Goal.select().count() == 0


def test_the_manager_sees_only_whether_an_accepted_step_was_achieved(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    step = other.api("POST", theirs(summary), {"text": "Run the intake alone"}).get_json()
    goal_id = journal.api("POST", f"{mine(summary)}/{step['id']}/accept",
                          {"text": "ANA-OWN-WORDS"}).get_json()["goal_id"]
    seen = other.api("GET", f"/api/v1/shared/{summary.id}")
    [agreement] = seen.get_json()["agreements"]
    assert (agreement["status"], agreement["achieved"]) == ("accepted", False)
    assert "goal_id" not in agreement and "ANA-OWN-WORDS" not in seen.get_data(as_text=True)
    journal.api("PATCH", f"/api/v1/goals/{goal_id}", {"ring": "inner"})
    [agreement] = other.api("GET", f"/api/v1/shared/{summary.id}").get_json()["agreements"]
    assert agreement["achieved"] is True
    [own] = journal.api("GET", f"/api/v1/summaries/{summary.id}").get_json()["agreements"]
    assert (own["goal_id"], own["achieved"]) == (goal_id, True)


def test_letting_go_keeps_the_step_in_the_record(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    step = other.api("POST", theirs(summary), {"text": "Take on the Tuesday rota"}).get_json()
    body = journal.api("POST", f"{mine(summary)}/{step['id']}/decline").get_json()
    assert (body["status"], body["goal_id"]) == ("declined", None) and "achieved" not in body
    assert Goal.select().count() == 0
    assert journal.api("POST", f"{mine(summary)}/{step['id']}/accept").status_code == 409
    [shown] = other.api("GET", f"/api/v1/shared/{summary.id}").get_json()["agreements"]
    assert shown["status"] == "declined"


def test_the_proposer_may_take_back_an_undecided_step(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    hers = journal.api("POST", mine(summary), {"text": "Ask Sam"}).get_json()
    his = other.api("POST", theirs(summary), {"text": "Run it alone"}).get_json()
    assert other.api("DELETE", f"{theirs(summary)}/{hers['id']}").status_code == 409
    assert journal.api("DELETE", f"{mine(summary)}/{his['id']}").status_code == 409
    assert other.api("DELETE", f"{mine(summary)}/{his['id']}").status_code == 404
    assert other.api("DELETE", f"{theirs(summary)}/{his['id']}").status_code == 204
    journal.api("POST", f"{mine(summary)}/{hers['id']}/accept")
    assert journal.api("DELETE", f"{mine(summary)}/{hers['id']}").status_code == 409
    assert [a.text for a in Agreement.select()] == ["Ask Sam"]


def test_the_record_closes_for_the_manager_after_withdrawal(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    step = other.api("POST", theirs(summary), {"text": "Run it alone"}).get_json()
    journal.api("POST", f"/api/v1/summaries/{summary.id}/withdraw")
    assert other.api("GET", f"/api/v1/shared/{summary.id}").status_code == 404
    assert other.api("GET", "/api/v1/shared").get_json()["items"] == []
    assert other.api("POST", theirs(summary), {"text": "More"}).status_code == 404
    assert other.api("DELETE", f"{theirs(summary)}/{step['id']}").status_code == 404
    assert other.api("PUT", f"/api/v1/shared/{summary.id}/response",
                     {"observations": "x"}).status_code == 404
    # The employee keeps the record and may still decide on what was proposed.
    assert journal.api("POST", f"{mine(summary)}/{step['id']}/accept").status_code == 200


def test_the_record_closes_for_the_manager_when_the_connection_ends(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    step = other.api("POST", theirs(summary), {"text": "Run it alone"}).get_json()
    end_connection(Connection.get(), datetime(2026, 11, 27, 13))
    assert Summary.get_by_id(summary.id).status == "withdrawn"
    assert other.api("GET", f"/api/v1/shared/{summary.id}").status_code == 404
    assert other.api("POST", theirs(summary), {"text": "More"}).status_code == 404
    assert other.api("DELETE", f"{theirs(summary)}/{step['id']}").status_code == 404
    assert journal.api("POST", mine(summary), {"text": "More"}).status_code == 409


def test_a_stranger_gets_404_for_everything(journal, other, app):
    from tests.conftest import Journal
    ana, bo = people()
    summary = share(ana, bo)
    step = other.api("POST", theirs(summary), {"text": "Run it alone"}).get_json()
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    for method, path in (("POST", mine(summary)), ("POST", theirs(summary)),
                         ("POST", f"{mine(summary)}/{step['id']}/accept"),
                         ("POST", f"{mine(summary)}/{step['id']}/decline"),
                         ("DELETE", f"{mine(summary)}/{step['id']}"),
                         ("DELETE", f"{theirs(summary)}/{step['id']}")):
        assert cy.api(method, path, {"text": "Mine now"}).status_code == 404, path
    assert Agreement.select().count() == 1 and Goal.select().count() == 0


def test_an_unknown_step_is_404(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    for step_id in ("nope", "00000000-0000-0000-0000-000000000000"):
        assert journal.api("POST", f"{mine(summary)}/{step_id}/accept").status_code == 404


def test_observations_are_saved_coached_and_shown_to_the_employee(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    path = f"/api/v1/shared/{summary.id}/response"
    plain = other.api("PUT", path, {"observations": "  I saw you prepare every intake.  "})
    assert plain.status_code == 200
    assert plain.get_json() == {"response": {
        "private_notes": "", "reply": "", "replied_at": None,
        "observations": "I saw you prepare every intake."}, "hints": []}
    employee = journal.api("GET", f"/api/v1/summaries/{summary.id}").get_json()
    assert employee["observations"] == "I saw you prepare every intake."
    assert employee["reply"] is None
    praised = other.api("PUT", path, {"observations": "You are so talented."}).get_json()
    [hint] = praised["hints"]
    assert (hint["code"], hint["field"], hint["phrases"]) == (
        "trait_praise", "observations", ["You are so talented"])
    assert "What you saw was saved as written." in hint["message"]
    assert other.api("PUT", path, {"observations": 5}).status_code == 422
    assert other.api("PUT", path, {"observations": "x" * 4001}).status_code == 422


def test_better_since_is_written_and_shown_on_both_sides(journal, other):
    ana, bo = people()
    Connection.get_or_create(employee=ana, manager=bo,
                             defaults={"created_at": datetime(2026, 11, 1)})
    created = journal.api("POST", "/api/v1/summaries", {"from": "2026-11-01",
                                                        "better_since": "  Calmer Mondays  "})
    assert created.status_code == 201 and created.get_json()["better_since"] == "Calmer Mondays"
    summary_id = created.get_json()["id"]
    changed = journal.api("PATCH", f"/api/v1/summaries/{summary_id}",
                          {"better_since": "Calmer Mondays and Tuesdays"})
    assert changed.get_json()["better_since"] == "Calmer Mondays and Tuesdays"
    too_long = journal.api("PATCH", f"/api/v1/summaries/{summary_id}",
                           {"better_since": "x" * 2001})
    assert too_long.status_code == 422 and "better_since" in too_long.get_json()["error"]["fields"]
    bad_new = journal.api("POST", "/api/v1/summaries", {"better_since": ["no"]})
    assert bad_new.status_code == 422 and Summary.select().count() == 1
    journal.api("POST", f"/api/v1/summaries/{summary_id}/share", {"manager_id": str(bo.id)})
    seen = other.api("GET", f"/api/v1/shared/{summary_id}").get_json()
    assert seen["better_since"] == "Calmer Mondays and Tuesdays"


def test_the_next_summary_looks_back_on_the_steps_agreed_before(journal, other, clock):
    ana, bo = people()
    earlier = share(ana, bo)
    step = other.api("POST", theirs(earlier), {"text": "Run it alone"}).get_json()
    goal_id = journal.api("POST", f"{mine(earlier)}/{step['id']}/accept").get_json()["goal_id"]
    journal.api("PATCH", f"/api/v1/goals/{goal_id}", {"ring": "inner"})
    clock.now = datetime(2026, 12, 20, 9, tzinfo=UTC)
    later = journal.api("POST", "/api/v1/summaries", {"better_since": "I ran it alone"}).get_json()
    preview = journal.api("GET", f"/api/v1/summaries/{later['id']}/preview").get_json()
    assert [(a["text"], a["achieved"]) for a in preview["previous_agreements"]] == [
        ("Run it alone", True)]
    journal.api("POST", f"/api/v1/summaries/{later['id']}/share", {"manager_id": str(bo.id)})
    seen = other.api("GET", f"/api/v1/shared/{later['id']}").get_json()
    assert [(a["text"], a["achieved"]) for a in seen["previous_agreements"]] == [
        ("Run it alone", True)]
    assert "goal_id" not in seen["previous_agreements"][0]
