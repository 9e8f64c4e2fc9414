"""What makes a valid export document to import: pure checks that reuse each object's own rules
(clean_entry, clean_review, ...) and name every problem by where it is in the file, such as
`entries[3].text`. Plain data in, plain data out."""
import uuid
from datetime import datetime

from flask_babel import lazy_gettext as _l

from journal.checklist.rules import clean_checklist
from journal.clock import is_timezone, parse_day, stored_utc
from journal.entries.rules import TEXT_LIMIT, clean_entry
from journal.goals.rules import TITLE_LIMIT as AGREEMENT_LIMIT  # a step becomes a goal title
from journal.goals.rules import clean_goal
from journal.notifications.rules import clean_reminders
from journal.refusal import Refusal
from journal.reviews.rules import clean_review
from journal.summaries.rules import ANSWERS, SUMMARY_STATUSES, clean_summary
from journal.weeks import parse_week

FORMAT = "progress-journal"
VERSION = 1
SECTIONS = ("entries", "reviews", "goals", "summaries", "checklists", "meeting_answers")
NAME_LIMIT = 80
MAX_REPORTED = 50  # problems named in one answer: enough to see what is wrong
# The most of each kind one file may hold: decades of a journal written every day, and a bound
# on how long one import keeps writing.
SECTION_LIMITS = {"entries": 20000, "reviews": 1500, "goals": 2000, "summaries": 1000,
                  "checklists": 1000, "meeting_answers": 20000}
QUESTIONS = ("progress", "next", "help")


def check_document(data, *, latest_day, languages):
    """Check a whole export document; return the clean plan ({section: [objects]}, plus "user"
    and "reminders"), or raise Refusal naming what is wrong. `latest_day` is the last day an
    entry may have (any time zone's today); `languages` the app's language codes."""
    if not isinstance(data, dict):
        raise Refusal("malformed", _l("This file is not a Progress Journal export: it does "
                                           "not hold a JSON object."))
    if data.get("format") != FORMAT:
        message = _l("This is not a Progress Journal export.")
        raise Refusal("invalid", message, fields={"format": message})
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        message = _l("The file has no version this app knows.")
        raise Refusal("invalid", message, fields={"version": message})
    if version > VERSION:
        message = _l("This file was made by a newer version of Progress Journal. Import it "
                     "into a journal that is up to date.")
        raise Refusal("invalid", message, fields={"version": message})
    errors = {}
    plan = {"exported_at": _moment(data.get("exported_at"), "exported_at", errors)}
    checks = {"entries": lambda item, at, errs: _entry(item, at, errs, latest_day),
              "reviews": _review, "goals": _goal, "summaries": _summary,
              "checklists": _checklist, "meeting_answers": _meeting_answer}
    for section in SECTIONS:
        plan[section] = _each(_section(data, section), section, checks[section], errors)
    plan["user"] = _profile(data.get("user"), errors, languages)
    plan["reminders"] = _reminders(data.get("reminders"), errors, latest_day)
    _no_repeats(plan, errors)
    if errors:
        shown = dict(list(errors.items())[:MAX_REPORTED])
        raise Refusal("invalid", _l("Nothing was imported: some things in the file "
                                    "need another look."), fields=shown)
    return plan


def _section(data, section):
    """A section's list: the person's own team meeting answers sit in `team_contributions`."""
    if section != "meeting_answers":
        return data.get(section)
    team_part = data.get("team_contributions")
    return team_part.get("meeting_answers") if isinstance(team_part, dict) else None


def _each(items, section, check, errors):
    if items is None:
        return []
    if not isinstance(items, list):
        errors[section] = _l("This must be a list.")
        return []
    if len(items) > SECTION_LIMITS[section]:
        errors[section] = _l("The file holds %(count)s of these; an import takes at most "
                             "%(limit)s.", count=len(items), limit=SECTION_LIMITS[section])
        return []
    clean = []
    for index, item in enumerate(items):
        at = f"{section}[{index}]"
        if not isinstance(item, dict):
            errors[at] = _l("Each one must be an object.")
            continue
        found = {}
        value = check(item, at, found)
        value["id"] = _id(item.get("id"), at, found)
        value["at"] = at
        if found:
            errors.update(found)
        else:
            clean.append(value)
    return clean


def _id(value, at, errors):
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        errors[f"{at}.id"] = _l("Each object needs its id (a UUID) from the export.")
        return None


def _moment(value, at, errors):
    """A stored naive-UTC moment from ISO 8601 with an offset; None stays None."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        return stored_utc(moment) if moment and moment.tzinfo else _no_moment(at, errors)
    except (ValueError, OverflowError):  # not a moment, or one beyond year 1–9999 in UTC
        return _no_moment(at, errors)


def _no_moment(at, errors):
    errors[at] = _l("Use a moment like 2026-11-27T16:02:11+00:00.")


def _stamps(item, at, errors):
    return {name: _moment(item.get(name), f"{at}.{name}", errors)
            for name in ("created_at", "updated_at")}


def _prefixed(found, at, errors):
    for field, message in found.items():
        if field.startswith("items."):
            field = f"items[{field.split('.', 1)[1]}]"
        errors[f"{at}.{field}"] = message


def _entry(item, at, errors, latest_day):
    values, found = clean_entry(item, today=latest_day)
    _prefixed(found, at, errors)
    return {**values, **_stamps(item, at, errors)}


def _review(item, at, errors):
    values, found = clean_review(item)
    _prefixed(found, at, errors)
    week = item.get("week")
    if not isinstance(week, str) or len(week) != 8 or parse_week(week) is None:
        errors[f"{at}.week"] = _l("There is no such week. Use the form 2026-W48.")
    return {**values, "week": week, **_stamps(item, at, errors)}


def _goal(item, at, errors):
    values, found = clean_goal(item)
    _prefixed(found, at, errors)
    values.setdefault("ring", "outer")
    values.setdefault("why", "")
    values.setdefault("steps", [])
    moved = _moment(item.get("moved_inner_at"), f"{at}.moved_inner_at", errors)
    return {**values, "moved_inner_at": moved if values["ring"] == "inner" else None,
            **_stamps(item, at, errors)}


def _summary(item, at, errors):
    values, found = clean_summary({key: item[key] for key in (*ANSWERS, "better_since", "items")
                                   if key in item}, today=None)
    _prefixed(found, at, errors)
    values.setdefault("items", [])
    for field in (*ANSWERS, "better_since"):
        values.setdefault(field, "")
    values["agreements"] = _agreements(item.get("agreements", []), at, errors)
    days = {}
    for field in ("from", "to", "conversation_on"):
        raw = item.get(field)
        days[field] = parse_day(raw) if raw is not None else None
        if days[field] is None and (raw is not None or field != "conversation_on"):
            errors[f"{at}.{field}"] = _l("Choose a date, like 2026-11-27.")
    if days["from"] and days["to"] and days["to"] < days["from"]:
        errors[f"{at}.to"] = _l("The period ends before it starts. Choose a later end date.")
    status = item.get("status", "draft")
    if status not in SUMMARY_STATUSES:
        errors[f"{at}.status"] = _l("Use draft, shared or withdrawn.")
    moments = {name: _moment(item.get(name), f"{at}.{name}", errors)
               for name in ("shared_at", "first_viewed_at", "withdrawn_at")}
    return {**values, "period_from": days["from"], "period_to": days["to"],
            "conversation_on": days["conversation_on"], "status": status, **moments,
            **_stamps(item, at, errors)}


AGREEMENT_SIDES = ("employee", "manager")
AGREEMENT_STATUSES = ("proposed", "accepted", "declined")


def _agreements(items, at, errors):
    """The next steps agreed on a summary, as the export shows them."""
    if not isinstance(items, list):
        errors[f"{at}.agreements"] = _l("This must be a list.")
        return []
    clean = []
    for index, item in enumerate(items):
        where = f"{at}.agreements[{index}]"
        text = item.get("text") if isinstance(item, dict) else None
        if not isinstance(text, str) or not 0 < len(text.strip()) <= AGREEMENT_LIMIT:
            errors[f"{where}.text"] = _l("Use a next step of 1 to 200 characters.")
        elif item.get("proposed_by") not in AGREEMENT_SIDES or item.get("status") not in \
                AGREEMENT_STATUSES or item.get("created_at") is None:
            errors[where] = _l("Use the proposer, state and moment the export gives.")
        else:
            moments = {name: _moment(item.get(name), f"{where}.{name}", errors)
                       for name in ("created_at", "decided_at")}
            goal_id = _id(item["goal_id"], f"{where}.goal", errors) if item.get("goal_id") else None
            clean.append({"id": _id(item.get("id"), where, errors), "text": text.strip(),
                          "proposed_by": item["proposed_by"], "status": item["status"],
                          "goal_id": goal_id, **moments})
    return clean


def _meeting_answer(item, at, errors):
    """One of the person's own answers to the pair questions of a team meeting."""
    text, week, question = item.get("text"), item.get("week"), item.get("question")
    if not isinstance(text, str) or not 0 < len(text.strip()) <= TEXT_LIMIT:
        errors[f"{at}.text"] = _l("Use an answer of 1 to %(limit)s characters.", limit=TEXT_LIMIT)
    if not isinstance(week, str) or parse_week(week) is None:
        errors[f"{at}.week"] = _l("Use a week like 2026-W48.")
    if question not in QUESTIONS:
        errors[f"{at}.question"] = _l("Use progress, next or help.")
    team = item.get("team")
    team_id = team.get("id") if isinstance(team, dict) else None
    return {"text": text.strip() if isinstance(text, str) else "", "week": week,
            "question": question,
            "team_id": _id(team_id, f"{at}.team", errors) if team_id else None,
            "shared_at": _moment(item.get("shared_at"), f"{at}.shared_at", errors),
            **_stamps(item, at, errors)}


def _checklist(item, at, errors):
    values, found = clean_checklist(item, strict=True)
    _prefixed(found, at, errors)
    return {**values, **_stamps(item, at, errors)}


def _profile(user, errors, languages):
    """The account settings in the file (the address, sign-up moment and the ways of signing in
    stay the account's own: a file never links a company sign-in)."""
    if user is None:
        return {}
    if not isinstance(user, dict):
        errors["user"] = _l("This must be an object.")
        return {}
    clean = {}
    checks = {
        "display_name": (lambda v: isinstance(v, str) and 0 < len(v.strip()) <= NAME_LIMIT,
                         lambda v: v.strip(), _l("Use a name of 1 to 80 characters.")),
        "timezone": (lambda v: isinstance(v, str) and is_timezone(v), str,
                     _l("Choose a time zone from the list.")),
        "language": (lambda v: v in languages, str, _l("Use one of the app's languages.")),
        "review_weekday": (lambda v: type(v) is int and 1 <= v <= 7, int,
                           _l("Weekdays are numbers from 1 (Monday) to 7 (Sunday).")),
        "notification_details": (lambda v: isinstance(v, bool), bool, _l("Use true or false.")),
        "reminders_paused_until": (lambda v: v is None or parse_day(v) is not None,
                                   lambda v: v and parse_day(v),
                                   _l("Choose a real date (YYYY-MM-DD).")),
    }
    for field, (valid, convert, message) in checks.items():
        if field in user:
            if valid(user[field]):
                clean[field] = convert(user[field])
            else:
                errors[f"user.{field}"] = message
    return clean


def _reminders(reminders, errors, latest_day):
    """The daily and weekly reminder settings (the pause, time zone and details are read from
    `user`, where the account keeps them)."""
    if reminders is None:
        return {}
    if not isinstance(reminders, dict):
        errors["reminders"] = _l("This must be an object.")
        return {}
    wanted = {key: reminders[key] for key in ("daily", "weekly_review") if key in reminders}
    clean, found = clean_reminders(wanted, today=latest_day)
    errors.update({f"reminders.{field}": message for field, message in found.items()})
    return clean


def _no_repeats(plan, errors):
    """Each id once per section, and one review per week."""
    for section in SECTIONS:
        seen = set()
        for item in plan[section]:
            if item["id"] in seen:
                errors[f"{item['at']}.id"] = _l("This id appears more than once in the "
                                                      "file.")
            seen.add(item["id"])
    weeks = set()
    for review in plan["reviews"]:
        if review["week"] in weeks:
            errors[f"{review['at']}.week"] = _l("This week has more than one review in the "
                                                  "file.")
        weeks.add(review["week"])
