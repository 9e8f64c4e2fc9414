"""Entries checked against the person's own journal: the fields' rules, and goals that must be
theirs."""
from flask_babel import lazy_gettext as _l

from journal.entries.rules import clean_entry
from journal.models.goal import Goal


def clean_for(user, data, *, today, partial=False):
    """Check an entry's fields for this user: `today` in their time zone, and a goal of theirs."""
    values, errors = clean_entry(data, today=today, partial=partial)
    goal_id = values.get("goal_id")
    if goal_id and Goal.owned(user, goal_id) is None:
        errors["goal_id"] = _l("Choose one of your goals.")
    return values, errors
