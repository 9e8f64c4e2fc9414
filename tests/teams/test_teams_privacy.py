"""A team sees only what a member put into it: nothing of anyone's private journal (entries,
reviews, goals and their steps) and no e-mail address ever reaches a team page or the teams
API, for the organiser, a member, or anyone else."""
from journal.models.team import Team
from tests.teams.test_teams_api import join, make_team, token_of

ANA_PRIVATE = ["ANA-ENTRY-SECRET", "ANA-REVIEW-SECRET", "ANA-GOAL-SECRET", "ANA-STEP-SECRET"]
BO_PRIVATE = ["BO-ENTRY-SECRET", "BO-GOAL-SECRET"]


def write_private_journal(ana, bo):
    assert ana.api("POST", "/api/v1/entries", json={"text": "ANA-ENTRY-SECRET"}).status_code \
        == 201
    assert ana.api("PUT", "/api/v1/reviews/2026-W48",
                   json={"improved": ["ANA-REVIEW-SECRET"]}).status_code in (200, 201)
    assert ana.api("POST", "/api/v1/goals", json={
        "title": "ANA-GOAL-SECRET", "steps": [{"text": "ANA-STEP-SECRET", "done": False}]}
    ).status_code == 201
    assert bo.api("POST", "/api/v1/entries", json={"text": "BO-ENTRY-SECRET"}).status_code == 201
    assert bo.api("POST", "/api/v1/goals", json={"title": "BO-GOAL-SECRET"}).status_code == 201


def everything_of_the_team(person, team_id, link):
    """Every page and API answer of the team this person can open, as one text."""
    paths = ["/teams", f"/teams/{team_id}", f"/teams/{team_id}/members", link,
             "/conversations", "/api/v1/teams", f"/api/v1/teams/{team_id}"]
    texts = []
    for path in paths:
        response = person.client.get(path)
        assert response.status_code == 200, path
        texts.append(response.get_data(as_text=True))
    return "\n".join(texts)


def test_no_private_journal_text_and_no_address_reaches_the_team(journal, other):
    write_private_journal(journal, other)
    body = make_team(journal)
    assert join(other, token_of(body)).status_code == 201
    link = f"/teams/join/{token_of(body)}"
    for person, own, theirs in ((journal, ANA_PRIVATE, BO_PRIVATE),
                                (other, BO_PRIVATE, ANA_PRIVATE)):
        seen = everything_of_the_team(person, body["id"], link)
        for marker in own + theirs:
            assert marker not in seen, marker
    ana_sees = everything_of_the_team(journal, body["id"], link)
    bo_sees = everything_of_the_team(other, body["id"], link)
    assert "bo@example.org" not in ana_sees and "ana@example.org" not in bo_sees
    assert "Bo" in ana_sees and "Ana" in bo_sees, "names are what teammates see"


def test_a_private_marker_in_a_team_name_is_only_what_was_put_in(journal, other):
    """The control: what the organiser chose to put into the team (its name) is seen."""
    body = make_team(journal, "TEAM-NAME-CHOSEN")
    assert join(other, token_of(body)).status_code == 201
    assert "TEAM-NAME-CHOSEN" in other.client.get(f"/teams/{body['id']}").get_data(as_text=True)
    assert Team.get().name == "TEAM-NAME-CHOSEN"
