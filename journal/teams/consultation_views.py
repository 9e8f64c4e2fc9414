"""Peer consultation (intervisie) pages: bringing a case to the team, going through six steps
with the group, the owner's next step into their own circle, and "what went better since?".
Only the team's members see any of it; everyone else gets 404."""
from functools import wraps

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.paging import parse_cursor
from journal.teams import consultation_store as store
from journal.teams.consultation_rules import (
    BETTER_LIMIT,
    CASE_LIMIT,
    CONTRIBUTION_LIMIT,
    LAST,
    NEXT_STEP_LIMIT,
    by_step,
    clean_better,
    clean_case,
    clean_contribution,
    clean_next_step,
    step_key,
    step_view,
)
from journal.teams.membership import membership
from journal.web import conflict_told, owned_or_404, request_now

bp = Blueprint("consultations", __name__, url_prefix="/teams")
CASE = "/<team_id>/consultations/<consultation_id>"
LIMITS = {"case_limit": CASE_LIMIT, "contribution_limit": CONTRIBUTION_LIMIT,
          "next_step_limit": NEXT_STEP_LIMIT, "better_limit": BETTER_LIMIT, "steps": LAST + 1}


def case_action(action):
    """A form post on one case: 404 unless the person is in the team and the case is the
    team's; a refusal about the moment (the owner moved on meanwhile, say) is told on the
    case's page."""
    @wraps(action)
    def wrapped(team_id, consultation_id, **more):
        member, case = store.case_for(current_user, team_id, consultation_id)
        owned_or_404(member)
        owned_or_404(case)
        return conflict_told(lambda: action(case, **more), lambda: _back(case))
    return wrapped


def _back(case, anchor=None):
    return redirect(url_for(".show", team_id=case.team_id, consultation_id=case.id,
                            _anchor=anchor))


@bp.get("/<team_id>/consultations")
@login_required
def index(team_id):
    """The team's cases, and the form to bring one."""
    return _index(owned_or_404(membership(current_user, team_id)).team)


def _index(team, errors=None, values=None, status=200):
    cases, more = store.case_page(team, after=parse_cursor(request.args.get("cursor")))
    return render_template("teams/consultation_index.html", team=team, cases=cases, more=more,
                           errors=errors or {}, values=values or {}, **LIMITS), status


@bp.post("/<team_id>/consultations")
@login_required
def bring(team_id):
    """Bring a case; the group starts at the first step."""
    team = owned_or_404(membership(current_user, team_id)).team
    text, error = clean_case(request.form.get("case", ""))
    if error:
        return _index(team, {"case": error}, dict(request.form), 422)
    case = store.bring(team, current_user, text, request_now())
    return _back(case)


@bp.get(CASE)
@login_required
def show(team_id, consultation_id):
    """The case: the step the group is at, its question, what everyone asked and suggested."""
    member, case = store.case_for(current_user, team_id, consultation_id)
    owned_or_404(member)
    return _page(owned_or_404(case))


def _page(case, errors=None, values=None, status=200):
    contributions = store.contributions_of(case)
    closed = case.status == "closed"
    return render_template(
        "teams/consultation_show.html", case=case, team=case.team,
        mine=case.owner_id == current_user.id, step=step_view(case.step),
        earlier=by_step(contributions, LAST + 1 if closed else case.step),
        current=[c for c in contributions if c.step == case.step and not closed],
        turns=[] if closed else store.turns_of(case), previous=store.previous_of(case),
        errors=errors or {}, values=values or {}, **LIMITS), status


@bp.post(CASE + "/contributions")
@login_required
@case_action
def contribute(case):
    """A question or idea at the step the person was looking at (the current one, or an
    earlier one if the owner moved on meanwhile)."""
    store.check("contribute", case, current_user)
    form = {"step": request.form.get("step") or step_key(case.step),
            "text": request.form.get("text", "")}
    values, errors = clean_contribution(form, case.step)
    if errors.get("text"):
        return _page(case, {"text": errors["text"]}, dict(request.form), 422)
    if errors:
        values["step"] = case.step
    store.contribute(case, current_user, values, request_now())
    return _back(case, "step")


@bp.post(CASE + "/contributions/<int:contribution_id>/delete")
@login_required
@case_action
def delete_contribution(case, contribution_id):
    """Delete one of my own contributions."""
    owned_or_404(store.delete_contribution(case, current_user, contribution_id) or None)
    flash(_("Your contribution is deleted."))
    return _back(case)


@bp.post(CASE + "/step")
@login_required
@case_action
def move(case):
    """The owner moves the group on, or back."""
    directions = {"1": 1, "-1": -1}
    if request.form.get("direction") not in directions:
        return _back(case)
    store.move(case, current_user, directions[request.form["direction"]], request_now())
    return _back(case, "step")


@bp.post(CASE + "/close")
@login_required
@case_action
def close(case):
    """The owner closes the case with their next step, into their own circle or not."""
    store.check("close", case, current_user)
    to_circle = request.form.get("circle") != "no"
    text, error = clean_next_step(request.form.get("next_step", ""))
    if error or (to_circle and not text):
        error = error or _("Write the next step in a few words.")
        return _page(case, {"next_step": error}, dict(request.form), 422)
    goal = store.close(case, current_user, text, to_circle, request_now())
    flash(_("It is in your outer circle now: progress still to make, yours to shape.") if goal
          else _("The case is closed. The group keeps the notes."))
    return _back(case, "next-step")


@bp.post(CASE + "/better_since")
@login_required
@case_action
def better_since(case):
    """The owner writes what went better since this case."""
    store.check("better_since", case, current_user)
    # Written from the owner's next case, where the group asks it first: shown there.
    later = store.case_for(current_user, case.team_id, request.form.get("later"))[1] or case
    text, error = clean_better(request.form.get("better_since", ""))
    if error:
        return _page(later, {"better_since": error}, dict(request.form), 422)
    store.write_better(case, current_user, text, request_now())
    flash(_("Thank you. The group sees what went better."))
    return _back(later, "better-since")


@bp.post(CASE + "/delete")
@login_required
@case_action
def delete(case):
    """The owner deletes the case and all its contributions."""
    store.delete(case, current_user)
    flash(_("The case and all its notes are deleted."))
    return redirect(url_for(".index", team_id=case.team_id))
