"""The team circle's pages: a board per theme with the inner circle (progress already achieved)
and the outer circle (progress still to achieve); members add notes, a pair takes an outer
note, writes its steps and moves it in. Plain forms; team-circle.js keeps the board fresh."""
from babel.lists import format_list
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.refusal import Refusal
from journal.teams import circle_rules as rules
from journal.teams import circle_store as store
from journal.teams.membership import membership
from journal.web import request_now

bp = Blueprint("team_circle", __name__, url_prefix="/teams")


@bp.app_template_filter("circle_names")
def circle_names(people):
    """People ({"display_name"}) as one phrase in the page's language: "Ana and Bo"."""
    names = [person["display_name"] for person in people if person]
    return format_list(names, locale=str(get_locale())) if names else ""


def _member_of(team_id):
    member = membership(current_user, team_id)
    if member is None:
        abort(404)
    return member


def _note_of(member, note_id):
    note = store.note_of(member.team, note_id)
    if note is None:
        abort(404)
    return note


def _theme_arg():
    """The theme of the board: None for every theme, "" for the notes without one."""
    theme = request.args.get("theme")
    return None if theme is None else " ".join(theme.split())


def _board_context(member, theme):
    notes = store.notes_of(member.team, theme)
    return {"team": member.team, "member": member, "theme": theme,
            "themes": store.themes_of(member.team),
            "outer": [note for note in notes if note["ring"] != "inner"],
            "inner": [note for note in notes if note["ring"] == "inner"],
            "version": store.version_of(member.team, theme), "team_url": _team_url(member.team)}


def _team_url(team):
    """The team page (TEAMS's `teams.show`, at /teams/<team_id>)."""
    if "teams.show" in current_app.view_functions:
        return url_for("teams.show", team_id=team.id)
    return f"/teams/{team.id}"


def _back(member, note_id=None):
    theme = _theme_arg()
    params = {} if theme is None else {"theme": theme}
    anchor = f"#note-{note_id}" if note_id else ""
    return redirect(url_for(".board", team_id=member.team.id, **params) + anchor)


@bp.get("/<team_id>/circle")
@login_required
def board(team_id):
    """The board: the outer circle, the inner circle, and a note to add."""
    member = _member_of(team_id)
    theme = _theme_arg()
    return render_template("teams/circle_board.html", errors={},
                           values={"theme": theme or "", "ring": "outer"},
                           **_board_context(member, theme))


@bp.get("/<team_id>/circle/notes")
@login_required
def notes(team_id):
    """Both rings alone, for the board's script to redraw what changed."""
    member = _member_of(team_id)
    return render_template("teams/circle_rings.html", **_board_context(member, _theme_arg()))


@bp.post("/<team_id>/circle/notes")
@login_required
def add(team_id):
    """Add a note to the outer or the inner circle, on a theme."""
    member = _member_of(team_id)
    form = {"text": request.form.get("text", ""), "ring": request.form.get("ring", "outer"),
            "theme": request.form.get("theme", "")}
    values, errors = rules.clean_note(form)
    if errors:
        return render_template("teams/circle_board.html", errors=errors, values=form,
                               **_board_context(member, _theme_arg())), 422
    view = store.add_note(member.team, current_user, values, now=request_now())
    flash(_("Your note is on the board."))
    return _back(member, view["id"])


@bp.post("/<team_id>/circle/notes/<note_id>/take")
@login_required
def take(team_id, note_id):
    """"We'll take this" (or let it go again)."""
    member = _member_of(team_id)
    note = _note_of(member, note_id)
    taken = request.form.get("taken") == "1"
    store.change_note(note, member, {"taken": taken}, now=request_now())
    flash(_("You took this note. What is a first concrete step?") if taken
          else _("You let this note go."))
    return _back(member, note_id)


@bp.post("/<team_id>/circle/notes/<note_id>/steps")
@login_required
def add_step(team_id, note_id):
    """Add a concrete step to a note."""
    member = _member_of(team_id)
    note = _note_of(member, note_id)
    text = request.form.get("text", "")
    _, error = rules.add_step([], text)
    if error:
        context = _board_context(member, _theme_arg())
        return render_template("teams/circle_board.html", errors={}, step_errors={note_id: error},
                               values={"theme": _theme_arg() or "", "ring": "outer"},
                               **context), 422
    store.change_note(note, member, {}, now=request_now(),
                      steps_edit=lambda steps: rules.add_step(steps, text))
    return _back(member, note_id)


@bp.post("/<team_id>/circle/notes/<note_id>/steps/<int:index>/tick")
@login_required
def tick_step(team_id, note_id, index):
    """Tick a step off, or back on."""
    return _edit_step(team_id, note_id, index, rules.tick_step)


@bp.post("/<team_id>/circle/notes/<note_id>/steps/<int:index>/remove")
@login_required
def remove_step(team_id, note_id, index):
    """Remove a step."""
    return _edit_step(team_id, note_id, index, rules.remove_step)


def _edit_step(team_id, note_id, index, edit):
    member = _member_of(team_id)
    note = _note_of(member, note_id)
    expected = request.form.get("step", "")
    store.change_note(note, member, {}, now=request_now(),
                      steps_edit=lambda steps: edit(steps, index, expected))
    return _back(member, note_id)


@bp.post("/<team_id>/circle/notes/<note_id>/move")
@login_required
def move(team_id, note_id):
    """Move a note in (achieved: dated, with who moved it) or back out (remembered)."""
    member = _member_of(team_id)
    note = _note_of(member, note_id)
    ring = request.form.get("ring")
    if ring not in rules.RINGS:
        abort(400)
    store.change_note(note, member, {"ring": ring}, now=request_now())
    flash(_("Moved into the inner circle: achieved.") if ring == "inner"
          else _("Moved back out: not yet, and that is fine."))
    return _back(member, note_id)


@bp.route("/<team_id>/circle/notes/<note_id>/edit", methods=["GET", "POST"])
@login_required
def edit(team_id, note_id):
    """Change a note's words and theme (its author or the organiser)."""
    member = _member_of(team_id)
    note = _note_of(member, note_id)
    if not store.may_change_words(note, member):
        raise Refusal("forbidden", store.WORDS_NOT_YOURS)
    view = store.view_of(note)
    if request.method == "GET":
        return _edit_page(member, view, {"text": view["text"], "theme": view["theme"]}, {})
    form = {"text": request.form.get("text", ""), "theme": request.form.get("theme", "")}
    values, errors = rules.clean_note(form)
    if errors:
        return _edit_page(member, view, form, errors, 422)
    store.change_note(note, member, {"text": values["text"], "theme": values["theme"]},
                      now=request_now())
    flash(_("Your changes are saved."))
    return _back(member, note_id)


def _edit_page(member, view, values, errors, status=200):
    return render_template("teams/circle_edit.html", team=member.team, note=view,
                           theme=_theme_arg(), themes=store.themes_of(member.team),
                           values=values, errors=errors), status


@bp.post("/<team_id>/circle/notes/<note_id>/delete")
@login_required
def delete(team_id, note_id):
    """Delete a note (its author or the organiser)."""
    member = _member_of(team_id)
    store.delete_note(_note_of(member, note_id), member)
    flash(_("The note is deleted."))
    return _back(member)
