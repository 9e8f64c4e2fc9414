"""JSON API: /api/v1/goals."""
from flask import Blueprint, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.web import invalid, json_body, json_error, malformed
from journal.clock import current_now, stored_utc
from journal.goals.rules import clean_goal
from journal.models.goal import Goal, with_steps

bp = Blueprint("goals_api", __name__, url_prefix="/api/v1/goals")




def _not_found():
    return json_error(404, "not_found", _("There is no such goal."))


@bp.get("")
@login_required
def list_goals():
    """The user's goals: still to achieve first, then achieved."""
    goals = with_steps(Goal.of(current_user))
    return jsonify({"items": [goal.to_api() for goal in goals], "next": None})


@bp.post("")
@login_required
def create_goal():
    """Create a goal (with steps)."""
    body = json_body()
    if body is None:
        return malformed()
    values, errors = clean_goal(body)
    if errors:
        return invalid(errors)
    goal = Goal.create_for(current_user, values, stored_utc(current_now()))
    return jsonify(goal.to_api()), 201


@bp.get("/<goal_id>")
@login_required
def get_goal(goal_id):
    """One goal of the user's."""
    goal = Goal.owned(current_user, goal_id)
    return jsonify(goal.to_api()) if goal else _not_found()


@bp.patch("/<goal_id>")
@login_required
def update_goal(goal_id):
    """Change fields; `ring` moves it in (dated) or out; `steps` replaces the checklist."""
    goal = Goal.owned(current_user, goal_id)
    if goal is None:
        return _not_found()
    body = json_body()
    if body is None:
        return malformed()
    values, errors = clean_goal(body, partial=True)
    if errors:
        return invalid(errors)
    return jsonify(goal.update_from(values, stored_utc(current_now())).to_api())


@bp.delete("/<goal_id>")
@login_required
def delete_goal(goal_id):
    """Delete a goal; linked entries stay, unlinked."""
    goal = Goal.owned(current_user, goal_id)
    if goal is None:
        return _not_found()
    goal.delete_instance()
    return "", 204
