"""The journal's tables, listed explicitly (order matters: parents before children)."""
from journal.models.account_token import AccountToken
from journal.models.checklist import Checklist
from journal.models.company_sign_in import CompanySignIn
from journal.models.conversation import (
    Agreement,
    HelpingConversation,
    HelpingNote,
    SteeringConversation,
)
from journal.models.entry import Entry, EntryTag
from journal.models.goal import Goal, GoalStep
from journal.models.mail import OutgoingMail
from journal.models.push import ChannelChoice, Delivery, PushSubscription, Reminder
from journal.models.review import Review
from journal.models.session import LoginFailure, UserSession
from journal.models.sharing import Connection, Invitation
from journal.models.summary import Summary, SummaryItem, SummaryResponse
from journal.models.team import (
    Consultation,
    Contribution,
    MeetingAnswer,
    MeetingAttendee,
    Team,
    TeamMeeting,
    TeamMember,
    TeamNote,
)
from journal.models.token import ApiToken
from journal.models.user import User

MODELS = [User, Goal, GoalStep, Entry, EntryTag, Review, PushSubscription, Reminder, Delivery,
          OutgoingMail, Invitation, Connection, Summary, SummaryItem, SummaryResponse, Checklist,
          ApiToken, UserSession, LoginFailure, AccountToken, ChannelChoice, CompanySignIn,
          Agreement, HelpingConversation, HelpingNote, SteeringConversation,
          Team, TeamMember, TeamMeeting, MeetingAttendee, MeetingAnswer, TeamNote, Consultation,
          Contribution]

__all__ = ["MODELS", "AccountToken", "Agreement", "HelpingConversation", "HelpingNote",
           "SteeringConversation", "Team", "TeamMember", "TeamMeeting", "MeetingAttendee",
           "MeetingAnswer", "TeamNote", "Consultation", "Contribution", "ApiToken", "ChannelChoice", "Checklist", "CompanySignIn", "Connection", "Delivery", "Entry", "EntryTag", "Goal",
           "GoalStep", "Invitation", "LoginFailure", "OutgoingMail", "PushSubscription", "Reminder",
           "Review", "Summary", "SummaryItem", "SummaryResponse", "User", "UserSession"]
