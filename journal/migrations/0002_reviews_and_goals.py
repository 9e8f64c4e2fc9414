"""Weekly reviews, goals in the circle technique with their steps, entries linked to goals,
and each user's review day (a frozen copy of the models at this point)."""
from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
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

    class Review(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
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

    class Goal(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        title = CharField(max_length=200)
        why = TextField(default="")
        ring = CharField(max_length=8, default="outer")
        moved_inner_at = DateTimeField(null=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = ((("user", "ring"), False),)

    class GoalStep(Base):
        goal = ForeignKeyField(Goal, on_delete="CASCADE")
        text = CharField(max_length=300)
        done = BooleanField(default=False)
        position = IntegerField(default=0)

    db.create_tables([Review, Goal, GoalStep])
    goal_field = ForeignKeyField(Goal, null=True, on_delete="SET NULL", field=Goal.id)
    migrator.migrate(
        migrator.add_column("entry", "goal_id", goal_field),
        migrator.add_column("user", "review_weekday", SmallIntegerField(default=5)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("entry", "entry_goal_id"),
        migrator.drop_column("entry", "goal_id"),
        migrator.drop_column("user", "review_weekday"),
    )
    for table in ("goal_step", "goal", "review"):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
