"""Faults: the database gone and back, the push service down, and a write failing halfway."""
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

import pytest

from journal import create_app
from journal.db import close_database, database, make_database, upgrade
from journal.models import Delivery, Entry, EntryTag, Goal, GoalStep
from journal.notifications.dispatch import tick
from tests.conftest import Journal, app_settings, only_on
from tests.notifications.test_dispatch import GRACE, daily, due_at, make_user, sender, subscribe

UNAVAILABLE = "The journal is briefly unavailable"


def app_on(url, tmp_path):
    return create_app(app_settings(url, tmp_path / "instance"))


@contextmanager
def own_app(url, tmp_path, suite_app=None):
    """An app on another URL; afterwards the global database proxy points where it did."""
    before = database.obj
    app = app_on(url, tmp_path)
    try:
        yield app
    finally:
        close_database(database.obj)
        database.initialize(suite_app.extensions["journal_db"] if suite_app else before)


def assert_unavailable(person, token):
    """Every kind of request gets the right 503 while the database is away."""
    page = person.client.get("/timeline")
    assert page.status_code == 503 and page.mimetype == "text/html"
    assert UNAVAILABLE in page.get_data(as_text=True)
    listed = person.client.get("/api/v1/entries")
    assert listed.status_code == 503 and listed.get_json()["error"]["code"] == "unavailable"
    written = person.client.post("/api/v1/entries", json={"text": "While it was away"},
                                 headers={"X-CSRFToken": token})
    assert written.status_code == 503 and written.get_json()["error"]["code"] == "unavailable"
    form = person.client.post("/entries", data={"csrf_token": token, "text": "Form, away"})
    assert form.status_code == 503 and UNAVAILABLE in form.get_data(as_text=True)
    health = person.client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json() == {"status": "unavailable", "database": "down"}


def assert_recovered(person, token):
    """The very next requests work again, with the same session, without a restart."""
    assert person.client.get("/healthz").status_code == 200
    assert person.client.get("/timeline").status_code == 200
    written = person.client.post("/api/v1/entries", json={"text": "Back again"},
                                 headers={"X-CSRFToken": token})
    assert written.status_code == 201
    texts = [item["text"] for item in person.client.get("/api/v1/entries").get_json()["items"]]
    assert texts == ["Back again", "Before the outage"], "nothing half-written while away"


# -- the database unavailable ------------------------------------------------------------------

def test_sqlite_gone_gives_a_friendly_503_and_the_app_recovers_when_it_is_back(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    url = f"sqlite:///{data / 'journal.sqlite3'}"
    db = make_database(url)
    upgrade(db)
    close_database(db)
    with own_app(url, tmp_path) as app:
        person = Journal(app.test_client())
        assert person.signup().status_code == 302
        token = person.token("/")
        assert person.api("POST", "/api/v1/entries", {"text": "Before the outage"}
                          ).status_code == 201
        # The disk holding the database is unmounted (or the folder was moved away).
        data.rename(tmp_path / "elsewhere")
        try:
            assert_unavailable(person, token)
        finally:
            (tmp_path / "elsewhere").rename(data)
        assert_recovered(person, token)


class Relay:
    """A loopback TCP relay to the database server that can be cut and restored: the network
    between app and database failing, without touching the database itself."""

    def __init__(self, host, port):
        self.target, self.port = (host, port), 0
        self.listener, self.sockets, self.lock = None, [], threading.Lock()

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def cut(self):
        """Close the listening socket and every relayed connection."""
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (Linux)
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@only_on("postgresql")  # SQLite has its own test above
def test_postgresql_unreachable_gives_a_503_and_the_pool_recovers(app, database_url, tmp_path):
    parts = urlsplit(database_url)
    relay = Relay(parts.hostname or "127.0.0.1", parts.port or 5432).start()
    netloc = parts.netloc.rsplit("@", 1)
    relayed = urlunsplit(parts._replace(netloc=(netloc[0] + "@" if len(netloc) == 2 else "")
                                        + f"127.0.0.1:{relay.port}"))
    with own_app(relayed, tmp_path, suite_app=app) as pg_app:
        person = Journal(pg_app.test_client())
        assert person.signup().status_code == 302
        token = person.token("/")
        assert person.api("POST", "/api/v1/entries", {"text": "Before the outage"}
                          ).status_code == 201
        relay.cut()  # pooled connections die, and new ones are refused
        assert_unavailable(person, token)
        relay.start()
        assert_recovered(person, token)
        relay.cut()


# -- the push service down -----------------------------------------------------------------------

def test_a_push_service_failing_for_several_ticks_still_delivers_once_it_is_back(
        app, push_service):
    """tests/notifications/test_dispatch.py covers a closed port for one tick and a busy answer within a
    tick; here the service answers 503 to every attempt of two whole ticks, then recovers."""
    with app.app_context():
        ana = make_user("ana@example.org")
        device = subscribe(ana, push_service)
        daily(ana)
        moment = due_at(ana)
        push_service.answer(device, 503, times=6)  # three attempts per tick, two ticks
        sleeps = []
        for minute in range(2):
            counts = tick(moment + timedelta(minutes=minute), sender(app, sleeps), grace=GRACE)
            assert counts["sent"] == 0 and counts["failed"] == 1
            assert Delivery.get().status == "retry"
        assert push_service.received == [] and len(sleeps) == 4
        counts = tick(moment + timedelta(minutes=2), sender(app), grace=GRACE)
        assert counts["sent"] == 1
        delivery = Delivery.get()
        assert delivery.status == "sent" and delivery.attempts == 3
        [message] = push_service.messages_for(device)
        assert message.topic == "daily"
        assert tick(moment + timedelta(minutes=3), sender(app), grace=GRACE)["sent"] == 0
        assert len(push_service.received) == 1, "delivered once, not again"


@pytest.mark.parametrize("retry_after", ["²", "9" * 5000, "Wed, 21 Oct 2026 07:28:00 GMT"])
def test_a_push_service_answering_nonsense_does_not_stop_the_others(
        app, push_service, retry_after):
    """Anyone can subscribe with an endpoint of their own, so a push service's answer is input
    like any other: a strange Retry-After must not break the tick for everybody."""
    with app.app_context():
        ana, bo = make_user("ana@example.org"), make_user("bo@example.org")
        odd, fine = subscribe(ana, push_service), subscribe(bo, push_service)
        push_service.answer(odd, 429, {"Retry-After": retry_after})
        daily(ana), daily(bo)
        sleeps = []
        counts = tick(due_at(ana), sender(app, sleeps), grace=GRACE)
        assert counts == {"claimed": 2, "sent": 2, "skipped": 0, "failed": 0}
        assert sleeps == [2], "an unreadable Retry-After means the usual back-off"
        assert len(push_service.messages_for(odd)) == len(push_service.messages_for(fine)) == 1


# -- a failure in the middle of a multi-row write -----------------------------------------------

@contextmanager
def failing_inserts(table):
    """A real database trigger makes every insert into `table` fail, as a full disk or a broken
    constraint would halfway through a transaction."""
    db = database.obj
    postgres = "postgres" in type(db).__name__.lower()
    if postgres:
        db.execute_sql("CREATE OR REPLACE FUNCTION ops_fail() RETURNS trigger AS $$ BEGIN "
                       "RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql")
        db.execute_sql(f'CREATE TRIGGER ops_fail BEFORE INSERT ON "{table}" '
                       "FOR EACH ROW EXECUTE FUNCTION ops_fail()")
    else:
        db.execute_sql(f'CREATE TRIGGER ops_fail BEFORE INSERT ON "{table}" '
                       "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
    try:
        yield
    finally:
        database.connect(reuse_if_open=True)
        db.execute_sql(f'DROP TRIGGER ops_fail ON "{table}"' if postgres
                       else "DROP TRIGGER ops_fail")
        if postgres:
            db.execute_sql("DROP FUNCTION ops_fail()")


def step(text):
    return {"text": text, "done": False}


def test_a_goal_whose_steps_fail_to_save_leaves_no_goal(journal):
    with failing_inserts(GoalStep._meta.table_name):
        response = journal.api("POST", "/api/v1/goals", {
            "title": "Calm intake calls", "steps": [step("Ask Sam"), step("Try the checklist")]})
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert error["code"] == "server_error" and "try again" in error["message"]
    assert Goal.select().count() == 0 and GoalStep.select().count() == 0
    assert journal.api("GET", "/api/v1/goals").get_json()["items"] == []
    again = journal.api("POST", "/api/v1/goals", {"title": "Calm intake calls",
                                                  "steps": [step("Ask Sam")]})
    assert again.status_code == 201 and GoalStep.select().count() == 1


def test_replacing_steps_that_fail_keeps_the_goal_as_it_was(journal):
    goal = journal.api("POST", "/api/v1/goals", {"title": "Calm calls", "steps": [step("Ask Sam")]}
                       ).get_json()
    with failing_inserts(GoalStep._meta.table_name):
        response = journal.api("PATCH", f"/api/v1/goals/{goal['id']}", {
            "title": "Renamed", "steps": [step("Other step")]})
    assert response.status_code == 500
    stored = journal.api("GET", f"/api/v1/goals/{goal['id']}").get_json()
    assert stored["title"] == "Calm calls"
    assert stored["steps"] == [{"text": "Ask Sam", "done": False}]


def test_an_entry_whose_tags_fail_to_save_is_not_half_stored(journal):
    with failing_inserts(EntryTag._meta.table_name):
        form = journal.post_entry("Led the retro", tags="retro, team")
        api = journal.api("POST", "/api/v1/entries", {"text": "Led the retro",
                                                      "tags": ["retro"]})
    assert form.status_code == 500 and "try again" in form.get_data(as_text=True)
    assert form.mimetype == "text/html"
    assert api.status_code == 500 and api.get_json()["error"]["code"] == "server_error"
    assert Entry.select().count() == 0 and EntryTag.select().count() == 0
    assert journal.post_entry("Led the retro", tags="retro").status_code == 302
    assert [e["tags"] for e in journal.api("GET", "/api/v1/entries").get_json()["items"]] == [
        ["retro"]]
