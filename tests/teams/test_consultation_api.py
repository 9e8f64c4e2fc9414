"""JSON API /api/v1/teams/<team_id>/consultations: a member brings a case, the group adds
questions and ideas at each of the six steps, the owner moves on and closes with a next step
that lands in their own outer circle (and nobody else's), "what went better since?", deleting,
and 404 for everyone outside the team."""
from datetime import timedelta

import pytest

from journal.models import Entry, Goal, User
from journal.models.team import Consultation, Contribution, Team, TeamMember
from tests.conftest import STORED_NOW, Journal

CASE = "I want our Monday handovers to take less time"
MARKER = "PRIVATE-JOURNAL-MARKER"


def api_of(team_id):
    return f"/api/v1/teams/{team_id}/consultations"


def user(email):
    return User.by_email(email)


def make_team(*emails, name="Care team"):
    """A team with these people (the first is the organiser), made in the database."""
    team = Team.create(name=name, created_at=STORED_NOW, updated_at=STORED_NOW)
    for index, email in enumerate(emails):
        TeamMember.create(team=team, user=user(email), role="member" if index else "organiser",
                          joined_at=STORED_NOW)
    return team


@pytest.fixture
def cy(app):
    """Cy, a third person: in the team in some tests, a stranger in others."""
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


@pytest.fixture
def team(journal, other):
    """Ana (organiser) and Bo (member)."""
    return make_team("ana@example.org", "bo@example.org")


@pytest.fixture
def case(journal, team):
    """Ana's case, at the first step."""
    response = journal.api("POST", api_of(team.id), {"case": CASE})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def path(team, case, tail=""):
    return f"{api_of(team.id)}/{case['id']}{tail}"


def walk(person, team, case, steps):
    for _ in range(steps):
        response = person.api("POST", path(team, case, "/step"), {"direction": 1})
        assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_member_brings_a_case(journal, team, case):
    ana = user("ana@example.org")
    assert case["case"] == CASE and case["status"] == "open"
    assert case["owner"] == {"id": str(ana.id), "display_name": "Ana"}
    assert case["step"] == "usefulness" and case["step_index"] == 0
    assert case["contributions"] == [] and case["previous"] is None
    assert case["goal_id"] is None and case["next_step"] == "" and case["better_since"] == ""
    listed = journal.api("GET", api_of(team.id)).get_json()["items"]
    assert [item["id"] for item in listed] == [case["id"]]
    assert journal.api("GET", path(team, case)).get_json()["id"] == case["id"]


@pytest.mark.parametrize("body, message", [
    ({}, "Write in a sentence"), ({"case": "   "}, "Write in a sentence"),
    ({"case": "x" * 1001}, "1000"), ({"case": 7}, "must be text")])
def test_a_case_needs_words(journal, team, body, message):
    response = journal.api("POST", api_of(team.id), body)
    assert response.status_code == 422
    assert message in response.get_json()["error"]["fields"]["case"]
    assert Consultation.select().count() == 0


def test_a_case_of_1000_characters_is_fine(journal, team):
    assert journal.api("POST", api_of(team.id), {"case": "x" * 1000}).status_code == 201


def test_members_add_questions_and_ideas_at_each_step(journal, other, team, case):
    response = other.api("POST", path(team, case, "/contributions"),
                         {"step": "usefulness", "text": "What would make today useful?"})
    assert response.status_code == 201
    shown = response.get_json()["contributions"]
    assert shown[0]["step"] == "usefulness" and shown[0]["author"]["display_name"] == "Bo"
    assert shown[0]["text"] == "What would make today useful?" and shown[0]["created_at"]
    moved = walk(journal, team, case, 3)
    assert moved["step"] == "platform" and moved["step_index"] == 3
    # An earlier step still takes a thought; a later one does not yet.
    assert other.api("POST", path(team, case, "/contributions"),
                     {"step": "better", "text": "Late idea"}).status_code == 201
    ahead = other.api("POST", path(team, case, "/contributions"),
                      {"step": "successes", "text": "Too early"})
    assert ahead.status_code == 422 and "not at that step" in ahead.get_json()["error"][
        "fields"]["step"]
    assert Contribution.select().count() == 2


@pytest.mark.parametrize("body, field", [
    ({"step": "usefulness", "text": ""}, "text"), ({"step": "usefulness", "text": "x" * 1001},
                                                   "text"),
    ({"step": "nonsense", "text": "Hi"}, "step"), ({"text": "Hi"}, "step"),
    ({"step": "usefulness_again", "text": "Hi"}, "step"), ({"step": 0, "text": "Hi"}, "step")])
def test_a_contribution_needs_a_step_and_words(other, team, case, body, field):
    response = other.api("POST", path(team, case, "/contributions"), body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert Contribution.select().count() == 0


def test_only_the_owner_moves_the_group(journal, other, team, case):
    refused = other.api("POST", path(team, case, "/step"), {"direction": 1})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "not_owner"
    assert journal.api("POST", path(team, case, "/step"), {"direction": 2}).status_code == 422
    first = journal.api("POST", path(team, case, "/step"), {"direction": -1})
    assert first.status_code == 409
    walk(journal, team, case, 5)
    assert journal.api("POST", path(team, case, "/step"), {"direction": 1}).status_code == 409
    back = journal.api("POST", path(team, case, "/step"), {"direction": -1}).get_json()
    assert back["step"] == "successes"
    assert Consultation.get().step == 4


def test_closing_puts_the_next_step_in_the_owners_circle_only(journal, other, team, case):
    assert journal.api("POST", path(team, case, "/close"),
                       {"next_step": "Try it"}).status_code == 409  # not at the last step yet
    walk(journal, team, case, 5)
    assert other.api("POST", path(team, case, "/close"),
                     {"next_step": "Bo decides"}).status_code == 409
    too_long = journal.api("POST", path(team, case, "/close"), {"next_step": "x" * 201})
    assert too_long.status_code == 422 and "next_step" in too_long.get_json()["error"]["fields"]
    assert Goal.select().count() == 0 and Consultation.get().status == "open"
    closed = journal.api("POST", path(team, case, "/close"),
                         {"next_step": "  Start the handover at 8:50  "})
    assert closed.status_code == 200
    shown = closed.get_json()
    assert shown["status"] == "closed" and shown["next_step"] == "Start the handover at 8:50"
    goals = journal.api("GET", "/api/v1/goals").get_json()["items"]
    assert [(goal["title"], goal["ring"], goal["id"]) for goal in goals] == [
        ("Start the handover at 8:50", "outer", shown["goal_id"])]
    assert other.api("GET", "/api/v1/goals").get_json()["items"] == []
    assert other.api("GET", path(team, case)).get_json()["goal_id"] is None
    assert journal.api("POST", path(team, case, "/close"),
                       {"next_step": "Again"}).status_code == 409
    assert other.api("POST", path(team, case, "/contributions"),
                     {"step": "next_step", "text": "Late"}).status_code == 409
    assert Goal.select().count() == 1


def test_closing_without_a_next_step_makes_no_goal(journal, team, case):
    walk(journal, team, case, 5)
    closed = journal.api("POST", path(team, case, "/close"), {"next_step": ""}).get_json()
    assert closed["status"] == "closed" and closed["goal_id"] is None
    assert Goal.select().count() == 0


def test_what_went_better_since_comes_with_the_next_case(journal, other, team, case, clock):
    early = journal.api("PUT", path(team, case, "/better_since"), {"text": "Too soon"})
    assert early.status_code == 409
    walk(journal, team, case, 5)
    journal.api("POST", path(team, case, "/close"), {"next_step": "Start at 8:50"})
    clock.now += timedelta(days=7)
    second = journal.api("POST", api_of(team.id), {"case": "Calmer intakes"}).get_json()
    assert second["previous"]["id"] == case["id"]
    assert second["previous"]["next_step"] == "Start at 8:50"
    assert second["previous"]["better_since"] == ""
    assert other.api("PUT", path(team, case, "/better_since"),
                     {"text": "Bo writes"}).status_code == 409
    assert journal.api("PUT", path(team, case, "/better_since"),
                       {"text": ""}).status_code == 422
    written = journal.api("PUT", path(team, case, "/better_since"),
                          {"text": "Handovers took 10 minutes twice"})
    assert written.status_code == 200
    seen = other.api("GET", path(team, second)).get_json()["previous"]
    assert seen["better_since"] == "Handovers took 10 minutes twice"
    # Bo's own first case has no previous one: only the same owner's cases count.
    mine = other.api("POST", api_of(team.id), {"case": "Bo's case"}).get_json()
    assert mine["previous"] is None


def test_the_owner_deletes_the_case_and_all_its_notes(journal, other, team, case):
    other.api("POST", path(team, case, "/contributions"), {"step": "usefulness", "text": "Q"})
    walk(journal, team, case, 5)
    journal.api("POST", path(team, case, "/close"), {"next_step": "Keep this goal"})
    refused = other.api("DELETE", path(team, case))
    assert refused.status_code == 409 and Consultation.select().count() == 1
    assert journal.api("DELETE", path(team, case)).status_code == 204
    assert Consultation.select().count() == 0 and Contribution.select().count() == 0
    assert journal.api("GET", path(team, case)).status_code == 404
    assert Goal.get().title == "Keep this goal"  # the goal was hers to keep


def test_a_member_deletes_only_their_own_contribution(journal, other, team, case):
    added = other.api("POST", path(team, case, "/contributions"),
                      {"step": "usefulness", "text": "Bo's idea"}).get_json()
    contribution_id = added["contributions"][0]["id"]
    tail = f"/contributions/{contribution_id}"
    assert journal.api("DELETE", path(team, case, tail)).status_code == 404
    assert Contribution.select().count() == 1
    assert other.api("DELETE", path(team, case, tail)).status_code == 204
    assert Contribution.select().count() == 0
    assert other.api("DELETE", path(team, case, tail)).status_code == 404


def routes(team, case):
    """Every consultation route with a valid body."""
    return [("GET", api_of(team.id), None), ("POST", api_of(team.id), {"case": "Mine"}),
            ("GET", path(team, case), None),
            ("POST", path(team, case, "/contributions"), {"step": "usefulness", "text": "Q"}),
            ("DELETE", path(team, case, "/contributions/1"), None),
            ("POST", path(team, case, "/step"), {"direction": 1}),
            ("POST", path(team, case, "/close"), {"next_step": "X"}),
            ("PUT", path(team, case, "/better_since"), {"text": "X"}),
            ("DELETE", path(team, case), None)]


def test_strangers_and_former_members_find_nothing(app, journal, other, cy, team, case):
    TeamMember.create(team=team, user=user("cy@example.org"), role="member",
                      joined_at=STORED_NOW)
    assert cy.api("GET", path(team, case)).status_code == 200
    TeamMember.delete().where(TeamMember.user == user("cy@example.org")).execute()
    for method, url, body in routes(team, case):
        response = cy.api(method, url, body)
        assert response.status_code == 404, (method, url)
        assert CASE not in response.get_data(as_text=True)
    anonymous = Journal(app.test_client())
    token = {"X-CSRFToken": anonymous.token("/login")}
    for method, url, body in routes(team, case):
        response = anonymous.client.open(url, method=method, json=body, headers=token)
        assert response.status_code == 401, (method, url)
    assert Consultation.select().count() == 1 and Contribution.select().count() == 0
    assert Consultation.get().step == 0


def test_a_case_belongs_to_its_own_team(journal, other, cy, team, case):
    """Bo is in another team too: the case is not found through that team's address."""
    elsewhere = make_team("cy@example.org", "bo@example.org", name="Other team")
    assert other.api("GET", f"{api_of(elsewhere.id)}/{case['id']}").status_code == 404
    assert cy.api("GET", api_of(elsewhere.id)).get_json()["items"] == []
    assert other.api("GET", f"{api_of(team.id)}/not-a-uuid").status_code == 404
    assert other.api("GET", f"{api_of('not-a-uuid')}").status_code == 404


def test_nothing_of_a_private_journal_reaches_the_team(journal, other, team, case, clock):
    ana = user("ana@example.org")
    assert journal.post_entry(text=f"{MARKER} entry").status_code == 302
    assert Entry.select().where(Entry.user == ana).count() == 1
    Goal.create_for(ana, {"title": f"{MARKER} goal", "ring": "outer"}, now=STORED_NOW)
    walk(journal, team, case, 5)
    goal_id = journal.api("POST", path(team, case, "/close"),
                          {"next_step": "Shared step"}).get_json()["goal_id"]
    # Ana later reshapes the goal in her own circle: the team keeps what she chose then.
    assert journal.api("PATCH", f"/api/v1/goals/{goal_id}",
                       {"title": f"{MARKER} reshaped"}).status_code == 200
    for url in (api_of(team.id), path(team, case)):
        seen = other.api("GET", url).get_data(as_text=True)
        assert MARKER not in seen and str(goal_id) not in seen
    assert "Shared step" in other.api("GET", path(team, case)).get_data(as_text=True)
