"""JSON API of the team circle: /api/v1/teams/<team_id>/notes. Only members see or touch a
team's notes; anyone else finds no team (404)."""
from flask import Blueprint, jsonify, make_response, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.teams import circle_store as store
from journal.teams.circle_rules import clean_note
from journal.teams.membership import membership
from journal.web import invalid, json_body, not_found, owned_or_404, request_now

bp = Blueprint("team_circle_api", __name__, url_prefix="/api/v1/teams")

NO_TEAM = _l("There is no such team.")
NO_NOTE = _l("There is no such note.")
BAD_SINCE = _l("Use a moment such as 2026-12-03T09:30:00+00:00.")


def _member_of(team_id):
    member = membership(current_user, team_id)
    if member is None:
        not_found(NO_TEAM)
    return member


def _theme_arg():
    """The theme asked for: None for every theme, "" for the notes without one."""
    theme = request.args.get("theme")
    return None if theme is None else " ".join(theme.split())


@bp.get("/<team_id>/notes")
@login_required
def list_notes(team_id):
    """The team's notes (on `theme`) and its themes. With If-None-Match and nothing changed:
    304. With `since`: only the notes changed after it, and `ids`, every note still there."""
    team = _member_of(team_id).team
    theme = _theme_arg()
    tag = store.version_of(team, theme)
    # A compressed answer carried the tag with its encoding appended by Flask-Compress ("…:br").
    if any(request.if_none_match.contains(tag + suffix) for suffix in ("", ":br", ":gzip")):
        return _cached(("", 304), tag)
    since = None
    if "since" in request.args:
        since = store.moment_of(request.args["since"])
        if since is None:
            return invalid({"since": BAD_SINCE})
    body = {"items": [store.api_item(view) for view in store.notes_of(team, theme, since)],
            "themes": store.themes_of(team)}
    if since is not None:
        body["ids"] = store.note_ids_of(team, theme)
    return _cached(jsonify(body), tag)


def _cached(response, tag):
    response = make_response(response)
    response.set_etag(tag)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.post("/<team_id>/notes")
@login_required
def create_note(team_id):
    """Add a note: {"text", "ring": "inner"|"outer", "theme"} -> 201."""
    member = _member_of(team_id)
    values, errors = clean_note(json_body())
    if errors:
        return invalid(errors)
    view = store.add_note(member.team, current_user, values, now=request_now())
    return jsonify(store.api_item(view)), 201


@bp.patch("/<team_id>/notes/<note_id>")
@login_required
def update_note(team_id, note_id):
    """Change `ring` (moving in is dated and names who moved it), `steps` (as a goal's steps),
    `taken` (the caller takes the note or lets it go), and, for its author or the organiser,
    `text` and `theme`."""
    member = _member_of(team_id)
    note = owned_or_404(store.note_of(member.team, note_id), NO_NOTE)
    values, errors = clean_note(json_body(), partial=True)
    if errors:
        return invalid(errors)
    if not values:
        return jsonify(store.api_item(store.view_of(note)))
    view = store.change_note(note, member, values, now=request_now())
    return jsonify(store.api_item(view))


@bp.delete("/<team_id>/notes/<note_id>")
@login_required
def delete_note(team_id, note_id):
    """Delete a note (its author or the organiser)."""
    member = _member_of(team_id)
    store.delete_note(owned_or_404(store.note_of(member.team, note_id), NO_NOTE), member)
    return "", 204
