"""JSON API: /api/v1/shared, the summaries shared with me as a manager, and my response."""
from flask import Blueprint, jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.clock import current_now
from journal.models.summary import SummaryItem, SummaryResponse
from journal.shared.rules import READ_BY_EMPLOYEE, clean_response, praise_hints
from journal.shared.store import (
    mark_first_viewed,
    response_to_api,
    save_response,
)
from journal.sharing import shared_with, summary_shared_with
from journal.summaries.agreement_rules import clean_agreement_text
from journal.summaries.agreements import (
    agreement_on,
    agreement_to_api,
    agreements_grouped,
    agreements_of,
    previous_agreements,
    propose,
    withdraw_proposal,
)
from journal.summaries.store import manager_view
from journal.web import invalid, json_body, owned_or_404, request_now

bp = Blueprint("shared_api", __name__, url_prefix="/api/v1/shared")


NO_SUMMARY = _l("There is no such summary.")
NO_AGREEMENT = _l("There is no such next step.")


def _shared(summary_id):
    return owned_or_404(summary_shared_with(current_user, summary_id), NO_SUMMARY)


@bp.get("")
@login_required
def list_shared():
    """Summaries shared with me right now, newest first."""
    summaries = list(shared_with(current_user))
    items, agreements = SummaryItem.grouped(summaries), agreements_grouped(summaries)
    return jsonify({"items": [manager_view(summary, items[summary.id], summary.user,
                                           agreements[summary.id])
                              for summary in summaries], "next": None})


@bp.get("/<summary_id>")
@login_required
def get_shared(summary_id):
    """One summary shared with me, with my response; the first opening is recorded."""
    summary = _shared(summary_id)
    mark_first_viewed(summary, request_now())
    view = manager_view(summary, SummaryItem.of(summary), summary.user, agreements_of(summary),
                        previous_agreements(summary, current_user.id))
    view["response"] = response_to_api(SummaryResponse.of(summary, current_user.id))
    return jsonify(view)


@bp.put("/<summary_id>/response")
@login_required
def put_response(summary_id):
    """Save my private notes, what I saw in the work (`observations`) and/or send my reply, as
    written; `hints` when the reply or observations praise a trait or console by lowering
    expectations."""
    summary = _shared(summary_id)
    values, errors = clean_response(json_body())
    if errors:
        return invalid(errors)
    response = save_response(summary, current_user, values, request_now())
    hints = [hint for field in READ_BY_EMPLOYEE if field in values
             for hint in praise_hints(getattr(response, field), field)]
    return jsonify({"response": response_to_api(response), "hints": hints})


@bp.post("/<summary_id>/agreements")
@login_required
def propose_agreement(summary_id):
    """Propose a next step on a summary shared with me: `{"text"}`; the employee hears of it
    and decides."""
    summary = _shared(summary_id)
    text, errors = clean_agreement_text(json_body())
    if errors:
        return invalid(errors)
    agreement = propose(summary, text, "manager", current_now())
    return jsonify({**agreement_to_api(agreement, for_manager=True), "goal_id": None}), 201


@bp.delete("/<summary_id>/agreements/<agreement_id>")
@login_required
def delete_agreement(summary_id, agreement_id):
    """Take back a step I proposed that the employee has not decided on yet."""
    summary = _shared(summary_id)
    agreement = owned_or_404(agreement_on(summary, agreement_id), NO_AGREEMENT)
    withdraw_proposal(agreement, "manager")
    return "", 204
