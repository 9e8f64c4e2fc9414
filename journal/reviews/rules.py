"""What makes a valid weekly review, and when the home page invites one: pure functions."""
from flask_babel import lazy_gettext as _l

from journal.entries.rules import TEXT_LIMIT
from journal.weeks import parse_week, previous_week, week_of

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


def week_to_invite(today, review_weekday, reviewed_weeks):
    """The week the home page invites the user to review, or None.

    From the chosen review day until Sunday: this week, unless it is done. Earlier in the
    next week, last week is still offered once, quietly; older weeks wait in the history.
    """
    this_week = week_of(today)
    if today.isoweekday() >= review_weekday:
        return None if this_week in reviewed_weeks else this_week
    last_week = previous_week(this_week)
    return None if last_week in reviewed_weeks else last_week
