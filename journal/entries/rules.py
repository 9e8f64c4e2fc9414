"""What makes a valid journal entry: pure checks shared by the pages and the JSON API."""
import re
import unicodedata
import uuid
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from journal.clock import parse_day

KINDS = ("progress", "setback")
TEXT_LIMIT = 2000  # the most one box of text holds, anywhere in the journal
NOTE_LIMIT = TEXT_LIMIT
TAG_LIMIT = 40
MAX_TAGS = 12
EARLIEST_DAY = date(1900, 1, 1)
NOTE_FIELDS = ("helped", "hindered", "learned", "try_next")
MEANING_SCALE = range(1, 6)  # how meaningful an entry felt, from a little to very
EDITABLE_FIELDS = ("day", "text", "kind", "meaning", "tags", "goal_id") + NOTE_FIELDS


def clean_entry(data, *, today, partial=False):
    """Check an entry's fields; return (clean values, {field: message}).

    `data` is a mapping from the form or the JSON body. With `partial`, only
    the fields present are checked (PATCH); otherwise missing ones get defaults.
    """
    clean, errors = {}, {}
    for field in EDITABLE_FIELDS:
        if field not in data:
            if not partial:
                clean[field] = _default(field, today)
            continue
        value, error = _CHECKS[field](data[field], today)
        if error:
            errors[field] = error
        else:
            clean[field] = value
    if not partial and "text" not in data:
        errors["text"] = _l("Write a few words about your progress.")
    return clean, errors


def _default(field, today):
    return {"day": today, "kind": "progress", "meaning": None, "tags": [],
            "goal_id": None}.get(field, "")


def _check_text(value, _today):
    if not isinstance(value, str):
        return None, _l("This must be text.")
    value = value.strip()
    if not value:
        return None, _l("Write a few words about your progress.")
    if len(value) > TEXT_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=TEXT_LIMIT)
    return value, None


def _check_note(value, _today):
    if value is None:
        return "", None
    if not isinstance(value, str):
        return None, _l("This must be text.")
    value = value.strip()
    if len(value) > NOTE_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=NOTE_LIMIT)
    return value, None


def _check_day(value, today):
    if isinstance(value, date):
        day = value
    else:
        day = parse_day(value)
        if day is None:
            return None, _l("Choose a real date (YYYY-MM-DD).")
    if day > today:
        return None, _l("Progress can only be logged for today or earlier.")
    if day < EARLIEST_DAY:
        return None, _l("Choose a date after 1900.")
    return day, None


def _check_kind(value, _today):
    if value not in KINDS:
        return None, _l("Choose progress or setback.")
    return value, None


def _check_meaning(value, _today):
    if value is None or value == "":
        return None, None
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) < 10:
        value = int(value)  # isdecimal, not isdigit: int("²") fails
    if isinstance(value, bool) or not isinstance(value, int) or value not in MEANING_SCALE:
        return None, _l("Choose a number from 1 to 5, or leave it empty.")
    return value, None


def _check_tags(value, _today):
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        return None, _l("Tags must be a list of words.")
    tags = []
    for raw in value:
        tag = normalize_tag(raw)
        if len(tag) > TAG_LIMIT:
            return None, _l("Keep each tag under %(limit)s characters.", limit=TAG_LIMIT)
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        return None, _l("Use at most %(limit)s tags.", limit=MAX_TAGS)
    return tags, None


def _check_goal_id(value, _today):
    if value is None or value == "":
        return None, None
    try:
        return uuid.UUID(str(value)), None
    except ValueError:
        return None, _l("Choose one of your goals.")


_CHECKS = {
    "goal_id": _check_goal_id,
    "day": _check_day,
    "text": _check_text,
    "kind": _check_kind,
    "meaning": _check_meaning,
    "tags": _check_tags,
    **{field: _check_note for field in NOTE_FIELDS},
}


def normalize_tag(raw):
    """A tag as stored: trimmed, without a leading '#', lower-case, single spaces."""
    return " ".join(raw.strip().lstrip("#").split()).casefold()


def fold_for_search(text):
    """Lower-case text without accents, so 'Überleg' and 'uberleg' match on any engine."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# A word is a run of letters and digits: everything else (punctuation, "@", "-", "_") parts
# words, so SQLite's and PostgreSQL's own parsers see exactly the words Python saw.
SEARCH_WORD = re.compile(r"[^\W_]+")
SEARCH_WORD_LIMIT = 100  # characters: PostgreSQL drops longer words, so both engines cut here
MAX_SEARCH_WORDS = 8


def search_tokens(text):
    """The folded words of a text, in order, each cut to SEARCH_WORD_LIMIT characters."""
    return [word[:SEARCH_WORD_LIMIT] for word in SEARCH_WORD.findall(fold_for_search(text))]


def searchable_text(parts):
    """An entry's search_text: the folded words of all its parts, one space apart."""
    return " ".join(search_tokens("\n".join(parts)))


def search_words(query):
    """The distinct folded words of a search query (at most 8, so a query stays cheap)."""
    return list(dict.fromkeys(search_tokens(query or "")))[:MAX_SEARCH_WORDS]


NOT_YET_GAP = 14  # days: progress "weeks after" a setback is shown beside its earlier words


def not_yet_cutoff(day, gap=NOT_YET_GAP):
    """The last day a setback may be on to be shown beside progress made on `day`."""
    return day - timedelta(days=gap)


def earlier_not_yet(setbacks, *, day, goal_id=None, tags=(), gap=NOT_YET_GAP):
    """The person's own earlier words to show beside progress made on `day`, or None: a setback
    at least `gap` days before it toward the same goal, else one sharing a tag; of those, the
    latest. `setbacks`: dicts with "day", "text", "goal_id" and "tags"."""
    last = not_yet_cutoff(day, gap)
    earlier = [setback for setback in setbacks if setback["day"] <= last]
    same_goal = [setback for setback in earlier if goal_id and setback["goal_id"] == goal_id]
    same_tag = [setback for setback in earlier if set(setback["tags"]) & set(tags)]
    for found in (same_goal, same_tag):
        if found:
            return max(found, key=lambda setback: setback["day"])
    return None


def then_and_now(todays, setbacks, *, gap=NOT_YET_GAP):
    """{"then": an earlier setback, "now": the entry} for the newest of `todays` (entries as
    dicts, newest first, with "kind", "day", "goal_id" and "tags") that is progress with
    earlier words to show beside it; None when there is none."""
    for entry in todays:
        if entry["kind"] != "progress":
            continue
        then = earlier_not_yet(setbacks, day=entry["day"], goal_id=entry["goal_id"],
                               tags=entry["tags"], gap=gap)
        if then:
            return {"then": then, "now": entry, "achieved": False}
    return None
