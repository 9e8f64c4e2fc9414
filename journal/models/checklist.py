"""A manager's dated self-assessment checklists for progress-focused leadership."""
import uuid

from peewee import DateTimeField, ForeignKeyField, TextField, UUIDField

from journal.db import OwnedModel
from journal.models.user import User


class Checklist(OwnedModel):
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

    @classmethod
    def of(cls, user):
        """The user's checklists, newest first."""
        return (cls
                .select()
                .where(cls.user == user)
                .order_by(cls.created_at.desc(), cls.updated_at.desc(), cls.id))

    @classmethod
    def latest_of(cls, user):
        """The user's most recent checklist, or None."""
        return cls.of(user).first()

    def previous(self):
        """The author's checklist just before this one, or None."""
        return Checklist.of(self.user_id).where(Checklist.created_at < self.created_at).first()
