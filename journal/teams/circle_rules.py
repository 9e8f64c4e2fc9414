"""The team circle's rules, pure: what makes a valid note, how a note moves between the rings,
who took it, and how its stored steps text holds the steps, the takers and the moves."""
import json

from flask_babel import lazy_gettext as _l

from journal.clock import iso_utc
from journal.goals.rules import MAX_STEPS, RINGS, clean_goal, clean_step

TEXT_LIMIT = 300
THEME_LIMIT = 80
MAX_TAKERS = 3  # a pair, or a trio when the team is odd (as meetings pair people)
MAX_MOVES = 20  # the moves a note remembers, latest last
STEP_FIELDS = ("ring", "steps", "taken")  # any member may change these
WORD_FIELDS = ("text", "theme")  # only the author or the organiser


def clean_note(data, *, partial=False):
    """Check a note's fields; return (clean values, {field: message}). `taken` (PATCH only)
    is whether the person asking takes the note (True) or lets it go (False)."""
    checks = {"text": _check_text, "theme": _check_theme, "ring": _check_ring,
              "steps": _check_steps}
    if partial:
        checks["taken"] = _check_taken
    clean, errors = {}, {}
    for field, check in checks.items():
        if field not in data:
            if field == "text" and not partial:
                errors["text"] = _l("Write the note in a few words.")
            continue
        value, error = check(data[field])
        if error:
            errors[field] = error
        else:
            clean[field] = value
    if not partial:
        clean.setdefault("theme", "")
        clean.setdefault("ring", "outer")
    return clean, errors


def _check_text(value):
    if not isinstance(value, str) or not value.strip():
        return None, _l("Write the note in a few words.")
    if len(value.strip()) > TEXT_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=TEXT_LIMIT)
    return value.strip(), None


def _check_theme(value):
    if value is None:
        return "", None
    if not isinstance(value, str):
        return None, _l("This must be text.")
    theme = " ".join(value.split())
    if len(theme) > THEME_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=THEME_LIMIT)
    return theme, None


def _check_ring(value):
    if value not in RINGS:
        return None, _l("Use outer (still to achieve) or inner (already achieved).")
    return value, None


def _check_steps(value):
    """Steps exactly as a goal's steps are checked (journal.goals.rules)."""
    clean, errors = clean_goal({"steps": value}, partial=True)
    return clean.get("steps"), errors.get("steps")


def _check_taken(value):
    if not isinstance(value, bool):
        return None, _l("Use true to take the note, false to let it go.")
    return value, None


def add_step(steps, text):
    """(steps with one more, not yet done, None) or (steps, message)."""
    clean, error = clean_step(text)
    if error:
        return steps, error
    if len(steps) >= MAX_STEPS:
        return steps, _l("Steps must be a list of at most %(limit)s items.", limit=MAX_STEPS)
    return [*steps, {"text": clean, "done": False}], None


def tick_step(steps, index, expected):
    """(steps with step `index` ticked off or back on, None), or (steps, message) when that
    step is no longer the one the person saw (`expected`, its text): someone changed them."""
    if not _is_step(steps, index, expected):
        return steps, STEPS_CHANGED
    step = steps[index]
    return [*steps[:index], {**step, "done": not step["done"]}, *steps[index + 1:]], None


def remove_step(steps, index, expected):
    """(steps without step `index`, None), or (steps, message) as tick_step."""
    if not _is_step(steps, index, expected):
        return steps, STEPS_CHANGED
    return [*steps[:index], *steps[index + 1:]], None


STEPS_CHANGED = _l("Someone changed these steps just now. Have a look, and try again.")


def _is_step(steps, index, expected):
    return 0 <= index < len(steps) and steps[index]["text"] == expected


def word_change(values):
    """True when the change touches the note's words, which only its author or the organiser
    may change."""
    return any(field in values for field in WORD_FIELDS)


def read_stored(note):
    """A note's stored state as {"steps" (shaped as a goal's steps), "taken_by" (user ids),
    "moves" ([{"ring", "at", "by"}])}, read from its three JSON columns."""
    return {name: _json_list(getattr(note, name)) for name in ("steps", "taken_by", "moves")}


def _json_list(text):
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def write_stored(note, state):
    """Put a state from read_stored back into the note's columns (the last MAX_MOVES moves)."""
    note.steps = json.dumps(state["steps"])
    note.taken_by = json.dumps(state["taken_by"])
    note.moves = json.dumps(state["moves"][-MAX_MOVES:])


def take(state, user_id, taken):
    """The state with `user_id` among the takers (taken) or not; (state, message) where the
    message says why a full note cannot be taken."""
    takers = [taker for taker in state["taken_by"] if taker != user_id]
    if taken:
        if len(takers) >= MAX_TAKERS:
            return state, _l("A pair or a trio works on a note: %(num)s people took it already.",
                             num=MAX_TAKERS)
        takers.append(user_id)
    return {**state, "taken_by": takers}, None


def moved(state, ring, old_ring, *, by, now):
    """The state with this move remembered, when the ring changes."""
    if ring == old_ring:
        return state
    move = {"ring": ring, "at": iso_utc(now), "by": by}
    return {**state, "moves": [*state["moves"], move][-MAX_MOVES:]}


def themes_of(theme_list):
    """Distinct themes, in the order given, without the empty theme."""
    seen = []
    for theme in theme_list:
        if theme and theme not in seen:
            seen.append(theme)
    return seen


def summary(notes):
    """Per theme, how many notes are in each ring: [{"theme", "inner", "outer"}], themes by
    name, the notes without a theme ("") last. `notes`: (theme, ring) pairs."""
    counts = {}
    for theme, ring in notes:
        row = counts.setdefault(theme, {"theme": theme, "inner": 0, "outer": 0})
        row["inner" if ring == "inner" else "outer"] += 1
    return sorted(counts.values(), key=lambda row: (row["theme"] == "", row["theme"].lower()))
