"""JSON API: /api/v1/summaries, the employee's side of summaries for progress conversations."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.clock import current_now
from journal.models.summary import Summary, SummaryItem, SummaryResponse
from journal.refusal import Refusal
from journal.summaries.agreement_rules import clean_agreement_text
from journal.summaries.agreements import (
    accept,
    agreement_on,
    agreement_to_api,
    agreements_grouped,
    agreements_of,
    decline,
    previous_agreements,
    propose,
    withdraw_proposal,
)
from journal.summaries.rules import clean_new_summary, clean_summary
from journal.summaries.store import (
    create_summary,
    delete_draft,
    employee_view,
    manager_view,
    response_of,
    share_summary,
    update_summary,
    withdraw_summary,
)
from journal.web import invalid, json_body, owned_or_404, user_today

bp = Blueprint("summaries_api", __name__, url_prefix="/api/v1/summaries")


NO_SUMMARY = _l("There is no such summary.")
NO_AGREEMENT = _l("There is no such next step.")


def _owned(summary_id):
    return owned_or_404(Summary.owned(current_user, summary_id), NO_SUMMARY)


def _one(summary):
    return employee_view(summary, SummaryItem.of(summary), response_of(summary),
                         agreements_of(summary))


def _agreement(summary, agreement_id):
    return owned_or_404(agreement_on(summary, agreement_id), NO_AGREEMENT)


@bp.get("")
@login_required
def list_summaries():
    """The user's summaries, newest first."""
    summaries = list(Summary.of(current_user))
    items, replies = SummaryItem.grouped(summaries), SummaryResponse.grouped(summaries)
    agreements = agreements_grouped(summaries)
    return jsonify({"items": [employee_view(s, items[s.id], replies.get((s.id, s.manager_id)),
                                            agreements[s.id])
                              for s in summaries], "next": None})


@bp.post("")
@login_required
def create():
    """A new draft for `from`–`to` (or a `period`), with proposed highlights."""
    body = json_body()
    today = user_today()
    period, conversation_on, errors = clean_new_summary(
        body, today=today, last_shared_to=Summary.last_shared_to(current_user))
    if errors:
        return invalid(errors)
    summary = create_summary(current_user, period, conversation_on, current_now())
    return jsonify(_one(summary)), 201


@bp.get("/<summary_id>")
@login_required
def get_summary(summary_id):
    """One of the user's summaries."""
    return jsonify(_one(_owned(summary_id)))


@bp.patch("/<summary_id>")
@login_required
def update(summary_id):
    """Change answers, the conversation day or the highlights (`items` replaces them all)."""
    summary = _owned(summary_id)
    if summary.status == "shared":
        raise Refusal("conflict", _("It is shared now. Withdraw it first to change it."))
    values, errors = clean_summary(json_body(), today=user_today(),
                                   current_conversation_on=summary.conversation_on)
    if errors:
        return invalid(errors)
    return jsonify(_one(update_summary(summary, values, current_now())))


@bp.post("/<summary_id>/share")
@login_required
def share(summary_id):
    """Share with one connected manager: `{"manager_id": "..."}`."""
    summary = _owned(summary_id)
    manager_id = json_body().get("manager_id")
    return jsonify(_one(share_summary(summary, manager_id, current_now())))


@bp.post("/<summary_id>/withdraw")
@login_required
def withdraw(summary_id):
    """Take a shared summary back; the manager no longer sees it."""
    summary = _owned(summary_id)
    return jsonify(_one(withdraw_summary(summary, current_now())))


@bp.get("/<summary_id>/preview")
@login_required
def preview(summary_id):
    """Exactly what the manager's `GET /api/v1/shared/<id>` shows."""
    summary = _owned(summary_id)
    return jsonify(manager_view(summary, SummaryItem.of(summary), current_user,
                                agreements_of(summary),
                                previous_agreements(summary, summary.manager_id)))


@bp.delete("/<summary_id>")
@login_required
def delete(summary_id):
    """Delete a draft that was never shared."""
    summary = _owned(summary_id)
    delete_draft(summary)
    return "", 204


@bp.post("/<summary_id>/agreements")
@login_required
def propose_agreement(summary_id):
    """Propose a next step on my shared summary: `{"text"}`; my manager hears of it."""
    summary = _owned(summary_id)
    text, errors = clean_agreement_text(json_body())
    if errors:
        return invalid(errors)
    agreement = propose(summary, text, "employee", current_now())
    return jsonify(agreement_to_api(agreement)), 201


@bp.post("/<summary_id>/agreements/<agreement_id>/accept")
@login_required
def accept_agreement(summary_id, agreement_id):
    """Take a proposed step into my outer circle as a new goal; `{"text"}` puts it in my own
    words."""
    summary = _owned(summary_id)
    agreement = _agreement(summary, agreement_id)
    text, errors = clean_agreement_text(json_body() if request.is_json else {}, required=False)
    if errors:
        return invalid(errors)
    accepted = accept(summary, agreement, text or agreement.text, current_user, current_now())
    return jsonify(agreement_to_api(accepted))


@bp.post("/<summary_id>/agreements/<agreement_id>/decline")
@login_required
def decline_agreement(summary_id, agreement_id):
    """Let a proposed step go; it stays in the record as let go."""
    summary = _owned(summary_id)
    agreement = _agreement(summary, agreement_id)
    return jsonify(agreement_to_api(decline(summary, agreement, current_now())))


@bp.delete("/<summary_id>/agreements/<agreement_id>")
@login_required
def delete_agreement(summary_id, agreement_id):
    """Take back a step I proposed that nobody decided on yet."""
    summary = _owned(summary_id)
    withdraw_proposal(_agreement(summary, agreement_id), "employee")
    return "", 204
