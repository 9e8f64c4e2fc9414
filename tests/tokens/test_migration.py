"""Tokens made before scopes existed keep working as they always did: read and write, no
expiry. The token row is written while the schema is at migration 0005, exactly as that version
of the app stored it; then the later migrations run and today's app uses the token.

SQLite only, on a database file of its own: the test needs a schema stopped halfway, which the
shared test databases (migrated to the end once per session) cannot give."""
import uuid
from datetime import datetime

from journal import create_app
from journal.db import close_database, make_database, migration_runner, upgrade
from journal.models import ApiToken, Entry
from journal.models.token import api_token_hash
from tests.conftest import app_settings

OLD_TOKEN = "pj_" + "made-before-scopes-existed" + "x" * 17
USER_ID, TOKEN_ID = uuid.uuid4(), uuid.uuid4()


def database_with_an_old_token(url):
    """A database migrated up to 0005 holding one user and one token, then up to the end."""
    db = make_database(url)
    with db.connection_context():
        migration_runner(db).up(target="0005_api_tokens")
        db.execute_sql(
            'INSERT INTO "user" (id, email, password_hash, display_name, timezone, language, '
            'session_token, created_at, review_weekday, notification_details) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (USER_ID.hex, "ana@example.org", "not-a-real-hash", "Ana", "UTC", "en",
             "s" * 64, datetime(2026, 1, 5, 9), 5, False))
        db.execute_sql(
            'INSERT INTO "api_token" (id, user_id, name, token_hash, hint, created_at) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            (TOKEN_ID.hex, USER_ID.hex, "Old script", api_token_hash(OLD_TOKEN), OLD_TOKEN[:7],
             datetime(2026, 1, 5, 9)))
    applied = upgrade(db)
    close_database(db)
    return applied


def test_a_token_from_before_scopes_reads_and_writes_and_never_expires(tmp_path, clock):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    assert "0007_token_scopes" in database_with_an_old_token(url)
    app = create_app(app_settings(url, tmp_path / "instance", CLOCK=clock))
    try:
        with app.app_context():
            row = ApiToken.get_by_id(TOKEN_ID)
            assert row.scope_list == ("read", "write") and row.expires_at is None
        script = app.test_client()
        headers = {"Authorization": f"Bearer {OLD_TOKEN}"}
        assert script.post("/api/v1/entries", json={"text": "Still works"},
                           headers=headers).status_code == 201
        listed = script.get("/api/v1/entries", headers=headers)
        assert [e["text"] for e in listed.get_json()["items"]] == ["Still works"]
        exported = script.get("/api/v1/export", headers=headers)
        assert exported.status_code == 403, "read and write only: export needs the data scope"
        assert exported.get_json()["error"]["code"] == "insufficient_scope"
        with app.app_context():
            assert Entry.select().count() == 1
    finally:
        close_database(app.extensions["journal_db"])
