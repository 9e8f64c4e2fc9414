"""JSON API: /api/v1/entries."""
import uuid

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from peewee import IntegrityError

from journal.clock import parse_day
from journal.entries.rules import EDITABLE_FIELDS, KINDS
from journal.entries.store import clean_for
from journal.entries.timeline import cursor_of, parse_cursor
from journal.models.entry import Entry, with_tags
from journal.refusal import Refusal
from journal.web import invalid, json_body, owned_or_404, request_now, user_today

bp = Blueprint("entries_api", __name__, url_prefix="/api/v1/entries")

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
NO_ENTRY = _l("There is no such entry.")


@bp.get("")
@login_required
def list_entries():
    """The user's entries, newest first, filtered and paged with a cursor."""
    filters, errors = _list_filters(request.args)
    if errors:
        return invalid(errors)
    query = Entry.matching(current_user, **filters["match"], after=filters["after"])
    page = with_tags(query.limit(filters["limit"] + 1))
    more = len(page) > filters["limit"]
    page = page[:filters["limit"]]
    return jsonify({"items": [entry.to_api() for entry in page],
                    "next": cursor_of(page[-1]) if more else None})


def _list_filters(args):
    errors = {}
    days = {}
    for name in ("day", "from", "to"):
        if args.get(name):
            days[name] = parse_day(args[name])
            if days[name] is None:
                errors[name] = _("Use a date as YYYY-MM-DD.")
    if args.get("kind") and args["kind"] not in KINDS:
        errors["kind"] = _("Use progress or setback.")
    limit = args.get("limit", str(PAGE_SIZE))
    if not (limit.isdecimal() and len(limit) < 10) or not 1 <= int(limit) <= MAX_PAGE_SIZE:
        errors["limit"] = _("Use a number from 1 to %(max)s.", max=MAX_PAGE_SIZE)
    after = parse_cursor(args["cursor"]) if args.get("cursor") else None
    if args.get("cursor") and after is None:
        errors["cursor"] = _("This cursor is not valid; start from the first page.")
    match = {"tag": args.get("tag") or None, "kind": args.get("kind") or None,
             "q": args.get("q"), "day_from": days.get("day") or days.get("from"),
             "day_to": days.get("day") or days.get("to")}
    return {"match": match, "after": after, "limit": int(limit) if not errors else 0}, errors


@bp.post("")
@login_required
def create_entry():
    """Create an entry; with a client-chosen id, a replay is answered idempotently."""
    body = json_body()
    entry_id, id_error = _client_id(body.get("id"))
    values, errors = clean_for(current_user, body, today=user_today())
    if id_error:
        errors["id"] = id_error
    if errors:
        return invalid(errors)
    if entry_id is not None:
        existing = Entry.with_id(entry_id)
        if existing is not None:
            return _replay(existing, body, values)
    try:
        entry = Entry.create_for(current_user, values, now=request_now(), entry_id=entry_id)
    except IntegrityError:
        return _replay(Entry.get_by_id(entry_id), body, values)
    return jsonify(entry.to_api()), 201


def _client_id(raw):
    if raw is None:
        return None, None
    try:
        return uuid.UUID(str(raw)), None
    except ValueError:
        return None, _("Use a UUID, or leave the id out.")


def _replay(existing, body, values):
    """200 for the same request again; 422 when the id was used for something else."""
    stored = existing.values()
    sent = [name for name in EDITABLE_FIELDS if name in body]
    if existing.user_id == current_user.id and all(stored[n] == values[n] for n in sent):
        return jsonify(existing.to_api()), 200
    raise Refusal("invalid", _("This id was already used for a different entry."),
                  code="idempotency_conflict")


@bp.get("/<entry_id>")
@login_required
def get_entry(entry_id):
    """One entry of the user's."""
    return jsonify(owned_or_404(Entry.owned(current_user, entry_id), NO_ENTRY).to_api())


@bp.patch("/<entry_id>")
@login_required
def update_entry(entry_id):
    """Change some fields of an entry."""
    entry = owned_or_404(Entry.owned(current_user, entry_id), NO_ENTRY)
    values, errors = clean_for(current_user, json_body(), today=user_today(), partial=True)
    if errors:
        return invalid(errors)
    return jsonify(entry.update_from(values, now=request_now()).to_api())


@bp.delete("/<entry_id>")
@login_required
def delete_entry(entry_id):
    """Delete an entry."""
    owned_or_404(Entry.owned(current_user, entry_id), NO_ENTRY).delete_instance()
    return "", 204
