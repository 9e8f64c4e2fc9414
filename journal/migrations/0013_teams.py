"""Teams: members joined by an expiring link, meetings that start in pairs and each person's
answers, the team circle's notes, and peer consultations with their contributions. A frozen
copy of the models at this point."""
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

    class Goal(Base):
        id = UUIDField(primary_key=True)

    class Team(Base):
        id = UUIDField(primary_key=True)
        name = CharField(max_length=80)
        join_hash = CharField(max_length=64, null=True, unique=True)
        join_expires_at = DateTimeField(null=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()

    class TeamMember(Base):
        team = ForeignKeyField(Team, backref="members", on_delete="CASCADE")
        user = ForeignKeyField(User, backref="team_memberships", on_delete="CASCADE")
        role = CharField(max_length=10, default="member")
        joined_at = DateTimeField()

        class Meta:
            indexes = ((("team", "user"), True), (("user",), False))

    class TeamMeeting(Base):
        id = UUIDField(primary_key=True)
        team = ForeignKeyField(Team, backref="meetings", on_delete="CASCADE")
        started_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        timer_minutes = IntegerField(null=True)
        pairs = TextField(default="[]")
        started_at = DateTimeField()
        ended_at = DateTimeField(null=True)

        class Meta:
            indexes = ((("team", "started_at"), False),)

    class MeetingAttendee(Base):
        meeting = ForeignKeyField(TeamMeeting, backref="attendees", on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        joined_at = DateTimeField()

        class Meta:
            indexes = ((("meeting", "user"), True),)

    class MeetingAnswer(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, backref="meeting_answers", on_delete="CASCADE")
        team = ForeignKeyField(Team, null=True, on_delete="SET NULL")
        meeting = ForeignKeyField(TeamMeeting, null=True, on_delete="SET NULL")
        week = CharField(max_length=8)
        question = CharField(max_length=10)
        text = TextField()
        shared_at = DateTimeField(null=True)
        help_to = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = ((("user", "week"), False), (("team", "shared_at"), False))

    class TeamNote(Base):
        id = UUIDField(primary_key=True)
        team = ForeignKeyField(Team, backref="notes", on_delete="CASCADE")
        author = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        theme = CharField(max_length=80, default="")
        text = TextField()
        ring = CharField(max_length=8, default="outer")
        steps = TextField(default="[]")
        taken_by = TextField(default="[]")
        moves = TextField(default="[]")
        moved_in_at = DateTimeField(null=True)
        moved_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = ((("team", "updated_at"), False),)

    class Consultation(Base):
        id = UUIDField(primary_key=True)
        team = ForeignKeyField(Team, backref="consultations", on_delete="CASCADE")
        owner = ForeignKeyField(User, on_delete="CASCADE")
        case = TextField()
        step = IntegerField(default=0)
        status = CharField(max_length=10, default="open")
        next_step = TextField(default="")
        goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL")
        better_since = TextField(default="")
        created_at = DateTimeField()
        updated_at = DateTimeField()
        closed_at = DateTimeField(null=True)

        class Meta:
            indexes = ((("team", "created_at"), False),)

    class Contribution(Base):
        consultation = ForeignKeyField(Consultation, backref="contributions", on_delete="CASCADE")
        author = ForeignKeyField(User, on_delete="CASCADE")
        step = IntegerField()
        text = TextField()
        created_at = DateTimeField()

        class Meta:
            indexes = ((("consultation", "step"), False),)

    db.create_tables([Team, TeamMember, TeamMeeting, MeetingAttendee, MeetingAnswer, TeamNote,
                      Consultation, Contribution])


def down(migrator, db):
    for table in ("contribution", "consultation", "team_note", "meeting_answer",
                  "meeting_attendee", "team_meeting", "team_member", "team"):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
