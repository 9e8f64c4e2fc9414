"""Reading and saving a user's checklists. A checklist is private to its author: every lookup
here is scoped to the user."""
import json

from journal.checklist.rules import REFLECTIONS, known_answers
from journal.clock import iso_utc
from journal.models.checklist import Checklist


def is_latest(user, checklist):
    """Only the latest checklist may change: earlier ones are the record to compare with."""
    latest = Checklist.latest_of(user)
    return latest is not None and latest.id == checklist.id


def answers_of(checklist):
    """The stored answers of the items that still exist."""
    try:
        return known_answers(json.loads(checklist.answers or "{}"))
    except ValueError:
        return {}


def save_checklist(user, values, now, checklist=None):
    """Create a checklist dated `now` (naive UTC), or replace the fields of an existing one."""
    is_new = checklist is None
    if is_new:
        checklist = Checklist(user=user, created_at=now)
    checklist.answers = json.dumps(values["answers"])
    for field in REFLECTIONS:
        setattr(checklist, field, values[field])
    checklist.updated_at = now
    checklist.save(force_insert=is_new)
    return checklist


def in_order(first, second):
    """The two checklists, the earlier first."""
    if (second.created_at, str(second.id)) < (first.created_at, str(first.id)):
        return second, first
    return first, second


def checklist_to_api(checklist):
    """A checklist as the JSON API shows it."""
    return {
        "id": str(checklist.id),
        "created_at": iso_utc(checklist.created_at),
        "updated_at": iso_utc(checklist.updated_at),
        "answers": answers_of(checklist),
        "already_how": checklist.already_how,
        "will_achieve": checklist.will_achieve,
        "first_step": checklist.first_step,
    }
