"""What the team circle reads and writes: a team's notes on a theme, each with its author, who
took it and how it moved, as the pages and the API show it. Only what members put on the
board is read here: nothing of anyone's own journal."""
import hashlib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from peewee import fn

from journal.clock import iso_utc, stored_utc
from journal.db import database, lock_for_update, parse_uuid
from journal.models.team import TeamNote
from journal.models.user import User
from journal.refusal import Refusal
from journal.teams import circle_rules as rules

LAST_MOVES = 3  # the moves the team page's card shows
WORDS_NOT_YOURS = _l("Only who wrote this note, or the organiser, can change or delete it.")


def card_of(team, user):
    """What the team page's circle card shows: {"themes": [{"theme", "inner", "outer"}],
    "inner", "outer": counts over all themes, "last_moves": up to three notes that moved in
    most recently, as note views}."""
    pairs = list(TeamNote.select(TeamNote.theme, TeamNote.ring)
                 .where(TeamNote.team == team.id).tuples())
    recent = list(TeamNote.select()
                  .where((TeamNote.team == team.id) & (TeamNote.ring == "inner")
                         & TeamNote.moved_in_at.is_null(False))
                  .order_by(TeamNote.moved_in_at.desc(), TeamNote.id)
                  .limit(LAST_MOVES))
    return {"themes": rules.summary(pairs),
            "inner": sum(1 for _theme, ring in pairs if ring == "inner"),
            "outer": sum(1 for _theme, ring in pairs if ring != "inner"),
            "last_moves": views_of(recent)}


def themes_of(team):
    """The team's themes, by name (without the empty theme)."""
    rows = (TeamNote.select(TeamNote.theme).distinct()
            .where((TeamNote.team == team.id) & (TeamNote.theme != "")).tuples())
    return sorted((theme for (theme,) in rows), key=str.lower)


def notes_of(team, theme=None, since=None):
    """The team's notes (on one theme when given; changed after `since` when given) as note
    views: still to achieve first (oldest first), then achieved (latest move first)."""
    query = TeamNote.select().where(TeamNote.team == team.id)
    if theme is not None:
        query = query.where(TeamNote.theme == theme)
    if since is not None:
        query = query.where(TeamNote.updated_at > since)
    query = query.order_by(TeamNote.ring.desc(), TeamNote.moved_in_at.desc(nulls="LAST"),
                           TeamNote.created_at, TeamNote.id)
    return views_of(list(query))


def note_ids_of(team, theme=None):
    """The ids of the team's notes (on one theme), for clients that asked for changes only."""
    query = TeamNote.select(TeamNote.id).where(TeamNote.team == team.id)
    if theme is not None:
        query = query.where(TeamNote.theme == theme)
    return [str(note_id) for (note_id,) in query.tuples()]


def version_of(team, theme=None):
    """A tag that changes whenever a note of the team is added, changed or deleted (an ETag)."""
    count, latest = (TeamNote.select(fn.COUNT(TeamNote.id), fn.MAX(TeamNote.updated_at))
                     .where(TeamNote.team == team.id).tuples().get())
    raw = f"{team.id}|{theme}|{count}|{latest}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def note_of(team, note_id):
    """The team's note with this id, or None."""
    note_uuid = parse_uuid(note_id)
    if note_uuid is None:
        return None
    return TeamNote.get_or_none((TeamNote.id == note_uuid) & (TeamNote.team == team.id))


def add_note(team, user, values, *, now):
    """A new note by `user` (values from circle_rules.clean_note); one that starts in the inner
    circle counts as moved in by its author now."""
    note = TeamNote(team=team.id, author=user.id, text=values["text"], theme=values["theme"],
                    ring=values["ring"], created_at=now, updated_at=now)
    rules.write_stored(note, {"steps": values.get("steps", []), "taken_by": [], "moves": []})
    if note.ring == "inner":
        note.moved_in_at, note.moved_by = now, user.id
    note.save(force_insert=True)
    return view_of(note)


def change_note(note, member, values, *, now, steps_edit=None):
    """Change a note as `member` (a TeamMember) asks: words (author or organiser only), steps
    (`values["steps"]`, or `steps_edit(steps)` -> (steps, message) on the steps as they are
    now), ring (moving in dates it and names who moved it; moving out is remembered) and
    whether they take it. All or nothing: a Refusal changes nothing."""
    if rules.word_change(values) and not may_change_words(note, member):
        raise Refusal("forbidden", WORDS_NOT_YOURS)
    with database.atomic():
        lock_for_update(TeamNote, note.id)
        note = TeamNote.get_by_id(note.id)  # as it is now, another member may just have changed it
        state = _changed_state(note, member, values, steps_edit, now)
        if "ring" in values:
            _move(note, values["ring"], member.user_id, now)
        for field in rules.WORD_FIELDS:
            if field in values:
                setattr(note, field, values[field])
        rules.write_stored(note, state)
        note.updated_at = now
        note.save()
    return view_of(note)


def _changed_state(note, member, values, steps_edit, now):
    user_id = str(member.user_id)
    state = rules.read_stored(note)
    if "taken" in values:
        state, message = rules.take(state, user_id, values["taken"])
        if message:
            raise Refusal("invalid", message, "taken")
    if "steps" in values:
        state = {**state, "steps": values["steps"]}
    if steps_edit is not None:
        steps, message = steps_edit(state["steps"])
        if message:
            raise Refusal("invalid", message, "steps")
        state = {**state, "steps": steps}
    if "ring" in values:
        state = rules.moved(state, values["ring"], note.ring, by=user_id, now=now)
    return state


def _move(note, ring, user_id, now):
    if ring == "inner" and note.ring != "inner":
        note.moved_in_at, note.moved_by = now, user_id
    elif ring == "outer":
        note.moved_in_at, note.moved_by = None, None
    note.ring = ring


def may_change_words(note, member):
    """Whether this member may change or delete the note: its author, or the organiser."""
    return member.role == "organiser" or note.author_id == member.user_id


def delete_note(note, member):
    """Delete a note (its author or the organiser); a Refusal otherwise."""
    if not may_change_words(note, member):
        raise Refusal("forbidden", WORDS_NOT_YOURS)
    note.delete_instance()


def view_of(note):
    """One note as the pages and the API show it (see views_of)."""
    return views_of([note])[0]


def views_of(notes):
    """Notes as plain dicts: {"id", "text", "ring", "theme", "steps", "author", "taken_by",
    "moves", "moved_in_at", "moved_by", "created_at", "updated_at"} where each person is
    {"id", "display_name"} (None once their account is gone), with one query for the names."""
    states = [rules.read_stored(note) for note in notes]
    ids = {str(note.author_id) for note in notes if note.author_id}
    ids |= {str(note.moved_by_id) for note in notes if note.moved_by_id}
    for state in states:
        ids |= set(state["taken_by"]) | {move.get("by") for move in state["moves"]} - {None}
    names = _names(ids)
    return [_view(note, state, names) for note, state in zip(notes, states, strict=True)]


def _names(ids):
    uuids = [uuid for uuid in (parse_uuid(i) for i in ids) if uuid]
    if not uuids:
        return {}
    rows = User.select(User.id, User.display_name).where(User.id.in_(uuids)).tuples()
    return {str(user_id): {"id": str(user_id), "display_name": name} for user_id, name in rows}


def _view(note, state, names):
    person = lambda user_id: names.get(str(user_id)) if user_id else None
    moves = [{"ring": move["ring"], "at": moment_of(move["at"]), "by": person(move.get("by"))}
             for move in state["moves"]]
    return {
        "id": str(note.id), "text": note.text, "ring": note.ring, "theme": note.theme,
        "steps": [{"text": step["text"], "done": step["done"]} for step in state["steps"]],
        "author": person(note.author_id),
        "taken_by": [names[t] for t in state["taken_by"] if t in names],
        "moves": moves, "moved_in_at": note.moved_in_at, "moved_by": person(note.moved_by_id),
        "created_at": note.created_at, "updated_at": note.updated_at,
    }


def api_item(view):
    """A note view as the API shows it: moments as ISO 8601 texts."""
    return {**view, "moved_in_at": _iso(view["moved_in_at"]),
            "created_at": _iso(view["created_at"]), "updated_at": _iso(view["updated_at"]),
            "moves": [{**move, "at": _iso(move["at"])} for move in view["moves"]]}


def _iso(moment):
    return iso_utc(moment) if moment else None


def moment_of(iso):
    """A stored moment (naive UTC) from an ISO 8601 text, for `since`; None when it is none."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    return stored_utc(moment) if moment.tzinfo is not None else moment


def notes_by(user):
    """The notes this person wrote, in every team, for their export: {"team_id", **api item}."""
    notes = list(TeamNote.select().where(TeamNote.author == user.id)
                 .order_by(TeamNote.created_at, TeamNote.id))
    return [{"team_id": str(note.team_id), **api_item(view)}
            for note, view in zip(notes, views_of(notes), strict=True)]


def forget(user):
    """Before an account is deleted: its notes go, and its id leaves the takers and moves of the
    notes it took or moved (the database itself clears `moved_by`)."""
    user_id = str(user.id)
    with database.atomic():
        TeamNote.delete().where(TeamNote.author == user.id).execute()
        for note in TeamNote.select().where(TeamNote.taken_by.contains(user_id)
                                            | TeamNote.moves.contains(user_id)):
            state = rules.read_stored(note)
            state = {**state, "taken_by": [t for t in state["taken_by"] if t != user_id],
                     "moves": [{**m, "by": None if m["by"] == user_id else m["by"]}
                               for m in state["moves"]]}
            rules.write_stored(note, state)
            note.save()
