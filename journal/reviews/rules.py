"""What makes a valid weekly review, which weeks are offered and invited, and which needs have
been lower lately: pure functions."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from journal.entries.rules import TEXT_LIMIT
from journal.weeks import parse_week, previous_week, recent_weeks, week_of

NEEDS = ("autonomy", "competence", "relatedness")

ITEM_LIMIT = 500
MAX_ITEMS = 10
REVIEW_FIELDS = ("improved", "next_week", "help_wanted", "scale", "needs")


def check_week(week, today):
    """(monday, None) for a week that exists and has begun, else (None, message)."""
    monday = parse_week(week)
    if monday is None:
        return None, _l("There is no such week. Use the form 2026-W48.")
    if monday > today:
        return None, _l("This week has not started yet.")
    return monday, None


def clean_review(data):
    """Check a review's fields; return (clean values, {field: message}).

    `needs` may come as {"autonomy": 4, ...} (JSON) or as flat fields (the form).
    An entirely empty review is refused: there is nothing to keep.
    """
    clean, errors = {}, {}
    for field, check in (("improved", _check_items), ("next_week", _check_text),
                         ("help_wanted", _check_text), ("scale", _check_scale)):
        value, error = check(data.get(field))
        if error:
            errors[field] = error
        else:
            clean[field] = value
    needs = data.get("needs") if isinstance(data.get("needs"), dict) else data
    if data.get("needs") is not None and not isinstance(data.get("needs"), dict):
        errors["needs"] = _l("The needs check must be an object with three numbers.")
    for need in NEEDS:
        value, error = _check_rating(needs.get(need))
        if error:
            errors[need] = error
        else:
            clean[need] = value
    if not errors and _is_empty(clean):
        errors["improved"] = _l("Write at least one thing that improved, or answer another "
                                "question.")
    return clean, errors


def _is_empty(clean):
    return not (clean["improved"] or clean["next_week"] or clean["help_wanted"]
                or clean["scale"] is not None or any(clean[need] is not None for need in NEEDS))


def _check_items(value):
    if value is None:
        return [], None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None, _l("List what improved as short texts.")
    items = [item.strip() for item in value if item.strip()]
    if len(items) > MAX_ITEMS:
        return None, _l("Keep it to %(limit)s things.", limit=MAX_ITEMS)
    if any(len(item) > ITEM_LIMIT for item in items):
        return None, _l("Keep each one under %(limit)s characters.", limit=ITEM_LIMIT)
    return items, None


def _check_text(value):
    if value is None:
        return "", None
    if not isinstance(value, str):
        return None, _l("This must be text.")
    value = value.strip()
    if len(value) > TEXT_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=TEXT_LIMIT)
    return value, None


def _as_int(value):
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) < 10:
        return int(value)  # isdecimal, not isdigit: int("²") fails
    return value


def _check_scale(value):
    if value is None or value == "":
        return None, None
    value = _as_int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        return None, _l("Choose a number from 0 to 10.")
    return value, None


def _check_rating(value):
    if value is None or value == "":
        return None, None
    value = _as_int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return None, _l("Choose a number from 1 to 5.")
    return value, None


def week_to_invite(today, review_weekday, reviewed_weeks, start=None):
    """The week the home page invites the user to review, or None.

    From the chosen review day until Sunday: this week, unless it is done. Earlier in the
    next week, last week is still offered once, quietly; older weeks wait in the history.
    A week before the person's first week (the week of `start`, their first day) is never
    theirs to review.
    """
    this_week = week_of(today)
    if today.isoweekday() >= review_weekday:
        return None if this_week in reviewed_weeks else this_week
    last_week = previous_week(this_week)
    if last_week in reviewed_weeks or (start is not None and last_week < week_of(start)):
        return None
    return last_week


def weeks_to_offer(today, start, count):
    """The ISO weeks the history offers for a look back, newest first: the last `count` weeks
    up to today's, but none before the person's first week (the week of `start`, their first
    day). Today's week is always offered."""
    first = min(week_of(start), week_of(today))
    return [week for week in recent_weeks(today, count) if week >= first]


# Needs that have been lower lately: on the 1–5 scale a whole point is a clear step.
LOWER_BY = 1
LATELY = 3           # the latest this many ratings of a need ...
EARLIER_AT_LEAST = 3  # ... against the average of at least this many before them ...
LATELY_WITHIN = 6    # ... the oldest of the latest ones no more than this many weeks back


def needs_lower_lately(history, week):
    """The needs (in NEEDS order) that have been lower lately, to ask about them quietly.

    `history` is [(ISO week, {need: 1–5 or None})] of the person's reviews; only weeks before
    `week` (the week being reviewed) count. A need has been lower lately when its three latest
    ratings are each at least one point below the average of its earlier ratings, of which
    there must be at least three (so the average says something about the person), and the
    oldest of those three lies within the six weeks before `week` (an old dip is not
    "lately"). Weeks without a rating are skipped, not counted as low.
    """
    before = sorted(((w, needs) for w, needs in history if w < week), key=lambda row: row[0])
    since = week_of(parse_week(week) - timedelta(weeks=LATELY_WITHIN))
    lower = []
    for need in NEEDS:
        ratings = [(w, needs[need]) for w, needs in before if needs.get(need) is not None]
        earlier, lately = ratings[:-LATELY], ratings[-LATELY:]
        if len(earlier) < EARLIER_AT_LEAST or lately[0][0] < since:
            continue
        average = sum(value for _w, value in earlier) / len(earlier)
        if all(value <= average - LOWER_BY for _w, value in lately):
            lower.append(need)
    return lower
