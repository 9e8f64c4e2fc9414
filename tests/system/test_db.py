"""The database layer: engines, pragmas, pooling, migrations."""
from peewee import SqliteDatabase
from playhouse.pool import PooledPostgresqlDatabase

from journal.db import close_database, database, make_database, migration_runner, upgrade
from journal.models import MODELS


def test_sqlite_gets_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    db = make_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert isinstance(db, SqliteDatabase)  # kept open between requests: test_kept_connections
    with db.connection_context():
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 10000


def test_postgresql_urls_get_a_pool():
    db = make_database("postgresql://postgres@127.0.0.1:5432/test", pool_size=7)
    assert isinstance(db, PooledPostgresqlDatabase)
    assert db._max_connections == 7


def test_migrations_create_every_table_and_are_recorded(app):
    db = database.obj
    for model in MODELS:
        assert model.table_exists(), model.__name__
    status = migration_runner(db).status()
    assert status and all(migration.applied for migration in status)
    assert upgrade(db) == [], "a second upgrade applies nothing"


def test_migrations_go_down_and_up_again(database_url):
    """Every migration reverts and re-applies cleanly on this engine."""
    db = make_database(database_url)
    runner = migration_runner(db)
    with db.connection_context():
        names = [m.name for m in runner.status()]
        runner.down(names[0])
        assert not any(m.applied for m in runner.status())
        assert not db.table_exists("entry")
        assert runner.up() == names
        assert {m._meta.table_name for m in MODELS} <= set(db.get_tables())
    close_database(db)


def test_the_cli_applies_migrations(app):
    result = app.test_cli_runner().invoke(args=["db", "status"])
    assert result.exit_code == 0
    assert "0001_accounts_and_entries:" in result.output
    assert "pending" not in result.output
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert "up to date" in result.output


def test_deleting_a_user_cascades_to_entries_and_tags(journal):
    from journal.models import Entry, EntryTag, User
    journal.post_entry("With a tag", tags="x")
    User.get().delete_instance()
    assert Entry.select().count() == 0 and EntryTag.select().count() == 0
