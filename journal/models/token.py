"""Personal API tokens: for a user's own scripts, sent as `Authorization: Bearer <token>`.
Shown once when created; only a hash is stored."""
import hashlib
import secrets
import uuid

from peewee import CharField, DateTimeField, ForeignKeyField, UUIDField

from journal.db import OwnedModel
from journal.models.user import User
from journal.tokens.rules import SCOPES_LIMIT, has_expired, parse_scopes

TOKEN_PREFIX = "pj_"


def new_api_token():
    """A new random token, recognisable by its prefix."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def api_token_hash(token):
    """The stored form of a token (SHA-256: the token is long and random, so no salt or slow
    hash is needed, and lookups stay one indexed query)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(OwnedModel):
    """A named token a user created for their own scripts: it may do what its scopes allow
    ("read write data", see journal.tokens.rules) until `expires_at` (None: never)."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="api_tokens", on_delete="CASCADE")
    name = CharField(max_length=80)
    token_hash = CharField(max_length=64, unique=True)
    hint = CharField(max_length=12)  # the first characters, to recognise it in a list
    created_at = DateTimeField()
    last_used_at = DateTimeField(null=True)
    scopes = CharField(max_length=SCOPES_LIMIT)
    expires_at = DateTimeField(null=True)

    @classmethod
    def of(cls, user):
        """The user's tokens, newest first."""
        return (cls
                .select()
                .where(cls.user == user)
                .order_by(cls.created_at.desc(), cls.name))

    @classmethod
    def with_hash(cls, token_hash):
        """The token stored with this hash (with `.user` loaded), or None."""
        return cls.select(cls, User).join(User).where(cls.token_hash == token_hash).first()

    @classmethod
    def revoke_all(cls, user):
        """Revoke every token of the user at once; returns how many there were."""
        return cls.delete().where(cls.user == user).execute()

    @property
    def scope_list(self):
        """The token's scopes, in the usual order."""
        return parse_scopes(self.scopes)

    def has_expired(self, now):
        """Whether the token no longer works at `now` (naive UTC, as stored)."""
        return has_expired(self.expires_at, now)

    def note_use(self, now):
        """Write down that the token was used at `now`."""
        self.last_used_at = now
        ApiToken.update(last_used_at=now).where(ApiToken.id == self.id).execute()
