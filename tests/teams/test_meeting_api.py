"""JSON API of team meetings that start in pairs: the organiser starts, pairs and ends; members
join and write their own answers, which stay theirs (another member never sees one unshared);
sharing and unsharing with the team; help addressed to a teammate (who hears of it); and 404
for anyone not in the team, a former member included."""
import pytest

from journal.models import Delivery, Entry, User
from journal.models.team import MeetingAnswer, Team, TeamMeeting, TeamMember
from tests.conftest import STORED_NOW, Journal

UNKNOWN = "00000000-0000-4000-8000-000000000000"
MARKER = "PRIVATE-JOURNAL-MARKER"
BO_SECRET = "BO-UNSHARED-ANSWER-MARKER"


def user(email):
    return User.by_email(email)


def make_team(*emails, name="Care team"):
    """A team with these people (the first is the organiser), made in the database."""
    team = Team.create(name=name, created_at=STORED_NOW, updated_at=STORED_NOW)
    for index, email in enumerate(emails):
        TeamMember.create(team=team, user=user(email), role="member" if index else "organiser",
                          joined_at=STORED_NOW)
    return team


def meetings(team):
    return f"/api/v1/teams/{team.id}/meetings"


def start(person, team, timer=3):
    response = person.api("POST", meetings(team), json={"timer_minutes": timer})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def answer(person, team, meeting, **body):
    return person.api("PUT", f"{meetings(team)}/{meeting['id']}/answers", json=body)


def code_of(response):
    return response.get_json()["error"]["code"]


@pytest.fixture
def cy(app):
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


@pytest.fixture
def team(journal, other, cy):
    """Ana organises; Bo and Cy are members."""
    return make_team("ana@example.org", "bo@example.org", "cy@example.org")


@pytest.fixture
def meeting(journal, other, cy, team):
    """A meeting Ana started, which Bo and Cy joined."""
    body = start(journal, team)
    for person in (other, cy):
        assert person.api("POST", f"{meetings(team)}/{body['id']}/join").status_code == 200
    return body


def test_the_organiser_starts_a_meeting_with_a_gentle_timer_and_joins_it(journal, team):
    body = start(journal, team, timer=3)
    assert body["timer_minutes"] == 3 and body["ended_at"] is None
    assert body["joined"] is True
    assert [person["display_name"] for person in body["attendees"]] == ["Ana"]
    assert body["pairs"] == [] and body["my_pair"] is None
    assert [question["key"] for question in body["questions"]] == ["progress", "next", "help"]
    assert body["my_answers"] == {"progress": None, "next": None, "help": None}
    again = journal.api("POST", meetings(team), json={})
    assert again.status_code == 409, "one meeting at a time"
    assert TeamMeeting.select().count() == 1


def test_no_timer_is_fine_and_a_strange_one_is_told_next_to_the_field(journal, team):
    bad = journal.api("POST", meetings(team), json={"timer_minutes": 90})
    assert bad.status_code == 422
    assert "timer_minutes" in bad.get_json()["error"]["fields"]
    assert TeamMeeting.select().count() == 0
    assert start(journal, team, timer=None)["timer_minutes"] is None


def test_only_the_organiser_starts_pairs_and_ends(journal, other, team):
    assert other.api("POST", meetings(team), json={}).status_code == 403
    body = start(journal, team)
    path = f"{meetings(team)}/{body['id']}"
    assert other.api("POST", f"{path}/join").status_code == 200
    assert other.api("POST", f"{path}/pairs").status_code == 403
    assert other.api("POST", f"{path}/end").status_code == 403
    assert journal.api("GET", path).get_json()["ended_at"] is None


def test_the_organiser_pairs_who_joined_a_trio_when_odd(journal, other, cy, team, meeting):
    path = f"{meetings(team)}/{meeting['id']}"
    paired = journal.api("POST", f"{path}/pairs")
    assert paired.status_code == 200
    [trio] = paired.get_json()["pairs"]
    assert sorted(person["display_name"] for person in trio) == ["Ana", "Bo", "Cy"]
    assert set(trio[0]) == {"id", "display_name"}
    mine = other.api("GET", path).get_json()
    assert sorted(person["display_name"] for person in mine["my_pair"]) == ["Ana", "Cy"]
    assert [person["display_name"] for person in mine["attendees"]] == ["Ana", "Bo", "Cy"]


def test_a_late_joiner_is_paired_again_without_breaking_a_pair(journal, other, cy, team):
    body = start(journal, team)
    path = f"{meetings(team)}/{body['id']}"
    other.api("POST", f"{path}/join")
    pairs = journal.api("POST", f"{path}/pairs").get_json()["pairs"]
    assert len(pairs) == 1 and len(pairs[0]) == 2
    assert cy.api("GET", path).get_json()["my_pair"] is None, "not joined, not paired"
    cy.api("POST", f"{path}/join")
    again = journal.api("POST", f"{path}/pairs").get_json()
    assert [len(group) for group in again["pairs"]] == [3]


def test_the_organiser_ends_the_meeting_and_the_answers_stay(journal, other, team, meeting):
    path = f"{meetings(team)}/{meeting['id']}"
    assert answer(other, team, meeting, progress="Calmer intakes").status_code == 200
    ended = journal.api("POST", f"{path}/end")
    assert ended.status_code == 200 and ended.get_json()["ended_at"]
    assert journal.api("POST", f"{path}/end").status_code == 409
    assert other.api("POST", f"{path}/join").status_code == 409
    assert journal.api("POST", f"{path}/pairs").status_code == 409
    assert other.api("GET", path).get_json()["my_answers"]["progress"]["text"] == "Calmer intakes"
    assert start(journal, team)["id"] != meeting["id"], "a new meeting can start"


def test_my_answers_are_mine_and_another_member_never_sees_them_unshared(
        journal, other, cy, team, meeting):
    saved = answer(other, team, meeting, progress=BO_SECRET, next="Plan the week",
                   help="", share=[])
    assert saved.status_code == 200
    assert saved.get_json()["answers"]["progress"] == {
        "text": BO_SECRET, "shared": False, "shared_at": None, "week": "2026-W48",
        "help_to": None}
    assert saved.get_json()["answers"]["help"] is None
    path = f"{meetings(team)}/{meeting['id']}"
    for person in (journal, cy):
        for response in (person.api("GET", path), person.api("GET", f"/api/v1/teams/{team.id}/shared"),
                         person.client.get(f"/teams/{team.id}"),
                         person.client.get(f"/teams/{team.id}/meetings/{meeting['id']}")):
            assert BO_SECRET not in response.get_data(as_text=True)
    assert BO_SECRET in other.api("GET", path).get_data(as_text=True)


def test_a_shared_answer_shows_with_the_name_and_unsharing_takes_it_back_at_once(
        journal, other, cy, team, meeting):
    answer(other, team, meeting, progress="Calmer intakes", next="Plan with Sam",
           share=["progress"])
    shared = cy.api("GET", f"/api/v1/teams/{team.id}/shared").get_json()
    [item] = shared["items"]
    assert item["text"] == "Calmer intakes" and item["question"] == "progress"
    assert item["author"]["display_name"] == "Bo"
    assert "Plan with Sam" not in str(shared)
    page = cy.client.get(f"/teams/{team.id}").get_data(as_text=True)
    assert "Calmer intakes" in page and "Plan with Sam" not in page
    answer(other, team, meeting, progress="Calmer intakes", next="Plan with Sam", share=[])
    assert cy.api("GET", f"/api/v1/teams/{team.id}/shared").get_json()["items"] == []
    assert "Calmer intakes" not in cy.client.get(f"/teams/{team.id}").get_data(as_text=True)


def test_help_addressed_to_a_teammate_reaches_them_once_and_only_them(
        journal, other, cy, team, meeting):
    cy_id = str(user("cy@example.org").id)
    saved = answer(journal, team, meeting, help="Someone to look at my planning",
                   help_to=cy_id, share=[])
    assert saved.status_code == 200
    assert saved.get_json()["answers"]["help"]["help_to"]["display_name"] == "Cy"
    notice = Delivery.get(Delivery.kind == "team_help")
    help_answer = MeetingAnswer.get(MeetingAnswer.question == "help")
    assert notice.user_id == user("cy@example.org").id and notice.ref == str(help_answer.id)
    answer(journal, team, meeting, help="Someone to look at my planning, please",
           help_to=cy_id)
    assert Delivery.select().where(Delivery.kind == "team_help").count() == 1, "told once"
    asked = cy.api("GET", f"/api/v1/teams/{team.id}/shared").get_json()["asked_of_me"]
    assert [item["text"] for item in asked] == ["Someone to look at my planning, please"]
    assert "planning" not in other.api("GET", f"/api/v1/teams/{team.id}/shared").get_data(
        as_text=True), "Bo was not asked, and Ana did not share it"


@pytest.mark.parametrize("who", ["self", "stranger", "unknown", "garbage"])
def test_help_to_must_be_someone_else_in_the_team(app, journal, team, meeting, who):
    stranger = Journal(app.test_client())
    stranger.signup(email="dee@example.org", name="Dee")
    help_to = {"self": str(user("ana@example.org").id), "stranger": str(user("dee@example.org").id),
               "unknown": UNKNOWN, "garbage": "not-an-id"}[who]
    refused = answer(journal, team, meeting, progress="Calmer", help="Planning", help_to=help_to)
    assert refused.status_code == 422
    assert "Choose someone in this team" in refused.get_json()["error"]["fields"]["help_to"]
    assert MeetingAnswer.select().count() == 0, "nothing half-written"
    assert Delivery.select().where(Delivery.kind == "team_help").count() == 0


def test_answers_need_joining_first_and_bad_input_is_told_per_field(journal, team):
    body = start(journal, team)
    cy_path = f"{meetings(team)}/{body['id']}/answers"
    assert journal.api("PUT", cy_path, json={"progress": 5, "share": ["all"]}).get_json()[
        "error"]["fields"].keys() == {"progress", "share"}
    assert journal.api("PUT", cy_path, data="[]", content_type="application/json").status_code == 400


def test_someone_who_has_not_joined_cannot_answer(journal, other, team):
    body = start(journal, team)
    refused = answer(other, team, body, progress="Calmer")
    assert refused.status_code == 409
    assert MeetingAnswer.select().count() == 0


def test_the_week_is_the_meetings_week_in_the_persons_own_time_zone(
        journal, other, team, clock, meeting):
    User.update(timezone="America/New_York").where(User.email == "bo@example.org").execute()
    TeamMeeting.update(started_at=STORED_NOW.replace(day=30, hour=2)).execute()  # Mon 02:00 UTC
    answer(other, team, meeting, progress="Calmer")
    answer(journal, team, meeting, progress="Steadier")
    weeks = {row.user.display_name: row.week for row in MeetingAnswer.select()}
    assert weeks == {"Bo": "2026-W48", "Ana": "2026-W49"}


def test_nothing_from_a_private_journal_reaches_the_team(journal, other, cy, team, meeting):
    journal.post_entry(text=f"{MARKER} entry")
    assert Entry.select().count() == 1
    journal.client.post("/reviews/2026-W48", data={
        "csrf_token": journal.token("/reviews/2026-W48"), "improved": [f"{MARKER} review"],
        "next_week": MARKER, "help_wanted": MARKER})
    answer(journal, team, meeting, progress="Shared words", share=["progress"])
    path = f"{meetings(team)}/{meeting['id']}"
    for person in (other, cy):
        for response in (person.api("GET", path),
                         person.api("GET", f"/api/v1/teams/{team.id}/shared"),
                         person.client.get(f"/teams/{team.id}"),
                         person.client.get(f"/teams/{team.id}/meetings/{meeting['id']}")):
            assert response.status_code == 200
            body = response.get_data(as_text=True)
            assert MARKER not in body
        assert "Shared words" in person.api("GET", f"/api/v1/teams/{team.id}/shared").get_data(
            as_text=True)


def everything(team, meeting_id):
    path = f"/api/v1/teams/{team.id}/meetings"
    return [("POST", path, {"timer_minutes": 3}), ("GET", f"{path}/{meeting_id}", None),
            ("POST", f"{path}/{meeting_id}/join", None),
            ("POST", f"{path}/{meeting_id}/pairs", None),
            ("POST", f"{path}/{meeting_id}/end", None),
            ("PUT", f"{path}/{meeting_id}/answers", {"progress": "x"}),
            ("GET", f"/api/v1/teams/{team.id}/shared", None)]


def test_a_stranger_gets_404_for_everything(app, journal, other, cy, team, meeting):
    stranger = Journal(app.test_client())
    stranger.signup(email="dee@example.org", name="Dee")
    for method, path, body in everything(team, meeting["id"]):
        response = stranger.api(method, path, json=body)
        assert response.status_code == 404, (method, path)
        assert code_of(response) == "not_found"


def test_a_former_member_gets_404_for_everything_and_their_shared_answers_leave(
        journal, other, cy, team, meeting):
    answer(other, team, meeting, progress="Calmer intakes", share=["progress"])
    TeamMember.delete().where(TeamMember.user == user("bo@example.org")).execute()
    for method, path, body in everything(team, meeting["id"]):
        assert other.api(method, path, json=body).status_code == 404, (method, path)
    assert cy.api("GET", f"/api/v1/teams/{team.id}/shared").get_json()["items"] == []
    assert MeetingAnswer.select().count() == 1, "still in Bo's own journal"


def test_anonymous_gets_401(app, team, journal, meeting):
    anonymous = Journal(app.test_client())
    headers = {"X-CSRFToken": anonymous.token("/login")}
    for method, path, body in everything(team, meeting["id"]):
        response = anonymous.client.open(path, method=method, json=body, headers=headers)
        assert response.status_code == 401, (method, path)
        assert code_of(response) == "unauthorized"


def test_a_meeting_of_another_team_or_none_is_404(journal, other, team, meeting):
    elsewhere = make_team("ana@example.org", "bo@example.org", name="Other team")
    assert journal.api("GET", f"{meetings(elsewhere)}/{meeting['id']}").status_code == 404
    assert journal.api("GET", f"{meetings(team)}/{UNKNOWN}").status_code == 404
    assert journal.api("GET", f"{meetings(team)}/nonsense").status_code == 404
