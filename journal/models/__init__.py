"""The journal's tables, listed explicitly (order matters: parents before children)."""
from journal.models.entry import Entry, EntryTag
from journal.models.goal import Goal, GoalStep
from journal.models.review import Review
from journal.models.user import User

MODELS = [User, Goal, GoalStep, Entry, EntryTag, Review]

__all__ = ["MODELS", "Entry", "EntryTag", "Goal", "GoalStep", "Review", "User"]
