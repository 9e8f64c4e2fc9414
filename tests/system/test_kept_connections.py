"""Connections kept between requests: SQLite keeps its connections open and hands them from
request to request (in any thread) while the file is the one they opened; PostgreSQL's pool
hands out a connection without a round trip, and a connection that died is found at its first
statement, after which the pool starts afresh."""
import os
import shutil
import threading
import time

import pytest
from peewee import OperationalError

from journal.db import close_database, drop_idle_connections, make_database, upgrade
from tests.conftest import PG_URL, only_on


@pytest.fixture
def sqlite_db(tmp_path):
    db = make_database(f"sqlite:///{tmp_path / 'kept.sqlite3'}")
    upgrade(db)
    yield db
    close_database(db)


def used_connection(db):
    with db.connection_context():
        db.execute_sql("SELECT count(*) FROM entry").fetchone()
        return db.connection()


def test_a_sqlite_connection_is_used_again_by_the_next_request_and_thread(sqlite_db):
    first = used_connection(sqlite_db)
    assert used_connection(sqlite_db) is first
    seen = []
    thread = threading.Thread(target=lambda: seen.append(used_connection(sqlite_db)))
    thread.start()
    thread.join()
    assert seen == [first], "another thread (the next request) gets the kept connection"
    with sqlite_db.connection_context():
        assert sqlite_db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_replaced_sqlite_file_is_opened_afresh(sqlite_db, tmp_path):
    first = used_connection(sqlite_db)
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(sqlite_db.database, copy)
    os.replace(copy, sqlite_db.database)  # a restore from backup, say
    assert used_connection(sqlite_db) is not first


def test_a_moved_sqlite_database_is_not_used_through_a_kept_connection(sqlite_db, tmp_path):
    used_connection(sqlite_db)
    folder = tmp_path / "moved"
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(sqlite_db.database + suffix):
            os.rename(sqlite_db.database + suffix, folder / f"kept.sqlite3{suffix}")
    with pytest.raises(OperationalError):
        with sqlite_db.connection_context():
            sqlite_db.execute_sql("SELECT count(*) FROM entry").fetchone()


@only_on("postgresql")
def test_a_postgresql_checkout_has_no_round_trip_and_a_dead_connection_is_replaced(
        database_url):
    db = make_database(database_url, pool_size=3)
    try:
        with db.connection_context():
            pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        killer = make_database(PG_URL)
        with killer.connection_context():
            killer.execute_sql("SELECT pg_terminate_backend(%s)", (pid,))
        close_database(killer)
        # The checkout trusts the pooled connection (no SELECT 1): its first statement fails.
        with pytest.raises(OperationalError):
            with db.connection_context():
                db.execute_sql("SELECT 1")
        drop_idle_connections(db)
        with db.connection_context():
            assert db.execute_sql("SELECT pg_backend_pid()").fetchone()[0] != pid
    finally:
        close_database(db)


def write_rows(db, count, name):
    with db.connection_context():
        for n in range(count):
            with db.atomic():
                db.execute_sql("INSERT INTO login_failure (key, failures, last_failed_at) "
                               "VALUES (?, 1, '2026-12-02 09:00:00')", (f"{name}-{n}",))


def test_threads_of_one_process_take_turns_at_writing_and_none_is_stuck(sqlite_db):
    waits = []

    def writer(name):
        start = time.perf_counter()
        write_rows(sqlite_db, 40, name)
        waits.append(time.perf_counter() - start)

    threads = [threading.Thread(target=writer, args=(f"t{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with sqlite_db.connection_context():
        stored = sqlite_db.execute_sql("SELECT count(*) FROM login_failure").fetchone()[0]
    assert stored == 8 * 40, "every write of every thread is stored"
    assert max(waits) < 5, "no thread waited anywhere near the busy timeout"


def test_a_failed_transaction_hands_the_turn_on(sqlite_db):
    with sqlite_db.connection_context():
        with pytest.raises(RuntimeError):
            with sqlite_db.atomic():
                sqlite_db.execute_sql("INSERT INTO login_failure (key, failures, "
                                      "last_failed_at) VALUES ('x', 1, '2026-12-02')")
                raise RuntimeError("the request failed halfway")
    other = threading.Thread(target=write_rows, args=(sqlite_db, 1, "next"))
    other.start()
    other.join(timeout=3)
    assert not other.is_alive(), "another thread could write at once"
    with sqlite_db.connection_context():
        keys = [row[0] for row in sqlite_db.execute_sql("SELECT key FROM login_failure")]
    assert keys == ["next-0"], "the failed write was rolled back, the next one stored"
