"""Accounts: people who keep a journal."""
import secrets
import uuid

from flask_login import UserMixin
from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    IntegerField,
    IntegrityError,
    SmallIntegerField,
    UUIDField,
)

from journal.db import BaseModel, database
from journal.passwords import hash_password, needs_rehash, verify_against_nothing, verify_password
from journal.prepared import increment_statement, run_together


def new_session_token():
    """A random value for the unused session_token column (see below)."""
    return secrets.token_urlsafe(32)


class User(UserMixin, BaseModel):
    """A person with a private journal."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    email = CharField(max_length=254, unique=True)
    password_hash = CharField(max_length=255)
    display_name = CharField(max_length=80)
    timezone = CharField(max_length=64, default="UTC")
    language = CharField(max_length=8, default="en")
    # Unused since migration 0006 (sessions are UserSession rows); the column is NOT NULL
    # UNIQUE, so it is still filled with a random value nobody reads.
    session_token = CharField(max_length=64, unique=True, default=new_session_token)
    review_weekday = SmallIntegerField(default=5)  # ISO weekday; Friday
    reminders_paused_until = DateField(null=True)
    notification_details = BooleanField(default=False)  # show more than a generic line
    created_at = DateTimeField()
    # When the person proved the address is theirs (a mailed link); None: not yet. Until then
    # only security mails go to it, and invitations by address are not shown to it.
    email_verified_at = DateTimeField(null=True)
    mail_words = BooleanField(default=True)  # journal words in mails (a digest's highlights)
    # Raised with every change to the person's entries, in the same transaction: counts over
    # their whole history are kept until it changes (journal.kept).
    journal_version = IntegerField(default=0)

    # The signed-in device this request came from (a UserSession) and its secret, set when
    # signing in or loading the session (journal.accounts.sessions); None for an API token.
    login_session = None
    session_secret = None
    # The same person is the same row, however it was loaded (UserMixin would compare get_id).
    __eq__, __ne__, __hash__ = BaseModel.__eq__, BaseModel.__ne__, BaseModel.__hash__

    @classmethod
    def journal_changed(cls, user):
        """Raise the person's journal_version; call it inside the transaction that changes
        their entries. `user`: a User (whose loaded copy is raised too) or an id."""
        run_together(cls.journal_change(user))

    @classmethod
    def journal_change(cls, user):
        """The statement that raises the person's journal_version, as (sql, params), to run
        together with the change to their entries (journal.prepared.run_together); the loaded
        copy of a User is raised at once."""
        if isinstance(user, cls):
            user.journal_version += 1
        return increment_statement(cls.journal_version, getattr(user, "id", user))

    @property
    def has_password(self):
        """False for an account made by company sign-in that never chose a password."""
        return bool(self.password_hash)

    @property
    def email_verified(self):
        """True once the person proved the current address is theirs."""
        return self.email_verified_at is not None

    def mark_verified(self, now):
        """Record that the current address is proven (a mailed link reached it); saved."""
        if self.email_verified_at is None:
            self.email_verified_at = now
            User.update(email_verified_at=now).where(User.id == self.id).execute()

    def to_person(self):
        """How the API names someone to the people they share with: {"id", "display_name"}
        (never their address)."""
        return {"id": str(self.id), "display_name": self.display_name}

    def get_id(self):
        """Flask-Login keeps the signed-in device's secret in the session and remember-me
        cookies, never the user's id: deleting that device's row ends both cookies."""
        if self.session_secret is None:
            raise RuntimeError("sign in through journal.accounts.sessions.sign_in")
        return self.session_secret

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
        if user is None or not user.has_password:
            verify_against_nothing(password)
            return None
        if not verify_password(user.password_hash, password):
            return None
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
            user.save(only=[User.password_hash])
        return user

    def check_password(self, password):
        """True when the password is this user's (never for an account without one)."""
        if not self.has_password:
            verify_against_nothing(password)
            return False
        return verify_password(self.password_hash, password)

    def confirms_deletion(self, answer):
        """True when `answer` is what deleting the account asks for: its password, or for an
        account without one (company sign-in), its e-mail address typed out."""
        if self.has_password:
            return self.check_password(answer)
        return normalize_email(answer) == self.email

    def set_password(self, password):
        """Store a new password (ending other sessions is the caller's work: see
        journal.accounts.store)."""
        self.password_hash = hash_password(password)


def normalize_email(email):
    """E-mail addresses are compared trimmed and lower-cased."""
    return (email or "").strip().lower()
