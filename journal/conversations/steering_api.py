"""JSON API: /api/v1/steering, steering conversations. The manager prepares, edits (as a draft)
and shares an expectation; the employee sees it once shared and answers it. A draft is the
manager's alone: to anyone else, as anything not theirs, it is 404."""
from flask import Blueprint, jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.conversations import steering_store as store
from journal.conversations.steering_rules import clean_answer, clean_expectation, wording_hints
from journal.web import invalid, json_body, not_found, owned_or_404, request_now, user_today

bp = Blueprint("steering_api", __name__, url_prefix="/api/v1/steering")

NO_STEERING = _l("There is no such steering conversation.")
NO_EMPLOYEE = _l("Choose someone who shares with you.")


def _view(steering, role):
    hints = ()
    if role == "manager" and steering.status == "draft":
        hints = wording_hints(steering.expectation, steering.reason, steering.room)
    return store.to_api(steering, hints)


def _find(steering_id, role=None):
    """The conversation, when the current person may see it (in `role`, when given)."""
    steering, found_role = store.find(current_user, steering_id)
    owned_or_404(steering, NO_STEERING)
    if role and found_role != role:
        not_found(NO_STEERING)
    return steering, found_role


@bp.get("")
@login_required
def list_steering():
    """The conversations I prepared (drafts too), then the ones shared with me."""
    items = [_view(steering, "manager") for steering in store.given(current_user)]
    items += [_view(steering, "employee") for steering in store.received(current_user)]
    return jsonify({"items": items, "next": None})


@bp.post("")
@login_required
def create():
    """Prepare a draft for someone who shares with me; 201 with hints about its wording."""
    body = json_body()
    values, errors = clean_expectation(body, today=user_today())
    employee = store.employee_of(current_user, body.get("employee_id"))
    if employee is None:
        errors["employee_id"] = NO_EMPLOYEE
    if errors:
        return invalid(errors)
    steering = store.prepare(current_user, employee, values, request_now())
    steering, role = _find(steering.id)
    return jsonify(_view(steering, role)), 201


@bp.get("/<steering_id>")
@login_required
def get_steering(steering_id):
    """One conversation I prepared or that was shared with me."""
    return jsonify(_view(*_find(steering_id)))


@bp.patch("/<steering_id>")
@login_required
def update(steering_id):
    """Change my draft's fields (409 once shared)."""
    steering, role = _find(steering_id, "manager")
    values, errors = clean_expectation(json_body(), today=user_today(), partial=True)
    if errors:
        return invalid(errors)
    return jsonify(_view(store.edit(steering, values, request_now()), role))


@bp.delete("/<steering_id>")
@login_required
def delete(steering_id):
    """Delete my draft (409 once shared)."""
    steering, _role = _find(steering_id, "manager")
    store.discard(steering)
    return "", 204


@bp.post("/<steering_id>/share")
@login_required
def share(steering_id):
    """Share my draft with the employee, who hears of it; sharing again changes nothing."""
    steering, role = _find(steering_id, "manager")
    store.share(steering, request_now())
    return jsonify(_view(steering, role))


@bp.put("/<steering_id>/answer")
@login_required
def answer(steering_id):
    """Save my answer to an expectation shared with me: `plan` (required) and `view`."""
    steering, role = _find(steering_id, "employee")
    values, errors = clean_answer(json_body())
    if errors:
        return invalid(errors)
    return jsonify(_view(store.answer(steering, values, request_now()), role))
