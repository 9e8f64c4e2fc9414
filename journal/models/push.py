"""Devices that receive push messages, reminder settings, and the deliveries that were claimed."""
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

from journal.clock import iso_utc
from journal.db import BaseModel, OwnedModel, database, lock_for_update
from journal.models.user import User
from journal.push.rules import check_room, check_takeover

REMINDER_KINDS = ("daily", "weekly_review")


class PushSubscription(OwnedModel):
    """One device's push subscription (PushSubscription.toJSON() from the browser)."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="push_subscriptions", on_delete="CASCADE")
    endpoint = TextField(unique=True)
    p256dh = CharField(max_length=200)
    auth = CharField(max_length=100)
    device = CharField(max_length=200, default="")
    created_at = DateTimeField()
    last_seen_at = DateTimeField()

    @classmethod
    def of(cls, user):
        """The user's devices, oldest first."""
        return (cls
                .select()
                .where(cls.user == user)
                .order_by(cls.created_at, cls.id))

    @classmethod
    def subscribe(cls, user, values, *, now):
        """Store a device's subscription; (device, True when it is new). A known endpoint is
        refreshed, or moves to whoever subscribed it last, only when its keys match (a phone
        that changed hands); a person has at most MAX_DEVICES. Raises Refusal otherwise."""
        with database.atomic():
            lock_for_update(User, user)  # two devices at once still count to MAX_DEVICES
            existing = cls.get_or_none(cls.endpoint == values["endpoint"])
            if existing is not None:
                check_takeover({"p256dh": existing.p256dh, "auth": existing.auth}, values)
            if existing is None or str(existing.user_id) != str(user):
                check_room(cls.of(user).count())
            if existing is None:
                return cls.create(user=user, created_at=now, last_seen_at=now, **values), True
            (cls.update(user=user, device=values["device"], last_seen_at=now)
             .where(cls.id == existing.id).execute())
        return cls.get_by_id(existing.id), False

    @classmethod
    def unsubscribe(cls, user, endpoint):
        """Forget the user's device with this endpoint; False when there was none."""
        return bool(cls.delete().where((cls.endpoint == endpoint) & (cls.user == user)).execute())

    @classmethod
    def forget(cls, device_ids):
        """Remove devices the push service says are gone for good."""
        if device_ids:
            cls.delete().where(cls.id.in_(list(device_ids))).execute()

    def info(self):
        """The subscription as pywebpush takes it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}

    def to_api(self):
        """The device as the API and the settings page show it."""
        return {"id": str(self.id), "device": self.device, "created_at": iso_utc(self.created_at),
                "last_seen_at": iso_utc(self.last_seen_at)}


class Reminder(BaseModel):
    """A reminder the user chose: the daily one or the weekly-review one."""

    user = ForeignKeyField(User, backref="reminders", on_delete="CASCADE")
    kind = CharField(max_length=16)
    enabled = BooleanField(default=False)
    time = CharField(max_length=5)
    weekdays = CharField(max_length=20, default="")
    skip_if_logged = BooleanField(default=True)
    next_fire_at = DateTimeField(null=True, index=True)

    class Meta:
        indexes = ((("user", "kind"), True),)

    def weekday_set(self):
        """The ISO weekdays as a sorted list of ints."""
        return sorted(int(day) for day in self.weekdays.split(",") if day)


class Delivery(BaseModel):
    """A claimed reminder: unique per user, kind and due moment, so it is sent at most once.

    A dispatcher holds a claim for a lease from `claimed_at` (renewed while it is sending); a
    claim whose lease ran out was left by a process that died, and another dispatcher may take
    it up again."""

    user = ForeignKeyField(User, on_delete="CASCADE")
    kind = CharField(max_length=16)
    scheduled_for = DateTimeField()
    status = CharField(max_length=16, default="claimed")
    detail = CharField(max_length=200, default="")
    attempts = IntegerField(default=0)
    ref = CharField(max_length=40, default="")  # what a one-off notice is about (a summary id)
    created_at = DateTimeField()
    claimed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("user", "kind", "scheduled_for"), True),
                   (("status", "scheduled_for"), False))


class ChannelChoice(BaseModel):
    """How a person wants one kind of reminder or notice: "push", "mail" or "both". No row
    means the kind's default (journal.notifications.rules)."""

    user = ForeignKeyField(User, backref="channel_choices", on_delete="CASCADE")
    kind = CharField(max_length=16)
    channel = CharField(max_length=8)

    class Meta:
        indexes = ((("user", "kind"), True),)
