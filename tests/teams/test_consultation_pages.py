"""Peer consultation pages: bringing a case, the step the group is at with its question, adding
questions and ideas, the owner moving on and closing with a next step into their own circle,
"what went better since?", deleting, the team page's card, and 404 outside the team."""
from datetime import timedelta

import pytest
from flask import render_template

from journal.conversations.steps import CONSULTATION_STEPS
from journal.models import Goal, User
from journal.models.team import Consultation, Contribution, Team, TeamMember
from journal.teams.consultation_store import card_of
from tests.conftest import STORED_NOW, Journal

CASE = "I want our Monday handovers to take less time"
MARKER = "PRIVATE-JOURNAL-MARKER"


def user(email):
    return User.by_email(email)


@pytest.fixture
def team(journal, other):
    """Ana (organiser) and Bo (member), made in the database."""
    team = Team.create(name="Care team", created_at=STORED_NOW, updated_at=STORED_NOW)
    TeamMember.create(team=team, user=user("ana@example.org"), role="organiser",
                      joined_at=STORED_NOW)
    TeamMember.create(team=team, user=user("bo@example.org"), joined_at=STORED_NOW)
    return team


def index(team):
    return f"/teams/{team.id}/consultations"


def post(person, url, **data):
    return person.client.post(url, data={"csrf_token": person.token("/entries"), **data})


@pytest.fixture
def case_url(journal, team):
    response = post(journal, index(team), case=CASE)
    assert response.status_code == 302
    case = Consultation.get()
    assert response.headers["Location"].endswith(f"{index(team)}/{case.id}")
    return f"{index(team)}/{case.id}"


def page(person, url):
    response = person.client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def walk(person, url, steps):
    for _ in range(steps):
        assert post(person, f"{url}/step", direction="1").status_code == 302


def test_bringing_a_case_needs_words_said_beside_the_field(journal, team):
    response = post(journal, index(team), case="  ")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="case-error"' in html
    assert 'aria-invalid="true"' in html and Consultation.select().count() == 0
    assert "Bring a case" in page(journal, index(team))


def test_the_step_and_its_question_lead_the_page(journal, other, team, case_url):
    first = CONSULTATION_STEPS[0]
    html = page(other, case_url)
    assert CASE in html and str(first.title) in html and str(first.question) in html
    assert "Step 1 of 6" in html and "In turn: Bo." in html  # the owner is not in the round
    assert f"{case_url}/step" not in html and "Ana moves the group on" in html
    owner = page(journal, case_url)
    assert f"{case_url}/step" in owner and "In turn: Bo" in owner


def test_the_group_adds_and_the_owner_moves_on(journal, other, team, case_url):
    assert post(other, f"{case_url}/contributions", step="usefulness",
                text="What would make today useful?").status_code == 302
    empty = post(other, f"{case_url}/contributions", step="usefulness", text="")
    assert empty.status_code == 422 and 'id="text-error"' in empty.get_data(as_text=True)
    refused = post(other, f"{case_url}/step", direction="1")
    assert refused.status_code == 302 and Consultation.get().step == 0
    assert "moves the group on" in page(other, case_url)  # told why, as a flash
    walk(journal, case_url, 1)
    html = page(other, case_url)
    assert "Step 2 of 6" in html and "What would make today useful?" in html
    assert str(CONSULTATION_STEPS[1].question) in html
    # A thought sent from the page of the step before still lands there.
    assert post(other, f"{case_url}/contributions", step="usefulness",
                text="Late thought").status_code == 302
    assert Contribution.get(Contribution.text == "Late thought").step == 0


def test_closing_into_the_owners_circle(journal, other, team, case_url):
    walk(journal, case_url, 5)
    html = page(journal, case_url)
    assert "Put it in my circle" in html and "Close without a goal" in html
    assert "Put it in my circle" not in page(other, case_url)
    missing = post(journal, f"{case_url}/close", next_step="", circle="yes")
    assert missing.status_code == 422 and 'id="next_step-error"' in missing.get_data(
        as_text=True)
    assert post(other, f"{case_url}/close", next_step="Bo's", circle="yes").status_code == 302
    assert Consultation.get().status == "open" and Goal.select().count() == 0
    assert post(journal, f"{case_url}/close", next_step="Start at 8:50",
                circle="yes").status_code == 302
    goal = Goal.get()
    assert goal.user_id == user("ana@example.org").id and goal.ring == "outer"
    assert "Start at 8:50" in page(journal, "/goals")
    assert "Start at 8:50" not in page(other, "/goals")
    assert "In your outer circle" in page(journal, case_url)
    shown = page(other, case_url)
    assert "Start at 8:50" in shown and "In your outer circle" not in shown
    assert str(goal.id) not in shown


def test_closing_without_a_goal(journal, team, case_url):
    walk(journal, case_url, 5)
    assert post(journal, f"{case_url}/close", next_step="", circle="no").status_code == 302
    assert Consultation.get().status == "closed" and Goal.select().count() == 0
    assert "Closed without a next step" in page(journal, case_url)


def test_the_group_first_asks_what_went_better_since(journal, other, team, case_url, clock):
    walk(journal, case_url, 5)
    post(journal, f"{case_url}/close", next_step="Start at 8:50", circle="yes")
    assert card_of(team, user("ana@example.org"))["ask_better"].id == Consultation.get().id
    clock.now += timedelta(days=7)
    post(journal, index(team), case="Calmer intakes")
    later = Consultation.get(Consultation.case == "Calmer intakes")
    later_url = f"{index(team)}/{later.id}"
    seen = page(other, later_url)
    assert "First: what went better since?" in seen and "Start at 8:50" in seen
    assert "Ask Ana what went better since" in seen
    first = Consultation.get(Consultation.case == CASE)
    empty = post(journal, f"{case_url}/better_since", better_since="", later=str(later.id))
    assert empty.status_code == 422 and "Calmer intakes" in empty.get_data(as_text=True)
    written = post(journal, f"{case_url}/better_since", better_since="Ten minutes, twice",
                   later=str(later.id))
    assert written.headers["Location"].endswith(f"{later_url}#better-since")
    assert "Ten minutes, twice" in page(other, later_url)
    assert Consultation.get_by_id(first.id).better_since == "Ten minutes, twice"
    assert card_of(team, user("ana@example.org"))["ask_better"] is None
    assert post(other, f"{case_url}/better_since", better_since="Bo's words").status_code == 302
    assert Consultation.get_by_id(first.id).better_since == "Ten minutes, twice"


def test_deleting_the_case_and_a_contribution(journal, other, team, case_url):
    post(other, f"{case_url}/contributions", step="usefulness", text="Bo's idea")
    post(journal, f"{case_url}/contributions", step="usefulness", text="Ana's answer")
    mine = Contribution.get(Contribution.text == "Bo's idea")
    assert post(journal, f"{case_url}/contributions/{mine.id}/delete").status_code == 404
    assert f"/contributions/{mine.id}/delete" not in page(journal, case_url)
    assert f"/contributions/{mine.id}/delete" in page(other, case_url)
    assert post(other, f"{case_url}/contributions/{mine.id}/delete").status_code == 302
    assert Contribution.select().count() == 1
    assert post(other, f"{case_url}/delete").status_code == 302
    assert Consultation.select().count() == 1
    assert "Delete this case" in page(journal, case_url)
    assert "Delete this case" not in page(other, case_url)
    assert post(journal, f"{case_url}/delete").status_code == 302
    assert Consultation.select().count() == 0 and Contribution.select().count() == 0
    assert journal.client.get(case_url).status_code == 404


def test_outside_the_team_nothing_is_found(app, journal, other, team, case_url):
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    TeamMember.create(team=team, user=user("cy@example.org"), joined_at=STORED_NOW)
    assert CASE in page(cy, case_url)
    TeamMember.delete().where(TeamMember.user == user("cy@example.org")).execute()
    for url in (index(team), case_url):
        assert cy.client.get(url).status_code == 404
    for tail in ("/contributions", "/step", "/close", "/better_since", "/delete",
                 "/contributions/1/delete"):
        assert post(cy, case_url + tail, text="x", direction="1", next_step="x",
                    better_since="x").status_code == 404
    assert post(cy, index(team), case="x").status_code == 404
    anonymous = app.test_client()
    assert anonymous.get(case_url).status_code == 302
    assert "/login" in anonymous.get(index(team)).headers["Location"]
    assert Consultation.select().count() == 1 and Contribution.select().count() == 0


def test_the_team_page_card(app, journal, other, team, case_url):
    ana, bo = user("ana@example.org"), user("bo@example.org")
    with app.test_request_context():
        member = TeamMember.get(TeamMember.user == bo)
        html = render_template("teams/_consultation_card.html", team=team, member=member,
                               consultation_card=card_of(team, bo))
    assert "Case of Ana" in html and CASE in html and "Bring a case" in html
    assert card_of(team, ana)["ask_better"] is None


def test_no_private_journal_text_on_the_pages(journal, other, team, case_url):
    journal.post_entry(text=f"{MARKER} entry")
    Goal.create_for(user("ana@example.org"), {"title": f"{MARKER} goal"}, now=STORED_NOW)
    post(other, f"{case_url}/contributions", step="usefulness", text="Bo asks")
    for url in (index(team), case_url):
        assert MARKER not in page(other, url)
        assert MARKER not in page(journal, url)
