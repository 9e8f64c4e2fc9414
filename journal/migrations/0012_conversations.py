"""The conversations themselves: agreed next steps on a summary (agreement), what went better
since the last conversation (summary.better_since), what the manager saw in the work
(summary_response.observations), helping conversations and their notes, and steering
conversations. A frozen copy of the models at this point."""
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


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        id = UUIDField(primary_key=True)

    class Goal(Base):
        id = UUIDField(primary_key=True)

    class Summary(Base):
        id = UUIDField(primary_key=True)

    class Agreement(Base):
        id = UUIDField(primary_key=True)
        summary = ForeignKeyField(Summary, on_delete="CASCADE")
        text = TextField()
        proposed_by = CharField(max_length=8)
        status = CharField(max_length=10, default="proposed")
        goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        decided_at = DateTimeField(null=True)

        class Meta:
            indexes = ((("summary", "created_at"), False),)

    class HelpingConversation(Base):
        id = UUIDField(primary_key=True)
        asker = ForeignKeyField(User, on_delete="CASCADE")
        helper = ForeignKeyField(User, on_delete="CASCADE")
        topic = TextField()
        status = CharField(max_length=10, default="asked")
        step = IntegerField(default=0)
        next_step = TextField(default="")
        goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_at = DateTimeField()
        closed_at = DateTimeField(null=True)

        class Meta:
            indexes = ((("asker", "created_at"), False), (("helper", "created_at"), False))

    class HelpingNote(Base):
        conversation = ForeignKeyField(HelpingConversation, on_delete="CASCADE")
        author = ForeignKeyField(User, on_delete="CASCADE")
        step = IntegerField()
        text = TextField()
        created_at = DateTimeField()

        class Meta:
            indexes = ((("conversation", "step"), False),)

    class SteeringConversation(Base):
        id = UUIDField(primary_key=True)
        manager = ForeignKeyField(User, on_delete="CASCADE")
        employee = ForeignKeyField(User, on_delete="CASCADE")
        expectation = TextField()
        reason = TextField(default="")
        room = TextField(default="")
        held_on = DateField(null=True)
        status = CharField(max_length=10, default="draft")
        plan = TextField(default="")
        view = TextField(default="")
        shared_at = DateTimeField(null=True)
        answered_at = DateTimeField(null=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = ((("manager", "created_at"), False), (("employee", "status"), False))

    db.create_tables([Agreement, HelpingConversation, HelpingNote, SteeringConversation])
    migrator.migrate(
        migrator.add_column("summary", "better_since", TextField(default="")),
        migrator.add_column("summary_response", "observations", TextField(default="")),
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("summary_response", "observations"),
                     migrator.drop_column("summary", "better_since"))
    for table in ("steering_conversation", "helping_note", "helping_conversation", "agreement"):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
