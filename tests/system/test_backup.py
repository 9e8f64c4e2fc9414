"""`flask --app app backup`: a consistent SQLite copy taken while people keep writing, and a
restore from it that brings every entry back."""
import sqlite3
import threading

from journal import create_app
from journal.db import close_database, database
from tests.conftest import Journal, app_settings, only_on


def sqlite_path(url):
    return url.removeprefix("sqlite:///")


@only_on("sqlite")  # the online backup is SQLite's; PostgreSQL uses pg_dump
def test_a_backup_taken_while_entries_are_written_is_consistent_and_restores(
        app, journal, database_url, tmp_path):
    for number in range(20):
        journal.post_entry(text=f"Before the backup {number}")
    writer = Journal(app.test_client())
    writer.login()
    stop, written = threading.Event(), []

    def keep_writing():
        while not stop.is_set():
            response = writer.api("POST", "/api/v1/entries", json={"text": f"During {len(written)}"})
            assert response.status_code == 201
            written.append(response.get_json()["id"])

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        target = tmp_path / "copy.sqlite3"
        result = app.test_cli_runner().invoke(args=["backup", str(target)])
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    assert f"Backed up to {target}" in result.output
    assert written, "the writer ran during the backup"
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    texts = [row[0] for row in copy.execute("SELECT text FROM entry")]
    copy.close()
    assert sum(text.startswith("Before") for text in texts) == 20
    assert len(texts) <= 20 + len(written)
    assert not (tmp_path / "copy.sqlite3.partial").exists()

    restored = restore(target, tmp_path)
    try:
        person = Journal(restored.test_client())
        assert person.login().status_code == 302
        listed = person.api("GET", "/api/v1/entries?q=Before").get_json()["items"]
        assert len(listed) == 20
    finally:  # the database proxy is global: point it back at the suite's database
        close_database(database.obj)
        database.initialize(app.extensions["journal_db"])


def restore(copy, tmp_path):
    """Restoring is copying the backup into place while the app is stopped (docs/deploy.md)."""
    close_database(database.obj)
    place = tmp_path / "restored" / "journal.sqlite3"
    place.parent.mkdir()
    place.write_bytes(copy.read_bytes())
    return create_app(app_settings(f"sqlite:///{place}", tmp_path / "restored"))


@only_on("sqlite")
def test_without_a_target_the_copy_goes_into_the_instance_folder(app, database_url):
    result = app.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    path = result.output.strip().removeprefix("Backed up to ")
    assert "/backups/journal-" in path and path.endswith(".sqlite3")
    assert sqlite3.connect(path).execute("SELECT count(*) FROM user").fetchone() == (0,)


@only_on("postgresql")
def test_on_postgresql_it_points_to_pg_dump(app, database_url):
    result = app.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code != 0 and "pg_dump" in result.output
