"""Summary rules: the period, the proposed highlights, what a valid summary is, the form."""
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from journal.summaries.rules import (
    AHEAD_CAP,
    ENTRY_CAP,
    ITEM_LIMIT,
    MARK,
    check_conversation_on,
    clean_items,
    clean_period,
    clean_summary,
    is_empty,
    item_marks,
    propose_items,
    since_last_start,
)

TODAY = date(2026, 11, 27)  # a Friday


def period(data, last=None):
    return clean_period(data, today=TODAY, last_shared_to=last)


# -- the period ------------------------------------------------------------------------------

def test_since_last_shared_starts_the_day_after_it_ended():
    assert since_last_start(TODAY, date(2026, 10, 30)) == date(2026, 10, 31)
    assert period({"period": "since_last"}, date(2026, 10, 30)) == (
        {"period_from": date(2026, 10, 31), "period_to": TODAY}, {})


def test_since_last_shared_without_one_is_the_last_four_weeks():
    assert period({"period": "since_last"}) == (
        {"period_from": date(2026, 10, 31), "period_to": TODAY}, {})
    assert period({}) == period({"period": "four_weeks"}), "no period and no from: since last"


def test_since_last_shared_that_reaches_today_asks_for_other_dates():
    values, errors = period({"period": "since_last"}, TODAY)
    assert values == {} and "already reaches today" in str(errors["period"])


def test_the_last_four_weeks_and_the_last_quarter_end_today():
    assert period({"period": "four_weeks", "to": "2026-11-01"})[0] == {
        "period_from": date(2026, 10, 31), "period_to": TODAY}
    quarter = period({"period": "quarter"})[0]
    assert quarter["period_to"] == TODAY and (TODAY - quarter["period_from"]).days + 1 == 91


def test_custom_dates_with_to_defaulting_to_today():
    assert period({"from": "2026-09-01"}) == (
        {"period_from": date(2026, 9, 1), "period_to": TODAY}, {})
    assert period({"period": "custom", "from": "2026-09-01", "to": "2026-09-30"})[0] == {
        "period_from": date(2026, 9, 1), "period_to": date(2026, 9, 30)}
    assert period({"from": "2024-11-26", "to": "2026-11-27"})[1] == {}, "two years is fine"


@pytest.mark.parametrize("data, field, words", [
    ({"from": "2026-11-20", "to": "2026-11-10"}, "to", "ends before it starts"),
    ({"from": "2026-11-28"}, "from", "cannot start in the future"),
    ({"from": "2024-11-25", "to": "2026-11-27"}, "from", "at most two years"),
    ({"period": "custom"}, "from", "first day"),
    ({"to": "2026-11-20"}, "from", "first day"),
    ({"from": "2026-02-30"}, "from", "first day"),
    ({"from": "2026-11-01", "to": "27-11-2026"}, "to", "Choose a date"),
    ({"period": "decade"}, "period", "Choose one"),
])
def test_bad_periods_are_named_with_a_clear_message(data, field, words):
    values, errors = period(data)
    assert values == {} and words in str(errors[field])


def test_conversation_day_is_today_or_later_but_a_kept_day_may_have_passed():
    assert check_conversation_on("2026-11-27", today=TODAY) == (TODAY, None)
    assert check_conversation_on("", today=TODAY) == (None, None)
    assert check_conversation_on(None, today=TODAY) == (None, None)
    assert "today or a later day" in str(check_conversation_on("2026-11-26", today=TODAY)[1])
    assert check_conversation_on("2026-11-26", today=TODAY, current=date(2026, 11, 26)) == (
        date(2026, 11, 26), None)
    assert check_conversation_on("tomorrow", today=TODAY)[1]
    assert check_conversation_on(20261201, today=TODAY)[1]


# -- proposed highlights ---------------------------------------------------------------------

def entry(text, day, meaning=None, kind="progress", learned="", minute=0):
    return SimpleNamespace(id=f"e-{text}", day=day, text=text, kind=kind, meaning=meaning,
                           learned=learned, created_at=datetime(2026, 1, 1, 9, minute))


def propose(entries=(), goals=(), reviews=(), start=date(2026, 11, 1), end=TODAY, open_goals=()):
    return propose_items(list(entries), list(goals), list(reviews), start, end,
                         open_goals=list(open_goals))


def texts(items):
    return [item["text"] for item in items]


def test_meaningful_entries_come_first_then_the_newest():
    items = propose([entry("old five", date(2026, 11, 2), 5),
                     entry("new two", date(2026, 11, 20), 2),
                     entry("mid four", date(2026, 11, 10), 4),
                     entry("newest none", date(2026, 11, 25)),
                     entry("same day later", date(2026, 11, 25), minute=30),
                     entry("before", date(2026, 10, 31), 5)])
    assert texts(items) == ["mid four", "old five", "same day later", "newest none", "new two"]
    assert items[0] == {"text": "mid four", "source": "entry", "source_id": "e-mid four"}


def test_at_most_eight_entries_are_proposed():
    many = [entry(f"step {n}", date(2026, 11, n), 3) for n in range(1, 21)]
    assert texts(propose(many)) == [f"step {n}" for n in range(20, 20 - ENTRY_CAP, -1)]


def test_setbacks_only_with_what_was_learned_phrased_as_not_yet():
    items = propose([entry("Intake went wrong", date(2026, 11, 3), kind="setback"),
                     entry("Demo failed", date(2026, 11, 4), kind="setback",
                           learned="Test the beamer first")])
    assert texts(items) == ["Not yet, and what I learned: Test the beamer first (Demo failed)"]


def test_goals_achieved_in_the_period():
    goals = [SimpleNamespace(id="g1", title="Calm intakes", achieved_on=date(2026, 11, 5)),
             SimpleNamespace(id="g2", title="Old one", achieved_on=date(2026, 10, 1)),
             SimpleNamespace(id="g3", title="Checklist", achieved_on=date(2026, 11, 20))]
    assert propose(goals=goals) == [
        {"text": "Achieved: Checklist", "source": "goal", "source_id": "g3"},
        {"text": "Achieved: Calm intakes", "source": "goal", "source_id": "g1"}]


def review(week, improved=(), help_wanted="", next_week=""):
    return SimpleNamespace(id=f"r-{week}", week=week, improved=list(improved),
                           help_wanted=help_wanted, next_week=next_week)


def test_reviews_of_weeks_in_the_period_bring_what_improved_and_help_wanted():
    reviews = [review("2026-W44", ["Before the period"]),  # Thursday Oct 29: outside
               review("2026-W45", ["Calmer mornings", " "], "Time with Sam"),
               review("2026-W48", ["Shorter meetings"]),
               review("2026-W49", ["Next week"])]
    items = propose(reviews=reviews)
    assert items == [
        {"text": "Shorter meetings", "source": "review", "source_id": "r-2026-W48"},
        {"text": "Calmer mornings", "source": "review", "source_id": "r-2026-W45"},
        {"text": "Help I would like: Time with Sam", "source": "review",
         "source_id": "r-2026-W45"}]


def test_a_text_is_proposed_once_and_long_texts_are_cut_to_fit():
    items = propose([entry("Shorter meetings", date(2026, 11, 24), 5),
                     entry("x" * 1500, date(2026, 11, 23))],
                    reviews=[review("2026-W48", ["shorter  Meetings"])])
    assert texts(items)[0] == "Shorter meetings" and len(items) == 2
    assert len(items[1]["text"]) == ITEM_LIMIT and items[1]["text"].endswith("…")


def test_nothing_to_propose():
    assert propose() == []


def open_goal(title):
    return SimpleNamespace(id=f"g-{title}", title=title)


def test_still_to_achieve_is_proposed_beside_what_was_achieved():
    items = propose(
        [entry("Calm intake", date(2026, 11, 20), 5)],
        [SimpleNamespace(id="g1", title="Checklist", achieved_on=date(2026, 11, 5))],
        [review("2026-W47", ["Calmer mornings"], "Time with Sam", next_week="Plan Monday alone"),
         review("2026-W48", ["Shorter meetings"], next_week="Ask Sam to observe")],
        open_goals=[open_goal("Run the intake alone"), open_goal(" ")])
    assert items == [
        {"text": "Achieved: Checklist", "source": "goal", "source_id": "g1"},
        {"text": "Calm intake", "source": "entry", "source_id": "e-Calm intake"},
        {"text": "Shorter meetings", "source": "review", "source_id": "r-2026-W48"},
        {"text": "Calmer mornings", "source": "review", "source_id": "r-2026-W47"},
        {"text": "Still to achieve: Run the intake alone", "source": "goal",
         "source_id": "g-Run the intake alone"},
        {"text": "Still to achieve: Ask Sam to observe", "source": "review",
         "source_id": "r-2026-W48"},
        {"text": "Help I would like: Time with Sam", "source": "review",
         "source_id": "r-2026-W47"}], "only last week's next week; earlier ones have passed"


def test_still_to_achieve_has_a_cap_and_needs_words():
    goals = [open_goal(f"Goal {n}") for n in range(AHEAD_CAP + 3)]
    items = propose(reviews=[review("2026-W48", next_week="  ")], open_goals=goals)
    assert texts(items) == [f"Still to achieve: Goal {n}" for n in range(AHEAD_CAP)]
    assert propose(reviews=[review("2026-W44", next_week="Before the period")]) == []


def test_the_marks_of_each_kind_of_highlight():
    marks = {kind: str(words).split(MARK)[0] for kind, words in item_marks().items()}
    assert marks == {"achieved": "Achieved: ", "still": "Still to achieve: ",
                     "help": "Help I would like: ", "learned": "Not yet, and what I learned: "}


# -- what the employee writes ----------------------------------------------------------------

def test_a_summary_is_cleaned():
    clean, errors = clean_summary({
        "achieved": " Calm intakes ", "want": None, "how": "Ask Sam", "help_from_manager": "",
        "conversation_on": "2026-12-01",
        "items": [{"text": " A step ", "source": "entry", "source_id": "e1"},
                  {"text": "Mine", "source": "own", "source_id": "x"}, {"text": "Plain"}]},
        today=TODAY)
    assert errors == {}
    assert clean == {"achieved": "Calm intakes", "want": "", "how": "Ask Sam",
                     "help_from_manager": "", "conversation_on": date(2026, 12, 1),
                     "items": [{"text": "A step", "source": "entry", "source_id": "e1"},
                               {"text": "Mine", "source": "own", "source_id": None},
                               {"text": "Plain", "source": "own", "source_id": None}]}


def test_only_the_fields_sent_are_checked():
    assert clean_summary({"how": "Ask"}, today=TODAY) == ({"how": "Ask"}, {})


@pytest.mark.parametrize("data, field", [
    ({"achieved": "x" * 2001}, "achieved"), ({"want": 3}, "want"),
    ({"conversation_on": "2026-11-01"}, "conversation_on"),
    ({"items": "one"}, "items"), ({"items": [{"text": ""}]}, "items.0"),
    ({"items": [{"text": "ok"}, {"text": "x" * 1001}]}, "items.1"),
    ({"items": [{"text": "ok", "source": "diary"}]}, "items.0"),
    ({"items": [{"text": "ok", "source": "entry", "source_id": 7}]}, "items.0"),
    ({"items": ["just text"]}, "items.0"), ({"items": [{"text": "a"}] * 41}, "items"),
])
def test_bad_fields_are_named(data, field):
    clean, errors = clean_summary(data, today=TODAY)
    assert field in errors and "items" not in clean
    if field.startswith("items"):
        assert "items" in errors


def test_an_item_of_exactly_the_limit_is_fine():
    assert clean_items([{"text": "x" * 1000}])[1] == {}


def test_empty_means_no_items_and_no_answers():
    assert is_empty({"achieved": " ", "want": ""}, [])
    assert not is_empty({"how": "Ask Sam"}, [])
    assert not is_empty({}, [{"text": "a"}])
