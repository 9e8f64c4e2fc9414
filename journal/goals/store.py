"""What the goal pages read across models: the person's own earlier "not yet" toward a goal
they have now achieved."""
from datetime import UTC

from journal.clock import local_today
from journal.entries.rules import earlier_not_yet
from journal.entries.store import setbacks_toward

GOAL_GAP = 1  # a day: any setback before the day a goal moved inward is its "not yet"


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
