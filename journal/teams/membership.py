"""Who is in which team: every team route asks here, so the rule lives in one place. Anyone who
is not a member (or no longer one) finds nothing of a team: None, which the views answer 404."""
from journal.db import parse_uuid
from journal.models.team import Team, TeamMember
from journal.models.user import User


def membership(user, team_id):
    """The user's TeamMember row of this team (with `.team` loaded), or None when the id is
    not a team they are in."""
    team_uuid = parse_uuid(team_id)
    if team_uuid is None or not getattr(user, "is_authenticated", True):
        return None
    return (TeamMember
            .select(TeamMember, Team)
            .join(Team)
            .where((TeamMember.team == team_uuid) & (TeamMember.user == user.id))
            .first())


def team_of(user, team_id):
    """The team with this id if the user is in it, else None."""
    member = membership(user, team_id)
    return member.team if member else None


def members_of(team):
    """The team's members (each with `.user` loaded), organiser first, then by name."""
    return list(TeamMember
                .select(TeamMember, User)
                .join(User)
                .where(TeamMember.team == team.id)
                .order_by(TeamMember.role.desc(), User.display_name, User.id))


def teams_of(user):
    """The teams the user is in (each TeamMember with `.team` loaded), by name."""
    return list(TeamMember
                .select(TeamMember, Team)
                .join(Team)
                .where(TeamMember.user == user.id)
                .order_by(Team.name, Team.id))


def is_member(user_id, team_id):
    """Whether this person is in this team right now."""
    return TeamMember.select().where((TeamMember.team == team_id)
                                     & (TeamMember.user == user_id)).exists()
