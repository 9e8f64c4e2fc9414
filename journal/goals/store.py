"""What the goal pages read across models: the person's own earlier "not yet" toward a goal
they have now achieved, and the entries noted toward a goal, a page at a time."""
from datetime import UTC

from journal.clock import local_today
from journal.entries.rules import earlier_not_yet
from journal.entries.store import setbacks_toward
from journal.entries.timeline import cursor_of
from journal.models.entry import Entry, with_tags

GOAL_GAP = 1  # a day: any setback before the day a goal moved inward is its "not yet"
GOAL_ENTRIES = 20  # entries toward a goal on one page


def entries_toward(goal, *, after=None, size=GOAL_ENTRIES):
    """The latest `size` entries noted toward the goal after the position `after` (a parsed
    cursor), with their tags, and the cursor the next page starts from (None: no more)."""
    query = Entry.matching(goal.user_id, after=after).where(Entry.goal == goal)
    rows = list(query.limit(size + 1))
    page = with_tags(rows[:size])
    return page, cursor_of(page[-1]) if len(rows) > size else None


def then_and_now_of(goal, tz_name):
    """{"then": a setback toward the goal from before it moved inward, "now": the goal,
    "achieved": True} for a goal in the inner circle, else None (entries.rules
    earlier_not_yet chooses the setback)."""
    if goal.ring != "inner" or goal.moved_inner_at is None:
        return None
    moved = local_today(goal.moved_inner_at.replace(tzinfo=UTC), tz_name)
    setbacks = setbacks_toward(goal.user_id, last_day=moved, goal_ids=[goal.id])
    then = earlier_not_yet(setbacks, day=moved, goal_id=goal.id, gap=GOAL_GAP)
    if then is None:
        return None
    return {"then": then, "now": {"text": goal.title, "day": moved}, "achieved": True}
