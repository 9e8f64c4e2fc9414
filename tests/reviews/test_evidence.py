"""What a week's review opens with."""
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from journal.reviews.evidence import entries_by_day, lookback_window, resurface

MONDAY = date(2026, 11, 23)
THURSDAY = MONDAY + timedelta(days=3)


def entry(day, meaning=None, text=""):
    return SimpleNamespace(day=day, meaning=meaning, text=text,
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
