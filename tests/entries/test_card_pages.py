"""A timeline page's select is prepared once per set of filters in use (journal.entries.timeline
card_rows): for every combination of filters it finds exactly what peewee's own query finds,
with each entry's tags in their order, on both engines, whichever way the search words are
looked up."""
import itertools
from datetime import date, datetime

import pytest

from journal.entries import search, timeline
from journal.entries.timeline import card_rows
from journal.models import Entry, User
from journal.models.entry import with_tags

TEXTS = ["Intake call with Sam", "Planned the intake checklist", "Team lunch", "Wrote docs",
         "Intake review went well", "A slow week"]


@pytest.fixture
def entries(app, journal):
    for n in range(24):
        journal.api("POST", "/api/v1/entries", json={
            "text": TEXTS[n % len(TEXTS)], "day": date(2026, 11, 1 + n % 9).isoformat(),
            "kind": "setback" if n % 4 == 0 else "progress",
            "tags": ["team", f"t{n}", "ça & co"] if n % 3 == 0 else []})
    return User.get()


@pytest.mark.parametrize("probe_limit", [search.PROBE_LIMIT, 0], ids=["index", "reading"])
def test_every_combination_of_filters_finds_what_peewee_finds(app, entries, monkeypatch,
                                                              probe_limit):
    monkeypatch.setattr(search, "PROBE_LIMIT", probe_limit)
    user = entries
    middle = Entry.select().order_by(Entry.day.desc(), Entry.created_at.desc(),
                                     Entry.id.desc())[9]
    combinations = itertools.product(
        [None, "team"], [None, "setback"], [None, "intake", "intake checklist", "zeppelin", "!!"],
        [None, date(2026, 11, 6)], [None, (middle.day, middle.created_at, middle.id)])
    with app.test_request_context("/"):
        checked = 0
        for tag, kind, q, day_to, after in combinations:
            expected = [(entry.id, entry.tag_list) for entry in with_tags(Entry.matching(
                user, tag=tag, kind=kind, q=q, day_to=day_to, after=after).limit(30))]
            words = search.query_filter(user, q)
            found = card_rows(user, {"tag": tag, "kind": kind, "words": words,
                                     "day_to": day_to, "after": after}, 30)
            assert [(card.id, card.tag_list) for card in found] == expected, \
                (tag, kind, q, day_to, after)
            checked += bool(expected)
        assert checked > 20, "most combinations find something"
    assert all(isinstance(card.created_at, datetime) for card in found)


def test_a_plan_is_made_once_per_shape(app, entries):
    with app.test_request_context("/"):
        timeline.timeline_page(entries, tag="team")
        plans = {shape: dict(select._plans) for shape, select in timeline._CARD_PAGES.items()}
        timeline.timeline_page(entries, tag="team")
        timeline.timeline_page(entries, tag="nothing-like-it")
        assert {shape: dict(select._plans)
                for shape, select in timeline._CARD_PAGES.items()} == plans
