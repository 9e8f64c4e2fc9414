"""Sharing with managers: invitations, connections, summaries for progress conversations, and the
manager's private notes and reply. The journal stays private; only a shared summary is seen."""
import hashlib
import secrets
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
from journal.models.user import User


def new_invitation_token():
    """A random, URL-safe invitation token (shown once; only its hash is stored)."""
    return secrets.token_urlsafe(24)


def token_hash(token):
    """The stored form of an invitation token."""
    return hashlib.sha256(token.encode()).hexdigest()


def parse_uuid(value):
    """A UUID from a string, or None when it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class Invitation(BaseModel):
    """An employee's single-use, expiring invitation to a manager or coach, by address or link."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    employee = ForeignKeyField(User, backref="invitations", on_delete="CASCADE")
    token_hash = CharField(max_length=64, unique=True)
    email = CharField(max_length=254, default="", index=True)  # "" for a link invitation
    created_at = DateTimeField()
    expires_at = DateTimeField()
    accepted_at = DateTimeField(null=True)
    accepted_by = ForeignKeyField(User, null=True, on_delete="CASCADE")


class Connection(BaseModel):
    """An employee shares with a manager (or coach); either side can end it."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    employee = ForeignKeyField(User, backref="manager_connections", on_delete="CASCADE")
    manager = ForeignKeyField(User, backref="employee_connections", on_delete="CASCADE")
    created_at = DateTimeField()

    class Meta:
        indexes = ((("employee", "manager"), True),)


class Summary(BaseModel):
    """What an employee chose to share before a progress conversation. Items are copies, so a
    shared summary is a snapshot that later edits to entries never change."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="summaries", on_delete="CASCADE")
    period_from = DateField()
    period_to = DateField()
    achieved = TextField(default="")
    want = TextField(default="")
    how = TextField(default="")
    help_from_manager = TextField(default="")
    conversation_on = DateField(null=True)
    status = CharField(max_length=10, default="draft")
    manager = ForeignKeyField(User, null=True, backref="shared_summaries", on_delete="SET NULL")
    shared_at = DateTimeField(null=True)
    first_viewed_at = DateTimeField(null=True)
    withdrawn_at = DateTimeField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("user", "created_at"), False), (("manager", "status"), False))


class SummaryItem(BaseModel):
    """One highlight in a summary: a copy of its text, where it came from, and its place."""

    summary = ForeignKeyField(Summary, backref="items", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField()
    source = CharField(max_length=8, default="own")
    source_id = CharField(max_length=40, null=True)


class SummaryResponse(BaseModel):
    """The manager's side of a shared summary: private preparation notes (never shown to the
    employee) and a reply the employee sees."""

    summary = ForeignKeyField(Summary, backref="responses", on_delete="CASCADE")
    manager = ForeignKeyField(User, on_delete="CASCADE")
    private_notes = TextField(default="")
    reply = TextField(default="")
    replied_at = DateTimeField(null=True)
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("summary", "manager"), True),)


class Checklist(BaseModel):
    """A manager's dated self-assessment: a column per item, then three reflections."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="checklists", on_delete="CASCADE")
    answers = TextField(default="{}")  # JSON: {item key: "already" | "more"}
    already_how = TextField(default="")
    will_achieve = TextField(default="")
    first_step = TextField(default="")
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("user", "created_at"), False),)
