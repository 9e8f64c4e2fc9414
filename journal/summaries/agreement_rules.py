"""The agreed next steps of a progress conversation, as pure rules: what makes a valid step,
when the employee may propose one, and what became of each. Plain data in, plain data out."""
from flask_babel import lazy_gettext as _l

AGREEMENT_LIMIT = 200  # an accepted step becomes a goal's title (journal.goals.rules)
PROPOSERS = ("employee", "manager")
STATES = ("proposed", "in_circle", "achieved", "declined", "removed")


def clean_agreement_text(data, *, required=True):
    """(text, {}) or (None, {"text": message}): a next step is text, trimmed, 1–AGREEMENT_LIMIT
    characters. Without `required`, a missing or null text gives (None, {}): keep the
    proposed words."""
    value = data.get("text") if isinstance(data, dict) else None
    if value is None and not required:
        return None, {}
    if value is not None and not isinstance(value, str):
        return None, {"text": _l("This must be text.")}
    text = (value or "").strip()
    if not text:
        return None, {"text": _l("Write the next step in a few words.")}
    if len(text) > AGREEMENT_LIMIT:
        return None, {"text": _l("Please keep it under %(limit)s characters: it becomes a goal.",
                                 limit=AGREEMENT_LIMIT)}
    return text, {}


def closed_for_proposals(status):
    """Why no next step can be proposed on a summary in this state, or None when it can: only a
    shared summary holds a conversation's record."""
    if status == "shared":
        return None
    if status == "withdrawn":
        return _l("It is withdrawn, so nothing more can be agreed on it. Share it again to "
                  "agree on next steps.")
    return _l("Next steps are agreed on a shared summary. Share it first, then agree on them "
              "in your conversation.")


def undecided_refusal(status):
    """Why a step already decided cannot be decided again."""
    if status == "accepted":
        return _l("You already accepted this step; it is in your circle.")
    return _l("You already let this step go.")


def state_of(status, ring):
    """What became of an agreement: "proposed", "in_circle" (accepted, its goal still to
    achieve), "achieved" (its goal moved to the inner circle), "declined" (let go) or "removed"
    (accepted, but the employee has since deleted the goal). `ring` is the goal's ring, or None
    when there is no goal."""
    if status == "declined":
        return "declined"
    if status != "accepted":
        return "proposed"
    if ring is None:
        return "removed"
    return "achieved" if ring == "inner" else "in_circle"


def state_words():
    """The words for each state as the employee reads them, in the current language."""
    return {"proposed": _l("Not decided yet"), "in_circle": _l("In your circle"),
            "achieved": _l("Achieved"), "declined": _l("Let go"),
            "removed": _l("No longer in your circle")}


def shared_state_words():
    """The words for each state as the manager reads them (and the employee's preview of it):
    an accepted step is still to achieve or achieved, whatever the employee did with its goal
    since; the manager never learns more."""
    return {"proposed": _l("Not decided yet"), "in_circle": _l("Still to achieve"),
            "achieved": _l("Achieved"), "declined": _l("Let go"),
            "removed": _l("Still to achieve")}
