"""Mail waiting to be sent, being sent, or sent: queued in the same transaction as what caused
it, then handed to the SMTP server by the dispatcher (journal.mail)."""
import json
import uuid

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField, UUIDField

from journal.db import BaseModel
from journal.mail.rules import ADDRESS_LIMIT, KIND_LIMIT
from journal.models.user import User


class OutgoingMail(BaseModel):
    """One mail to one address. `status`: queued, claimed (a dispatcher is sending it since
    `claimed_at`), sent, retry (at `next_attempt_at`) or failed (`last_error` holds the SMTP
    reply). A mail goes with its account when the account is deleted (CASCADE); one that must
    outlive it (a goodbye) is queued without a user."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, null=True, backref="outgoing_mail", on_delete="CASCADE")
    to_address = CharField(max_length=ADDRESS_LIMIT)
    kind = CharField(max_length=KIND_LIMIT)
    subject = TextField()
    body_text = TextField()
    body_html = TextField(null=True)
    headers = TextField(default="{}")  # JSON: extra headers such as List-Unsubscribe
    message_id = CharField(max_length=255)  # the same on every attempt, so a resend is known
    status = CharField(max_length=16, default="queued")
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField()
    claimed_at = DateTimeField(null=True)
    sent_at = DateTimeField(null=True)
    last_error = TextField(null=True)
    created_at = DateTimeField()

    class Meta:
        indexes = ((("status", "next_attempt_at"), False),)

    @property
    def extra_headers(self):
        """The extra headers as a dict."""
        return json.loads(self.headers or "{}")

    @classmethod
    def waiting(cls, stamp, lease_cutoff, limit):
        """Mails due at `stamp` (queued or to retry), and claims older than `lease_cutoff`
        (their dispatcher stopped), oldest first."""
        due = cls.status.in_(["queued", "retry"]) & (cls.next_attempt_at <= stamp)
        abandoned = (cls.status == "claimed") & (cls.claimed_at <= lease_cutoff)
        return cls.select().where(due | abandoned).order_by(cls.next_attempt_at).limit(limit)

    @classmethod
    def take(cls, mail, stamp):
        """Claim a mail as read, only if nobody claimed or renewed it since; 1 when taken."""
        same = (cls.claimed_at.is_null() if mail.claimed_at is None
                else cls.claimed_at == mail.claimed_at)
        return (cls.update(status="claimed", claimed_at=stamp)
                .where((cls.id == mail.id) & (cls.status == mail.status) & same)
                .execute())
