"""What the entry pages read across the journal: earlier setbacks beside today's progress."""
from datetime import date, datetime

from journal.entries.store import setbacks_toward, then_and_now_today
from journal.models import Entry, Goal, User

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 12, 0)


def write(user, day, text, *, kind="progress", tags=(), goal=None):
    return Entry.create_for(user, {"day": day, "text": text, "kind": kind, "meaning": None,
                                   "tags": list(tags), "goal_id": goal.id if goal else None},
                            now=NOW)


def test_setbacks_are_read_by_goal_or_tag_up_to_a_day(journal, other):
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    goal = Goal.create_for(ana, {"title": "Calm demos"}, now=NOW)
    write(ana, date(2026, 11, 1), "Froze", kind="setback", tags=["demo"])
    write(ana, date(2026, 11, 2), "No projector", kind="setback", goal=goal)
    write(ana, date(2026, 11, 3), "Went fine", tags=["demo"])
    write(ana, date(2026, 11, 20), "Too late", kind="setback", tags=["demo"])
    write(ana, date(2026, 11, 4), "Other tag", kind="setback", tags=["budget"])
    write(bo, date(2026, 11, 1), "Bo's", kind="setback", tags=["demo"])
    found = setbacks_toward(ana, last_day=date(2026, 11, 13), goal_ids={goal.id},
                            tags={"demo"})
    assert [(s["text"], s["tags"]) for s in found] == [("No projector", []), ("Froze", ["demo"])]
    assert found[0]["goal_id"] == goal.id and found[0]["day"] == date(2026, 11, 2)
    assert setbacks_toward(ana, last_day=TODAY) == [], "nothing asked, nothing read"


def test_today_beside_a_not_yet_of_weeks_ago(journal):
    ana = User.by_email("ana@example.org")
    write(ana, date(2026, 11, 4), "The demo did not work yet", kind="setback", tags=["demo"])
    write(ana, TODAY, "Gave the demo calmly", tags=["demo"])
    todays = list(Entry.on_day(ana, TODAY))
    found = then_and_now_today(ana, todays, TODAY)
    assert found["then"]["text"] == "The demo did not work yet"
    assert found["now"]["text"] == "Gave the demo calmly"
    write(ana, date(2026, 11, 4), "Unrelated", tags=["lunch"])
    assert then_and_now_today(ana, [], TODAY) is None
