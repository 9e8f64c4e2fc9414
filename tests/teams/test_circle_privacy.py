"""The team circle shows only what members put on it: nothing of a member's own journal (their
entries, their goals and the goals' steps) ever reaches the board, its API or the team page,
not even for the member themself, and one team's notes never reach another team."""
import pytest

from journal.models import Goal, User
from tests.teams.test_circle_helpers import MARKER, board_url, make_team, notes_url

OTHER_TEAM = "ONLY-FOR-THE-OTHER-TEAM"


@pytest.fixture
def team(journal, other):
    return make_team("ana@example.org", "bo@example.org")


def fill_private_journal(journal):
    """Ana's own journal, full of the marker: an entry, a goal in each ring with a step."""
    assert journal.post_entry(text=f"{MARKER} entry").status_code in (200, 302)
    ana = User.by_email("ana@example.org")
    for ring in ("outer", "inner"):
        Goal.create_for(ana, {"title": f"{MARKER} goal {ring}", "why": MARKER, "ring": ring,
                              "steps": [{"text": f"{MARKER} step", "done": False}]},
                        now=ana.created_at)


def everything_of(who, team):
    """The board, the rings alone, a theme's board, the API and the team page, as one text."""
    pages = [board_url(team), f"{board_url(team)}/notes", f"{board_url(team)}?theme=",
             notes_url(team), f"{notes_url(team)}?theme=Onboarding", f"/teams/{team.id}"]
    return "\n".join(who.client.get(url).get_data(as_text=True) for url in pages)


def test_no_private_journal_text_reaches_the_team_circle(team, journal, other):
    fill_private_journal(journal)
    assert MARKER in journal.client.get("/goals").get_data(as_text=True), "the marker is there"
    journal.api("POST", notes_url(team), {"text": "Buddy", "ring": "outer",
                                          "theme": "Onboarding"})
    note = journal.api("POST", notes_url(team), {"text": "Handover", "ring": "inner"})
    journal.api("PATCH", notes_url(team, note.get_json()["id"]), {"taken": True})
    for who in (journal, other):
        seen = everything_of(who, team)
        assert "Buddy" in seen and "Handover" in seen
        assert MARKER not in seen


def test_one_teams_notes_never_reach_another_team(team, journal, other):
    elsewhere = make_team("bo@example.org", name="Night shift")
    other.api("POST", notes_url(elsewhere), {"text": OTHER_TEAM, "ring": "outer",
                                             "theme": OTHER_TEAM})
    for who in (journal, other):
        assert OTHER_TEAM not in everything_of(who, team)
    assert OTHER_TEAM in everything_of(other, elsewhere)
