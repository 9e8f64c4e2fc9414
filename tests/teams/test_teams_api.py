"""JSON API: /api/v1/teams. Making a team, its join link (made, renewed, revoked, expired),
joining, leaving, removing, handing over and renaming; anyone not in a team gets 404."""
from datetime import timedelta

import pytest

from journal.models import User
from journal.models.team import Team, TeamMember, join_token_hash
from tests.conftest import Journal

UNKNOWN = "00000000-0000-4000-8000-000000000000"


def make_team(person, name="Ward 3"):
    """A team made through the API; returns its body (with the join link, this once)."""
    response = person.api("POST", "/api/v1/teams", json={"name": name})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def token_of(body):
    return body["join_url"].rsplit("/", 1)[1]


def join(person, token):
    return person.api("POST", "/api/v1/teams/join", json={"token": token})


def error_code(response):
    return response.get_json()["error"]["code"]


def user_id(email):
    return str(User.by_email(email).id)


@pytest.fixture
def cy(app):
    """Cy, a third person with a browser of their own."""
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


@pytest.fixture
def team(journal, other):
    """Ward 3: Ana organises it, Bo is in it."""
    body = make_team(journal)
    assert join(other, token_of(body)).status_code == 201
    return body


def test_making_a_team_shows_its_join_link_once_and_stores_only_its_hash(journal):
    body = make_team(journal, "  Ward 3 ")
    token = token_of(body)
    assert body["join_url"] == f"http://localhost/teams/join/{token}"
    assert body["name"] == "Ward 3" and body["role"] == "organiser"
    assert body["join_expires_at"] == "2026-12-04T12:00:00+00:00"
    assert body["members"] == [{"id": user_id("ana@example.org"), "display_name": "Ana",
                                "role": "organiser"}]
    team = Team.get()
    assert team.join_hash == join_token_hash(token) and token not in team.join_hash
    again = journal.api("GET", f"/api/v1/teams/{body['id']}").get_json()
    assert "join_url" not in again and token not in str(again)
    assert again["join_link"] == {"expires_at": "2026-12-04T12:00:00+00:00", "active": True}


def test_the_join_link_is_on_public_url_when_it_is_set(app, journal):
    app.config["PUBLIC_URL"] = "https://journal.example.org/"
    body = make_team(journal)
    assert body["join_url"] == f"https://journal.example.org/teams/join/{token_of(body)}"


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "   "}, {"name": 42},
                                  {"name": None}, {"name": "x" * 81}])
def test_a_bad_name_is_422_on_the_field_and_nothing_is_stored(journal, body):
    response = journal.api("POST", "/api/v1/teams", json=body)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"name"}
    assert Team.select().count() == 0 and TeamMember.select().count() == 0


def test_a_body_that_is_not_an_object_is_400(journal):
    assert journal.api("POST", "/api/v1/teams", json=["Ward 3"]).status_code == 400
    assert Team.select().count() == 0


def test_anonymous_callers_get_json_401(client, journal, team):
    journal.logout()
    headers = {"X-CSRFToken": journal.token("/login")}
    tid = team["id"]
    for method, path in (("GET", "/api/v1/teams"), ("POST", "/api/v1/teams"),
                         ("GET", f"/api/v1/teams/{tid}"), ("PATCH", f"/api/v1/teams/{tid}"),
                         ("POST", f"/api/v1/teams/{tid}/join_link"),
                         ("DELETE", f"/api/v1/teams/{tid}/join_link"),
                         ("POST", "/api/v1/teams/join"),
                         ("DELETE", f"/api/v1/teams/{tid}/members/{UNKNOWN}"),
                         ("POST", f"/api/v1/teams/{tid}/organiser")):
        response = client.open(path, method=method, json={"token": token_of(team)},
                               headers=headers)
        assert response.status_code == 401 and error_code(response) == "unauthorized", path
    assert TeamMember.select().count() == 2


def test_members_see_names_and_roles_never_addresses_and_no_join_link(team, other):
    body = other.api("GET", f"/api/v1/teams/{team['id']}").get_json()
    assert body["role"] == "member" and body["name"] == "Ward 3"
    assert body["members"] == [
        {"id": user_id("ana@example.org"), "display_name": "Ana", "role": "organiser"},
        {"id": user_id("bo@example.org"), "display_name": "Bo", "role": "member"}]
    assert "join_link" not in body and "join_url" not in body
    assert "@example.org" not in str(body)


def test_the_list_holds_only_my_teams(journal, other, team, cy):
    make_team(cy, "Night shift")
    assert [t["name"] for t in other.api("GET", "/api/v1/teams").get_json()["items"]] == [
        "Ward 3"]
    mine = cy.api("GET", "/api/v1/teams").get_json()
    assert [t["name"] for t in mine["items"]] == ["Night shift"] and mine["next"] is None


def routes_of(team_id, someone):
    return [("GET", f"/api/v1/teams/{team_id}", None),
            ("PATCH", f"/api/v1/teams/{team_id}", {"name": "Mine now"}),
            ("POST", f"/api/v1/teams/{team_id}/join_link", None),
            ("DELETE", f"/api/v1/teams/{team_id}/join_link", None),
            ("DELETE", f"/api/v1/teams/{team_id}/members/{someone}", None),
            ("POST", f"/api/v1/teams/{team_id}/organiser", {"user_id": someone})]


def test_a_stranger_gets_404_for_everything_of_the_team(team, cy):
    ana = user_id("ana@example.org")
    for team_id in (team["id"], UNKNOWN, "not-a-uuid"):
        for method, path, body in routes_of(team_id, ana):
            response = cy.api(method, path, json=body or {})
            assert response.status_code == 404 and error_code(response) == "not_found", path
    assert Team.get().name == "Ward 3" and Team.get().join_hash == join_token_hash(
        token_of(team))
    assert TeamMember.select().count() == 2


def test_joining_twice_changes_nothing(team, other):
    again = join(other, token_of(team))
    assert again.status_code == 200 and again.get_json()["role"] == "member"
    assert TeamMember.select().count() == 2


def test_the_organiser_joining_their_own_link_changes_nothing(team, journal):
    assert join(journal, token_of(team)).get_json()["role"] == "organiser"
    assert TeamMember.select().count() == 2


@pytest.mark.parametrize("body", [{}, {"token": ""}, {"token": 7}])
def test_joining_without_a_token_is_422(team, cy, body):
    response = cy.api("POST", "/api/v1/teams/join", json=body)
    assert response.status_code == 422 and "token" in response.get_json()["error"]["fields"]
    assert TeamMember.select().count() == 2


@pytest.mark.parametrize("token", ["made-up-token", "x" * 500])
def test_an_unknown_token_is_404(team, cy, token):
    response = join(cy, token)
    assert response.status_code == 404 and error_code(response) == "not_found"
    assert TeamMember.select().count() == 2


def test_an_expired_link_is_410_and_joins_nobody(team, journal, cy, clock):
    clock.now += timedelta(days=7)
    response = join(cy, token_of(team))
    assert response.status_code == 410 and error_code(response) == "join_link_expired"
    assert "Ward 3" in response.get_json()["error"]["message"]
    assert TeamMember.select().count() == 2
    state = journal.api("GET", f"/api/v1/teams/{team['id']}").get_json()["join_link"]
    assert state == {"expires_at": "2026-12-04T12:00:00+00:00", "active": False}


def test_a_member_opening_an_expired_link_is_told_they_are_in(team, other, clock):
    clock.now += timedelta(days=8)
    response = join(other, token_of(team))
    assert response.status_code == 200 and response.get_json()["role"] == "member"


def test_the_moment_before_expiry_the_link_still_works(team, cy, clock):
    clock.now += timedelta(days=7) - timedelta(seconds=1)
    assert join(cy, token_of(team)).status_code == 201


def test_a_renewed_link_works_and_the_old_one_stops(team, journal, cy, clock):
    clock.now += timedelta(days=6)
    renewed = journal.api("POST", f"/api/v1/teams/{team['id']}/join_link")
    assert renewed.status_code == 200
    body = renewed.get_json()
    assert token_of(body) != token_of(team)
    assert body["join_expires_at"] == "2026-12-10T12:00:00+00:00"
    assert body["join_link"] == {"expires_at": "2026-12-10T12:00:00+00:00", "active": True}
    assert join(cy, token_of(team)).status_code == 404
    assert join(cy, token_of(body)).status_code == 201


def test_a_revoked_link_stops_until_a_new_one_is_made(team, journal, cy):
    assert journal.api("DELETE", f"/api/v1/teams/{team['id']}/join_link").status_code == 204
    state = journal.api("GET", f"/api/v1/teams/{team['id']}").get_json()["join_link"]
    assert state == {"expires_at": None, "active": False}
    assert join(cy, token_of(team)).status_code == 404
    assert TeamMember.select().count() == 2
    renewed = journal.api("POST", f"/api/v1/teams/{team['id']}/join_link").get_json()
    assert join(cy, token_of(renewed)).status_code == 201


def test_a_member_may_not_organise_409_and_nothing_changes(team, other):
    tid = team["id"]
    for method, path, body in [("PATCH", f"/api/v1/teams/{tid}", {"name": "Bo's team"}),
                               ("POST", f"/api/v1/teams/{tid}/join_link", None),
                               ("DELETE", f"/api/v1/teams/{tid}/join_link", None),
                               ("DELETE",
                                f"/api/v1/teams/{tid}/members/{user_id('ana@example.org')}",
                                None),
                               ("POST", f"/api/v1/teams/{tid}/organiser",
                                {"user_id": user_id("bo@example.org")})]:
        response = other.api(method, path, json=body or {})
        assert response.status_code == 409, path
        assert error_code(response) == "organiser_only"
        assert response.get_json()["error"]["message"] == (
            "Only the organiser of the team can do this.")
    team_row = Team.get()
    assert team_row.name == "Ward 3" and team_row.join_hash == join_token_hash(token_of(team))
    assert TeamMember.get(TeamMember.role == "organiser").user.display_name == "Ana"


def test_the_organiser_renames_with_field_messages(team, journal, other):
    path = f"/api/v1/teams/{team['id']}"
    bad = journal.api("PATCH", path, json={"name": " "})
    assert bad.status_code == 422 and "name" in bad.get_json()["error"]["fields"]
    assert Team.get().name == "Ward 3"
    renamed = journal.api("PATCH", path, json={"name": "Ward 4"})
    assert renamed.status_code == 200 and renamed.get_json()["name"] == "Ward 4"
    assert other.api("GET", path).get_json()["name"] == "Ward 4"


def test_a_member_leaves_and_is_then_a_former_member_with_404(team, other):
    me = user_id("bo@example.org")
    assert other.api("DELETE", f"/api/v1/teams/{team['id']}/members/{me}").status_code == 204
    for method, path, body in routes_of(team["id"], me):
        assert other.api(method, path, json=body or {}).status_code == 404, path
    assert other.api("GET", "/api/v1/teams").get_json()["items"] == []


def test_the_organiser_removes_a_member(team, journal, other, cy):
    tid = team["id"]
    assert join(cy, token_of(team)).status_code == 201
    bo = user_id("bo@example.org")
    assert journal.api("DELETE", f"/api/v1/teams/{tid}/members/{bo}").status_code == 204
    assert other.api("GET", f"/api/v1/teams/{tid}").status_code == 404
    names = [m["display_name"] for m in cy.api("GET", f"/api/v1/teams/{tid}").get_json()[
        "members"]]
    assert names == ["Ana", "Cy"]
    gone = journal.api("DELETE", f"/api/v1/teams/{tid}/members/{bo}")
    assert gone.status_code == 404, "no longer in the team"
    assert journal.api("DELETE", f"/api/v1/teams/{tid}/members/{UNKNOWN}").status_code == 404


def test_the_organiser_cannot_leave_without_handing_over(team, journal):
    me = user_id("ana@example.org")
    response = journal.api("DELETE", f"/api/v1/teams/{team['id']}/members/{me}")
    assert response.status_code == 409 and error_code(response) == "hand_over_first"
    assert "Hand it over" in response.get_json()["error"]["message"]
    assert TeamMember.select().count() == 2


def test_the_last_member_leaving_deletes_the_team(journal):
    body = make_team(journal)
    me = user_id("ana@example.org")
    assert journal.api("DELETE", f"/api/v1/teams/{body['id']}/members/{me}").status_code == 204
    assert Team.select().count() == 0
    assert journal.api("GET", f"/api/v1/teams/{body['id']}").status_code == 404


def test_handing_over_makes_the_organiser_a_member(team, journal, other):
    tid = team["id"]
    response = journal.api("POST", f"/api/v1/teams/{tid}/organiser",
                           json={"user_id": user_id("bo@example.org")})
    assert response.status_code == 200
    body = response.get_json()
    assert body["role"] == "member" and "join_link" not in body
    assert {m["display_name"]: m["role"] for m in body["members"]} == {"Ana": "member",
                                                                       "Bo": "organiser"}
    assert journal.api("POST", f"/api/v1/teams/{tid}/join_link").status_code == 409
    assert other.api("POST", f"/api/v1/teams/{tid}/join_link").status_code == 200
    me = user_id("ana@example.org")
    assert journal.api("DELETE", f"/api/v1/teams/{tid}/members/{me}").status_code == 204


@pytest.mark.parametrize("who", [None, "", 5, "not-a-uuid", UNKNOWN, "ana", "cy"])
def test_handing_over_to_anyone_but_another_member_is_422(team, journal, cy, who):
    value = {"ana": user_id("ana@example.org"), "cy": user_id("cy@example.org")}.get(who, who)
    response = journal.api("POST", f"/api/v1/teams/{team['id']}/organiser",
                           json={"user_id": value})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"user_id"}
    assert TeamMember.get(TeamMember.role == "organiser").user.display_name == "Ana"
