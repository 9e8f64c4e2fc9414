"""Team meetings that start in pairs, as pure rules: the three questions' words, the optional
gentle timer, pairing the people who joined (pairs of two, a trio when odd, alone only when
nobody else joined), the week an answer belongs to, and checking a person's answers."""
import random
from datetime import timezone

from flask_babel import lazy_gettext as _l

from journal.clock import local_today
from journal.refusal import Refusal
from journal.weeks import week_of

# The three questions, in order (the chapter's own words).
QUESTIONS = (
    ("progress", _l("What meaningful progress did I make this past week?")),
    ("next", _l("What meaningful progress do I want to make in the coming week?")),
    ("help", _l("What help would I like with that?")),
)
QUESTION_KEYS = tuple(key for key, _words in QUESTIONS)
ANSWER_LIMIT = 2000
# Minutes per question a gentle timer may count down; none is just as fine.
TIMER_CHOICES = (2, 3, 4, 5, 7, 10)

ONLY_ORGANISER = _l("Only the team's organiser can start, pair and end a meeting.")
ALREADY_STARTED = _l("A meeting has already started. Join it from the team page.")
ALREADY_ENDED = _l("This meeting has ended. Your answers stay in your journal.")
JOIN_FIRST = _l("Join the meeting first, then your answers can be saved.")
NOT_A_TEAMMATE = _l("Choose someone in this team, other than yourself.")
TIMER_WORDS = _l("Choose how many minutes per question, or no timer.")
TOO_LONG = _l("Keep it under %(limit)s characters.", limit=ANSWER_LIMIT)
TEXT_WORDS = _l("Write your answer as text.")
SHARE_WORDS = _l("Choose which answers to share: progress, next or help.")
SHARE_EMPTY = _l("Write an answer before sharing it.")
HELP_EMPTY = _l("Write what help you would like before asking someone.")


def check_organiser(role):
    """Stop unless the member is the team's organiser: starting, pairing and ending is
    theirs."""
    if role != "organiser":
        raise Refusal("forbidden", ONLY_ORGANISER)


def question_words():
    """{question key: its words} in the current language."""
    return {key: str(words) for key, words in QUESTIONS}


def clean_timer(value):
    """(minutes or None, error or None) from what was sent: a number of minutes among
    TIMER_CHOICES, or nothing (no timer)."""
    if value in (None, "", "none", 0, "0"):
        return None, None
    if isinstance(value, bool):
        return None, TIMER_WORDS
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return None, TIMER_WORDS
    if minutes not in TIMER_CHOICES or (isinstance(value, float) and value != minutes):
        return None, TIMER_WORDS
    return minutes, None


def pair_up(people, seed, keep=()):
    """Groups of the people who joined (user id strings): pairs of two, the last one a trio
    when their number is odd, alone only when nobody else joined. The same seed gives the same
    pairs. Groups in `keep` (earlier pairs) stay together where their people are still here,
    so a late joiner does not break up conversations already going on."""
    present = list(dict.fromkeys(people))
    kept = [[person for person in group if person in present] for group in keep]
    kept = [group for group in kept if len(group) >= 2]
    placed = {person for group in kept for person in group}
    loose = sorted(person for person in present if person not in placed)
    random.Random(seed).shuffle(loose)
    groups = kept + _chunks(loose) if not kept or len(loose) != 1 else kept
    if kept and len(loose) == 1:
        _place_one(groups, loose[0])
    return groups


def _chunks(people):
    """Pairs in order; an odd one out joins the last pair (a trio); one person stays alone."""
    if len(people) <= 1:
        return [people] if people else []
    groups = [people[index:index + 2] for index in range(0, len(people) - 1, 2)]
    if len(people) % 2:
        groups[-1].append(people[-1])
    return groups


def _place_one(groups, person):
    """One late joiner joins a pair (making a trio), or, when every group is a trio already,
    takes one person from a trio into a new pair."""
    for group in groups:
        if len(group) == 2:
            group.append(person)
            return
    groups.append([groups[-1].pop(), person])


def meeting_week(started_at, tz_name):
    """The ISO week of a meeting in a person's own time zone (`started_at` naive UTC, as
    stored)."""
    return week_of(local_today(started_at.replace(tzinfo=timezone.utc), tz_name))


def shared_since(shared_at, share, now):
    """When an answer counts as shared from: kept while it stays shared, `now` when newly
    shared, None when taken back."""
    if not share:
        return None
    return shared_at or now


def clean_answers(data):
    """(values, {field: message}) from a person's answers: "progress", "next", "help" (text,
    empty to leave out), "help_to" (a teammate's id or empty; checked against the team by the
    store) and "share" (the questions to share with the team)."""
    values, errors = {}, {}
    for key in QUESTION_KEYS:
        text = data.get(key)
        if text is None:
            text = ""
        if not isinstance(text, str):
            errors[key] = TEXT_WORDS
            continue
        text = text.strip()
        if len(text) > ANSWER_LIMIT:
            errors[key] = TOO_LONG
        values[key] = text
    share = data.get("share") or []
    if not isinstance(share, list) or not all(item in QUESTION_KEYS for item in share):
        errors["share"] = SHARE_WORDS
    else:
        values["share"] = set(share)
        for key in share:
            if key in values and not values[key] and key not in errors:
                errors[key] = SHARE_EMPTY
    help_to = data.get("help_to")
    values["help_to"] = None
    if help_to not in (None, ""):
        values["help_to"] = help_to
        if not values.get("help") and "help" not in errors:
            errors["help"] = HELP_EMPTY
    return values, errors
