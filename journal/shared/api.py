"""JSON API: /api/v1/shared, the summaries shared with me as a manager, and my response."""
from flask import Blueprint, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.web import invalid, json_body, json_error, malformed
from journal.clock import current_now, stored_utc
from journal.shared.rules import clean_response, praise_hints
from journal.shared.store import (
    items_by_summary,
    mark_first_viewed,
    response_to_api,
    save_response,
)
from journal.sharing import items_of, response_of, shared_with, summary_shared_with
from journal.summaries.store import manager_view

bp = Blueprint("shared_api", __name__, url_prefix="/api/v1/shared")


def _not_found():
    return json_error(404, "not_found", _("There is no such summary."))


@bp.get("")
@login_required
def list_shared():
    """Summaries shared with me right now, newest first."""
    summaries = list(shared_with(current_user))
    items = items_by_summary(summaries)
    return jsonify({"items": [manager_view(summary, items[summary.id], summary.user)
                              for summary in summaries], "next": None})


@bp.get("/<summary_id>")
@login_required
def get_shared(summary_id):
    """One summary shared with me, with my response; the first opening is recorded."""
    summary = summary_shared_with(current_user, summary_id)
    if summary is None:
        return _not_found()
    mark_first_viewed(summary, stored_utc(current_now()))
    view = manager_view(summary, items_of(summary), summary.user)
    view["response"] = response_to_api(response_of(summary, current_user.id))
    return jsonify(view)


@bp.put("/<summary_id>/response")
@login_required
def put_response(summary_id):
    """Save my private notes and/or my reply as written; `hints` when the reply praises a trait."""
    summary = summary_shared_with(current_user, summary_id)
    if summary is None:
        return _not_found()
    body = json_body()
    if body is None:
        return malformed()
    values, errors = clean_response(body)
    if errors:
        return invalid(errors)
    response = save_response(summary, current_user, values, stored_utc(current_now()))
    hints = praise_hints(response.reply) if "reply" in values else []
    return jsonify({"response": response_to_api(response), "hints": hints})
