"""The pure checks behind every entry, shared by the pages and the API."""
from datetime import date, timedelta

import pytest

from journal.entries.rules import (
    clean_entry,
    earlier_not_yet,
    fold_for_search,
    normalize_tag,
    search_words,
    then_and_now,
)

TODAY = date(2026, 11, 27)


def test_a_sentence_is_enough_and_defaults_fill_the_rest():
    clean, errors = clean_entry({"text": "  Called the supplier back  "}, today=TODAY)
    assert errors == {}
    assert clean == {"day": TODAY, "text": "Called the supplier back", "kind": "progress",
                     "meaning": None, "tags": [], "helped": "", "hindered": "",
                     "learned": "", "try_next": "", "goal_id": None}


@pytest.mark.parametrize("field, value", [
    ("text", ""), ("text", "   "), ("text", "x" * 2001), ("text", 42), ("text", None),
    ("day", "2026-11-28"), ("day", "2026-02-30"), ("day", "yesterday"), ("day", "1899-12-31"),
    ("kind", "failure"), ("kind", None),
    ("meaning", 0), ("meaning", 6), ("meaning", "abc"), ("meaning", True), ("meaning", 2.5),
    ("tags", "x" * 41), ("tags", [1, 2]), ("tags", {"a": 1}), ("tags", ",".join(map(str, range(13)))),
    ("helped", "y" * 2001), ("learned", ["list"]), ("goal_id", "not-a-uuid"),
])
def test_bad_values_are_named_with_a_message(field, value):
    data = {"text": "Some progress", field: value}
    clean, errors = clean_entry(data, today=TODAY)
    assert set(errors) == {field}
    assert str(errors[field])


def test_boundaries_are_accepted():
    clean, errors = clean_entry({"text": "x" * 2000, "meaning": 5, "day": "1900-01-01",
                                 "tags": ",".join(map(str, range(12)))}, today=TODAY)
    assert errors == {}
    assert clean["meaning"] == 5 and len(clean["tags"]) == 12


def test_form_values_are_converted():
    clean, errors = clean_entry({"text": "a", "meaning": "3", "tags": "#Intake, team,intake, ",
                                 "day": "2026-11-26", "kind": "setback"}, today=TODAY)
    assert errors == {}
    assert clean["meaning"] == 3
    assert clean["tags"] == ["intake", "team"]
    assert clean["day"] == date(2026, 11, 26)
    assert clean["kind"] == "setback"


def test_an_empty_meaning_means_not_rated():
    clean, errors = clean_entry({"text": "a", "meaning": ""}, today=TODAY)
    assert errors == {} and clean["meaning"] is None


def test_partial_checks_only_what_is_sent():
    clean, errors = clean_entry({"meaning": 2}, today=TODAY, partial=True)
    assert errors == {} and clean == {"meaning": 2}
    _, errors = clean_entry({"text": ""}, today=TODAY, partial=True)
    assert "text" in errors


def test_missing_text_is_an_error_when_creating():
    _, errors = clean_entry({}, today=TODAY)
    assert "text" in errors


def test_tags_and_search_words_are_folded():
    assert normalize_tag("  #Team   Work ") == "team work"
    assert fold_for_search("Überleg Café") == "uberleg cafe"
    assert search_words("  Café  INTAKE ") == ["cafe", "intake"]


# -- "not yet → now": which earlier words to show beside progress -----------------------------

def setback(days_ago, text="The demo did not work yet", goal_id=None, tags=()):
    return {"day": TODAY - timedelta(days=days_ago), "text": text, "goal_id": goal_id,
            "tags": list(tags), "kind": "setback"}


def progress(text="The demo went well", goal_id=None, tags=(), kind="progress"):
    return {"day": TODAY, "text": text, "goal_id": goal_id, "tags": list(tags), "kind": kind}


def test_progress_weeks_after_a_setback_on_the_same_tag_shows_its_words():
    setbacks = [setback(10, "Too recent", tags=["demo"]), setback(23, "Froze", tags=["demo"]),
                setback(60, "Long ago", tags=["demo"]), setback(30, "Other", tags=["budget"])]
    chosen = earlier_not_yet(setbacks, day=TODAY, tags=["demo", "team"])
    assert chosen["text"] == "Froze", "the latest one at least two weeks back"
    assert earlier_not_yet(setbacks, day=TODAY, tags=["planning"]) is None
    assert earlier_not_yet([setback(13, tags=["demo"])], day=TODAY, tags=["demo"]) is None
    assert earlier_not_yet([setback(14, tags=["demo"])], day=TODAY, tags=["demo"])


def test_the_same_goal_comes_before_a_shared_tag():
    setbacks = [setback(15, "Tag only", tags=["demo"]), setback(40, "On the goal", goal_id=7)]
    assert earlier_not_yet(setbacks, day=TODAY, goal_id=7, tags=["demo"])["text"] == (
        "On the goal")
    assert earlier_not_yet(setbacks, day=TODAY, goal_id=None, tags=["demo"])["text"] == (
        "Tag only")
    assert earlier_not_yet(setbacks, day=TODAY, goal_id=8) is None


def test_then_and_now_takes_the_newest_progress_of_today_with_earlier_words():
    setbacks = [setback(21, "Froze in the demo", tags=["demo"])]
    todays = [progress("Another setback", tags=["demo"], kind="setback"),
              progress("Lunch with the team", tags=["team"]),
              progress("Gave the demo calmly", tags=["demo"])]
    found = then_and_now(todays, setbacks)
    assert found["then"]["text"] == "Froze in the demo"
    assert found["now"]["text"] == "Gave the demo calmly" and found["achieved"] is False
    assert then_and_now(todays[:2], setbacks) is None, "a setback is not a 'now'"
    assert then_and_now([], setbacks) is None
