"""JSON API: /api/v1/goals."""
from flask import Blueprint, jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.goals.rules import clean_goal
from journal.models.goal import Goal, with_steps
from journal.web import invalid, json_body, owned_or_404, request_now

bp = Blueprint("goals_api", __name__, url_prefix="/api/v1/goals")

NO_GOAL = _l("There is no such goal.")


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
    values, errors = clean_goal(json_body())
    if errors:
        return invalid(errors)
    goal = Goal.create_for(current_user, values, now=request_now())
    return jsonify(goal.to_api()), 201


@bp.get("/<goal_id>")
@login_required
def get_goal(goal_id):
    """One goal of the user's."""
    return jsonify(owned_or_404(Goal.owned(current_user, goal_id), NO_GOAL).to_api())


@bp.patch("/<goal_id>")
@login_required
def update_goal(goal_id):
    """Change fields; `ring` moves it in (dated) or out; `steps` replaces the checklist."""
    goal = owned_or_404(Goal.owned(current_user, goal_id), NO_GOAL)
    values, errors = clean_goal(json_body(), partial=True)
    if errors:
        return invalid(errors)
    return jsonify(goal.update_from(values, now=request_now()).to_api())


@bp.delete("/<goal_id>")
@login_required
def delete_goal(goal_id):
    """Delete a goal; linked entries stay, unlinked."""
    owned_or_404(Goal.owned(current_user, goal_id), NO_GOAL).delete_instance()
    return "", 204
