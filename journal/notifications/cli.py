"""`flask --app app reminders tick|run`: send the reminders that are due."""
import signal
import threading
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from journal.clock import utcnow
from journal.db import database
from journal.notifications.dispatch import sender_for, tick


@click.group("reminders")
def reminders_command():
    """Reminder dispatch."""


def run_once(app, sender):
    """One dispatch pass with its own connection; returns the counts."""
    with database.connection_context():
        return tick(utcnow(), sender, grace=app.config["REMINDER_GRACE_SECONDS"])


@reminders_command.command("tick")
@with_appcontext
def tick_command():
    """Send everything due now, once (for cron or a systemd timer)."""
    app = current_app._get_current_object()
    counts = run_once(app, sender_for(app))
    click.echo(" ".join(f"{name}={value}" for name, value in counts.items()))


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
    while not stop.is_set():
        counts = run_once(app, sender)
        if counts["claimed"]:
            click.echo(" ".join(f"{name}={value}" for name, value in counts.items()))
        stop.wait(60 - time.time() % 60)
