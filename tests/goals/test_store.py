"""What the goal pages read across the journal: the "not yet" before a goal moved inward."""
from datetime import date, datetime

from journal.goals.store import then_and_now_of
from journal.models import Entry, Goal, User

NOW = datetime(2026, 11, 27, 12, 0)


def setback(user, day, text, goal=None):
    return Entry.create_for(user, {"day": day, "text": text, "kind": "setback", "meaning": None,
                                   "tags": [], "goal_id": goal.id if goal else None}, now=NOW)


def test_a_goal_moved_inward_brings_back_its_not_yet(journal):
    ana = User.by_email("ana@example.org")
    goal = Goal.create_for(ana, {"title": "Calm demos"}, now=datetime(2026, 10, 1))
    other = Goal.create_for(ana, {"title": "Budget"}, now=datetime(2026, 10, 1))
    setback(ana, date(2026, 11, 4), "The demo did not work yet", goal)
    setback(ana, date(2026, 11, 10), "Budget not yet", other)
    setback(ana, date(2026, 11, 28), "After the move", goal)
    assert then_and_now_of(goal, "Europe/Amsterdam") is None, "still outside"
    goal.update_from({"ring": "inner"}, now=datetime(2026, 11, 26, 23, 30))  # 27 Nov local
    found = then_and_now_of(goal, "Europe/Amsterdam")
    assert found["then"]["text"] == "The demo did not work yet"
    assert found["now"] == {"text": "Calm demos", "day": date(2026, 11, 27)}
    assert found["achieved"] is True
    other.update_from({"ring": "inner"}, now=datetime(2026, 11, 10, 9))
    assert then_and_now_of(other, "Europe/Amsterdam") is None, "a setback of that same day"
