"""Peer consultation's rules: what makes a valid case, contribution, next step and "what went
better since?", who may do what at which moment, where moving on leads, and whose turn it is
to ask. Pure: plain data in, plain data (or a Refusal) out; the words of the steps live in
journal.conversations.steps."""
from collections import namedtuple

from flask_babel import lazy_gettext as _l

from journal.conversations.helping_rules import clean_text
from journal.conversations.steps import CONSULTATION_STEPS, is_last, moved, step_index
from journal.goals.rules import TITLE_LIMIT
from journal.refusal import Refusal

CASE_LIMIT = 1000
CONTRIBUTION_LIMIT = 1000
BETTER_LIMIT = 1000
NEXT_STEP_LIMIT = TITLE_LIMIT  # it becomes the title of a goal in the owner's outer circle
LAST = len(CONSULTATION_STEPS) - 1
STEP_KEYS = tuple(step.key for step in CONSULTATION_STEPS)

# What is known of a case when deciding what someone may do to it.
State = namedtuple("State", "is_owner status step")

def clean_case(value):
    """(case text, None) or (None, message): the progress the owner would like to make."""
    return clean_text(value, CASE_LIMIT, _l("Write in a sentence or two what progress you would "
                                             "like to make."))


def clean_contribution(data, current):
    """Check a contribution ({"step": a step key, "text"}) to a case at step `current`; return
    (clean values {"step": index, "text"}, {field: message}). Only the current or an earlier
    step takes contributions."""
    clean, errors = {}, {}
    key = data.get("step")
    index = step_index(key, CONSULTATION_STEPS) if isinstance(key, str) else None
    if index is None:
        errors["step"] = _l("Choose one of the steps: %(keys)s.", keys=", ".join(STEP_KEYS))
    elif index > current:
        errors["step"] = _l("The group is not at that step yet.")
    else:
        clean["step"] = index
    text, error = clean_text(data.get("text"), CONTRIBUTION_LIMIT,
                             _l("Write your question or idea first."))
    if error:
        errors["text"] = error
    else:
        clean["text"] = text
    return clean, errors


def clean_next_step(value):
    """(next step text, None), "" when left empty (closing without a goal), or (None, message)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "", None
    return clean_text(value, NEXT_STEP_LIMIT, _l("Write the next step in a few words."))


def clean_better(value):
    """(text, None) or (None, message) for "what went better since?"."""
    return clean_text(value, BETTER_LIMIT, _l("Write what went better, however small."))


_OWNER_ONLY = {
    "step": _l("The person who brought the case moves the group on."),
    "close": _l("Only the person who brought the case chooses its next step."),
    "better_since": _l("Only the person who brought the case writes what went better since."),
    "delete": _l("Only the person who brought the case can delete it."),
}


def refusal(action, state):
    """None when someone may do `action` ("contribute", "step", "close", "better_since",
    "delete") to a case in `state` now; otherwise the Refusal to raise."""
    if action in _OWNER_ONLY and not state.is_owner:
        return Refusal("conflict", _OWNER_ONLY[action], code="not_owner")
    if action == "delete":
        return None
    if action == "better_since":
        if state.status != "closed":
            return Refusal("conflict", _l("What went better since comes after the case is "
                                          "closed."))
        return None
    if state.status != "open":
        return Refusal("conflict", _l("This case is closed; what was written stays as it is."))
    if action == "close" and not is_last(state.step, CONSULTATION_STEPS):
        return Refusal("conflict", _l("The next step comes at step %(number)s, after the "
                                      "earlier successes.", number=LAST + 1))
    return None


def after_move(step, direction):
    """The step moving on (1) or back (-1) from `step` leads to; refused past either end
    (the case closes when the owner chooses their next step, not by moving on)."""
    if direction > 0 and is_last(step, CONSULTATION_STEPS):
        raise Refusal("conflict", _l("This is the last step: choose your next step to close "
                                     "the case."))
    if direction < 0 and step == 0:
        raise Refusal("conflict", _l("This is the first step already."))
    return moved(step, direction, CONSULTATION_STEPS)


def step_view(step):
    """What the page shows of step `step`: its number (from 1), key, title, question, and the
    titles of the steps around it."""
    current = CONSULTATION_STEPS[step]
    return {"number": step + 1, "total": LAST + 1, "key": current.key,
            "title": current.title, "question": current.question,
            "is_last": step == LAST,
            "next_title": None if step == LAST else CONSULTATION_STEPS[step + 1].title,
            "previous_title": CONSULTATION_STEPS[step - 1].title if step else None}


def by_step(contributions, upto):
    """The steps before `upto` that have contributions, as [(step, [contributions])] in
    order; `contributions` have .step."""
    grouped = [(current, []) for current in CONSULTATION_STEPS[:upto]]
    for contribution in contributions:
        if contribution.step < upto:
            grouped[contribution.step][1].append(contribution)
    return [(step, said) for step, said in grouped if said]


def turn_order(member_ids, owner_id, step):
    """A suggested round for asking at `step`: the members other than the owner, starting one
    further along at each step so someone else begins. Only a suggestion: anyone may add."""
    others = [member for member in member_ids if member != owner_id]
    if not others:
        return []
    start = step % len(others)
    return others[start:] + others[:start]


def step_key(step):
    """The key of the step at index `step`."""
    return STEP_KEYS[step]
