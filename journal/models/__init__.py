"""The journal's tables, listed explicitly (order matters: parents before children)."""
from journal.models.entry import Entry, EntryTag
from journal.models.goal import Goal, GoalStep
from journal.models.push import Delivery, PushSubscription, Reminder
from journal.models.review import Review
from journal.models.user import User

MODELS = [User, Goal, GoalStep, Entry, EntryTag, Review, PushSubscription, Reminder, Delivery]

__all__ = ["MODELS", "Delivery", "Entry", "EntryTag", "Goal", "GoalStep", "PushSubscription",
           "Reminder", "Review", "User"]
