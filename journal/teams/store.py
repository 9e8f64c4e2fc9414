"""Teams on the models: make one, its join link (only a hash of the token is stored; the token
is shown once, when the link is made or renewed), joining, leaving, removing, handing over and
renaming, and a team as the API shows it. Who may do what is decided in journal.teams.rules;
every lookup of a team goes through journal.teams.membership."""
from flask import current_app, url_for
from peewee import IntegrityError

from journal.clock import iso_utc
from journal.db import database, parse_uuid
from journal.mail.compose import external_url
from journal.models.team import Team, TeamMember, join_token_hash, new_join_token
from journal.refusal import Refusal
from journal.teams.membership import members_of, membership
from journal.teams.rules import (
    MEMBER,
    ORGANISER,
    TOKEN_LIMIT,
    clean_name,
    hand_over_problem,
    join_expiry,
    leave_outcome,
    link_is_active,
    organiser_only,
    problem_message,
)


def create_team(user, name, now):
    """Make a team with `user` as its organiser and a fresh join link. Returns (member, token,
    {}) or (None, None, {"name": why}) with nothing stored."""
    clean, errors = clean_name(name)
    if errors:
        return None, None, errors
    token = new_join_token()
    with database.atomic():
        team = Team.create(name=clean, join_hash=join_token_hash(token),
                           join_expires_at=join_expiry(now), created_at=now, updated_at=now)
        member = TeamMember.create(team=team, user=user, role=ORGANISER, joined_at=now)
    member.team = team
    return member, token, {}


def join_url(token):
    """The join link, absolute: on PUBLIC_URL when it is set, else on the request's host."""
    if current_app.config.get("PUBLIC_URL"):
        return external_url("teams.join", token=token)
    return url_for("teams.join", token=token, _external=True)


def link_of(team, now):
    """The join link as the organiser may see it later: when it stops, and whether it works."""
    active = link_is_active(join_hash=team.join_hash, expires_at=team.join_expires_at, now=now)
    expires = team.join_expires_at if team.join_hash else None
    return {"expires_at": iso_utc(expires) if expires else None, "active": active}


def _organiser_or_refuse(member):
    if organiser_only(member.role):
        raise Refusal("conflict", problem_message("organiser_only"), code="organiser_only")


def renew_link(member, now):
    """A new join link (the organiser's): the old one stops working. Returns the token."""
    _organiser_or_refuse(member)
    token = new_join_token()
    team = member.team
    team.join_hash, team.join_expires_at, team.updated_at = (join_token_hash(token),
                                                             join_expiry(now), now)
    team.save(only=[Team.join_hash, Team.join_expires_at, Team.updated_at])
    return token


def revoke_link(member, now):
    """Switch the join link off (the organiser's): nobody can join until a new one is made."""
    _organiser_or_refuse(member)
    team = member.team
    team.join_hash, team.join_expires_at, team.updated_at = None, None, now
    team.save(only=[Team.join_hash, Team.join_expires_at, Team.updated_at])


def by_token(token):
    """The team whose current join link this token is (expired or not), or None."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_LIMIT:
        return None
    return Team.get_or_none(Team.join_hash == join_token_hash(token))


def organiser_of(team):
    """The team's organiser (a User), or None."""
    row = next((m for m in members_of(team) if m.role == ORGANISER), None)
    return row.user if row else None


def join(team, user, now):
    """Put `user` in the team (the link was checked by the caller). Returns (member, joined):
    joining twice changes nothing. Raises Refusal when the team went away meanwhile."""
    existing = membership(user, team.id)
    if existing:
        return existing, False
    try:
        with database.atomic():
            TeamMember.create(team=team.id, user=user, role=MEMBER, joined_at=now)
            joined = True
    except IntegrityError:  # joined a moment ago in another tab, or the team is gone
        joined = False
    member = membership(user, team.id)
    if member is None:
        raise Refusal("not_found", problem_message("unknown_link"))
    return member, joined


def leave(member):
    """The member leaves. Returns "left", or "deleted" when they were the last one (the team
    and all in it go). Refuses the organiser of a team with others in it."""
    with database.atomic():
        count = TeamMember.select().where(TeamMember.team == member.team_id).count()
        outcome = leave_outcome(role=member.role, member_count=count)
        if outcome == "hand_over_first":
            raise Refusal("conflict", problem_message(outcome), code=outcome)
        if outcome == "deleted":
            Team.delete().where(Team.id == member.team_id).execute()
        else:
            member.delete_instance()
    return outcome


def remove(member, user_id):
    """The organiser takes someone out of the team; anyone may take themselves out (leave).
    Returns "removed", "left" or "deleted"."""
    if str(user_id) == str(member.user_id):
        return leave(member)
    _organiser_or_refuse(member)
    target = _member_row(member.team_id, user_id)
    if target is None:
        raise Refusal("not_found", problem_message("no_such_member"), code="not_found")
    target.delete_instance()
    return "removed"


def _member_row(team_id, user_id):
    user_uuid = parse_uuid(user_id) if isinstance(user_id, str) else None
    if user_uuid is None:
        return None
    return TeamMember.get_or_none((TeamMember.team == team_id) & (TeamMember.user == user_uuid))


def hand_over(member, user_id, now):
    """The organiser hands the team to another member and becomes a member. Refuses with a
    message on `user_id` when that is not another member."""
    target = _member_row(member.team_id, user_id)
    problem = hand_over_problem(role=member.role, own_id=member.user_id,
                                new_id=target.user_id if target else None,
                                new_is_member=target is not None)
    if problem == "organiser_only":
        _organiser_or_refuse(member)
    if problem:
        raise Refusal("invalid", problem_message(problem), "user_id")
    with database.atomic():
        stepped_down = (TeamMember.update(role=MEMBER)
                        .where((TeamMember.id == member.id) & (TeamMember.role == ORGANISER))
                        .execute())
        stepped_up = TeamMember.update(role=ORGANISER).where(TeamMember.id == target.id).execute()
        if not (stepped_down and stepped_up):  # handed over or left meanwhile, in another tab
            raise Refusal("conflict", problem_message("organiser_only"), code="organiser_only")
        Team.update(updated_at=now).where(Team.id == member.team_id).execute()
    member.role = MEMBER
    return target


def rename(member, name, now):
    """The organiser renames the team. Returns {} or {"name": why}, nothing stored then."""
    _organiser_or_refuse(member)
    clean, errors = clean_name(name)
    if errors:
        return errors
    Team.update(name=clean, updated_at=now).where(Team.id == member.team_id).execute()
    member.team.name = clean
    return {}


def hand_on_before_deletion(user):
    """Before an account goes: each team it organises passes to its longest-standing other
    member (or is deleted with everything in it when nobody else is in it)."""
    with database.atomic():
        for row in TeamMember.select().where((TeamMember.user == user.id)
                                             & (TeamMember.role == ORGANISER)):
            heir = (TeamMember.select()
                    .where((TeamMember.team == row.team_id) & (TeamMember.user != user.id))
                    .order_by(TeamMember.joined_at, TeamMember.id).first())
            if heir is None:
                Team.delete().where(Team.id == row.team_id).execute()
            else:
                TeamMember.update(role=ORGANISER).where(TeamMember.id == heir.id).execute()


def member_to_api(row):
    """One member as teammates see them: a name and a role, never an address."""
    return {**row.user.to_person(), "role": row.role}


def team_to_api(member, now, token=None):
    """The team as the viewer (`member`) sees it. The organiser also sees the state of the join
    link, and the link itself right after making or renewing it (`token`)."""
    team = member.team
    body = {"id": str(team.id), "name": team.name, "role": member.role,
            "members": [member_to_api(row) for row in members_of(team)]}
    if member.role == ORGANISER:
        body["join_link"] = link_of(team, now)
        if token:
            body["join_url"] = join_url(token)
            body["join_expires_at"] = iso_utc(team.join_expires_at)
    return body


def cards_of(team, user):
    """What each part's card on the team page needs: meetings, the circle, consultations."""
    # Imported here: those stores may one day ask this one (for a join link, say).
    from journal.teams import circle_store, consultation_store, meeting_store
    return {"meeting_card": meeting_store.card_of(team, user),
            "circle_card": circle_store.card_of(team, user),
            "consultation_card": consultation_store.card_of(team, user)}
