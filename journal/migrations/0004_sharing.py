"""Sharing with managers: invitations, connections, summaries with their items, the manager's
notes and reply, managers' checklists, and a reference on deliveries for one-off notices
(a frozen copy of the models at this point)."""
from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)

TABLES = ("checklist", "summary_response", "summary_item", "summary", "connection", "invitation")


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        id = UUIDField(primary_key=True)

    class Invitation(Base):
        id = UUIDField(primary_key=True)
        employee = ForeignKeyField(User, on_delete="CASCADE")
        token_hash = CharField(max_length=64, unique=True)
        email = CharField(max_length=254, default="", index=True)
        created_at = DateTimeField()
        expires_at = DateTimeField()
        accepted_at = DateTimeField(null=True)
        accepted_by = ForeignKeyField(User, null=True, on_delete="CASCADE")

    class Connection(Base):
        id = UUIDField(primary_key=True)
        employee = ForeignKeyField(User, on_delete="CASCADE")
        manager = ForeignKeyField(User, on_delete="CASCADE")
        created_at = DateTimeField()

        class Meta:
            indexes = ((("employee", "manager"), True),)

    class Summary(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        period_from = DateField()
        period_to = DateField()
        achieved = TextField(default="")
        want = TextField(default="")
        how = TextField(default="")
        help_from_manager = TextField(default="")
        conversation_on = DateField(null=True)
        status = CharField(max_length=10, default="draft")
        manager = ForeignKeyField(User, null=True, on_delete="SET NULL")
        shared_at = DateTimeField(null=True)
        first_viewed_at = DateTimeField(null=True)
        withdrawn_at = DateTimeField(null=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = ((("user", "created_at"), False), (("manager", "status"), False))

    class SummaryItem(Base):
        summary = ForeignKeyField(Summary, on_delete="CASCADE")
        position = IntegerField(default=0)
        text = TextField()
        source = CharField(max_length=8, default="own")
        source_id = CharField(max_length=40, null=True)

    class SummaryResponse(Base):
        summary = ForeignKeyField(Summary, on_delete="CASCADE")
        manager = ForeignKeyField(User, on_delete="CASCADE")
        private_notes = TextField(default="")
        reply = TextField(default="")
        replied_at = DateTimeField(null=True)
        updated_at = DateTimeField()

        class Meta:
            indexes = ((("summary", "manager"), True),)

    class Checklist(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        answers = TextField(default="{}")
        already_how = TextField(default="")
        will_achieve = TextField(default="")
        first_step = TextField(default="")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = ((("user", "created_at"), False),)

    db.create_tables([Invitation, Connection, Summary, SummaryItem, SummaryResponse, Checklist])
    migrator.migrate(
        migrator.add_column("delivery", "ref", CharField(max_length=40, default="")),
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("delivery", "ref"))
    for table in TABLES:
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
