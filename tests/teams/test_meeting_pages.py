"""The pages of team meetings that start in pairs: the card on the team page, starting,
joining, pairing and ending; writing my answers (errors next to the field, nothing half-written),
sharing one with the team, asking a teammate for help (they see it on the team page), my own
answers in my weekly review only, and 404 for anyone not in the team."""
import pytest

from journal.models import User
from journal.models.team import MeetingAnswer, TeamMeeting, TeamMember
from tests.conftest import Journal
from tests.teams.test_meeting_api import make_team

BO_SECRET = "BO-UNSHARED-ANSWER-MARKER"


def form_post(person, path, data=None):
    return person.client.post(path, data={"csrf_token": person.token("/"), **(data or {})})


def page(person, path):
    response = person.client.get(path)
    return response.status_code, response.get_data(as_text=True)


@pytest.fixture
def cy(app):
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


@pytest.fixture
def team(journal, other, cy):
    return make_team("ana@example.org", "bo@example.org", "cy@example.org")


def started(journal, team, minutes="3"):
    response = form_post(journal, f"/teams/{team.id}/meetings", {"timer_minutes": minutes})
    assert response.status_code == 302
    return TeamMeeting.get()


@pytest.fixture
def meeting(journal, other, cy, team):
    meeting = started(journal, team)
    for person in (other, cy):
        assert form_post(person, f"/teams/{team.id}/meetings/{meeting.id}/join").status_code == 302
    return meeting


def meeting_path(team, meeting):
    return f"/teams/{team.id}/meetings/{meeting.id}"


def test_the_organiser_starts_and_members_see_that_a_meeting_has_started(
        journal, other, team):
    status, html = page(journal, f"/teams/{team.id}")
    assert status == 200 and "Start a meeting" in html and "A gentle timer" in html
    _, html = page(other, f"/teams/{team.id}")
    assert "Start a meeting" not in html and "A meeting has started" not in html
    assert form_post(other, f"/teams/{team.id}/meetings").status_code == 403
    meeting = started(journal, team, minutes="")
    assert meeting.timer_minutes is None and meeting.started_by_id == User.get(
        User.email == "ana@example.org").id
    _, html = page(other, f"/teams/{team.id}")
    assert "A meeting has started" in html and "Join the meeting" in html


def test_joining_pairing_and_seeing_my_pair(journal, other, cy, team):
    meeting = started(journal, team)
    path = meeting_path(team, meeting)
    status, html = page(other, path)
    assert status == 200 and "Join the meeting" in html and 'name="progress"' not in html
    form_post(other, f"{path}/join")
    _, html = page(other, path)
    assert "Not paired yet" in html and 'name="progress"' in html
    assert "What help would I like with that?" in html and "Share with the team" in html
    assert form_post(other, f"{path}/pairs").status_code == 403
    form_post(cy, f"{path}/join")
    assert form_post(journal, f"{path}/pairs").status_code == 302
    _, html = page(other, path)
    assert "You talk with Ana and Cy." in html
    _, html = page(journal, path)
    assert "You talk with Bo and Cy." in html and "3 people joined" in html


def test_the_timer_is_offered_calmly_and_only_when_chosen(journal, team):
    meeting = started(journal, team, minutes="3")
    _, html = page(journal, meeting_path(team, meeting))
    assert "data-meeting-timer" in html and 'data-minutes="3"' in html
    assert "3 minutes per question" in html and "js/meeting-timer.js" in html


def test_my_answers_are_saved_privately_shared_when_ticked_and_help_reaches_the_named_teammate(
        journal, other, cy, team, meeting):
    path = meeting_path(team, meeting)
    cy_id = str(User.get(User.email == "cy@example.org").id)
    saved = form_post(journal, f"{path}/answers", {
        "progress": "The intake checklist works", "next": "Train Sam on it",
        "help": "Someone to look at my planning", "help_to": cy_id,
        "share_help": "1"})
    assert saved.status_code == 302
    form_post(other, f"{path}/answers", {"progress": BO_SECRET, "next": BO_SECRET})
    _, html = page(cy, f"/teams/{team.id}")
    assert "Ana would like your help with: Someone to look at my planning" in html
    assert "Train Sam on it" not in html and BO_SECRET not in html
    _, html = page(other, f"/teams/{team.id}")
    assert "Someone to look at my planning" in html, "Ana shared it with the team"
    assert "would like your help with" not in html, "but she asked Cy, not Bo"
    _, html = page(journal, path)
    assert "Train Sam on it" in html and f'value="{cy_id}" selected' in html
    assert 'name="share_help" value="1" checked' in html
    for person in (journal, cy):
        assert BO_SECRET not in page(person, path)[1]


def test_unticking_takes_a_shared_answer_back_at_once(journal, other, team, meeting):
    path = meeting_path(team, meeting)
    form_post(journal, f"{path}/answers", {"progress": "Calmer mornings", "share_progress": "1"})
    assert "Calmer mornings" in page(other, f"/teams/{team.id}")[1]
    form_post(journal, f"{path}/answers", {"progress": "Calmer mornings"})
    assert "Calmer mornings" not in page(other, f"/teams/{team.id}")[1]
    assert MeetingAnswer.get().shared_at is None


def test_a_bad_answer_is_told_next_to_its_field_and_nothing_is_saved(
        journal, team, meeting):
    path = meeting_path(team, meeting)
    ana_id = str(User.get(User.email == "ana@example.org").id)
    refused = form_post(journal, f"{path}/answers", {"progress": "Kept as typed",
                                                     "help": "Planning", "help_to": ana_id})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert 'id="help_to-error"' in html and "Choose someone in this team" in html
    assert "Kept as typed" in html
    assert MeetingAnswer.select().count() == 0
    refused = form_post(journal, f"{path}/answers", {"share_next": "1", "progress": "x" * 2001})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert 'id="next-error"' in html and 'id="progress-error"' in html


def test_my_answers_show_in_my_own_weekly_review_only(journal, other, team, meeting):
    path = meeting_path(team, meeting)
    form_post(journal, f"{path}/answers", {"progress": "ANA-OWN-ANSWER", "help": "ANA-HELP"})
    form_post(other, f"{path}/answers", {"progress": BO_SECRET})
    _, html = page(journal, "/reviews/2026-W48")
    assert "From the team meeting" in html
    assert "ANA-OWN-ANSWER" in html and "ANA-HELP" in html and BO_SECRET not in html
    assert html.index("ANA-OWN-ANSWER") < html.index("ANA-HELP")
    _, html = page(other, "/reviews/2026-W48")
    assert BO_SECRET in html and "ANA-OWN-ANSWER" not in html
    _, html = page(journal, "/reviews/2026-W47")
    assert "From the team meeting" not in html


def test_the_organiser_ends_the_meeting_and_the_answers_stay(journal, other, team, meeting):
    path = meeting_path(team, meeting)
    form_post(other, f"{path}/answers", {"progress": "Still mine"})
    ended = form_post(journal, f"{path}/end")
    assert ended.status_code == 302 and ended.headers["Location"].endswith(f"/teams/{team.id}")
    assert form_post(other, f"{path}/end").status_code == 403
    _, html = page(other, f"/teams/{team.id}")
    assert "A meeting has started" not in html
    _, html = page(other, path)
    assert "Ended" in html and "Still mine" in html
    joined = form_post(other, f"{path}/join")
    assert joined.status_code == 302, "told on the meeting's page"
    assert "This meeting has ended" in page(other, path)[1]


def test_strangers_and_former_members_get_404_and_visitors_the_login(
        app, journal, other, team, meeting):
    stranger = Journal(app.test_client())
    stranger.signup(email="dee@example.org", name="Dee")
    TeamMember.delete().where(TeamMember.user == User.get(User.email == "bo@example.org")).execute()
    path = meeting_path(team, meeting)
    for person in (stranger, other):
        assert person.client.get(path).status_code == 404
        for action in ("join", "pairs", "end", "answers"):
            assert form_post(person, f"{path}/{action}").status_code == 404, action
        assert form_post(person, f"/teams/{team.id}/meetings").status_code == 404
    assert journal.client.get(f"/teams/{team.id}/meetings/nonsense").status_code == 404
    visitor = app.test_client()
    response = visitor.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
