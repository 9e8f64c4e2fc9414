"""Private files (issue 11, finding 9): instance/ is the owner's alone (0700), and the SQLite
database with its -wal and -shm, the secret key, the VAPID key and backups are 0600, also when
an older version left them readable by everyone. Real files, real modes."""
import os
import sqlite3
import stat

import pytest
from py_vapid import Vapid

from journal import create_app
from journal.backup import backup_command
from journal.db import close_database, database, make_database, upgrade
from tests.conftest import Journal

SECRETS = ("journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm", "secret_key",
           "vapid_private.pem")


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def instance(tmp_path, monkeypatch):
    """An instance folder where a loose umask would leave new files readable by everyone."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("VAPID_PRIVATE_KEY", raising=False)
    old = os.umask(0o022)
    yield tmp_path / "instance"
    os.umask(old)


def start(folder):
    """The app as `make run` starts it: database, secret key and VAPID key in instance/."""
    url = f"sqlite:///{folder / 'journal.sqlite3'}"
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder), "DATABASE_URL": url,
                      "ARGON2_PARAMETERS": {"time_cost": 1, "memory_cost": 1024,
                                            "parallelism": 1}})
    upgrade(database.obj)
    return app


def write_something(app):
    person = Journal(app.test_client())
    assert person.signup().status_code == 302
    assert person.post_entry().status_code == 302


def test_a_new_instance_is_private_after_start_and_a_write(instance):
    app = start(instance)
    try:
        write_something(app)
        with database.connection_context():  # open, so the -wal and -shm files exist
            assert (instance / "journal.sqlite3-wal").exists()
            assert (instance / "journal.sqlite3-shm").exists()
            assert mode(instance) == 0o700
            assert {name: mode(instance / name) for name in SECRETS} == dict.fromkeys(
                SECRETS, 0o600)
    finally:
        close_database(database.obj)


def test_files_an_older_version_left_readable_are_tightened_at_start(instance):
    instance.mkdir(mode=0o755)
    os.chmod(instance, 0o755)
    db = make_database(f"sqlite:///{instance / 'journal.sqlite3'}")
    upgrade(db)
    close_database(db)
    (instance / "secret_key").write_text("an old secret")
    vapid = Vapid()
    vapid.generate_keys()
    (instance / "vapid_private.pem").write_bytes(vapid.private_pem())
    (instance / "backups").mkdir()
    (instance / "backups" / "journal-20260101-000000.sqlite3").write_bytes(b"old copy")
    for path in [*instance.iterdir(), *(instance / "backups").iterdir()]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    # An old process still has the database open, so its -wal and -shm exist, 0644 like it.
    old = sqlite3.connect(instance / "journal.sqlite3")
    old.execute("SELECT count(*) FROM user").fetchall()
    assert mode(instance / "journal.sqlite3-wal") == mode(instance / "journal.sqlite3-shm") == (
        0o644)
    try:
        app = start(instance)
        write_something(app)
        assert mode(instance) == mode(instance / "backups") == 0o700
        assert mode(instance / "backups" / "journal-20260101-000000.sqlite3") == 0o600
        for name in SECRETS:
            assert mode(instance / name) == 0o600, name
    finally:
        old.close()
        close_database(database.obj)


def test_a_backup_is_private_from_its_first_byte(instance):
    app = start(instance)
    try:
        write_something(app)
        target = instance / "elsewhere" / "copy.sqlite3"
        result = app.test_cli_runner().invoke(backup_command, [str(target)])
        assert result.exit_code == 0, result.output
        assert mode(target) == 0o600 and mode(target.parent) == 0o700
    finally:
        close_database(database.obj)
