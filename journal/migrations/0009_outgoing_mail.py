"""Outgoing mail: the queue the dispatcher sends from (a frozen copy of the model at this
point)."""
from peewee import (
    CharField,
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

    class OutgoingMail(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, null=True, on_delete="CASCADE")
        to_address = CharField(max_length=254)
        kind = CharField(max_length=32)
        subject = TextField()
        body_text = TextField()
        body_html = TextField(null=True)
        headers = TextField(default="{}")
        message_id = CharField(max_length=255)
        status = CharField(max_length=16, default="queued")
        attempts = IntegerField(default=0)
        next_attempt_at = DateTimeField()
        claimed_at = DateTimeField(null=True)
        sent_at = DateTimeField(null=True)
        last_error = TextField(null=True)
        created_at = DateTimeField()

        class Meta:
            indexes = ((("status", "next_attempt_at"), False),)

    db.create_tables([OutgoingMail])


def down(migrator, db):
    db.execute_sql('DROP TABLE IF EXISTS "outgoing_mail"')
