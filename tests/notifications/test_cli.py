"""`flask reminders run|tick` outlive a failing pass (issue 11, finding 2): the error is logged with
its traceback and the next pass, on a fresh connection, sends what is due. The failure is
real: the database's folder is moved away, so connecting fails, then moved back. On a SQLite
file of the test's own (the fault is moving that file's folder)."""
import logging
import threading

import pytest

from journal.db import close_database, database, make_database, upgrade
from journal.models import Delivery
from journal.notifications.cli import run_loop
from journal.notifications.dispatch import tick
from tests.conftest import STORED_NOW, only_on
from tests.notifications.test_dispatch import daily, due_at, make_user, sender, subscribe

pytestmark = only_on("sqlite")


@pytest.fixture
def app_config(app_config, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    url = f"sqlite:///{folder / 'journal.sqlite3'}"
    db = make_database(url)
    upgrade(db)
    close_database(db)
    return {**app_config, "DATABASE_URL": url}


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def due(app, clock, push_service):
    """Ana's reminder, due at the app's clock; her device at the push service."""
    with app.app_context():
        ana = make_user("ana@example.org")
        device = subscribe(ana, push_service)
        daily(ana)
        clock.now = due_at(ana)
        database.close()
    return device


def test_the_run_loop_logs_a_failed_pass_and_goes_on_with_the_next(
        app, folder, due, push_service, caplog):
    folder.rename(folder.with_name("away"))  # the database is unreachable for the first pass
    stop, passes = threading.Event(), []

    def between_passes():
        passes.append(len(push_service.received))
        if len(passes) == 1:
            folder.with_name("away").rename(folder)
        else:
            stop.set()
        return 0

    with app.app_context(), caplog.at_level(logging.ERROR):
        run_loop(app, sender(app), stop, wait=between_passes)
    assert passes == [0, 1], "the second pass sent what the first could not"
    [failure] = [r for r in caplog.records if "pass failed" in r.getMessage()]
    assert failure.exc_info is not None, "logged with its traceback"
    assert len(push_service.messages_for(due)) == 1


def test_tick_sends_what_is_due_and_says_so(app, due, push_service):
    result = app.test_cli_runner().invoke(args=["reminders", "tick"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "claimed=1 sent=1 skipped=0 failed=0"
    assert len(push_service.messages_for(due)) == 1


def test_a_tick_that_cannot_reach_the_database_says_so_and_exits_non_zero(app, folder, due):
    folder.rename(folder.with_name("away"))
    try:
        result = app.test_cli_runner().invoke(args=["reminders", "tick"])
    finally:
        folder.with_name("away").rename(folder)
    assert result.exit_code == 1
    assert "The dispatch pass failed; see the log." in result.output


def test_a_part_of_a_tick_that_fails_is_logged_and_the_other_parts_still_send(
        app, clock, push_service, caplog):
    """The reminders table is gone (renamed), so claiming due reminders fails; the retry of an
    earlier delivery is still sent and recorded, and tick returns normally."""
    with app.app_context(), database.connection_context():
        ana = make_user("ana@example.org")
        device = subscribe(ana, push_service)
        retry = Delivery.create(user=ana, kind="daily", scheduled_for=STORED_NOW,
                                status="retry", created_at=STORED_NOW)
        database.execute_sql('ALTER TABLE "reminder" RENAME TO "reminder_away"')
        try:
            with caplog.at_level(logging.ERROR):
                counts = tick(clock.now, sender(app), grace=3600)
        finally:
            database.execute_sql('ALTER TABLE "reminder_away" RENAME TO "reminder"')
        assert Delivery.get_by_id(retry.id).status == "sent"
    assert counts["sent"] == 1 and len(push_service.messages_for(device)) == 1
    [failure] = [r for r in caplog.records if "claiming due reminders failed" in r.getMessage()]
    assert failure.exc_info is not None
