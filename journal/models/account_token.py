"""Links mailed to a person about their account: verifying an address, resetting a password.
Single-use and expiring; only a hash of each token is stored, like invitations and API tokens."""
import hashlib
import secrets
import uuid

from peewee import CharField, DateTimeField, ForeignKeyField, UUIDField

from journal.db import BaseModel
from journal.models.user import User

PURPOSES = ("verify", "reset")


def new_link_token():
    """A random, URL-safe token for a mailed link (only its hash is stored)."""
    return secrets.token_urlsafe(32)


def link_token_hash(token):
    """The stored form of a link token (SHA-256: long and random, so no salt is needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


class AccountToken(BaseModel):
    """One mailed link: `purpose` "verify" (that `email` belongs to the person) or "reset" (a
    new password). Used at most once (`used_at`), and never after `expires_at`."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="account_tokens", on_delete="CASCADE")
    purpose = CharField(max_length=16)
    token_hash = CharField(max_length=64, unique=True)
    email = CharField(max_length=254)  # the address the link was mailed to
    created_at = DateTimeField()
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("user", "purpose"), False),)

    @classmethod
    def issue(cls, user, purpose, *, email, now, expires_at):
        """Store a new link for the user and return (row, token); the token is not stored."""
        token = new_link_token()
        row = cls.create(user=user, purpose=purpose, token_hash=link_token_hash(token),
                         email=email, created_at=now, expires_at=expires_at)
        return row, token

    @classmethod
    def find(cls, token, purpose):
        """The link behind a token for this purpose (used or not, expired or not), or None."""
        if not token or len(token) > 100:
            return None
        return (cls.select(cls, User).join(User)
                .where((cls.token_hash == link_token_hash(token)) & (cls.purpose == purpose))
                .first())

    def use(self, now):
        """Mark the link used, only if it is still open at `now`; True when this call won (a
        conditional UPDATE, so of two simultaneous uses only one wins)."""
        return (AccountToken
                .update(used_at=now)
                .where((AccountToken.id == self.id) & AccountToken.used_at.is_null()
                       & (AccountToken.expires_at > now))
                .execute()) == 1

    @classmethod
    def close_open(cls, user, purpose, now):
        """Retire every open link of this purpose (a newer one replaces them)."""
        return (cls.update(used_at=now)
                .where((cls.user == user) & (cls.purpose == purpose) & cls.used_at.is_null())
                .execute())
