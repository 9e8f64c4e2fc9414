"""JSON API: /api/v1/teams/<team_id>/consultations, a team's peer consultation (intervisie).
Anyone not in the team (or no longer) finds nothing: 404 for everything."""
from flask import Blueprint, jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.conversations.helping_rules import clean_direction
from journal.teams import consultation_store as store
from journal.teams.consultation_rules import (
    clean_better,
    clean_case,
    clean_contribution,
    clean_next_step,
)
from journal.teams.membership import membership
from journal.web import invalid, json_body, not_found, owned_or_404, request_now

bp = Blueprint("consultations_api", __name__, url_prefix="/api/v1/teams")

NO_TEAM = _l("There is no such team.")
NO_CASE = _l("There is no such case.")
NO_CONTRIBUTION = _l("There is no such contribution of yours.")
CASE = "/<team_id>/consultations/<consultation_id>"


def _case(team_id, consultation_id):
    member, case = store.case_for(current_user, team_id, consultation_id)
    owned_or_404(member, NO_TEAM)
    return owned_or_404(case, NO_CASE)


def _shown(case, status=200):
    return jsonify(store.to_api(case, current_user)), status


def _field(body, name, clean):
    """(clean value, None) or (None, the 422 response about `name`)."""
    value, error = clean(body.get(name))
    return value, (invalid({name: error}) if error else None)


@bp.get("/<team_id>/consultations")
@login_required
def list_cases(team_id):
    """The team's cases, open ones first."""
    team = owned_or_404(membership(current_user, team_id), NO_TEAM).team
    return jsonify({"items": [store.summary_to_api(case) for case in store.cases_of(team)],
                    "next": None})


@bp.post("/<team_id>/consultations")
@login_required
def bring(team_id):
    """Bring a case (`{"case"}`): the progress I would like to make."""
    team = owned_or_404(membership(current_user, team_id), NO_TEAM).team
    text, refused = _field(json_body(), "case", clean_case)
    if refused:
        return refused
    return _shown(store.bring(team, current_user, text, request_now()), 201)


@bp.get(CASE)
@login_required
def get_case(team_id, consultation_id):
    """One case with its contributions, the step the group is at, and the previous case."""
    return _shown(_case(team_id, consultation_id))


@bp.post(CASE + "/contributions")
@login_required
def contribute(team_id, consultation_id):
    """A question or idea (`{"step", "text"}`) at the current or an earlier step."""
    case = _case(team_id, consultation_id)
    store.check("contribute", case, current_user)
    values, errors = clean_contribution(json_body(), case.step)
    if errors:
        return invalid(errors)
    store.contribute(case, current_user, values, request_now())
    return _shown(case, 201)


@bp.delete(CASE + "/contributions/<int:contribution_id>")
@login_required
def delete_contribution(team_id, consultation_id, contribution_id):
    """Delete one of my own contributions (someone else's is 404)."""
    case = _case(team_id, consultation_id)
    if not store.delete_contribution(case, current_user, contribution_id):
        not_found(NO_CONTRIBUTION)
    return "", 204


@bp.post(CASE + "/step")
@login_required
def move(team_id, consultation_id):
    """The owner moves the group on (`{"direction": 1}`) or back (`-1`)."""
    case = _case(team_id, consultation_id)
    store.check("step", case, current_user)
    direction, refused = _field(json_body(), "direction", clean_direction)
    if refused:
        return refused
    return _shown(store.move(case, current_user, direction, request_now()))


@bp.post(CASE + "/close")
@login_required
def close(team_id, consultation_id):
    """The owner closes the case at the last step with their next step (`{"next_step"}`),
    which becomes a goal in their own outer circle; empty closes without one."""
    case = _case(team_id, consultation_id)
    store.check("close", case, current_user)
    body = json_body()
    text, refused = _field(body, "next_step", clean_next_step)
    if refused:
        return refused
    store.close(case, current_user, text, True, request_now())
    return _shown(case)


@bp.put(CASE + "/better_since")
@login_required
def better_since(team_id, consultation_id):
    """The owner writes what went better since (`{"text"}`), on a closed case."""
    case = _case(team_id, consultation_id)
    store.check("better_since", case, current_user)
    text, refused = _field(json_body(), "text", clean_better)
    if refused:
        return refused
    return _shown(store.write_better(case, current_user, text, request_now()))


@bp.delete(CASE)
@login_required
def delete(team_id, consultation_id):
    """The owner deletes the case and all its contributions."""
    store.delete(_case(team_id, consultation_id), current_user)
    return "", 204
