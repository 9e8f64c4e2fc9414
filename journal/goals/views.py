"""Goals in the circle technique: the circle, a goal with its steps, moving in and out."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.entries.timeline import parse_cursor
from journal.goals.rules import circle_positions, clean_goal, clean_step
from journal.goals.store import entries_toward, then_and_now_of
from journal.models.goal import Goal, with_steps
from journal.web import owned_or_404, request_now, user_today

bp = Blueprint("goals", __name__)

INNER_RADIUS = 45
OUTER_RADIUS = 122


def _render_circle(step_errors=None, status=200):
    goals = with_steps(Goal.of(current_user))
    outer = [g for g in goals if g.ring == "outer"]
    inner = [g for g in goals if g.ring == "inner"]
    return render_template(
        "goals/index.html", outer=outer, inner=inner,
        outer_points=circle_positions(len(outer), OUTER_RADIUS),
        inner_points=circle_positions(len(inner), INNER_RADIUS),
        step_errors=step_errors or {}), status


def _render_goal(goal, step_error=None, status=200):
    entries, more = entries_toward(goal, after=parse_cursor(request.args.get("cursor")))
    return render_template("goals/show.html", goal=goal, entries=entries, more=more,
                           step_error=step_error, today=user_today(),
                           then_now=then_and_now_of(goal, current_user.timezone)), status


@bp.get("/goals")
@login_required
def index():
    """The circle: achieved inside, still to achieve outside, and both as lists."""
    return _render_circle()


def _form_values():
    return {"title": request.form.get("title", ""), "why": request.form.get("why", ""),
            "ring": request.form.get("ring", "outer")}


@bp.route("/goals/new", methods=["GET", "POST"])
@login_required
def create():
    """A new goal, outside the circle unless already achieved."""
    if request.method == "GET":
        return render_template("goals/form.html", goal=None, values={"ring": "outer"}, errors={})
    values, errors = clean_goal(_form_values())
    if errors:
        return render_template("goals/form.html", goal=None, values=request.form,
                               errors=errors), 422
    goal = Goal.create_for(current_user, values, now=request_now())
    flash(_("Goal added. What could be a first small step?"))
    return redirect(url_for(".show", goal_id=goal.id))


@bp.get("/goals/<goal_id>")
@login_required
def show(goal_id):
    """A goal: why it matters, its steps, the progress noted toward it."""
    return _render_goal(owned_or_404(Goal.owned(current_user, goal_id)))


@bp.route("/goals/<goal_id>/edit", methods=["GET", "POST"])
@login_required
def edit(goal_id):
    """Change the title and why."""
    goal = owned_or_404(Goal.owned(current_user, goal_id))
    if request.method == "GET":
        return render_template("goals/form.html", goal=goal,
                               values={"title": goal.title, "why": goal.why, "ring": goal.ring},
                               errors={})
    values, errors = clean_goal(_form_values())
    if errors:
        return render_template("goals/form.html", goal=goal, values=request.form,
                               errors=errors), 422
    goal.update_from(values, now=request_now())
    flash(_("Your changes are saved."))
    return redirect(url_for(".show", goal_id=goal.id))


@bp.post("/goals/<goal_id>/steps")
@login_required
def add_step(goal_id):
    """Add the next concrete step (from the goal page or the circle)."""
    goal = owned_or_404(Goal.owned(current_user, goal_id))
    text, error = clean_step(request.form.get("text", ""))
    back_to_circle = request.form.get("from") == "circle"
    if error:
        if back_to_circle:
            return _render_circle({str(goal.id): error}, status=422)
        return _render_goal(goal, error, status=422)
    goal.add_step(text)
    flash(_("Step added."))
    return redirect(url_for(".index") if back_to_circle else url_for(".show", goal_id=goal.id))


@bp.post("/goals/<goal_id>/steps/<int:step_id>/toggle")
@login_required
def toggle_step(goal_id, step_id):
    """Tick a step off, or back on."""
    goal = owned_or_404(Goal.owned(current_user, goal_id))
    step = owned_or_404(goal.step(step_id))
    step.done = not step.done
    step.save()
    return redirect(url_for(".show", goal_id=goal.id))


@bp.post("/goals/<goal_id>/move")
@login_required
def move(goal_id):
    """Move inward (achieved, dated) or back out ("not yet")."""
    goal = owned_or_404(Goal.owned(current_user, goal_id))
    ring = request.form.get("ring")
    if ring not in ("inner", "outer"):
        abort(400)
    goal.update_from({"ring": ring}, now=request_now())
    flash(_("Moved to the inner circle: achieved.") if ring == "inner"
          else _("Moved back out: not yet, and that is fine."))
    return redirect(url_for(".show", goal_id=goal.id))


@bp.post("/goals/<goal_id>/delete")
@login_required
def delete(goal_id):
    """Delete a goal; entries linked to it stay, unlinked."""
    goal = owned_or_404(Goal.owned(current_user, goal_id))
    goal.delete_instance()
    flash(_("The goal is deleted. Entries linked to it are kept."))
    return redirect(url_for(".index"))
