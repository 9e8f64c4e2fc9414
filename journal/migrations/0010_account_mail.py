"""Mail as a channel: verified addresses and the choice of words in mails (user), mailed
account links (account_token), how each kind of reminder or notice travels (channel_choice),
and the mail that carried an invitation (invitation.mail_id). A frozen copy of the models at
this point. Accounts made before this are not verified: they verify from their settings."""
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, Model, UUIDField


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        id = UUIDField(primary_key=True)

    class OutgoingMail(Base):
        id = UUIDField(primary_key=True)

    class AccountToken(Base):
        id = UUIDField(primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        purpose = CharField(max_length=16)
        token_hash = CharField(max_length=64, unique=True)
        email = CharField(max_length=254)
        created_at = DateTimeField()
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)

        class Meta:
            indexes = ((("user", "purpose"), False),)

    class ChannelChoice(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=16)
        channel = CharField(max_length=8)

        class Meta:
            indexes = ((("user", "kind"), True),)

    db.create_tables([AccountToken, ChannelChoice])
    migrator.migrate(
        migrator.add_column("user", "email_verified_at", DateTimeField(null=True)),
        migrator.add_column("user", "mail_words", BooleanField(default=True)),
        migrator.add_column("invitation", "mail_id", ForeignKeyField(
            OutgoingMail, OutgoingMail.id, null=True, on_delete="SET NULL")),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("invitation", "invitation_mail_id"),
        migrator.drop_column("invitation", "mail_id"),
        migrator.drop_column("user", "mail_words"),
        migrator.drop_column("user", "email_verified_at"),
    )
    db.execute_sql('DROP TABLE IF EXISTS "channel_choice"')
    db.execute_sql('DROP TABLE IF EXISTS "account_token"')
