"""Signed-in devices and failed log-ins.

A UserSession is one signed-in browser: its cookie (and remember-me cookie) carries a random
secret of which only a hash is stored, so ending the row ends both cookies at once. A
LoginFailure counts failed log-ins under a key (an address, an account, or both together; see
journal.accounts.rules)."""
import hashlib
import secrets
import uuid

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    UUIDField,
)

from journal.db import BaseModel, OwnedModel
from journal.models.user import User
from journal.prepared import PreparedSelect


def new_session_secret():
    """A new random secret for one signed-in device."""
    return secrets.token_urlsafe(32)


def session_secret_hash(secret):
    """The stored form of a session secret (SHA-256: long and random, so no salt is needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class UserSession(OwnedModel):
    """One device where a person is signed in."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="sessions", on_delete="CASCADE")
    secret_hash = CharField(max_length=64, unique=True)
    device = CharField(max_length=80)  # browser and system, "Chrome|Android" (push.devices)
    remember = BooleanField()  # "Keep me logged in on this device"
    created_at = DateTimeField()
    last_seen_at = DateTimeField(index=True)
    # A company sign-in: the ID token that names the person to the provider's log-out ("" when
    # there is none). None: signed in with a password.
    provider_hint = TextField(null=True)

    @classmethod
    def of(cls, user):
        """The person's sessions, most recently active first."""
        return (cls.select().where(cls.user == user)
                .order_by(cls.last_seen_at.desc(), cls.created_at.desc()))

    @classmethod
    def with_secret(cls, secret):
        """The session this secret belongs to (with `.user` loaded), or None."""
        found = _WITH_SECRET_HASH.rows(session_secret_hash(secret))
        return found[0] if found else None


# Every signed-in request runs this one: its SQL is built once (journal.prepared).
_WITH_SECRET_HASH = PreparedSelect(
    lambda secret_hash: (UserSession.select(UserSession, User).join(User)
                         .where(UserSession.secret_hash == secret_hash).limit(1)), 1)


class LoginFailure(BaseModel):
    """Failed log-ins counted under one key (a hash: no address or e-mail is stored)."""

    key = CharField(max_length=64, unique=True)
    failures = IntegerField()
    last_failed_at = DateTimeField(index=True)
