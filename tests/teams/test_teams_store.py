"""What the teams store does beyond the routes: teams passing on before an account goes."""
from journal.models import User
from journal.models.team import Team, TeamMember
from journal.teams.store import hand_on_before_deletion
from tests.teams.test_teams_api import join, make_team, token_of


def test_before_an_account_goes_its_teams_pass_on_or_go(journal, other):
    shared = make_team(journal, "Ward 3")
    make_team(journal, "Only Ana")
    make_team(other, "Bo's own")
    assert join(other, token_of(shared)).status_code == 201
    ana = User.by_email("ana@example.org")
    hand_on_before_deletion(ana)
    assert sorted(t.name for t in Team.select()) == ["Bo's own", "Ward 3"]
    ward = TeamMember.select().join(Team).where(Team.name == "Ward 3")
    assert {m.user.display_name: m.role for m in ward} == {"Ana": "organiser", "Bo": "organiser"}
    ana.delete_instance()
    assert [m.user.display_name for m in TeamMember.select().join(Team).where(
        Team.name == "Ward 3")] == ["Bo"]
