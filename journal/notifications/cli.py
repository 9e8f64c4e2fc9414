"""`flask --app app reminders tick|run`: send the reminders that are due."""
import logging
import signal
import threading
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from journal.clock import current_now
from journal.db import database
from journal.notifications.dispatch import sender_for, tick

log = logging.getLogger(__name__)


@click.group("reminders")
def reminders_command():
    """Reminder dispatch."""


def run_once(app, sender, now=None):
    """One dispatch pass with its own connection, at `now` or the app's clock; returns the
    counts."""
    with database.connection_context():
        return tick(now or current_now(), sender, grace=app.config["REMINDER_GRACE_SECONDS"],
                    lease=app.config["REMINDER_LEASE_SECONDS"])


def run_safely(app, sender, now=None):
    """One pass that never raises: an error is logged with its traceback, the connection is
    dropped so the next pass starts on a fresh one, and None comes back."""
    try:
        return run_once(app, sender, now)
    except Exception:  # noqa: BLE001 - the dispatcher must outlive any one pass
        log.exception("reminder dispatch pass failed; trying again at the next minute")
        _drop_connection()
        return None


def _drop_connection():
    try:
        if not database.is_closed():
            database.close()
    except Exception:  # noqa: BLE001 - a broken connection may not close cleanly; leave it
        log.exception("could not close the database connection after a failed pass")


def _echo(counts):
    click.echo(" ".join(f"{name}={value}" for name, value in counts.items()))


@reminders_command.command("tick")
@with_appcontext
def tick_command():
    """Send everything due now, once (for cron or a systemd timer)."""
    app = current_app._get_current_object()
    counts = run_safely(app, sender_for(app))
    if counts is None:
        raise click.ClickException("The dispatch pass failed; see the log. The next one retries.")
    _echo(counts)


@reminders_command.command("run")
@with_appcontext
def run_command():
    """Send what is due at the start of every minute until stopped."""
    app = current_app._get_current_object()
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    sender = sender_for(app)
    click.echo("Sending reminders every minute; Ctrl+C stops.")
    run_loop(app, sender, stop)


def run_loop(app, sender, stop, *, wait=None):
    """Pass after pass until `stop` is set; a failing pass never ends the loop. `wait` is how
    long to pause after a pass (by default until the next minute starts)."""
    wait = wait or (lambda: 60 - time.time() % 60)
    while not stop.is_set():
        counts = run_safely(app, sender)
        if counts and counts["claimed"]:
            _echo(counts)
        stop.wait(wait())
