"""What a week's review opens with."""
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from journal.reviews.evidence import (
    entries_by_day,
    forgotten_besides,
    further_back,
    further_weeks,
    lookback_window,
    resurface,
    year_before,
)

MONDAY = date(2026, 11, 23)
THURSDAY = MONDAY + timedelta(days=3)


def entry(day, meaning=None, text="", kind="progress"):
    return SimpleNamespace(day=day, meaning=meaning, text=text, kind=kind,
                           created_at=datetime(day.year, day.month, day.day, 12))


def test_entries_by_day_keeps_every_day_and_order():
    a, b, c = entry(MONDAY, text="a"), entry(MONDAY, text="b"), entry(MONDAY + timedelta(2))
    grouped = entries_by_day([a, b, c, entry(MONDAY - timedelta(1))],
                             [MONDAY + timedelta(n) for n in range(7)])
    assert [len(items) for _day, items in grouped] == [2, 0, 1, 0, 0, 0, 0]
    assert grouped[0][1] == [a, b]


def test_resurface_picks_the_most_meaningful_entry_per_lookback():
    four_weeks = [entry(THURSDAY - timedelta(28), 2, "near"),
                  entry(THURSDAY - timedelta(30), 5, "meaningful")]
    three_months = [entry(THURSDAY - timedelta(91), None, "only")]
    year = [entry(THURSDAY - timedelta(365 + 7), 3, "edge"),
            entry(THURSDAY - timedelta(365 + 8), 5, "too old")]
    found = resurface(four_weeks + three_months + year + [entry(THURSDAY - timedelta(50), 5)],
                      MONDAY)
    assert {key: e.text for key, e in found.items()} == {
        "four_weeks": "meaningful", "three_months": "only", "one_year": "edge"}


def test_resurface_prefers_the_closest_among_equals_and_can_find_nothing():
    found = resurface([entry(THURSDAY - timedelta(26), 3, "far"),
                       entry(THURSDAY - timedelta(28), 3, "exact")], MONDAY)
    assert found["four_weeks"].text == "exact"
    assert resurface([], MONDAY) == {}


def test_lookback_window_covers_every_lookback():
    earliest, latest = lookback_window(MONDAY)
    assert earliest == THURSDAY - timedelta(372) and latest == THURSDAY - timedelta(25)


# -- looking back further: a year ago, and when you started (issue 14) ------------------------

def test_a_year_ago_is_the_same_iso_week():
    assert year_before("2026-W48") == "2025-W48"
    assert year_before("2026-W53") == "2025-W52", "2025 has no week 53"
    assert year_before("2021-W01") == "2020-W01"


def test_when_you_started_is_looked_back_to_only_from_four_weeks_on():
    assert further_weeks("2026-W48", "2026-W10") == {"year_ago": "2025-W48", "started": "2026-W10"}
    assert further_weeks("2026-W48", "2026-W44") == {"year_ago": "2025-W48", "started": "2026-W44"}
    assert further_weeks("2026-W48", "2026-W45") == {"year_ago": "2025-W48"}, "too recent"
    assert further_weeks("2026-W48", "2025-W48") == {"year_ago": "2025-W48"}, "said once"


def test_further_back_prefers_what_they_wrote_as_improved():
    weeks = {"year_ago": "2025-W48", "started": "2026-W10"}
    year_monday, start_monday = date(2025, 11, 24), date(2026, 3, 2)
    entries = [entry(year_monday, 3, "an entry that week"),
               entry(start_monday + timedelta(1), 2, "first small step"),
               entry(start_monday + timedelta(2), 4, "the meaningful one"),
               entry(start_monday + timedelta(3), 5, "a setback", kind="setback"),
               entry(start_monday + timedelta(7), 5, "the week after")]
    found = further_back(weeks, {"2025-W48": ["Calmer intakes", "Sam helped"]}, entries)
    assert found["year_ago"]["improved"] == ["Calmer intakes", "Sam helped"]
    assert (found["year_ago"]["monday"], found["year_ago"]["sunday"]) == (
        year_monday, year_monday + timedelta(6))
    assert "entry" not in found["year_ago"]
    assert found["started"]["entry"].text == "the meaningful one", "setbacks are left out"


def test_further_back_shows_only_what_has_something():
    weeks = {"year_ago": "2025-W48", "started": "2026-W10"}
    assert further_back(weeks, {}, []) == {}
    found = further_back(weeks, {"2025-W48": []},
                         [entry(date(2026, 3, 4), None, "unrated"),
                          entry(date(2026, 3, 3), None, "earlier, unrated"),
                          entry(date(2025, 11, 25), 5, "not yet", kind="setback")])
    assert set(found) == {"started"}, "an empty review or only a setback says nothing"
    assert found["started"]["entry"].text == "earlier, unrated"


def test_about_a_year_ago_is_not_said_twice():
    resurfaced = {"four_weeks": "a", "one_year": "b"}
    assert forgotten_besides(resurfaced, {"year_ago": {}}) == {"four_weeks": "a"}
    assert forgotten_besides(resurfaced, {"started": {}}) == resurfaced
