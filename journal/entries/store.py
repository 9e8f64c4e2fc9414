"""Entries checked against the person's own journal (the fields' rules, and goals that must be
theirs), and the earlier setbacks shown beside today's progress."""
from flask_babel import lazy_gettext as _l

from journal.entries.rules import clean_entry, not_yet_cutoff, then_and_now
from journal.kept import KeptPerPerson
from journal.models.entry import Entry, EntryTag, with_tags
from journal.models.goal import Goal

SETBACKS_READ = 50  # the latest setbacks that may be shown beside today's progress


def clean_for(user, data, *, today, partial=False):
    """Check an entry's fields for this user: `today` in their time zone, and a goal of theirs."""
    values, errors = clean_entry(data, today=today, partial=partial)
    goal_id = values.get("goal_id")
    if goal_id and Goal.owned(user, goal_id) is None:
        errors["goal_id"] = _l("Choose one of your goals.")
    return values, errors


def as_plain(entry):
    """An entry as the rules read it: a dict of its day, text, kind, goal and tags."""
    return {"id": str(entry.id), "day": entry.day, "text": entry.text, "kind": entry.kind,
            "goal_id": entry.goal_id, "tags": entry.tags()}


def setbacks_toward(user, *, last_day, goal_ids=(), tags=(), limit=SETBACKS_READ):
    """The user's setbacks on or before `last_day` toward one of `goal_ids` or carrying one of
    `tags`, newest first (at most `limit`), as plain dicts."""
    if not goal_ids and not tags:
        return []
    match = Entry.goal.in_(list(goal_ids)) if goal_ids else None
    if tags:
        tagged = Entry.id.in_(EntryTag.select(EntryTag.entry).where(
            (EntryTag.user == user) & EntryTag.name.in_(list(tags))))
        match = tagged if match is None else (match | tagged)
    query = (Entry.of(user)
             .where((Entry.kind == "setback") & (Entry.day <= last_day) & match)
             .limit(limit))
    return [as_plain(entry) for entry in with_tags(query)]


def then_and_now_today(user, todays, today):
    """Today's newest progress beside an earlier "not yet" of the person's own on the same goal
    or tag (entries.rules.then_and_now), or None. `todays`: today's entries, newest first.

    Kept until the person's journal changes or the day does (journal.kept): finding that
    nothing matches reads back through all of their setbacks."""
    return _kept_then_and_now(user, today, lambda: _then_and_now(user, todays, today))


def _then_and_now(user, todays, today):
    # Each progress entry, newest first, reads only the latest setback toward its goal and the
    # latest carrying one of its tags: all the rule can choose from.
    last_day = not_yet_cutoff(today)
    for entry in (as_plain(entry) for entry in todays if entry.kind == "progress"):
        goal_ids = [entry["goal_id"]] if entry["goal_id"] else []
        setbacks = [*setbacks_toward(user, last_day=last_day, goal_ids=goal_ids, limit=1),
                    *setbacks_toward(user, last_day=last_day, tags=entry["tags"], limit=1)]
        found = then_and_now([entry], setbacks)
        if found:
            return found
    return None


_kept_then_and_now = KeptPerPerson()
