"""The conversations themselves: next steps agreed in a progress conversation (on the summary
it was held on), helping conversations through the seven steps, and steering conversations
(a manager's expectation and the employee's own way of meeting it)."""
import uuid

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    UUIDField,
)

from journal.db import BaseModel
from journal.models.goal import Goal
from journal.models.summary import Summary
from journal.models.user import User


class Agreement(BaseModel):
    """A next step proposed in a progress conversation by either side. The employee accepts it
    into their own outer circle (`goal`, theirs to edit) or lets it go; both keep the dated
    record on the summary."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    summary = ForeignKeyField(Summary, backref="agreements", on_delete="CASCADE")
    text = TextField()
    proposed_by = CharField(max_length=8)  # "employee" or "manager"
    status = CharField(max_length=10, default="proposed")  # proposed, accepted, declined
    goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL")
    created_at = DateTimeField()
    decided_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("summary", "created_at"), False),)

    @classmethod
    def of(cls, summary):
        """A summary's agreements, oldest first, as a list."""
        return list(cls.select().where(cls.summary == summary).order_by(cls.created_at, cls.id))


class HelpingConversation(BaseModel):
    """An asker's request for a helping conversation with someone they are connected to, and
    its course through the seven steps (`step` counts from 0)."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    asker = ForeignKeyField(User, backref="helping_asked", on_delete="CASCADE")
    helper = ForeignKeyField(User, backref="helping_given", on_delete="CASCADE")
    topic = TextField()
    status = CharField(max_length=10, default="asked")  # asked, open, closed, declined
    step = IntegerField(default=0)
    next_step = TextField(default="")
    goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL")
    created_at = DateTimeField()
    updated_at = DateTimeField()
    closed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("asker", "created_at"), False), (("helper", "created_at"), False))


class HelpingNote(BaseModel):
    """One note at one step of a helping conversation, seen by both people."""

    conversation = ForeignKeyField(HelpingConversation, backref="notes", on_delete="CASCADE")
    author = ForeignKeyField(User, on_delete="CASCADE")
    step = IntegerField()
    text = TextField()
    created_at = DateTimeField()

    class Meta:
        indexes = ((("conversation", "step"), False),)


class SteeringConversation(BaseModel):
    """A manager's expectation of an employee (what, why, and the room left for how), and the
    employee's answer in their own words: how they will go about it, and their view or
    objections, which stay beside it."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    manager = ForeignKeyField(User, backref="steering_given", on_delete="CASCADE")
    employee = ForeignKeyField(User, backref="steering_received", on_delete="CASCADE")
    expectation = TextField()
    reason = TextField(default="")
    room = TextField(default="")
    held_on = DateField(null=True)
    status = CharField(max_length=10, default="draft")  # draft, shared, answered
    plan = TextField(default="")
    view = TextField(default="")
    shared_at = DateTimeField(null=True)
    answered_at = DateTimeField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("manager", "created_at"), False), (("employee", "status"), False))
