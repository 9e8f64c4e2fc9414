"""Who shares with whom: an employee's invitations to a manager or coach, and the connections
they make. What is shared through a connection is in journal.models.summary."""
import hashlib
import secrets
import uuid

from peewee import (
    CharField,
    DateTimeField,
    ForeignKeyField,
    UUIDField,
)

from journal.db import BaseModel, parse_uuid
from journal.models.mail import OutgoingMail
from journal.models.user import User

Inviter = User.alias("inviter")
Manager = User.alias("manager")
Employee = User.alias("employee")


def new_invitation_token():
    """A random, URL-safe invitation token (shown once; only its hash is stored)."""
    return secrets.token_urlsafe(24)


def token_hash(token):
    """The stored form of an invitation token."""
    return hashlib.sha256(token.encode()).hexdigest()


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
    # The mail that carried an invitation by address (its token then reached only that
    # address, so accepting through it proves the address); None for a link.
    mail = ForeignKeyField(OutgoingMail, null=True, on_delete="SET NULL")

    @classmethod
    def is_open_at(cls, now):
        """The condition of an invitation nobody has used and that still works at `now`."""
        return cls.accepted_at.is_null() & (cls.expires_at > now)

    @classmethod
    def pending_of(cls, user, now):
        """The user's own invitations nobody has answered yet and that still work, newest first."""
        return (cls
                .select()
                .where((cls.employee == user) & cls.is_open_at(now))
                .order_by(cls.created_at.desc()))

    @classmethod
    def addressed_to(cls, email, *, besides, now):
        """Open invitations to this address from anyone `besides` its owner, newest first
        (each with `.employee` loaded)."""
        return (cls
                .select(cls, Inviter)
                .join(Inviter, on=(cls.employee == Inviter.id))
                .where((cls.email == email) & (cls.employee != besides) & cls.is_open_at(now))
                .order_by(cls.created_at.desc()))

    @classmethod
    def by_token(cls, token):
        """The invitation behind a token (used or not), or None."""
        return cls.get_or_none(cls.token_hash == token_hash(token))

    @classmethod
    def by_id(cls, invitation_id):
        """The invitation with this id, or None."""
        invitation_uuid = parse_uuid(invitation_id)
        return cls.get_or_none(cls.id == invitation_uuid) if invitation_uuid else None

    def claim(self, user, now):
        """Mark the invitation used by `user`, only if nobody did first; True when this call won
        (a conditional UPDATE, so of two simultaneous claims only one wins)."""
        return (Invitation
                .update(accepted_at=now, accepted_by=user)
                .where((Invitation.id == self.id) & Invitation.is_open_at(now))
                .execute()) == 1


class Connection(BaseModel):
    """An employee shares with a manager (or coach); either side can end it."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    employee = ForeignKeyField(User, backref="manager_connections", on_delete="CASCADE")
    manager = ForeignKeyField(User, backref="employee_connections", on_delete="CASCADE")
    created_at = DateTimeField()

    class Meta:
        indexes = ((("employee", "manager"), True),)

    @classmethod
    def to_managers(cls, user):
        """The user's connections to managers and coaches (each with `.manager` loaded), by
        name."""
        return (cls
                .select(cls, Manager)
                .join(Manager, on=(cls.manager == Manager.id))
                .where(cls.employee == user)
                .order_by(Manager.display_name))

    @classmethod
    def from_employees(cls, user):
        """The connections of people who share with this user (each with `.employee` loaded),
        by name."""
        return (cls
                .select(cls, Employee)
                .join(Employee, on=(cls.employee == Employee.id))
                .where(cls.manager == user)
                .order_by(Employee.display_name))

    @classmethod
    def either_side(cls, user):
        """Every connection the user is either side of (both people loaded), oldest first."""
        return (cls
                .select(cls, Employee, Manager)
                .join(Employee, on=(cls.employee == Employee.id))
                .switch(cls)
                .join(Manager, on=(cls.manager == Manager.id))
                .where((cls.employee == user) | (cls.manager == user))
                .order_by(cls.created_at, cls.id))

    @classmethod
    def between(cls, employee, manager_id):
        """The connection from this employee to the manager with this id, or None."""
        manager_uuid = parse_uuid(manager_id)
        if manager_uuid is None:
            return None
        return cls.get_or_none((cls.employee == employee) & (cls.manager == manager_uuid))

    @classmethod
    def of(cls, user, connection_id):
        """A connection this user is either side of, or None."""
        connection_uuid = parse_uuid(connection_id)
        if connection_uuid is None:
            return None
        return cls.get_or_none((cls.id == connection_uuid)
                               & ((cls.employee == user) | (cls.manager == user)))
