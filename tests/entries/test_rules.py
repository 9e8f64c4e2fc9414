"""The pure checks behind every entry, shared by the pages and the API."""
from datetime import date

import pytest

from journal.entries.rules import clean_entry, fold_for_search, normalize_tag, search_words

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
