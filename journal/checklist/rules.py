"""The manager's self-assessment checklist: its four parts, every item with a stable key, checking
what was filled in, and comparing two checklists. Pure: plain data in, plain data out.

Keys never change once published, so saved answers survive a change of wording; a retired key is
simply no longer shown."""
from typing import NamedTuple

from flask_babel import lazy_gettext as _l

from journal.entries.rules import TEXT_LIMIT

ALREADY = "already"
MORE = "more"
COLUMNS = (ALREADY, MORE)
REFLECTIONS = ("already_how", "will_achieve", "first_step")
REFLECTION_LIMIT = TEXT_LIMIT


class Item(NamedTuple):
    key: str
    text: str


class Section(NamedTuple):
    """A part or sub-part: its items share the same two columns."""

    key: str
    title: str
    columns: dict  # {ALREADY: label, MORE: label}
    items: tuple


class Part(NamedTuple):
    number: int
    title: str
    intro: str
    sections: tuple


DO = {ALREADY: _l("I already do this"), MORE: _l("I want to do more of this")}
AVOID = {ALREADY: _l("I already manage not to do this"), MORE: _l("I want to do less of this")}
USE = {ALREADY: _l("I already use this"), MORE: _l("I want to try this")}

PARTS = (
    Part(1, _l("Noticing progress"),
         _l("Meaningful progress, even a small step, is what makes work feel good."), (
        Section("p1a", _l("For your own work"), DO, (
            Item("p1a_know_progress", _l("I know which meaningful progress I want to make.")),
            Item("p1a_track_progress", _l("I keep track of the progress I have made.")),
            Item("p1a_notice_small", _l("I notice small steps forward.")),
            Item("p1a_limit_hassle", _l("I keep negativity and hassle to a minimum.")),
            Item("p1a_focus_time", _l("I regularly take half an hour of quiet focus for important "
                                      "work that needs attention and creativity.")),
        )),
        Section("p1b", _l("For the people you work with"), DO, (
            Item("p1b_clear_goals", _l("I give clear goals and say why they matter.")),
            Item("p1b_freedom_how", _l("I leave people free in how they reach them.")),
            Item("p1b_means", _l("I make sure people have the time, information and means they "
                                 "need.")),
            Item("p1b_help", _l("I help when help is needed.")),
            Item("p1b_respect", _l("I treat people with respect and appreciation.")),
        )),
    )),
    Part(2, _l("Motivation"),
         _l("People do their best work when they feel free, capable and connected."), (
        Section("p2a", _l("What strengthens motivation"), DO, (
            Item("p2a_take_views_seriously", _l("I take people's views seriously, also when "
                                                "they are negative.")),
            Item("p2a_offer_choices", _l("I offer choices.")),
            Item("p2a_room_to_try", _l("I encourage initiative and give room to try things.")),
            Item("p2a_involve_decisions", _l("I involve people in decisions where I can.")),
            Item("p2a_clear_expectations", _l("I say clearly what I expect, and why.")),
            Item("p2a_clear_structure", _l("I give conversations and meetings a clear "
                                           "structure.")),
        )),
        Section("p2b", _l("What weakens motivation"), AVOID, (
            Item("p2b_pushy_words", _l("Words that sound bossy, impatient or pushy.")),
            Item("p2b_punish_threaten", _l("Punishing, or threatening to.")),
            Item("p2b_promise_rewards", _l("Promising rewards to get people moving.")),
            Item("p2b_criticise_person", _l("Criticising the person rather than the work.")),
            Item("p2b_guilt", _l("Making people feel guilty.")),
            Item("p2b_stress_control", _l("Putting control first.")),
            Item("p2b_fuel_competition", _l("Setting people against each other.")),
        )),
    )),
    Part(3, _l("Believing in growth"),
         _l("Abilities grow with effort and good strategies. What you say can make that easier "
            "to believe."), (
        Section("p3a", _l("What invites a growth mindset"), DO, (
            Item("p3a_everyone_improves", _l("I show that everyone can improve, wherever they "
                                             "start.")),
            Item("p3a_effort", _l("I encourage effort and sticking with it.")),
            Item("p3a_mistakes_learning", _l("I show that mistakes and setbacks are part of "
                                             "learning.")),
            Item("p3a_learning_hard", _l("I say that learning is often hard and not always fun, "
                                         "but worth it.")),
            Item("p3a_learning_goals", _l("I put learning goals before performance goals.")),
            Item("p3a_more_fun", _l("I explain that hard things get more fun as you get better "
                                    "at them.")),
            Item("p3a_not_yet", _l("I say \"not yet\" when something doesn't work yet.")),
            Item("p3a_earlier_successes", _l("I ask about earlier successes.")),
            Item("p3a_own_learning", _l("I set the example by learning new things myself.")),
        )),
        Section("p3b", _l("What invites a fixed mindset"), AVOID, (
            Item("p3b_praise_person", _l("Praising the person or their traits (\"you're so "
                                         "smart\").")),
            Item("p3b_talent_talk", _l("Talking about talent and inborn qualities.")),
            Item("p3b_stereotypes", _l("Using stereotypes.")),
            Item("p3b_compare_rank", _l("Comparing or ranking people by their results.")),
            Item("p3b_performance_first", _l("Putting performance before learning.")),
            Item("p3b_consoling", _l("Consoling after a failure with \"not everyone can be good "
                                     "at this\".")),
        )),
    )),
    Part(4, _l("Tools to work with"),
         _l("Practical ways to make progress part of how a team works."), (
        Section("p4", "", USE, (
            Item("p4_helping_conversation", _l("The helping conversation in seven steps.")),
            Item("p4_steering_conversation", _l("The steering conversation: a clear expectation, "
                                                "with room for how.")),
            Item("p4_meeting_progress", _l("Talking in meetings about progress made and "
                                           "progress still to make.")),
            Item("p4_peer_consultation", _l("Progress-focused peer consultation.")),
            Item("p4_circle", _l("The circle technique.")),
            Item("p4_progress_conversations", _l("Progress conversations with each person on the "
                                                 "team.")),
        )),
    )),
)

ITEMS = {item.key: item for part in PARTS for section in part.sections for item in section.items}
SECTION_OF = {item.key: section for part in PARTS for section in part.sections
              for item in section.items}
ORDER = tuple(ITEMS)


def known_answers(answers):
    """Only the answers that name a current item and a column, in checklist order. Used for
    form input (anything else is quietly ignored) and for what was stored."""
    if not isinstance(answers, dict):
        return {}
    return {key: answers[key] for key in ORDER if answers.get(key) in COLUMNS}


def clean_checklist(data, *, strict=False):
    """Check a checklist: `answers` ({key: "already"|"more"}) and the three reflections.
    Return (values, {field: message}). With `strict` (the API) an unknown key or column is an
    error; otherwise it is ignored. Nothing answered and nothing written cannot be saved."""
    values, errors = {}, {}
    answers = data.get("answers")
    if answers is None:
        answers = {}
    if strict and not isinstance(answers, dict):
        errors["answers"] = _l("Answers must be an object of item keys and columns.")
    elif strict and any(key not in ITEMS or value not in COLUMNS
                        for key, value in answers.items()):
        errors["answers"] = _l("Use the item keys of the checklist, each with \"already\" or "
                               "\"more\".")
    values["answers"] = known_answers(answers)
    for field in REFLECTIONS:
        text = data.get(field)
        if text is None:
            text = ""
        if not isinstance(text, str):
            errors[field] = _l("This must be text.")
        elif len(text.strip()) > REFLECTION_LIMIT:
            errors[field] = _l("Please keep it under %(limit)s characters.",
                               limit=REFLECTION_LIMIT)
        else:
            values[field] = text.strip()
    if not errors and not values["answers"] and not any(values[f] for f in REFLECTIONS):
        errors["answers"] = _l("Choose a column for at least one item, or write a reflection, "
                               "before saving.")
    return values, errors


def compare(earlier, later):
    """What moved between two checklists' answers, each list in checklist order:
    `now_already` went from "want to do more" to "already" (now part of how you work),
    `now_more` went the other way, `new` maps items answered only in the later one to its column.
    """
    earlier, later = known_answers(earlier), known_answers(later)
    moved = {(MORE, ALREADY): [], (ALREADY, MORE): []}
    new = {}
    for key, column in later.items():
        before = earlier.get(key)
        if before is None:
            new[key] = column
        elif before != column:
            moved[(before, column)].append(key)
    return {"now_already": moved[(MORE, ALREADY)], "now_more": moved[(ALREADY, MORE)],
            "new": new}


def split_by_column(answers):
    """The keys answered in each column, in checklist order."""
    answers = known_answers(answers)
    return {column: [key for key, value in answers.items() if value == column]
            for column in COLUMNS}
