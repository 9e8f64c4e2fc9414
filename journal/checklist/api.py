"""JSON API: /api/v1/checklists, the manager's self-assessment checklists (private to their
author)."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.checklist.rules import PARTS, clean_checklist, compare
from journal.checklist.store import (
    answers_of,
    checklist_to_api,
    in_order,
    is_latest,
    save_checklist,
)
from journal.models.checklist import Checklist
from journal.refusal import Refusal
from journal.web import FIELDS_HEADLINE, invalid, json_body, not_found, owned_or_404, request_now

bp = Blueprint("checklists_api", __name__, url_prefix="/api/v1/checklists")

NO_CHECKLIST = _l("There is no such checklist.")


def _checked_body():
    """The body's valid values; invalid ones stop the request with 422."""
    values, errors = clean_checklist(json_body(), strict=True)
    if errors:
        raise Refusal("invalid", FIELDS_HEADLINE, fields=errors)
    return values


@bp.get("")
@login_required
def list_checklists():
    """The user's checklists, newest first."""
    items = [checklist_to_api(checklist) for checklist in Checklist.of(current_user)]
    return jsonify({"items": items, "next": None})


@bp.post("")
@login_required
def create_checklist():
    """A new checklist, dated now."""
    checklist = save_checklist(current_user, _checked_body(), request_now())
    return jsonify(checklist_to_api(checklist)), 201


@bp.get("/items")
@login_required
def list_items():
    """The checklist itself: parts, sub-parts, column labels and items, in the user's language."""
    return jsonify({"parts": [{
        "number": part.number, "title": str(part.title), "intro": str(part.intro),
        "sections": [{"key": section.key, "title": str(section.title),
                      "columns": {column: str(label) for column, label in section.columns.items()},
                      "items": [{"key": item.key, "text": str(item.text)}
                                for item in section.items]}
                     for section in part.sections]} for part in PARTS]})


@bp.get("/compare")
@login_required
def compare_checklists():
    """What moved between two checklists (`from`, `to`; by default the latest two)."""
    chosen = request.args.get("from"), request.args.get("to")
    if any(chosen):
        pair = [Checklist.owned(current_user, checklist_id) for checklist_id in chosen]
    else:
        pair = list(Checklist.of(current_user).limit(2))[::-1]
    if len(pair) < 2 or None in pair:
        not_found(_("There are no two such checklists to compare."))
    earlier, later = in_order(*pair)
    if earlier.id == later.id:
        return invalid({"to": _("Choose two different checklists.")})
    return jsonify({"from": checklist_to_api(earlier), "to": checklist_to_api(later),
                    **compare(answers_of(earlier), answers_of(later))})


@bp.get("/<checklist_id>")
@login_required
def get_checklist(checklist_id):
    """One of the user's checklists."""
    checklist = owned_or_404(Checklist.owned(current_user, checklist_id), NO_CHECKLIST)
    return jsonify(checklist_to_api(checklist))


@bp.put("/<checklist_id>")
@login_required
def replace_checklist(checklist_id):
    """Replace the answers and reflections of the latest checklist (its date stays)."""
    checklist = owned_or_404(Checklist.owned(current_user, checklist_id), NO_CHECKLIST)
    if not is_latest(current_user, checklist):
        raise Refusal("conflict", _("Only your latest checklist can be changed."))
    save_checklist(current_user, _checked_body(), request_now(), checklist)
    return jsonify(checklist_to_api(checklist))
