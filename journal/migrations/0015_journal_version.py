"""user.journal_version: a number that every change to a person's entries raises in the same
transaction, so counts over their whole history (days with progress, tag uses) can be kept
until it changes (journal.entries.counts)."""
from peewee import IntegerField


def up(migrator, db):
    migrator.migrate(migrator.add_column("user", "journal_version", IntegerField(default=0)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("user", "journal_version"))
