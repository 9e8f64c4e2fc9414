"""Load test: 50 people at once mixing reads and writes for 60 s, against gunicorn as `make
serve` runs it (gunicorn.conf.py: one worker with threads on SQLite, several on PostgreSQL).

For each engine (a temporary SQLite file always; PostgreSQL too when
JOURNAL_BENCH_DATABASE_URL is set, whose public schema is DROPPED and rebuilt):
1. migrate a fresh database and start gunicorn on 127.0.0.1 (JOURNAL_ENV=production, rate
   limits off: every simulated person comes from the same loopback address);
2. run locust headless (bench/locustfile.py): --users people, spawned 10 a second, each signing
   up and then logging progress, reading the home page, timeline, search, entries API, weekly
   review (read and save), goals, a chart and their summaries;
3. stop gunicorn and check that every entry the server acknowledged (201) is stored (entries
   are keyed by client-chosen ids, so nothing can be stored twice; a few POSTs still in flight
   when locust stops may be stored without their answer being counted).

Prints a markdown table per engine: requests, failures, requests a second, median and p95 (ms)
overall and for the entry POST, and the row check. Aim: zero errors.

    .venv/bin/python bench/load.py [--users 50] [--duration 60]
    JOURNAL_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_core \\
        .venv/bin/python bench/load.py
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, fresh_database, markdown_table, postgres_url, revision
from post_load import BIN, HOST, free_port, server_env, stop, wait_until_healthy

from journal.db import close_database, database, make_database
from journal.models import Entry

POST_NAME = "POST /api/v1/entries"


def start_server(port, env, log_path):
    """gunicorn with the project's gunicorn.conf.py, in its own process group."""
    log = open(log_path, "ab")
    command = [str(BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"),
               "--bind", f"{HOST}:{port}", "--access-logfile", "/dev/null", "app:app"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log,
                            start_new_session=True)


def run_locust(port, users, seconds, csv_prefix):
    """Headless locust against the server; returns the ids of the entries acknowledged."""
    command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
               "--users", str(users), "--spawn-rate", "10", "--run-time", f"{seconds}s",
               "--host", f"http://{HOST}:{port}", "--csv", str(csv_prefix), "--only-summary",
               "--stop-timeout", "10", "--loglevel", "WARNING"]
    ids_file = f"{csv_prefix}_acknowledged.json"
    env = dict(os.environ, LOAD_ACKNOWLEDGED_FILE=ids_file)
    subprocess.run(command, cwd=ROOT / "bench", env=env, timeout=seconds + 120, check=False)
    with open(ids_file) as handle:
        return json.load(handle)


def stored(database_url, ids):
    """(how many of these entry ids are in the database, how many entries there are)."""
    db = make_database(database_url)
    database.initialize(db)
    try:
        with db.connection_context():
            found = sum(Entry.select().where(Entry.id.in_(ids[i:i + 500])).count()
                        for i in range(0, len(ids), 500))
            return found, Entry.select().count()
    finally:
        close_database(db)


def read_stats(csv_prefix):
    """locust's per-request rows, by name."""
    with open(f"{csv_prefix}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def measure(engine, database_url, args, tmp):
    """Fresh database, gunicorn, locust, stop, verify; returns a table row."""
    fresh_database(database_url)
    env = server_env(database_url, tmp / f"instance-{engine}")
    port = free_port()
    server = start_server(port, env, tmp / f"gunicorn-{engine}.log")
    try:
        wait_until_healthy(port, server)
        acknowledged = run_locust(port, args.users, args.duration, tmp / f"locust-{engine}")
    finally:
        stop(server)
    stats = read_stats(tmp / f"locust-{engine}")
    total, post = stats["Aggregated"], stats[POST_NAME]
    found, rows = stored(database_url, acknowledged)
    check = (f"all {found} acknowledged stored" if found == len(acknowledged)
             else f"LOST {len(acknowledged) - found} of {len(acknowledged)}")
    return [engine, total["Request Count"], total["Failure Count"],
            f"{float(total['Requests/s']):.0f}", total["50%"], total["95%"], post["50%"],
            post["95%"], f"{check}; {rows - found} more in flight at the stop"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    args = parser.parse_args(argv)
    engines = [("SQLite", None)] + ([("PostgreSQL", postgres_url())] if postgres_url() else [])
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for engine, url in engines:
            url = url or f"sqlite:///{tmp / 'load.sqlite3'}"
            rows.append(measure(engine, url, args, tmp))
    print(f"\n{args.users} users for {args.duration} s, {revision()}\n")
    print(markdown_table(["engine", "requests", "failures", "req/s", "median ms", "p95 ms",
                          "POST median ms", "POST p95 ms", "entries check"], rows))
    return 0 if all(row[2] == "0" and row[-1].startswith("all") for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
