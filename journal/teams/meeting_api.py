"""JSON API: /api/v1/teams/<team_id>/meetings, team meetings that start in pairs, and
/api/v1/teams/<team_id>/shared, the answers members share with the team. Anyone not in the
team gets 404 for all of it."""
from flask import Blueprint, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.teams import meeting_store as store
from journal.teams.meeting_rules import check_organiser, clean_answers, clean_timer
from journal.teams.meeting_shapes import answers_to_api, meeting_to_api, shared_to_api
from journal.teams.membership import membership
from journal.web import invalid, json_body, not_found, request_now

bp = Blueprint("team_meetings_api", __name__, url_prefix="/api/v1/teams")

NO_TEAM = _l("There is no such team.")
NO_MEETING = _l("There is no such meeting.")


def _member(team_id):
    member = membership(current_user, team_id)
    if member is None:
        not_found(NO_TEAM)
    return member


def _meeting(member, meeting_id):
    meeting = store.meeting_of(member.team, meeting_id)
    if meeting is None:
        not_found(NO_MEETING)
    return meeting


def _shown(meeting, status=200):
    return jsonify(meeting_to_api(meeting, current_user)), status


@bp.post("/<team_id>/meetings")
@login_required
def start(team_id):
    """The organiser starts a meeting (`{"timer_minutes": 3}` or null for no timer)."""
    member = _member(team_id)
    check_organiser(member.role)
    body = json_body() if request.get_data() else {}
    minutes, error = clean_timer(body.get("timer_minutes"))
    if error:
        return invalid({"timer_minutes": error})
    return _shown(store.start(member.team, current_user, minutes, request_now()), 201)


@bp.get("/<team_id>/meetings/<meeting_id>")
@login_required
def get_meeting(team_id, meeting_id):
    """One meeting: who joined, the pairs, my pair and my own answers."""
    member = _member(team_id)
    return _shown(_meeting(member, meeting_id))


@bp.post("/<team_id>/meetings/<meeting_id>/join")
@login_required
def join(team_id, meeting_id):
    """I join a meeting still going on."""
    member = _member(team_id)
    return _shown(store.join(_meeting(member, meeting_id), current_user, request_now()))


@bp.post("/<team_id>/meetings/<meeting_id>/pairs")
@login_required
def pair(team_id, meeting_id):
    """The organiser pairs the people who joined (again, when someone joined late)."""
    member = _member(team_id)
    meeting = _meeting(member, meeting_id)
    check_organiser(member.role)
    return _shown(store.pair(meeting, request_now()))


@bp.post("/<team_id>/meetings/<meeting_id>/end")
@login_required
def end(team_id, meeting_id):
    """The organiser ends the meeting."""
    member = _member(team_id)
    meeting = _meeting(member, meeting_id)
    check_organiser(member.role)
    return _shown(store.end(meeting, request_now()))


@bp.put("/<team_id>/meetings/<meeting_id>/answers")
@login_required
def answers(team_id, meeting_id):
    """My answers to the three questions (`progress`, `next`, `help`; empty or left out to
    leave one out), the teammate I would like help from (`help_to`), and which answers I share
    with the team (`share`). They are mine: only what I share, the team sees."""
    member = _member(team_id)
    meeting = _meeting(member, meeting_id)
    values, errors = clean_answers(json_body())
    if errors:
        return invalid(errors)
    saved = store.save_answers(meeting, current_user, values, request_now())
    return jsonify({"answers": answers_to_api(saved)})


@bp.get("/<team_id>/shared")
@login_required
def shared(team_id):
    """The answers members share with the team, newest first, and the help asked of me."""
    member = _member(team_id)
    return jsonify(shared_to_api(member.team, current_user))
