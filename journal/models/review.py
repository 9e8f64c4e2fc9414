"""Weekly "what improved" reviews: one per ISO week per user."""
import json
import uuid

from peewee import (
    CharField,
    DateTimeField,
    ForeignKeyField,
    SmallIntegerField,
    TextField,
    UUIDField,
)

from journal.clock import iso_utc
from journal.db import BaseModel, database
from journal.models.user import User
from journal.prepared import PreparedSelect, id_value
from journal.reviews.rules import NEEDS


class Review(BaseModel):
    """What improved in a week, what next, help wanted, a 0–10 scale and the needs check."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="reviews", on_delete="CASCADE")
    week = CharField(max_length=8)
    improved = TextField(default="[]")
    next_week = TextField(default="")
    help_wanted = TextField(default="")
    scale = SmallIntegerField(null=True)
    autonomy = SmallIntegerField(null=True)
    competence = SmallIntegerField(null=True)
    relatedness = SmallIntegerField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("user", "week"), True),)

    @classmethod
    def of(cls, user):
        """The user's reviews, newest week first."""
        return cls.select().where(cls.user == user).order_by(cls.week.desc())

    @classmethod
    def for_week(cls, user, week):
        """The user's review of an ISO week ('2026-W48'), or None."""
        return cls.get_or_none((cls.user == user) & (cls.week == week))

    @classmethod
    def of_weeks(cls, user, first, last):
        """The user's reviews of the ISO weeks from `first` to `last`."""
        return cls.select().where((cls.user == user) & cls.week.between(first, last))

    @classmethod
    def weeks_reviewed(cls, user, weeks):
        """Which of these ISO weeks the user has reviewed, as a set."""
        weeks = list(weeks)
        if not weeks:
            return set()
        return {row.week for row in _WEEKS_REVIEWED.rows(id_value(user), *weeks)}

    @classmethod
    def save_week(cls, user, week, values, *, now):
        """Create or replace the review of a week (PUT semantics) in one transaction, at `now`
        (stored UTC)."""
        with database.atomic():
            review = cls.for_week(user, week)
            is_new = review is None
            if is_new:
                review = cls(user=user, week=week, created_at=now)
            for name, value in values.items():
                setattr(review, name, json.dumps(value) if name == "improved" else value)
            review.updated_at = now
            review.save(force_insert=is_new)
        return review

    def improved_items(self):
        """The 'what improved' items as a list."""
        return json.loads(self.improved or "[]")

    def needs(self):
        """The needs check as {need: 1–5 or None}."""
        return {need: getattr(self, need) for need in NEEDS}

    def to_api(self):
        """The review as the JSON API shows it."""
        return {
            "week": self.week,
            "improved": self.improved_items(),
            "next_week": self.next_week,
            "help_wanted": self.help_wanted,
            "scale": self.scale,
            "needs": self.needs(),
            "created_at": iso_utc(self.created_at),
            "updated_at": iso_utc(self.updated_at),
        }


_WEEKS_REVIEWED = PreparedSelect(lambda user_id, *weeks: Review.select(Review.week).where(
    (Review.user == user_id) & Review.week.in_(weeks)))
