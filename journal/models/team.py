"""Teams working on progress together: members joined by an expiring link, meetings that start
in pairs (each person's answers are their own, shared only when they choose), the team circle
on a theme, and progress-focused peer consultation (intervisie). A team sees only what a member
put into it."""
import uuid

from peewee import (
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    UUIDField,
)

from journal.db import BaseModel
from journal.models.goal import Goal
from journal.models.sharing import new_invitation_token, token_hash
from journal.models.user import User

# A join link is the same kind of link as an invitation: a random token shown once, only its
# hash stored.
new_join_token = new_invitation_token
join_token_hash = token_hash


class Team(BaseModel):
    """A team and its join link (`join_hash` None when revoked)."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    name = CharField(max_length=80)
    join_hash = CharField(max_length=64, null=True, unique=True)
    join_expires_at = DateTimeField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()


class TeamMember(BaseModel):
    """Who is in a team, as "organiser" (the maker, or whom they handed it over to) or
    "member"."""

    team = ForeignKeyField(Team, backref="members", on_delete="CASCADE")
    user = ForeignKeyField(User, backref="team_memberships", on_delete="CASCADE")
    role = CharField(max_length=10, default="member")
    joined_at = DateTimeField()

    class Meta:
        indexes = ((("team", "user"), True), (("user",), False))


class TeamMeeting(BaseModel):
    """A team meeting that starts in pairs: who joined, and the pairs (a JSON list of lists of
    user ids, a trio when odd) once the organiser paired them."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    team = ForeignKeyField(Team, backref="meetings", on_delete="CASCADE")
    started_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    timer_minutes = IntegerField(null=True)
    pairs = TextField(default="[]")
    started_at = DateTimeField()
    ended_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("team", "started_at"), False),)


class MeetingAttendee(BaseModel):
    """A member who joined a meeting."""

    meeting = ForeignKeyField(TeamMeeting, backref="attendees", on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    joined_at = DateTimeField()

    class Meta:
        indexes = ((("meeting", "user"), True),)


class MeetingAnswer(BaseModel):
    """A person's own answer to one of the three pair questions ("progress", "next", "help"),
    kept in their journal for the week (private: their weekly review shows it). Shared with the
    team only when they choose (`shared_at`); a help request may name a teammate (`help_to`)."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="meeting_answers", on_delete="CASCADE")
    team = ForeignKeyField(Team, null=True, on_delete="SET NULL")
    meeting = ForeignKeyField(TeamMeeting, null=True, on_delete="SET NULL")
    week = CharField(max_length=8)
    question = CharField(max_length=10)
    text = TextField()
    shared_at = DateTimeField(null=True)
    help_to = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("user", "week"), False), (("team", "shared_at"), False))


class TeamNote(BaseModel):
    """A note on the team circle of a theme: progress already achieved ("inner") or still to
    achieve ("outer"), with concrete steps (a JSON list shaped as a goal's steps), who took
    it (a JSON list of user ids, a pair or trio), its moves (a JSON list of {"ring", "at",
    "by"}) and when it moved in."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    team = ForeignKeyField(Team, backref="notes", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    theme = CharField(max_length=80, default="")
    text = TextField()
    ring = CharField(max_length=8, default="outer")
    steps = TextField(default="[]")
    taken_by = TextField(default="[]")
    moves = TextField(default="[]")
    moved_in_at = DateTimeField(null=True)
    moved_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("team", "updated_at"), False),)


class Consultation(BaseModel):
    """A case brought to the team for progress-focused peer consultation (intervisie), its
    course through the steps (`step` counts from 0 in steps.CONSULTATION_STEPS), the owner's
    chosen next step (a goal in their own circle once chosen), and "what went better since?"."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    team = ForeignKeyField(Team, backref="consultations", on_delete="CASCADE")
    owner = ForeignKeyField(User, on_delete="CASCADE")
    case = TextField()
    step = IntegerField(default=0)
    status = CharField(max_length=10, default="open")  # open, closed
    next_step = TextField(default="")
    goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL")
    better_since = TextField(default="")
    created_at = DateTimeField()
    updated_at = DateTimeField()
    closed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("team", "created_at"), False),)


class Contribution(BaseModel):
    """A member's question or idea at one step of a consultation."""

    consultation = ForeignKeyField(Consultation, backref="contributions", on_delete="CASCADE")
    author = ForeignKeyField(User, on_delete="CASCADE")
    step = IntegerField()
    text = TextField()
    created_at = DateTimeField()

    class Meta:
        indexes = ((("consultation", "step"), False),)


TEAM_MODELS = [Team, TeamMember, TeamMeeting, MeetingAttendee, MeetingAnswer, TeamNote,
               Consultation, Contribution]
