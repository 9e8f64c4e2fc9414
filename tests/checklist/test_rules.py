"""The checklist's items and the comparison of two checklists (pure functions)."""
import re

import pytest

from journal.checklist.rules import (
    ITEMS,
    PARTS,
    REFLECTION_LIMIT,
    SECTION_OF,
    clean_checklist,
    compare,
    known_answers,
    split_by_column,
)


def test_four_parts_with_their_sub_parts_and_every_item():
    assert [part.number for part in PARTS] == [1, 2, 3, 4]
    sections = [(section.key, len(section.items)) for part in PARTS for section in part.sections]
    assert sections == [("p1a", 5), ("p1b", 5), ("p2a", 6), ("p2b", 7), ("p3a", 9), ("p3b", 6),
                        ("p4", 6)]
    assert len(ITEMS) == 44


def test_keys_are_stable_names_that_say_where_the_item_belongs():
    for key, section in SECTION_OF.items():
        assert re.fullmatch(r"p[1-4][ab]?_[a-z_]+", key)
        assert key.startswith(section.key + "_")


def test_each_sub_part_has_its_own_two_columns():
    labels = {section.key: (str(section.columns["already"]), str(section.columns["more"]))
              for part in PARTS for section in part.sections}
    doing = ("I already do this", "I want to do more of this")
    avoiding = ("I already manage not to do this", "I want to do less of this")
    assert [labels[key] for key in ("p1a", "p1b", "p2a", "p3a")] == [doing] * 4
    assert labels["p2b"] == labels["p3b"] == avoiding
    assert labels["p4"] == ("I already use this", "I want to try this")


def test_a_form_ignores_unknown_keys_and_columns():
    values, errors = clean_checklist({
        "answers": {"p1a_notice_small": "already", "p4_circle": "more", "csrf_token": "x",
                    "p2a_offer_choices": "sometimes", "p9_made_up": "already"},
        "first_step": "  Ask Sam how the intake went  "})
    assert errors == {}
    assert values == {"answers": {"p1a_notice_small": "already", "p4_circle": "more"},
                      "already_how": "", "will_achieve": "",
                      "first_step": "Ask Sam how the intake went"}


@pytest.mark.parametrize("answers", [
    {"p9_made_up": "already"}, {"p4_circle": "sometimes"}, {"p4_circle": None}, ["p4_circle"],
])
def test_the_api_refuses_unknown_keys_and_columns(answers):
    _, errors = clean_checklist({"answers": answers, "first_step": "x"}, strict=True)
    assert list(errors) == ["answers"]


def test_nothing_answered_and_nothing_written_cannot_be_saved():
    _, errors = clean_checklist({"answers": {"p4_circle": ""}, "already_how": "  "})
    assert "at least one item" in str(errors["answers"])
    values, errors = clean_checklist({"will_achieve": "Offer more choices"})
    assert errors == {} and values["answers"] == {}
    _, errors = clean_checklist({"answers": {"p4_circle": "more"}})
    assert errors == {}


def test_reflections_must_be_text_of_a_sensible_length():
    _, errors = clean_checklist({"answers": {"p4_circle": "more"}, "already_how": 3,
                                 "first_step": "x" * (REFLECTION_LIMIT + 1)}, strict=True)
    assert set(errors) == {"already_how", "first_step"}


def test_comparing_shows_what_moved_each_way_and_what_is_new():
    earlier = {"p1a_notice_small": "more", "p2b_guilt": "more", "p1b_help": "already",
               "p4_circle": "more", "p3a_not_yet": "already"}
    later = {"p4_circle": "already", "p2b_guilt": "already", "p1a_notice_small": "already",
             "p1b_help": "more", "p3a_not_yet": "already", "p2a_offer_choices": "more",
             "p9_retired": "already"}
    assert compare(earlier, later) == {
        "now_already": ["p1a_notice_small", "p2b_guilt", "p4_circle"],
        "now_more": ["p1b_help"],
        "new": {"p2a_offer_choices": "more"},
    }


def test_an_item_left_open_later_is_not_a_step_back():
    assert compare({"p4_circle": "already"}, {}) == {"now_already": [], "now_more": [],
                                                     "new": {}}


def test_answers_come_back_in_checklist_order_by_column():
    answers = {"p4_circle": "already", "p1a_notice_small": "already", "p2b_guilt": "more"}
    assert list(known_answers(answers)) == ["p1a_notice_small", "p2b_guilt", "p4_circle"]
    assert split_by_column(answers) == {"already": ["p1a_notice_small", "p4_circle"],
                                        "more": ["p2b_guilt"]}
    assert known_answers("not a dict") == {}
