"""Summaries for progress conversations: what an employee chose to share before a conversation,
its highlights, and the manager's private notes and reply. Items are copies, so a shared summary
is a snapshot that later edits to entries never change."""
import uuid
from collections import defaultdict

from peewee import (
    JOIN,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    UUIDField,
)

from journal.clock import iso_utc
from journal.db import BaseModel, OwnedModel
from journal.models.user import User
from journal.prepared import PreparedSelect, id_value

SummaryManager = User.alias("summary_manager")


class Summary(OwnedModel):
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
    better_since = TextField(default="")  # what went better since the last conversation
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

    @classmethod
    def of(cls, user):
        """The user's summaries, newest first, each with `.manager` loaded when there is one."""
        return (cls
                .select(cls, SummaryManager)
                .join(SummaryManager, JOIN.LEFT_OUTER, on=(cls.manager == SummaryManager.id))
                .where(cls.user == user)
                .order_by(cls.created_at.desc(), cls.id))

    @classmethod
    def last_shared_to(cls, user):
        """The last day covered by the summary the user shared most recently, or None."""
        latest = (cls
                  .select(cls.period_to)
                  .where((cls.user == user) & (cls.status == "shared"))
                  .order_by(cls.shared_at.desc(), cls.period_to.desc())
                  .first())
        return latest.period_to if latest else None

    @classmethod
    def coming_up(cls, user, first, last):
        """The user's own summary (not withdrawn) whose conversation falls between `first` and
        `last`, soonest first, or None."""
        return _COMING_UP.first(id_value(user), first, last)

    def to_api(self, items):
        """The summary as the JSON API shows it, with these highlights (the contract in
        API.md)."""
        def moment(value):
            return iso_utc(value) if value else None
        return {
            "id": str(self.id),
            "from": self.period_from.isoformat(),
            "to": self.period_to.isoformat(),
            "achieved": self.achieved,
            "want": self.want,
            "how": self.how,
            "help_from_manager": self.help_from_manager,
            "better_since": self.better_since,
            "conversation_on": self.conversation_on.isoformat() if self.conversation_on else None,
            "items": [{"text": item.text, "source": item.source, "source_id": item.source_id}
                      for item in items],
            "status": self.status,
            "manager_id": str(self.manager_id) if self.manager_id else None,
            "shared_at": moment(self.shared_at),
            "first_viewed_at": moment(self.first_viewed_at),
            "withdrawn_at": moment(self.withdrawn_at),
            "created_at": moment(self.created_at),
            "updated_at": moment(self.updated_at),
        }


class SummaryItem(BaseModel):
    """One highlight in a summary: a copy of its text, where it came from, and its place."""

    summary = ForeignKeyField(Summary, backref="items", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField()
    source = CharField(max_length=8, default="own")
    source_id = CharField(max_length=40, null=True)

    @classmethod
    def of(cls, summary):
        """A summary's highlights in order, as a list."""
        return list(cls.select().where(cls.summary == summary).order_by(cls.position, cls.id))

    @classmethod
    def grouped(cls, summaries):
        """{summary id: its highlights in order} for many summaries, in one query."""
        ids = [summary.id for summary in summaries]
        grouped = defaultdict(list)
        if ids:
            for item in (cls.select()
                         .where(cls.summary.in_(ids))
                         .order_by(cls.position, cls.id)):
                grouped[item.summary_id].append(item)
        return grouped


class SummaryResponse(BaseModel):
    """The manager's side of a shared summary: private preparation notes (never shown to the
    employee) and a reply the employee sees."""

    summary = ForeignKeyField(Summary, backref="responses", on_delete="CASCADE")
    manager = ForeignKeyField(User, on_delete="CASCADE")
    private_notes = TextField(default="")
    reply = TextField(default="")
    observations = TextField(default="")  # what the manager saw in the work; the employee sees it
    replied_at = DateTimeField(null=True)
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("summary", "manager"), True),)

    @classmethod
    def of(cls, summary, manager_id):
        """The manager's notes and reply on a summary, or None."""
        return cls.get_or_none((cls.summary == summary) & (cls.manager == manager_id))

    @classmethod
    def grouped(cls, summaries):
        """{(summary id, manager id): response} for many summaries, in one query."""
        ids = [summary.id for summary in summaries]
        if not ids:
            return {}
        return {(response.summary_id, response.manager_id): response
                for response in cls.select().where(cls.summary.in_(ids))}


_COMING_UP = PreparedSelect(lambda user_id, first, last: Summary
                           .select()
                           .where((Summary.user == user_id) & (Summary.status != "withdrawn")
                                  & Summary.conversation_on.between(first, last))
                           .order_by(Summary.conversation_on, Summary.created_at.desc())
                           .limit(1), 3)
