"""JSON API: /api/v1/shared, the summaries shared with me as a manager, and my response."""
from flask import Blueprint, jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.models.summary import SummaryItem, SummaryResponse
from journal.shared.rules import clean_response, praise_hints
from journal.shared.store import (
    mark_first_viewed,
    response_to_api,
    save_response,
)
from journal.sharing import shared_with, summary_shared_with
from journal.summaries.store import manager_view
from journal.web import invalid, json_body, owned_or_404, request_now

bp = Blueprint("shared_api", __name__, url_prefix="/api/v1/shared")


NO_SUMMARY = _l("There is no such summary.")


@bp.get("")
@login_required
def list_shared():
    """Summaries shared with me right now, newest first."""
    summaries = list(shared_with(current_user))
    items = SummaryItem.grouped(summaries)
    return jsonify({"items": [manager_view(summary, items[summary.id], summary.user)
                              for summary in summaries], "next": None})


@bp.get("/<summary_id>")
@login_required
def get_shared(summary_id):
    """One summary shared with me, with my response; the first opening is recorded."""
    summary = owned_or_404(summary_shared_with(current_user, summary_id), NO_SUMMARY)
    mark_first_viewed(summary, request_now())
    view = manager_view(summary, SummaryItem.of(summary), summary.user)
    view["response"] = response_to_api(SummaryResponse.of(summary, current_user.id))
    return jsonify(view)


@bp.put("/<summary_id>/response")
@login_required
def put_response(summary_id):
    """Save my private notes and/or send my reply as written; `hints` when the reply praises a
    trait or consoles by lowering expectations."""
    summary = owned_or_404(summary_shared_with(current_user, summary_id), NO_SUMMARY)
    values, errors = clean_response(json_body())
    if errors:
        return invalid(errors)
    response = save_response(summary, current_user, values, request_now())
    hints = praise_hints(response.reply) if "reply" in values else []
    return jsonify({"response": response_to_api(response), "hints": hints})
