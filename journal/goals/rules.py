"""What makes a valid goal, and where goals sit in the circle: pure functions."""
import math

from flask_babel import lazy_gettext as _l

from journal.entries.rules import TEXT_LIMIT

RINGS = ("outer", "inner")


TITLE_LIMIT = 200
WHY_LIMIT = TEXT_LIMIT
STEP_LIMIT = 300
MAX_STEPS = 30


def clean_goal(data, *, partial=False):
    """Check a goal's fields; return (clean values, {field: message})."""
    clean, errors = {}, {}
    checks = {"title": _check_title, "why": _check_why, "ring": _check_ring,
              "steps": _check_steps}
    for field, check in checks.items():
        if field not in data:
            if field == "title" and not partial:
                errors["title"] = _l("Give the goal a short title.")
            continue
        value, error = check(data[field])
        if error:
            errors[field] = error
        else:
            clean[field] = value
    return clean, errors


def clean_step(text):
    """(step text, None) or (None, message)."""
    if not isinstance(text, str) or not text.strip():
        return None, _l("Write the next step in a few words.")
    if len(text.strip()) > STEP_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=STEP_LIMIT)
    return text.strip(), None


def _check_title(value):
    if not isinstance(value, str) or not value.strip():
        return None, _l("Give the goal a short title.")
    if len(value.strip()) > TITLE_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=TITLE_LIMIT)
    return value.strip(), None


def _check_why(value):
    if value is None:
        return "", None
    if not isinstance(value, str):
        return None, _l("This must be text.")
    if len(value.strip()) > WHY_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=WHY_LIMIT)
    return value.strip(), None


def _check_ring(value):
    if value not in RINGS:
        return None, _l("Use outer (still to achieve) or inner (achieved).")
    return value, None


def _check_steps(value):
    if not isinstance(value, list) or len(value) > MAX_STEPS:
        return None, _l("Steps must be a list of at most %(limit)s items.", limit=MAX_STEPS)
    steps = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("done", False), bool):
            return None, _l("Each step needs a text and whether it is done.")
        text, error = clean_step(item.get("text"))
        if error:
            return None, error
        steps.append({"text": text, "done": item.get("done", False)})
    return steps, None


def circle_positions(count, radius, centre=160.0):
    """Evenly spaced (x, y) points on a circle, starting at the top, for `count` goals."""
    if count == 1 and radius < 60:
        return [(centre, centre)]
    return [(round(centre + radius * math.sin(2 * math.pi * i / count), 1),
             round(centre - radius * math.cos(2 * math.pi * i / count), 1))
            for i in range(count)]


GLIMPSE = 3  # goals of each circle the home page shows


def glimpse(goals, few=GLIMPSE):
    """A few goals of each circle for the home page, or None without goals: {"inner",
    "outer": up to `few` titles each, "more_inner", "more_outer": how many are left out}.
    `goals`: mappings with "title" and "ring", in the circle's order (Goal.of)."""
    if not goals:
        return None
    inner = [goal["title"] for goal in goals if goal["ring"] == "inner"]
    outer = [goal["title"] for goal in goals if goal["ring"] != "inner"]
    return {"inner": inner[:few], "outer": outer[:few],
            "more_inner": max(0, len(inner) - few), "more_outer": max(0, len(outer) - few)}
