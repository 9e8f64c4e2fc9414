"""Eight processes writing entries at once into one SQLite file, through the app: every entry is
committed exactly once, and nobody is told "database is locked"."""
import multiprocessing
import random
import uuid

import pytest
from peewee import fn

from journal.db import close_database, make_database, upgrade

PROCESSES = 8
PER_PROCESS = 25


@pytest.fixture
def sqlite_url(tmp_path):
    """A migrated SQLite file of its own (this is about SQLite's single writer)."""
    url = f"sqlite:///{tmp_path / 'journal.sqlite3'}"
    db = make_database(url)
    upgrade(db)
    close_database(db)
    return url


def _person(url, instance):
    from journal import create_app
    from tests.conftest import Journal, app_settings
    app = create_app(app_settings(url, instance))
    return Journal(app.test_client())


def _write(url, instance, email, signup, entries, barrier, results):
    """One process: log in (or sign up), wait for the others, then post every entry."""
    person = _person(url, instance)
    response = person.signup(email=email) if signup else person.login(email=email)
    assert response.status_code == 302, response.status_code
    headers = {"X-CSRFToken": person.token("/")}
    barrier.wait(timeout=60)
    answers = []
    for entry in entries:
        response = person.client.post("/api/v1/entries", json=entry, headers=headers)
        body = response.get_json(silent=True) or {}
        answers.append((entry["id"], response.status_code, body.get("id"), body.get("error")))
    results.put(answers)


def _run_writers(url, tmp_path, jobs):
    """Start one process per job (email, signup?, entries) and collect every answer."""
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(len(jobs)), spawn.Queue()
    workers = [spawn.Process(target=_write, args=(url, str(tmp_path / f"instance{n}"), email,
                                                  signup, entries, barrier, results))
               for n, (email, signup, entries) in enumerate(jobs)]
    for worker in workers:
        worker.start()
    answers = [answer for _ in workers for answer in results.get(timeout=60)]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return answers


def _stored(url):
    from journal.models import Entry, User
    db = make_database(url)
    with db.bind_ctx([Entry, User]), db.connection_context():
        rows = list(Entry.select(Entry.id, Entry.text, User.email).join(User)
                    .order_by(Entry.created_at).tuples())
        per_user = dict(Entry.select(User.email, fn.COUNT(Entry.id)).join(User)
                        .group_by(User.email).tuples())
    close_database(db)
    return rows, per_user


def test_eight_writers_at_once_commit_every_entry_exactly_once(sqlite_url, tmp_path):
    jobs = [(f"writer{n}@example.org", True,
             [{"id": str(uuid.uuid4()), "text": f"Writer {n}, step {i}", "tags": [f"w{n}", "x"]}
              for i in range(PER_PROCESS)])
            for n in range(PROCESSES)]
    answers = _run_writers(sqlite_url, tmp_path, jobs)

    assert len(answers) == PROCESSES * PER_PROCESS
    refused = [answer for answer in answers if answer[1] != 201]
    assert refused == [], "every write is accepted the first time (no 'database is locked')"
    assert all(sent == stored for sent, _status, stored, _error in answers)
    rows, per_user = _stored(sqlite_url)
    sent = {entry["id"]: entry["text"] for _e, _s, entries in jobs for entry in entries}
    assert len(rows) == len(sent) == PROCESSES * PER_PROCESS
    assert {str(entry_id): text for entry_id, text, _email in rows} == sent
    assert per_user == {email: PER_PROCESS for email, _s, _e in jobs}
    switches = sum(a[2] != b[2] for a, b in zip(rows, rows[1:]))
    assert switches > PROCESSES, "the writers really wrote at the same time, interleaved"


def test_eight_devices_replaying_the_same_entries_at_once_store_each_once(
        sqlite_url, tmp_path):
    """One person, eight devices syncing the same offline outbox at the same moment: each id
    is created once (one 201) and every other attempt is answered 200 with the stored entry."""
    entries = [{"id": str(uuid.uuid4()), "text": f"Outbox note {i}", "meaning": 1 + i % 5}
               for i in range(PER_PROCESS)]
    jobs = []
    for n in range(PROCESSES):
        shuffled = random.Random(n).sample(entries, len(entries))
        jobs.append(("ana@example.org", False, shuffled))
    _signup_first(sqlite_url, tmp_path)
    answers = _run_writers(sqlite_url, tmp_path, jobs)

    assert len(answers) == PROCESSES * PER_PROCESS
    assert {status for _id, status, _stored, _error in answers} <= {200, 201}, [
        answer for answer in answers if answer[1] not in (200, 201)]
    created = sorted(entry_id for entry_id, status, _s, _e in answers if status == 201)
    assert created == sorted(entry["id"] for entry in entries), "exactly one 201 per id"
    assert all(sent == stored for sent, _status, stored, _error in answers)
    rows, per_user = _stored(sqlite_url)
    assert sorted(str(entry_id) for entry_id, _t, _e in rows) == created
    assert per_user == {"ana@example.org": PER_PROCESS}


def _signup_first(url, tmp_path):
    from journal.db import database
    before = database.obj
    person = _person(url, str(tmp_path / "instance-signup"))
    try:
        assert person.signup().status_code == 302
    finally:  # the proxy is global: leave it as it was
        close_database(database.obj)
        database.initialize(before)


def _review(url, instance, email, weeks, barrier, results):
    """One process: sign up, wait for the others, then save a review for every week (each save
    reads the week's review and then writes it, in one transaction)."""
    person = _person(url, instance)
    assert person.signup(email=email).status_code == 302
    headers = {"X-CSRFToken": person.token("/")}
    barrier.wait(timeout=60)
    answers = []
    for week in weeks:
        for scale in (3, 7):  # create, then replace
            response = person.client.put(f"/api/v1/reviews/{week}", headers=headers,
                                         json={"improved": [f"{email} {week}"], "scale": scale})
            answers.append((week, response.status_code))
    results.put(answers)


def test_eight_people_saving_reviews_at_once_are_never_turned_away(sqlite_url, tmp_path):
    """A read-then-write transaction must wait for the writer ahead of it, not fail: SQLite
    answers "database is locked" at once to a deferred transaction that tries to upgrade."""
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(PROCESSES), spawn.Queue()
    weeks = [f"2026-W{n:02d}" for n in range(30, 45)]
    workers = [spawn.Process(target=_review, args=(sqlite_url, str(tmp_path / f"i{n}"),
                                                   f"reviewer{n}@example.org", weeks, barrier,
                                                   results))
               for n in range(PROCESSES)]
    for worker in workers:
        worker.start()
    answers = [answer for _ in workers for answer in results.get(timeout=90)]
    for worker in workers:
        worker.join(timeout=30)
    statuses = {status for _week, status in answers}
    assert statuses <= {200, 201}, sorted(statuses)
    from journal.models import Review
    db = make_database(sqlite_url)
    with db.bind_ctx([Review]), db.connection_context():
        assert Review.select().count() == PROCESSES * len(weeks)
        assert {r.scale for r in Review.select()} == {7}
    close_database(db)
