"""The journal's tables, listed explicitly (order matters: parents before children)."""
from journal.models.checklist import Checklist
from journal.models.entry import Entry, EntryTag
from journal.models.goal import Goal, GoalStep
from journal.models.mail import OutgoingMail
from journal.models.push import Delivery, PushSubscription, Reminder
from journal.models.review import Review
from journal.models.session import LoginFailure, UserSession
from journal.models.sharing import Connection, Invitation
from journal.models.summary import Summary, SummaryItem, SummaryResponse
from journal.models.token import ApiToken
from journal.models.user import User

MODELS = [User, Goal, GoalStep, Entry, EntryTag, Review, PushSubscription, Reminder, Delivery,
          Invitation, Connection, Summary, SummaryItem, SummaryResponse, Checklist, ApiToken,
          UserSession, LoginFailure, OutgoingMail]

__all__ = ["MODELS", "ApiToken", "Checklist", "Connection", "Delivery", "Entry", "EntryTag", "Goal",
           "GoalStep", "Invitation", "LoginFailure", "OutgoingMail", "PushSubscription", "Reminder",
           "Review", "Summary", "SummaryItem", "SummaryResponse", "User", "UserSession"]
