"""What the circle's tests share (no tests here): a team made directly in the database, people
with browsers of their own, and the circle's addresses."""
from journal.models import User
from journal.models.team import Team, TeamMember
from tests.conftest import STORED_NOW, Journal

MARKER = "PRIVATE-JOURNAL-MARKER"


def make_team(*emails, name="Ward 3"):
    """A team of these people (by email), the first its organiser."""
    team = Team.create(name=name, created_at=STORED_NOW, updated_at=STORED_NOW)
    for index, email in enumerate(emails):
        TeamMember.create(team=team, user=User.by_email(email),
                          role="member" if index else "organiser", joined_at=STORED_NOW)
    return team


def person(app, email, name):
    """Someone signed up and logged in with a browser of their own."""
    someone = Journal(app.test_client())
    assert someone.signup(email=email, name=name).status_code == 302
    return someone


def notes_url(team, note_id=None):
    """The API address of a team's notes, or of one note."""
    base = f"/api/v1/teams/{team.id}/notes"
    return f"{base}/{note_id}" if note_id else base


def board_url(team):
    """The circle page of a team."""
    return f"/teams/{team.id}/circle"
