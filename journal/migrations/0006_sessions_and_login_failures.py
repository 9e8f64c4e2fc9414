"""Server-side sessions (one row per signed-in device) and failed log-in counters (a frozen copy
of the models at this point).

The old user.session_token column stays, unused: it is NOT NULL UNIQUE, so the model still fills
it with a random value, and dropping it on SQLite would rebuild the user table (with foreign keys
on, dropping the old table would cascade into every table that refers to it). Sessions signed in
before this migration carried that token; they end here and people log in once more."""
from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    UUIDField,
)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        id = UUIDField(primary_key=True)

    class UserSession(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        secret_hash = CharField(max_length=64, unique=True)
        device = CharField(max_length=80)
        remember = BooleanField()
        created_at = DateTimeField()
        last_seen_at = DateTimeField(index=True)

    class LoginFailure(Base):
        key = CharField(max_length=64, unique=True)
        failures = IntegerField()
        last_failed_at = DateTimeField(index=True)

    db.create_tables([UserSession, LoginFailure])


def down(migrator, db):
    for table in ("login_failure", "user_session"):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
