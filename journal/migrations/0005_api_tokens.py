"""Personal API tokens (a frozen copy of the model at this point)."""
from peewee import CharField, DateTimeField, ForeignKeyField, Model, UUIDField


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        id = UUIDField(primary_key=True)

    class ApiToken(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        name = CharField(max_length=80)
        token_hash = CharField(max_length=64, unique=True)
        hint = CharField(max_length=12)
        created_at = DateTimeField()
        last_used_at = DateTimeField(null=True)

    db.create_tables([ApiToken])


def down(migrator, db):
    db.execute_sql('DROP TABLE IF EXISTS "api_token"')
