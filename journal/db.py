"""The database: one proxy bound at start to SQLite or PostgreSQL, plus migrations."""
import fcntl
import os
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import click
from peewee import DatabaseProxy, Model
from playhouse import db_url
from playhouse.migrations import Runner
from playhouse.pool import PooledDatabase, PooledPostgresqlDatabase, PooledSqliteDatabase

database = DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "synchronous": "normal",
    "busy_timeout": 10000,
}


class BaseModel(Model):
    """Every table of the journal lives in the proxied database."""

    class Meta:
        database = database
        legacy_table_names = False


def parse_uuid(value):
    """A UUID from a string, or None when it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class OwnedModel(BaseModel):
    """A table whose rows each belong to one person (a UUID `id` and a `user`)."""

    @classmethod
    def owned(cls, user, row_id):
        """The user's row with this id, or None (someone else's row is simply absent)."""
        row_uuid = parse_uuid(row_id)
        if row_uuid is None:
            return None
        return cls.get_or_none((cls.id == row_uuid) & (cls.user == user))


def lock_for_update(model, row_id):
    """Inside a transaction, hold this row until commit, so writers that check a count or a
    limit before they insert take turns. SQLite needs nothing: its transactions begin IMMEDIATE
    and already take turns."""
    if database.obj.for_update:
        model.select(model.id).where(model.id == row_id).for_update().execute()


WRITER_TURN_WAIT = 10  # seconds, as SQLite's busy timeout


class KeptSqliteDatabase(PooledSqliteDatabase):
    """SQLite connections kept open between requests and handed from one to the next (opening
    one with its pragmas cost about 2 ms a page, and closing the last one checkpointed the WAL).
    A kept connection is used again only in the process that opened it, and only while the
    database file is still the one it opened: a database moved away or replaced is noticed at
    the next request, exactly as a fresh connection would notice it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._opened = {}  # id(connection) -> (process, file) when it was opened
        # Writers take turns here before SQLite's write lock: the threads of a process on a
        # lock that wakes the next one the moment the one before commits, then the processes
        # on a lock file beside the database, polled every few hundred microseconds. Waiting in
        # SQLite's busy handler instead means sleeping in steps of up to 100 ms: the p99 of
        # entry writes was near a second. Bounded: past WRITER_TURN_WAIT the write goes on to
        # SQLite's own busy timeout.
        self._writer, self._writing = threading.Lock(), threading.local()
        self._turn_file = (None, None)  # (process, descriptor): flock is per open file

    def begin(self, lock_type=None):
        if not getattr(self._writing, "turn", False):
            self._writing.turn = self._take_turn()
        try:
            super().begin(lock_type)
        except BaseException:
            self._end_turn()
            raise

    def commit(self):
        try:
            super().commit()
        finally:
            self._end_turn()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self._end_turn()

    def close(self):
        self._end_turn()
        return super().close()

    def _take_turn(self):
        deadline = time.monotonic() + WRITER_TURN_WAIT
        if not self._writer.acquire(timeout=WRITER_TURN_WAIT):
            return False
        pause = 0.0002
        while not self._lock_file(fcntl.LOCK_EX | fcntl.LOCK_NB):
            if time.monotonic() > deadline:
                self._writer.release()
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.002)
        return True

    def _end_turn(self):
        if getattr(self._writing, "turn", False):
            self._writing.turn = False
            self._lock_file(fcntl.LOCK_UN)
            self._writer.release()

    def _lock_file(self, operation):
        process, descriptor = self._turn_file
        if process != os.getpid():
            descriptor = os.open(f"{self.database}-writers", os.O_RDWR | os.O_CREAT, 0o600)
            self._turn_file = (os.getpid(), descriptor)
        try:
            fcntl.flock(descriptor, operation)
        except BlockingIOError:
            return False
        return True

    def _add_conn_hooks(self, conn):
        super()._add_conn_hooks(conn)
        self._opened[id(conn)] = (os.getpid(), file_identity(self.database))

    def _is_closed(self, conn):
        return (super()._is_closed(conn)
                or self._opened.get(id(conn)) != (os.getpid(), file_identity(self.database)))

    def _close_raw(self, conn):
        self._opened.pop(id(conn), None)
        super()._close_raw(conn)


def file_identity(path):
    """(device, inode) of a file, or None when it is not there."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class LeanPooledPostgresqlDatabase(PooledPostgresqlDatabase):
    """The PostgreSQL pool without a `SELECT 1` round trip on every checkout: a connection is
    trusted while the driver has not seen it fail (a dead one fails its first statement, which
    is answered 503, and every idle one is then dropped: see `drop_idle_connections`)."""

    def _is_closed(self, conn):
        return bool(conn.closed) or (self._adapter.txn_status(conn)
                                     == self._adapter.txn_unknown)


def drop_idle_connections(db):
    """After the database failed us: close every pooled connection waiting for a request, since
    they are likely dead as well (the one that failed is dropped by the pool itself)."""
    if isinstance(db, PooledDatabase):
        db.close_idle()


def make_database(url, *, pool_size=20):
    """Open a peewee database for a URL: a SQLite file keeps its connections open, PostgreSQL
    gets a connection pool."""
    scheme = urlsplit(url).scheme
    if scheme.startswith("sqlite"):
        path = db_url.parse(url)["database"]
        # BEGIN IMMEDIATE: a transaction that reads and then writes takes the write lock up
        # front and waits its turn (busy_timeout). A deferred one that must upgrade while
        # another writer commits gets "database is locked" at once, busy timeout or not.
        options = {"pragmas": SQLITE_PRAGMAS, "timeout": 10, "lock_type": "IMMEDIATE"}
        if path == ":memory:" or path.startswith("file:"):
            return db_url.connect(url, **options)
        private_sqlite_files(path)
        return KeptSqliteDatabase(path, max_connections=None, stale_timeout=3600,
                                  check_same_thread=False, **options)
    if scheme in ("postgres", "postgresql"):
        parsed = db_url.parse(url)
        return LeanPooledPostgresqlDatabase(parsed.pop("database"), max_connections=pool_size,
                                            stale_timeout=300, timeout=10, **parsed)
    return db_url.connect(url)


def private_sqlite_files(path):
    """Create the SQLite database file 0600 before SQLite opens it, since SQLite gives its -wal
    and -shm files the database file's mode; an existing database and its files become 0600."""
    if not path or path == ":memory:" or str(path).startswith("file:"):
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except (FileExistsError, FileNotFoundError):  # already there, or no folder: SQLite says so
        pass
    for suffix in ("", "-wal", "-shm"):
        try:
            os.chmod(f"{path}{suffix}", 0o600)
        except FileNotFoundError:
            pass


def migration_runner(db):
    """The peewee migration runner over the numbered files in journal/migrations."""
    return Runner(db, str(MIGRATIONS_DIR))


def upgrade(db):
    """Apply every pending migration; returns the names applied."""
    with db.connection_context():
        return migration_runner(db).up()


def close_database(db):
    """Close the connection, and every pooled one (used on shutdown and in tests)."""
    if isinstance(db, PooledDatabase):
        db.close_all()
    elif not db.is_closed():
        db.close()


def init_app(app):
    """Bind the proxy to the configured database and open/close a connection per request."""
    db = make_database(app.config["DATABASE_URL"], pool_size=app.config["DATABASE_POOL_SIZE"])
    database.initialize(db)
    app.extensions["journal_db"] = db

    @app.before_request
    def _connect():
        database.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(_exc):
        if not database.is_closed():
            database.close()

    app.cli.add_command(db_command)


@click.group("db")
def db_command():
    """Database schema commands."""


@db_command.command("upgrade")
def upgrade_command():
    """Apply pending schema migrations."""
    applied = upgrade(database.obj)
    click.echo(f"Applied: {', '.join(applied)}" if applied else "The database is up to date.")


@db_command.command("status")
def status_command():
    """List migrations and whether each is applied."""
    with database.obj.connection_context():
        for migration in migration_runner(database.obj).status():
            state = migration.applied or "pending"
            click.echo(f"{migration.name}: {state}")
