"""The summary builder as a form: rows as typed, removed ones left out, moved ones in place."""
import pytest
from werkzeug.datastructures import MultiDict

from journal.summaries.forms import form_errors, form_rows, form_to_data, move_row
from journal.summaries.rules import clean_summary
from tests.summaries.test_rules import TODAY


def builder_form(**extra):
    return MultiDict({
        "achieved": "A", "want": "W", "how": "H", "help_from_manager": "", "conversation_on": "",
        "item_count": "3",
        "item-0-text": "Keep me", "item-0-source": "entry", "item-0-source_id": "e1",
        "item-1-text": "Remove me", "item-1-source": "goal", "item-1-source_id": "g1",
        "item-1-remove": "1",
        "item-2-text": "Edited", "item-2-source": "review", "item-2-source_id": "r1",
        **extra})


def test_the_form_keeps_edits_drops_removed_items_and_adds_a_new_one():
    data = form_to_data(builder_form(new_item=" My own "))
    assert data["items"] == [
        {"text": "Keep me", "source": "entry", "source_id": "e1"},
        {"text": "Edited", "source": "review", "source_id": "r1"},
        {"text": " My own ", "source": "own", "source_id": None}]
    assert (data["achieved"], data["want"], data["how"]) == ("A", "W", "H")
    assert form_to_data(builder_form(new_item="  "))["items"][-1]["text"] == "Edited"


def test_form_errors_point_at_the_row_as_typed():
    form = builder_form(**{"item-2-text": "", "new_item": "x" * 1001})
    rows = form_rows(form)
    assert [row["remove"] for row in rows] == [False, True, False]
    _clean, errors = clean_summary(form_to_data(form), today=TODAY)
    assert set(form_errors(errors, rows)) == {"item-2", "new_item"}


def test_a_strange_item_count_is_harmless():
    assert form_rows(MultiDict({"item_count": "lots"})) == []
    assert len(form_rows(MultiDict({"item_count": "100000"}))) == 100


def rows(*texts):
    return [{"text": text, "source": "own", "source_id": None, "remove": False}
            for text in texts]


@pytest.mark.parametrize("move, order", [
    ("1-up", ["b", "a", "c"]), ("1-down", ["a", "c", "b"]), ("0-up", ["a", "b", "c"]),
    ("2-down", ["a", "b", "c"]), ("9-up", ["a", "b", "c"]), ("x-up", ["a", "b", "c"]),
    ("1-left", ["a", "b", "c"]), ("", ["a", "b", "c"]), (None, ["a", "b", "c"]),
])
def test_a_move_button_moves_one_row_a_place(move, order):
    assert [row["text"] for row in move_row(rows("a", "b", "c"), move)] == order


def test_the_moved_rows_are_what_is_saved():
    form = builder_form(**{"item-1-remove": ""})
    moved = move_row(form_rows(form), "2-up")
    assert [item["text"] for item in form_to_data(form, moved)["items"]] == [
        "Keep me", "Edited", "Remove me"]
    assert form_to_data(form, moved)["items"][1] == {
        "text": "Edited", "source": "review", "source_id": "r1"}, "its origin moves with it"
