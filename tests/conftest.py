"""Fixtures: an app per test on SQLite (always) and PostgreSQL (when configured)."""
import os
import re
from datetime import datetime, timezone

import pytest

from journal import create_app
from journal.db import close_database, database, make_database, upgrade
from journal.models import MODELS
from tests.route_builders import reuse_compiled_route_builders

reuse_compiled_route_builders()

PG_URL = os.environ.get("JOURNAL_TEST_DATABASE_URL")
ENGINES = ["sqlite"] + (["postgresql"] if PG_URL else [])
PASSWORD = "correct horse battery"
# The clock fixture's moment as the database stores it (naive UTC), for rows made directly.
STORED_NOW = datetime(2026, 11, 27, 12, 0)


def only_on(engine):
    """Run a test on one engine only (it is about that engine's own mechanism); a PostgreSQL
    test is deselected when no PostgreSQL is configured."""
    marks = [pytest.mark.skipif(engine not in ENGINES, reason=f"no {engine} configured")]
    return pytest.mark.parametrize("database_url", [pytest.param(engine, marks=marks)],
                                   indirect=True)


def reset_postgres(url):
    """Drop every table so the migrations run from nothing."""
    db = make_database(url)
    with db.connection_context():
        db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    close_database(db)


def worker_postgres(url, worker):
    """The PostgreSQL database of one pytest-xdist worker (`test_gw0`, ...), made when missing,
    so workers never share tables; without workers, the configured database itself."""
    if not worker:
        return url
    base, name = url.rsplit("/", 1)
    own = f"{name}_{worker}"
    db = make_database(url)
    with db.connection_context():
        if not db.execute_sql("SELECT 1 FROM pg_database WHERE datname = %s", (own,)).fetchone():
            db.execute_sql(f'CREATE DATABASE "{own}"')
    close_database(db)
    return f"{base}/{own}"


@pytest.fixture(scope="session", params=ENGINES)
def database_url(request, tmp_path_factory):
    """A migrated database on each engine, shared by the tests of that engine (one per worker)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'journal.sqlite3'}"
    else:
        url = worker_postgres(PG_URL, os.environ.get("PYTEST_XDIST_WORKER"))
        reset_postgres(url)
    db = make_database(url)
    upgrade(db)
    close_database(db)
    return url


def wipe(db):
    """Remove every row, so each test starts empty."""
    tables = [model._meta.table_name for model in reversed(MODELS)]  # children first
    # DELETE, not TRUNCATE: on PostgreSQL a TRUNCATE of every table took 107 ms a test, these
    # DELETEs of a test's few rows 5 ms.
    with db.connection_context(), db.atomic():
        for table in tables:
            db.execute_sql(f'DELETE FROM "{table}"')


@pytest.fixture
def clock():
    """A settable clock; the app reads `now` from it (config CLOCK)."""
    class Clock:
        now = STORED_NOW.replace(tzinfo=timezone.utc)

        def __call__(self):
            return self.now
    return Clock()


def app_settings(database_url, instance_path, **more):
    """The settings every test app starts from, on this database and instance folder."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance_path),
        # Real argon2id, with cheaper parameters so the suite stays fast.
        "ARGON2_PARAMETERS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
        **more,
    }


@pytest.fixture
def app_config(database_url, tmp_path, clock):
    """What the `app` fixture is built with; a module or test overrides this fixture to change a
    setting (`return {**app_config, "NAME": value}`)."""
    return app_settings(database_url, tmp_path / "instance", CLOCK=clock)


@pytest.fixture
def app(app_config):
    """The app, configured for tests, on a clean database."""
    app = create_app(app_config)
    yield app
    wipe(database.obj)
    close_database(database.obj)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token_of(html):
    """The CSRF token a page carries in <meta name="csrf-token">."""
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, "page has no csrf-token meta tag"
    return match.group(1)


class Journal:
    """Acts as a person using the app through one browser (test client)."""

    def __init__(self, client):
        self.client = client

    def token(self, path="/login"):
        return csrf_token_of(self.client.get(path).get_data(as_text=True))

    def signup(self, email="ana@example.org", password=PASSWORD, name="Ana",
               timezone="Europe/Amsterdam", language="en"):
        return self.client.post("/signup", data={
            "csrf_token": self.token("/signup"), "email": email, "password": password,
            "display_name": name, "timezone": timezone, "language": language})

    def login(self, email="ana@example.org", password=PASSWORD, remember="y", **kwargs):
        return self.client.post("/login", data={
            "csrf_token": self.token(), "email": email, "password": password,
            "remember": remember}, **kwargs)

    def logout(self):
        return self.client.post("/logout", data={"csrf_token": self.token("/")})

    def api(self, method, path, json=None, **kwargs):
        headers = {"X-CSRFToken": self.token("/")} if method != "GET" else {}
        headers.update(kwargs.pop("headers", {}))
        return self.client.open(path, method=method, json=json, headers=headers, **kwargs)

    def post_entry(self, text="Finished the intake checklist with Sam", **fields):
        data = {"csrf_token": self.token("/"), "text": text, **fields}
        return self.client.post("/entries", data=data)


@pytest.fixture
def journal(client):
    """Ana, signed up and logged in."""
    person = Journal(client)
    assert person.signup().status_code == 302
    return person


@pytest.fixture
def other(app):
    """Bo, another user with a browser of their own."""
    person = Journal(app.test_client())
    assert person.signup(email="bo@example.org", name="Bo").status_code == 302
    return person


@pytest.fixture
def push_service():
    """A local web push service that verifies VAPID and decrypts every message."""
    from tests.push_service import PushService
    with PushService() as service:
        yield service


@pytest.fixture
def mail_server():
    """A real SMTP server on 127.0.0.1 that keeps what it receives (tests.mail_server)."""
    from tests.mail_server import MailServer
    with MailServer() as server:
        yield server


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on loopback (tests.oidc_provider), one per test worker,
    for apps the test client drives (their callback is http://localhost/...)."""
    from tests.oidc_provider import OidcProvider, ensure_installed
    ensure_installed()
    with OidcProvider(redirect_uris=["http://localhost/login/oidc/callback"],
                      post_logout_redirect_uris=["http://localhost/login"]) as provider:
        yield provider


def company_settings(provider, **more):
    """The app settings that sign in with this provider ("Corp")."""
    return {"OIDC_ISSUER": provider.issuer, "OIDC_CLIENT_ID": provider.client_id,
            "OIDC_CLIENT_SECRET": provider.client_secret, "OIDC_NAME": "Corp", **more}
