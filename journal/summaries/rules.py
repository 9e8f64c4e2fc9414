"""Summaries for progress conversations, as pure rules: which period, which highlights the app
proposes, and what makes a summary valid. Plain data in, plain data out; no requests here."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from journal.clock import parse_day
from journal.entries.rules import TEXT_LIMIT
from journal.weeks import parse_week

SUMMARY_STATUSES = ("draft", "shared", "withdrawn")
ITEM_SOURCES = ("entry", "review", "goal", "own")

PERIODS = ("since_last", "four_weeks", "quarter", "custom")
MAX_PERIOD_DAYS = 731
ITEM_LIMIT = 1000
ANSWER_LIMIT = TEXT_LIMIT
MAX_ITEMS = 40
SOURCE_ID_LIMIT = 40
ANSWERS = ("achieved", "want", "how", "help_from_manager")
# Everything the employee writes: the three questions and help, and what went better since the
# last conversation (the next conversation opens with it).
TEXT_FIELDS = (*ANSWERS, "better_since")
ENTRY_CAP = 8
IMPROVED_CAP = 8
HELP_CAP = 3
AHEAD_CAP = 5
MARK = "\x00"  # where a highlight's own words go in the words that mark its kind


# -- the period ------------------------------------------------------------------------------

def since_last_start(today, last_shared_to):
    """Where "since the last shared summary" begins: the day after it ended, else 4 weeks ago."""
    if last_shared_to is None:
        return today - timedelta(days=27)
    return last_shared_to + timedelta(days=1)


def clean_new_summary(data, *, today, last_shared_to):
    """Check a new summary's period, conversation day and any answers sent with it (TEXT_FIELDS);
    (period with the clean "answers", conversation_on, errors)."""
    period, errors = clean_period(data, today=today, last_shared_to=last_shared_to)
    conversation_on, error = check_conversation_on(data.get("conversation_on"), today=today)
    if error:
        errors["conversation_on"] = error
    answers, answer_errors = clean_summary(
        {field: data[field] for field in TEXT_FIELDS if field in data}, today=today)
    errors.update(answer_errors)
    return ({}, None, errors) if errors else ({**period, "answers": answers}, conversation_on, {})


def clean_period(data, *, today, last_shared_to):
    """Check the chosen period; return ({"period_from", "period_to"}, {field: message}).

    `data` has `period` (one of PERIODS) and/or `from` and `to` (YYYY-MM-DD). Only custom
    dates use `from` and `to` (`to` defaulting to today); the others end today. Without a
    `period`, dates mean custom dates and no dates mean since the last shared summary.
    """
    dated = data.get("from") or data.get("to")
    period = data.get("period") or ("custom" if dated else "since_last")
    if period not in PERIODS:
        return {}, {"period": _l("Choose one of the periods.")}
    errors = {}
    end = _day_or_default(data.get("to"), today) if period == "custom" else today
    if end is None:
        errors["to"] = _l("Choose a date, like 2026-11-27.")
    starts = {"since_last": since_last_start(today, last_shared_to),
              "four_weeks": today - timedelta(days=27), "quarter": today - timedelta(days=90)}
    start = starts.get(period) or _day_or_default(data.get("from"), None)
    if start is None:
        errors["from"] = _l("Choose the first day, like 2026-11-01.")
    if errors:
        return {}, errors
    field = "from" if period == "custom" else "period"
    if period == "since_last" and start > today:
        errors[field] = _l("Your last shared summary already reaches today. Choose other dates.")
    elif start > today:
        errors[field] = _l("The period cannot start in the future.")
    elif end < start:
        errors["to"] = _l("The period ends before it starts. Choose a later end date.")
    elif (end - start).days > MAX_PERIOD_DAYS:
        errors[field] = _l("Please choose a period of at most two years.")
    return ({}, errors) if errors else ({"period_from": start, "period_to": end}, {})


def _day_or_default(value, default):
    if value is None or value == "":
        return default
    return parse_day(value)


def check_conversation_on(value, *, today, current=None):
    """(day or None, None) or (None, message): the conversation is today or later (a day kept
    from before may stay, even once it has passed)."""
    if value is None or value == "":
        return None, None
    day = parse_day(value) if isinstance(value, str) else None
    if day is None:
        return None, _l("Choose a date, like 2026-11-27.")
    if day < today and day != current:
        return None, _l("Choose today or a later day.")
    return day, None


# -- proposed highlights ---------------------------------------------------------------------

def propose_items(entries, achieved_goals, reviews, period_from, period_to, open_goals=()):
    """The highlights the app proposes for a period, as [{"text", "source", "source_id"}]:
    progress achieved first, then progress still to achieve beside it, then help wanted.

    - `entries` (.id, .day, .text, .kind, .meaning, .learned, .created_at): the most meaningful
      ones (meaning 4–5 first, then newest), at most ENTRY_CAP; a setback only with what was
      learned from it.
    - `achieved_goals` (.id, .title, .achieved_on): goals moved inside during the period.
    - `reviews` (.id, .week, .improved [texts], .next_week, .help_wanted): "what improved" and
      help wanted from weeks in the period (a week counts when most of its days do: its
      Thursday); the newest one's "next week" is still to achieve.
    - `open_goals` (.id, .title): goals in the outer circle, still to achieve, at most AHEAD_CAP.
    Texts are copies, cut to ITEM_LIMIT, and a text already proposed is not proposed twice.
    """
    def within(day):
        return period_from <= day <= period_to
    proposed = []
    for goal in sorted((g for g in achieved_goals if within(g.achieved_on)),
                       key=lambda g: g.achieved_on, reverse=True):
        proposed.append(_item(_l("Achieved: %(title)s", title=goal.title), "goal", goal.id))
    for entry in _ranked_entries([e for e in entries if within(e.day)])[:ENTRY_CAP]:
        proposed.append(_item(_entry_text(entry), "entry", entry.id))
    weeks = sorted((r for r in reviews if within(parse_week(r.week) + timedelta(days=3))),
                   key=lambda r: r.week, reverse=True)
    improved = [_item(text, "review", r.id) for r in weeks for text in r.improved if text.strip()]
    proposed.extend(improved[:IMPROVED_CAP])
    proposed.extend(_still_to_achieve(open_goals, weeks[0] if weeks else None))
    helps = [_item(_l("Help I would like: %(text)s", text=r.help_wanted.strip()), "review", r.id)
             for r in weeks if r.help_wanted.strip()]
    proposed.extend(helps[:HELP_CAP])
    return _without_repeats(proposed)


def _still_to_achieve(open_goals, latest_review):
    ahead = [_item(_l("Still to achieve: %(text)s", text=goal.title.strip()), "goal", goal.id)
             for goal in open_goals if goal.title.strip()][:AHEAD_CAP]
    if latest_review is not None and latest_review.next_week.strip():
        ahead.append(_item(_l("Still to achieve: %(text)s", text=latest_review.next_week.strip()),
                           "review", latest_review.id))
    return ahead


def item_marks():
    """The words that mark a proposed highlight's kind, lazily in the current language, with
    MARK where its own words go: "achieved", "still" (to achieve), "help" and "learned"."""
    return {"achieved": _l("Achieved: %(title)s", title=MARK),
            "still": _l("Still to achieve: %(text)s", text=MARK),
            "help": _l("Help I would like: %(text)s", text=MARK),
            "learned": _l("Not yet, and what I learned: %(learned)s (%(text)s)",
                          learned=MARK, text=MARK)}


def _ranked_entries(entries):
    useful = [e for e in entries if e.kind != "setback" or e.learned.strip()]
    newest = sorted(useful, key=lambda e: (e.day, e.created_at), reverse=True)
    return sorted(newest, key=lambda e: 0 if (e.meaning or 0) >= 4 else 1)


def _entry_text(entry):
    if entry.kind == "setback":
        return _l("Not yet, and what I learned: %(learned)s (%(text)s)",
                  learned=entry.learned.strip(), text=entry.text.strip())
    return entry.text.strip()


def _item(text, source, source_id):
    text = str(text).strip()
    if len(text) > ITEM_LIMIT:
        text = text[:ITEM_LIMIT - 1].rstrip() + "…"
    return {"text": text, "source": source, "source_id": str(source_id)}


def _without_repeats(items):
    seen, kept = set(), []
    for item in items:
        key = " ".join(item["text"].casefold().split())
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


# -- what the employee writes ----------------------------------------------------------------

def clean_summary(data, *, today, current_conversation_on=None):
    """Check the fields sent (only those present); return (clean values, {field: message}).

    Answers are text up to ANSWER_LIMIT; `items` replaces the highlights ([{text, source,
    source_id}], text 1–ITEM_LIMIT); a bad item is named as `items` and `items.<index>`.
    """
    clean, errors = {}, {}
    for field in TEXT_FIELDS:
        if field in data:
            value, error = _check_answer(data[field])
            _keep(field, value, error, clean, errors)
    if "conversation_on" in data:
        value, error = check_conversation_on(data["conversation_on"], today=today,
                                             current=current_conversation_on)
        _keep("conversation_on", value, error, clean, errors)
    if "items" in data:
        items, item_errors = clean_items(data["items"])
        if item_errors:
            errors.update(item_errors)
        else:
            clean["items"] = items
    return clean, errors


def _keep(field, value, error, clean, errors):
    if error:
        errors[field] = error
    else:
        clean[field] = value


def _check_answer(value):
    if value is None:
        return "", None
    if not isinstance(value, str):
        return None, _l("This must be text.")
    if len(value.strip()) > ANSWER_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=ANSWER_LIMIT)
    return value.strip(), None


def clean_items(value):
    """([{text, source, source_id}], {}) or (None, {"items": message, "items.<i>": message})."""
    if not isinstance(value, list):
        return None, {"items": _l("Send the highlights as a list.")}
    if len(value) > MAX_ITEMS:
        return None, {"items": _l("Please keep it to at most %(limit)s highlights.",
                                  limit=MAX_ITEMS)}
    items, errors = [], {}
    for index, raw in enumerate(value):
        item, error = _check_item(raw)
        if error:
            errors.setdefault("items", error)
            errors[f"items.{index}"] = error
        else:
            items.append(item)
    return (None, errors) if errors else (items, {})


def _check_item(raw):
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        return None, _l("Each highlight needs a text.")
    text = raw["text"].strip()
    if not text:
        return None, _l("Write a few words, or remove this highlight.")
    if len(text) > ITEM_LIMIT:
        return None, _l("Please keep it under %(limit)s characters.", limit=ITEM_LIMIT)
    source = raw.get("source") or "own"
    if source not in ITEM_SOURCES:
        return None, _l("Use entry, review, goal or own as the source.")
    source_id = raw.get("source_id")
    if source == "own" or source_id in (None, ""):
        source_id = None
    elif not isinstance(source_id, str) or len(source_id) > SOURCE_ID_LIMIT:
        return None, _l("The source id must be a short text.")
    return {"text": text, "source": source, "source_id": source_id}, None


def is_empty(answers, items):
    """Nothing to share: no highlights and no answers."""
    return not items and not any((answers.get(field) or "").strip() for field in TEXT_FIELDS)
