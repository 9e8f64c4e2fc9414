"""Migration 0008: claims made before leases existed get a lease moment (the later of when the
delivery was made and when it fell due), so the next tick takes up one a crashed dispatcher
left; other deliveries have none. On a SQLite file of its own, migrated step by step."""
from datetime import datetime

from journal.db import close_database, make_database, migration_runner
from tests.conftest import only_on

pytestmark = only_on("sqlite")
LEASE_MIGRATION = "0008_delivery_lease"


def test_claims_made_before_leases_get_a_lease_moment(database_url, tmp_path):
    db = make_database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    with db.connection_context():
        runner = migration_runner(db)
        names = [m.name for m in runner.migrations()]
        runner.up(target=names[names.index(LEASE_MIGRATION) - 1])
        # Rows as they were; the person they belong to does not matter to this migration.
        db.execute_sql("PRAGMA foreign_keys = 0")
        rows = [("daily", "2026-11-27 17:30:00", "claimed", "2026-11-27 17:30:04"),
                ("summary_shared", "2026-11-27 18:00:00", "claimed", "2026-11-27 12:00:00"),
                ("weekly_review", "2026-11-27 17:00:00", "sent", "2026-11-27 17:00:02")]
        for kind, due, status, created in rows:
            db.execute_sql('INSERT INTO "delivery" (user_id, kind, scheduled_for, status, '
                           "detail, attempts, ref, created_at) VALUES ('u1', ?, ?, ?, '', 0, "
                           "'', ?)", (kind, due, status, created))
        assert LEASE_MIGRATION in runner.up()
        leases = dict(db.execute_sql('SELECT kind, claimed_at FROM "delivery"').fetchall())
    close_database(db)
    assert leases["daily"].startswith("2026-11-27 17:30:04")
    assert leases["summary_shared"].startswith("2026-11-27 18:00:00")
    assert leases["weekly_review"] is None
    assert datetime.fromisoformat(leases["daily"])
