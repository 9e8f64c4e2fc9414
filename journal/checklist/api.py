"""JSON API: /api/v1/checklists, the manager's self-assessment checklists (private to their
author)."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.web import invalid, json_body, json_error, malformed
from journal.checklist.rules import PARTS, clean_checklist, compare
from journal.checklist.store import (
    answers_of,
    checklist_owned,
    checklist_to_api,
    checklists_of,
    in_order,
    is_latest,
    save_checklist,
)
from journal.clock import current_now, stored_utc

bp = Blueprint("checklists_api", __name__, url_prefix="/api/v1/checklists")


def _not_found():
    return json_error(404, "not_found", _("There is no such checklist."))


def _checked_body():
    """(values, None) for a valid body, or (None, the error response)."""
    body = json_body()
    if body is None:
        return None, malformed()
    values, errors = clean_checklist(body, strict=True)
    return (None, invalid(errors)) if errors else (values, None)


@bp.get("")
@login_required
def list_checklists():
    """The user's checklists, newest first."""
    items = [checklist_to_api(checklist) for checklist in checklists_of(current_user)]
    return jsonify({"items": items, "next": None})


@bp.post("")
@login_required
def create_checklist():
    """A new checklist, dated now."""
    values, error = _checked_body()
    if error:
        return error
    checklist = save_checklist(current_user, values, stored_utc(current_now()))
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
        pair = [checklist_owned(current_user, checklist_id) for checklist_id in chosen]
    else:
        pair = list(checklists_of(current_user).limit(2))[::-1]
    if len(pair) < 2 or None in pair:
        return json_error(404, "not_found", _("There are no two such checklists to compare."))
    earlier, later = in_order(*pair)
    if earlier.id == later.id:
        return invalid({"to": _("Choose two different checklists.")})
    return jsonify({"from": checklist_to_api(earlier), "to": checklist_to_api(later),
                    **compare(answers_of(earlier), answers_of(later))})


@bp.get("/<checklist_id>")
@login_required
def get_checklist(checklist_id):
    """One of the user's checklists."""
    checklist = checklist_owned(current_user, checklist_id)
    return jsonify(checklist_to_api(checklist)) if checklist else _not_found()


@bp.put("/<checklist_id>")
@login_required
def replace_checklist(checklist_id):
    """Replace the answers and reflections of the latest checklist (its date stays)."""
    checklist = checklist_owned(current_user, checklist_id)
    if checklist is None:
        return _not_found()
    if not is_latest(current_user, checklist):
        return json_error(409, "conflict", _("Only your latest checklist can be changed."))
    values, error = _checked_body()
    if error:
        return error
    save_checklist(current_user, values, stored_utc(current_now()), checklist)
    return jsonify(checklist_to_api(checklist))
