"""Accounts, journal entries and their tags (a frozen copy of the models at this point)."""
from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    Model,
    SmallIntegerField,
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
        email = CharField(max_length=254, unique=True)
        password_hash = CharField(max_length=255)
        display_name = CharField(max_length=80)
        timezone = CharField(max_length=64, default="UTC")
        language = CharField(max_length=8, default="en")
        session_token = CharField(max_length=64, unique=True)
        created_at = DateTimeField()

    class Entry(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        day = DateField()
        text = TextField()
        kind = CharField(max_length=16, default="progress")
        meaning = SmallIntegerField(null=True)
        helped = TextField(default="")
        hindered = TextField(default="")
        learned = TextField(default="")
        try_next = TextField(default="")
        search_text = TextField(default="")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = ((("user", "day", "created_at"), False),)

    class EntryTag(Base):
        entry = ForeignKeyField(Entry, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        name = CharField(max_length=64)

        class Meta:
            indexes = ((("user", "name"), False), (("entry", "name"), True))

    db.create_tables([User, Entry, EntryTag])


def down(migrator, db):
    for table in ("entry_tag", "entry", "user"):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
