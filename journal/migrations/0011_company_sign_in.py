"""Company sign-in (OpenID Connect): the links between accounts and people at the company's
identity provider (company_sign_in), and what a session signed in that way keeps for the
provider's log-out (user_session.provider_hint). Accounts made by a first company sign-in have no password:
their password_hash is the empty string, which no password matches. A frozen copy of the models
at this point."""
from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField, UUIDField


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        id = UUIDField(primary_key=True)

    class CompanySignIn(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        issuer = CharField(max_length=255)
        subject = CharField(max_length=255)
        email = CharField(max_length=254, default="")
        created_at = DateTimeField()
        last_used_at = DateTimeField()

        class Meta:
            indexes = ((("issuer", "subject"), True),)

    db.create_tables([CompanySignIn])
    migrator.migrate(migrator.add_column("user_session", "provider_hint", TextField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("user_session", "provider_hint"))
    db.execute_sql('DROP TABLE IF EXISTS "company_sign_in"')
