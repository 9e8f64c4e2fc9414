"""Accounts: people who keep a journal."""
import secrets
import uuid

from flask_login import UserMixin
from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    IntegrityError,
    SmallIntegerField,
    UUIDField,
)

from journal.db import BaseModel, database
from journal.passwords import hash_password, needs_rehash, verify_against_nothing, verify_password


def new_session_token():
    """A random token that identifies the user's sessions; rotating it ends old sessions."""
    return secrets.token_urlsafe(32)


class User(UserMixin, BaseModel):
    """A person with a private journal."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    email = CharField(max_length=254, unique=True)
    password_hash = CharField(max_length=255)
    display_name = CharField(max_length=80)
    timezone = CharField(max_length=64, default="UTC")
    language = CharField(max_length=8, default="en")
    session_token = CharField(max_length=64, unique=True, default=new_session_token)
    review_weekday = SmallIntegerField(default=5)  # ISO weekday; Friday
    reminders_paused_until = DateField(null=True)
    notification_details = BooleanField(default=False)  # show more than a generic line
    created_at = DateTimeField()

    def get_id(self):
        """Flask-Login stores this token, not the id, so rotating it logs out other sessions."""
        return self.session_token

    @classmethod
    def by_session_token(cls, token):
        """The user whose current session token this is, or None."""
        return cls.get_or_none(cls.session_token == token)

    @classmethod
    def by_email(cls, email):
        """The user with this e-mail address (case-insensitive), or None."""
        return cls.get_or_none(cls.email == normalize_email(email))

    @classmethod
    def sign_up(cls, *, email, password, display_name, timezone, language, now):
        """A new account, or None when the address already has one."""
        try:
            with database.atomic():
                return cls.create(email=normalize_email(email),
                                  password_hash=hash_password(password),
                                  display_name=display_name.strip(), timezone=timezone,
                                  language=language, created_at=now)
        except IntegrityError:
            return None

    @classmethod
    def authenticate(cls, email, password):
        """Return the user when e-mail and password match, else None, in constant-ish time."""
        user = cls.by_email(email)
        if user is None:
            verify_against_nothing(password)
            return None
        if not verify_password(user.password_hash, password):
            return None
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
            user.save(only=[User.password_hash])
        return user

    def check_password(self, password):
        """True when the password is this user's."""
        return verify_password(self.password_hash, password)

    def set_password(self, password):
        """Store a new password and end every other session."""
        self.password_hash = hash_password(password)
        self.session_token = new_session_token()


def normalize_email(email):
    """E-mail addresses are compared trimmed and lower-cased."""
    return (email or "").strip().lower()
