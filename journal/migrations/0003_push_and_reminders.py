"""Push subscriptions, reminder settings, claimed deliveries, and the user's pause and
lock-screen choices (a frozen copy of the models at this point)."""
from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        id = UUIDField(primary_key=True)

    class PushSubscription(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        endpoint = TextField(unique=True)
        p256dh = CharField(max_length=200)
        auth = CharField(max_length=100)
        device = CharField(max_length=200, default="")
        created_at = DateTimeField()
        last_seen_at = DateTimeField()

    class Reminder(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=16)
        enabled = BooleanField(default=False)
        time = CharField(max_length=5)
        weekdays = CharField(max_length=20, default="")
        skip_if_logged = BooleanField(default=True)
        next_fire_at = DateTimeField(null=True, index=True)

        class Meta:
            indexes = ((("user", "kind"), True),)

    class Delivery(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=16)
        scheduled_for = DateTimeField()
        status = CharField(max_length=16, default="claimed")
        detail = CharField(max_length=200, default="")
        attempts = IntegerField(default=0)
        created_at = DateTimeField()

        class Meta:
            indexes = ((("user", "kind", "scheduled_for"), True),)

    db.create_tables([PushSubscription, Reminder, Delivery])
    migrator.migrate(
        migrator.add_column("user", "reminders_paused_until", DateField(null=True)),
        migrator.add_column("user", "notification_details", BooleanField(default=False)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("user", "reminders_paused_until"),
        migrator.drop_column("user", "notification_details"),
    )
    for table in ("delivery", "reminder", "push_subscription"):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
