"""Scoped, expiring API tokens: what each token may do, and until when (a frozen copy of the
new columns). Tokens made before keep working as they always did: read and write, no expiry."""
from peewee import CharField, DateTimeField


def up(migrator, db):
    migrator.migrate(
        # A NOT NULL column with a default: peewee fills the existing rows with it.
        migrator.add_column("api_token", "scopes", CharField(max_length=40, default="read write")),
        migrator.add_column("api_token", "expires_at", DateTimeField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("api_token", "scopes"),
        migrator.drop_column("api_token", "expires_at"),
    )
