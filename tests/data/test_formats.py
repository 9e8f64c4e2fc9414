"""The export as a CSV of entries and as readable Markdown: pure functions of the document."""
import csv
import io
from datetime import date

import pytest

from journal.data.formats import download_name, entries_csv, markdown_of, safe_cell


def entry(day, text, **fields):
    return {"id": f"id-{day}-{text[:5]}", "day": day, "text": text, "kind": "progress",
            "meaning": None, "helped": "", "hindered": "", "learned": "", "try_next": "",
            "tags": [], "goal_id": None, "created_at": f"{day}T10:00:00+00:00",
            "updated_at": f"{day}T10:00:00+00:00", **fields}


def document(**sections):
    return {"format": "progress-journal", "version": 1,
            "exported_at": "2026-11-27T12:00:00+00:00", "user": {"display_name": "Ana"},
            "entries": [], "reviews": [], "goals": [], **sections}


GOAL = {"id": "goal-1", "title": "Calm intakes", "why": "Less stress", "ring": "outer",
        "steps": [{"text": "Ask Sam", "done": True}, {"text": "Draft a checklist", "done": False}],
        "moved_inner_at": None}
REVIEW = {"week": "2026-W48", "improved": ["Calmer mornings"], "next_week": "Finish the flow",
          "help_wanted": "", "scale": 7, "needs": {"autonomy": 4, "competence": None,
                                                   "relatedness": 5}}


def rows_of(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_one_row_per_entry_with_tags_and_the_goals_title():
    text = entries_csv(document(
        entries=[entry("2026-11-27", "Finished the intake, with Sam", meaning=4,
                       tags=["intake", "sam"], goal_id="goal-1"),
                 entry("2026-11-24", "The demo went badly\nreally badly", kind="setback",
                       learned="Test the projector first")],
        goals=[GOAL]))
    header, first, second = rows_of(text)
    assert header == ["id", "day", "kind", "text", "meaning", "helped", "hindered", "learned",
                      "try_next", "tags", "goal", "created_at", "updated_at"]
    assert first[1:5] == ["2026-11-27", "progress", "Finished the intake, with Sam", "4"]
    assert (first[9], first[10]) == ("intake, sam", "Calm intakes")
    assert second[2:5] == ["setback", "The demo went badly\nreally badly", ""]
    assert (second[7], second[10]) == ("Test the projector first", "")
    assert "\r\n" in text


@pytest.mark.parametrize("raw", ["=SUM(A1:A9)", "+31 6 1234", "-1 for me", "@here", "\tx"])
def test_a_cell_that_looks_like_a_formula_stays_text(raw):
    assert safe_cell(raw) == "'" + raw
    _header, row = rows_of(entries_csv(document(entries=[entry("2026-11-27", raw,
                                                                 learned=raw)])))
    assert row[3] == row[7] == "'" + raw


@pytest.mark.parametrize("raw", ["Finished it", "3 = three", "a-b", "", None, 4])
def test_ordinary_cells_are_left_alone(raw):
    assert safe_cell(raw) == ("" if raw is None else str(raw))


def test_no_entries_is_just_the_header():
    assert len(rows_of(entries_csv(document()))) == 1


def test_markdown_goes_week_by_week_newest_first_with_days_in_order():
    text = markdown_of(document(
        entries=[entry("2026-11-27", "Friday step"), entry("2026-11-23", "Monday step"),
                 entry("2026-11-16", "Last week's step", meaning=5, tags=["intake"])],
        reviews=[REVIEW, {**REVIEW, "week": "2026-W40", "improved": ["An old review"],
                          "next_week": "", "scale": None, "needs": {}}]))
    assert text.startswith("# Progress Journal of Ana\n\nExported on 27 November 2026.\n")
    order = ["## Week 48, 2026", "*23\u2009–\u200929 Nov 2026*", "### Monday 23 November",
             "- Monday step", "### Friday 27 November", "- Friday step",
             "### Looking back on the week", "- Calmer mornings", "Next week: Finish the flow",
             "Where I am, from 0 to 10: 7", "How I felt: autonomy 4/5, relatedness 5/5",
             "## Week 47, 2026", "- Last week's step", "*meaning 5 of 5 · #intake*",
             "## Week 40, 2026", "- An old review", "## Goals in the circle", "No goals yet."]
    positions = [text.index(line) for line in order]
    assert positions == sorted(positions)


def test_a_setback_shows_what_was_learned_and_what_to_try():
    text = markdown_of(document(entries=[entry(
        "2026-11-24", "The demo went badly", kind="setback", learned="Test the projector",
        try_next="Arrive early", hindered="No time")]))
    assert ("- **Not yet:** The demo went badly\n"
            "  - What I learned: Test the projector\n"
            "  - Next I will try: Arrive early\n"
            "  - What got in the way: No time\n") in text


def test_the_goals_come_last_inside_then_outside_with_their_steps():
    inner = {**GOAL, "id": "goal-2", "title": "Speak up", "ring": "inner", "why": "",
             "steps": [], "moved_inner_at": "2026-11-20T09:00:00+00:00"}
    text = markdown_of(document(goals=[GOAL, inner]))
    goals = text[text.index("## Goals in the circle"):]
    assert goals == ("## Goals in the circle\n\n"
                     "### Inside: progress achieved\n\n"
                     "- **Speak up**\n  *achieved on 20 November 2026*\n\n"
                     "### Outside: progress still to achieve\n\n"
                     "- **Calm intakes**\n  Why it matters: Less stress\n"
                     "  - [x] Ask Sam\n  - [ ] Draft a checklist\n")
    assert "Nothing written yet." in text


def test_what_someone_wrote_cannot_break_the_layout():
    text = markdown_of(document(entries=[entry(
        "2026-11-27", "# Not a heading\n\n- not a list\n1. nor this\n<script>x</script> *yes*")]))
    assert ("- \\# Not a heading  \n  \\- not a list  \n  1\\. nor this  \n"
            "  \\<script>x\\</script> \\*yes\\*\n") in text
    assert "\n# Not" not in text and "\n- not" not in text


def test_markdown_dates_follow_the_language():
    text = markdown_of(document(entries=[entry("2026-11-27", "Stap")]), locale="nl")
    assert "vrijdag 27 november" in text and "27 november 2026" in text


def test_download_names():
    day = date(2026, 11, 27)
    assert [download_name(day, kind) for kind in ("json", "csv", "markdown")] == [
        "progress-journal-2026-11-27.json", "progress-journal-2026-11-27.csv",
        "progress-journal-2026-11-27.md"]
