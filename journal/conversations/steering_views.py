"""Steering conversations: a manager's expectation, and the employee's own way of meeting it.

The manager prepares a draft (what, why, the room for how), sees gentle hints about its wording,
and shares it; from then on it is the record. The employee answers in their own words, and may
add their view and objections, which stay beside it."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.conversations import steering_store as store
from journal.conversations.steering_rules import (
    ANSWER_FIELDS,
    ANSWER_LIMIT,
    FIELDS,
    LIMIT,
    clean_answer,
    clean_expectation,
    wording_hints,
)
from journal.refusal import Refusal
from journal.shared.guide import STEERING
from journal.web import owned_or_404, request_now, user_today

bp = Blueprint("steering", __name__, url_prefix="/conversations/steering")

FORM_FIELDS = (*FIELDS, "held_on")


@bp.get("")
@login_required
def index():
    """The steering conversations I prepared, and the ones shared with me."""
    return render_template("conversations/steering_index.html",
                           hub=store.hub_of(current_user))


@bp.get("/new")
@login_required
def new():
    """Prepare an expectation for someone who shares with me (chosen with ?employee=)."""
    values = {"employee_id": request.args.get("employee", "")}
    return _form(None, values)


@bp.post("/new")
@login_required
def create():
    """Save a new draft; the page it leads to shows hints about its wording."""
    form = {field: request.form.get(field, "") for field in (*FORM_FIELDS, "employee_id")}
    values, errors = clean_expectation(form, today=user_today())
    employee = store.employee_of(current_user, form["employee_id"])
    if employee is None:
        errors["employee_id"] = _("Choose someone who shares with you.")
    if errors:
        return _form(None, form, errors)
    steering = store.prepare(current_user, employee, values, request_now())
    flash(_("Saved as a draft. Only you see it until you share it."))
    return redirect(url_for(".show", steering_id=steering.id))


@bp.get("/<steering_id>")
@login_required
def show(steering_id):
    """One conversation: for the manager the draft with its hints, or the record with the
    answer; for the employee the record and their answer."""
    steering, role = _find(steering_id)
    return _page(steering, role, _answer_values(steering))


@bp.route("/<steering_id>/edit", methods=["GET", "POST"])
@login_required
def edit(steering_id):
    """Change my draft (a shared one stays as it is)."""
    steering = _mine(steering_id)
    if steering.status != "draft":
        flash(_("It is shared, so it stays as it is. You can prepare a new one."))
        return redirect(url_for(".show", steering_id=steering.id))
    if request.method == "GET":
        return _form(steering, _stored(steering))
    form = {field: request.form.get(field, "") for field in FORM_FIELDS}
    values, errors = clean_expectation(form, today=user_today())
    if errors:
        return _form(steering, form, errors)
    try:
        store.edit(steering, values, request_now())
    except Refusal as refusal:
        flash(refusal.message)
    else:
        flash(_("Your draft is saved. Only you see it until you share it."))
    return redirect(url_for(".show", steering_id=steering.id))


@bp.post("/<steering_id>/share")
@login_required
def share(steering_id):
    """Share my draft: the employee hears of it, and it becomes the record."""
    steering = _mine(steering_id)
    if store.share(steering, request_now()):
        flash(_("Shared with %(name)s. They can write how they will go about it.",
                name=steering.employee.display_name))
    return redirect(url_for(".show", steering_id=steering.id))


@bp.post("/<steering_id>/delete")
@login_required
def delete(steering_id):
    """Delete my draft (a shared one stays: it is the record)."""
    steering = _mine(steering_id)
    try:
        store.discard(steering)
    except Refusal as refusal:
        flash(refusal.message)
        return redirect(url_for(".show", steering_id=steering.id))
    flash(_("The draft is deleted."))
    return redirect(url_for(".index"))


@bp.post("/<steering_id>/answer")
@login_required
def answer(steering_id):
    """Save my answer to an expectation shared with me: how I will go about it, and my view."""
    steering, role = _find(steering_id)
    if role != "employee":
        abort(404)
    form = {field: request.form.get(field, "") for field in ANSWER_FIELDS}
    values, errors = clean_answer(form)
    if errors:
        return _page(steering, role, form, errors)
    store.answer(steering, values, request_now())
    flash(_("Your answer is saved. %(name)s can read it beside the expectation.",
            name=steering.manager.display_name))
    return redirect(url_for(".show", steering_id=steering.id, _anchor="answer"))


def _find(steering_id):
    steering, role = store.find(current_user, steering_id)
    return owned_or_404(steering), role


def _mine(steering_id):
    """A conversation I prepared and may still see; 404 for anyone else's (the employee's
    too: preparing and sharing is the manager's)."""
    steering, role = _find(steering_id)
    if role != "manager":
        abort(404)
    return steering


def _stored(steering):
    values = {field: getattr(steering, field) for field in FIELDS}
    values["held_on"] = steering.held_on.isoformat() if steering.held_on else ""
    return values


def _answer_values(steering):
    return {field: getattr(steering, field) for field in ANSWER_FIELDS}


def _form(steering, values, errors=None):
    status = 422 if errors else 200
    return render_template("conversations/steering_form.html", steering=steering,
                           values=values, errors=errors or {}, principles=STEERING,
                           employees=store.employees_of(current_user), limit=LIMIT), status


def _page(steering, role, values, errors=None):
    hints = []
    if role == "manager" and steering.status == "draft":
        hints = wording_hints(steering.expectation, steering.reason, steering.room)
    status = 422 if errors else 200
    return render_template("conversations/steering_show.html", steering=steering, role=role,
                           hints=hints, values=values, errors=errors or {},
                           limit=ANSWER_LIMIT), status
