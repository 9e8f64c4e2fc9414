"""The helping conversation's rules: what makes a valid request, note and next step, who may do
what at which moment, and where moving on leads. Pure: plain data in, plain data (or a Refusal)
out; the words of the seven steps live in journal.conversations.steps."""
from collections import namedtuple

from flask_babel import lazy_gettext as _l

from journal.conversations.steps import NEXT_STEP, SEVEN_STEPS, STEP_KEYS, is_last, moved
from journal.entries.rules import TEXT_LIMIT
from journal.goals.rules import TITLE_LIMIT
from journal.refusal import Refusal

TOPIC_LIMIT = 1000
NOTE_LIMIT = TEXT_LIMIT
NEXT_STEP_LIMIT = TITLE_LIMIT  # it becomes the title of a goal in the asker's outer circle
ROLES = ("asker", "helper")

# A short hint for the helper at each step: how to ask, what to leave to the asker.
HELPER_HINTS = {
    "usefulness": _l("Let their goal lead. Ask what would make this half hour worth it."),
    "better": _l("Listen first. Ask what they would like instead, not only what is wrong."),
    "desired": _l("Ask for detail: what would they see, do or hear once it works?"),
    "platform": _l("Look for what already works, however small. Ask how they did it."),
    "successes": _l("Ask about a time something like this went well, and what helped then."),
    "next_step": _l("Let them choose one small, concrete step. You may suggest one; they decide."),
    "usefulness_again": _l("Ask whether it helped, and thank them for their openness."),
}

# What is known of a conversation when deciding what may happen to it.
State = namedtuple("State", "role status step next_step accepted connected")


def clean_request(data):
    """Check a request for a helping conversation ({"helper_id", "topic"}); return (clean values,
    {field: message}). Whether the helper is someone connected is for the store to check."""
    clean, errors = {}, {}
    helper_id = data.get("helper_id")
    if not isinstance(helper_id, str) or not helper_id.strip():
        errors["helper_id"] = _l("Choose who you would like to talk with.")
    else:
        clean["helper_id"] = helper_id.strip()
    topic, error = clean_text(data.get("topic"), TOPIC_LIMIT,
                              _l("Write in a sentence what you would like help with."))
    if error:
        errors["topic"] = error
    else:
        clean["topic"] = topic
    return clean, errors


def clean_text(value, limit, empty_message):
    """(text, None) for non-empty text within `limit` characters; else (None, message)."""
    if value is not None and not isinstance(value, str):
        return None, _l("This must be text.")
    text = (value or "").strip()
    if not text:
        return None, empty_message
    if len(text) > limit:
        return None, _l("Please keep it under %(limit)s characters.", limit=limit)
    return text, None


def clean_note(value):
    """(note text, None) or (None, message)."""
    return clean_text(value, NOTE_LIMIT, _l("Write a few words first."))


def clean_next_step(value):
    """(next step text, None) or (None, message)."""
    return clean_text(value, NEXT_STEP_LIMIT, _l("Write the next step in a few words."))


def clean_direction(value):
    """(1 or -1, None) or (None, message)."""
    if isinstance(value, bool) or value not in (1, -1):
        return None, _l("Use 1 to move on or -1 to go back.")
    return value, None


def clean_answer(value):
    """(True or False, None) or (None, message)."""
    if not isinstance(value, bool):
        return None, _l("Use true to accept or false to decline.")
    return value, None


def refusal(action, state):
    """None when `state.role` may do `action` ("answer", "note", "step", "next_step",
    "accept", "delete") now; otherwise the Refusal to raise."""
    reason = _ROLE_REASONS.get(action)
    if reason and state.role != reason[0]:
        return Refusal("conflict", reason[1], code="wrong_role")
    if action == "delete":
        return None
    if action == "answer":
        if state.status != "asked":
            return Refusal("conflict", _l("This request has already been answered."))
        return None
    if action == "accept":
        return _accept_refusal(state)
    return _open_refusal(state) or _step_refusal(action, state)


_ROLE_REASONS = {
    "answer": ("helper", _l("Only the person who was asked can answer this request.")),
    "step": ("helper", _l("The helper moves through the steps.")),
    "accept": ("asker", _l("Only the person who asked can take the next step into their own "
                           "circle.")),
    "delete": ("asker", _l("Only the person who asked can delete this conversation.")),
}


def _open_refusal(state):
    if not state.connected:
        return Refusal("conflict", _l("You are no longer connected, so this conversation stays "
                                      "as it is. The record is still yours."))
    messages = {
        "asked": _l("The conversation starts once the request is accepted."),
        "declined": _l("This request was declined, so the conversation did not start."),
        "closed": _l("This conversation is closed; what was written stays as it is."),
    }
    if state.status in messages:
        return Refusal("conflict", messages[state.status])
    return None


def _step_refusal(action, state):
    if action == "next_step":
        if state.step < NEXT_STEP:
            return Refusal("conflict", _l("The next step comes at step %(number)s, after what "
                                          "already works.", number=NEXT_STEP + 1))
        if state.accepted:
            return Refusal("conflict", _l("This next step is already in the asker's circle."))
    return None


def _accept_refusal(state):
    if state.status not in ("open", "closed"):
        return _open_refusal(state)
    if state.accepted:
        return Refusal("conflict", _l("This next step is already in your circle."))
    if state.step < NEXT_STEP and not state.next_step:
        return Refusal("conflict", _l("The next step comes at step %(number)s, after what "
                                      "already works.", number=NEXT_STEP + 1))
    return None


def after_move(step, direction):
    """Where moving on from `step` leads: ("step", the new index), or ("close", step) when the
    helper moves on from the last step. Going back from the first step is refused."""
    if direction > 0 and is_last(step):
        return "close", step
    if direction < 0 and step == 0:
        raise Refusal("conflict", _l("This is the first step already."))
    return "step", moved(step, direction)


def step_view(step, role):
    """What the page shows of the current step: its number (from 1), key, title, question,
    the helper's hint (None for the asker), and whether it is the next-step or the last one."""
    current = SEVEN_STEPS[step]
    return {"number": step + 1, "total": len(SEVEN_STEPS), "key": current.key,
            "title": current.title, "question": current.question,
            "hint": HELPER_HINTS[current.key] if role == "helper" else None,
            "is_next_step": step == NEXT_STEP, "is_last": is_last(step),
            "next_title": None if is_last(step) else SEVEN_STEPS[step + 1].title,
            "previous_title": SEVEN_STEPS[step - 1].title if step else None}


def notes_by_step(notes, upto):
    """The earlier steps (before `upto`) as [(step, [notes])], every step listed, in order;
    `notes` have .step."""
    grouped = [(current, []) for current in SEVEN_STEPS[:upto]]
    for note in notes:
        if note.step < upto:
            grouped[note.step][1].append(note)
    return grouped


def step_key(step):
    """The key of the step at index `step`."""
    return STEP_KEYS[step]
