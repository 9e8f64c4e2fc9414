"""`flask --app app backup`: a consistent copy of the SQLite database, taken while the app runs.

SQLite's online backup API copies the database page by page under its own locking, so readers
and writers carry on and the copy is a single consistent moment. PostgreSQL has its own tools
(pg_dump); docs/deploy.md says how to use them."""
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from peewee import SqliteDatabase

from journal.config import private_folder
from journal.db import database, private_sqlite_files


def backup_sqlite(source_path, target_path):
    """Copy the SQLite database at source_path to target_path consistently; the copy appears
    under its final name only once it is complete. Returns the target path."""
    target = Path(target_path)
    if not target.parent.exists():
        private_folder(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    private_sqlite_files(partial)  # 0600 from the first byte, not only once complete
    source = sqlite3.connect(source_path, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            ok = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
    finally:
        source.close()
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise click.ClickException(f"The copy failed its integrity check: {ok}")
    os.chmod(partial, 0o600)
    partial.replace(target)
    return target


def default_target(instance_path, now):
    """instance/backups/journal-YYYYmmdd-HHMMSS.sqlite3"""
    return Path(instance_path) / "backups" / f"journal-{now:%Y%m%d-%H%M%S}.sqlite3"


@click.command("backup")
@click.argument("target", required=False, type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(target):
    """Write a consistent copy of the SQLite database (to TARGET, or into instance/backups)."""
    db = database.obj
    if not isinstance(db, SqliteDatabase):
        raise click.ClickException(
            "This command backs up SQLite. For PostgreSQL use pg_dump (see docs/deploy.md).")
    target = target or default_target(current_app.instance_path, datetime.now(timezone.utc))
    written = backup_sqlite(db.database, target)
    click.echo(f"Backed up to {written}")


def init_app(app):
    """Register the command."""
    app.cli.add_command(backup_command)
