"""JSON API: teams (/api/v1/teams). Anyone who is not in a team (or no longer) gets 404 for
everything of it; what only the organiser may do answers a member 409 "organiser_only"."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from journal.refusal import Refusal
from journal.teams import store
from journal.teams.membership import membership, teams_of
from journal.teams.rules import join_problem, problem_message
from journal.web import invalid, json_body, not_found, owned_or_404, request_now

bp = Blueprint("teams_api", __name__, url_prefix="/api/v1/teams")


def _member(team_id):
    return owned_or_404(membership(current_user, team_id), problem_message("no_team"))


@bp.post("")
@login_required
def create_team():
    """Make a team (`{"name"}`): 201, with its join link shown this once."""
    now = request_now()
    member, token, errors = store.create_team(current_user, json_body().get("name"), now)
    if errors:
        return invalid(errors)
    return jsonify(store.team_to_api(member, now, token)), 201


@bp.get("")
@login_required
def list_teams():
    """The teams I am in, by name."""
    now = request_now()
    return jsonify({"items": [store.team_to_api(m, now) for m in teams_of(current_user)],
                    "next": None})


@bp.get("/<team_id>")
@login_required
def get_team(team_id):
    """One of my teams: its members and my role (and the join link's state, for the organiser)."""
    return jsonify(store.team_to_api(_member(team_id), request_now()))


@bp.patch("/<team_id>")
@login_required
def rename_team(team_id):
    """Rename (`{"name"}`; the organiser)."""
    member, body = _member(team_id), json_body()
    now = request_now()
    errors = store.rename(member, body.get("name"), now)
    if errors:
        return invalid(errors)
    return jsonify(store.team_to_api(member, now))


@bp.post("/<team_id>/join_link")
@login_required
def renew_link(team_id):
    """A new join link (the organiser): the old one stops working. The new `join_url` is in
    the answer, this once."""
    member, now = _member(team_id), request_now()
    token = store.renew_link(member, now)
    return jsonify(store.team_to_api(member, now, token))


@bp.delete("/<team_id>/join_link")
@login_required
def revoke_link(team_id):
    """Switch the join link off (the organiser)."""
    store.revoke_link(_member(team_id), request_now())
    return "", 204


@bp.post("/join")
@login_required
def join():
    """Join by the token of a join link (`{"token"}`): 201 the team, or 200 when already in it.
    404 for an unknown, renewed or switched-off link; 410 for an expired one."""
    token = json_body().get("token")
    if not isinstance(token, str) or not token.strip():
        return invalid({"token": problem_message("unknown_link")})
    team = store.by_token(token.strip())
    if team is None:
        not_found(problem_message("unknown_link"))
    now = request_now()
    problem = join_problem(expires_at=team.join_expires_at, now=now,
                           already_member=membership(current_user, team.id) is not None)
    if problem == "expired":
        raise Refusal("gone", problem_message("expired", team.name), code="join_link_expired")
    member, joined = store.join(team, current_user, now)
    return jsonify(store.team_to_api(member, now)), 201 if joined else 200


@bp.delete("/<team_id>/members/<user_id>")
@login_required
def remove_member(team_id, user_id):
    """The organiser removes a member; anyone removes themselves (leaves). When the last
    member leaves, the team is deleted."""
    store.remove(_member(team_id), user_id)
    return "", 204


@bp.post("/<team_id>/organiser")
@login_required
def hand_over(team_id):
    """Hand the team over (`{"user_id"}` of another member; the organiser, who becomes a
    member)."""
    member, body = _member(team_id), json_body()
    now = request_now()
    store.hand_over(member, body.get("user_id"), now)
    return jsonify(store.team_to_api(member, now))
