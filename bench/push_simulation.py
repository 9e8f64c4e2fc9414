"""Benchmark: 100,000 people with a reminder due in the same minute, four dispatcher processes
on PostgreSQL; every reminder must arrive within 60 s, and none twice.

Each dispatcher is the app's own pass (`flask reminders run` does one at the start of every
minute): its own process, its own connections, the PushSender `sender_for(app)` makes, all
started at the same moment. The push service (tests/push_service.py) runs in a process of its
own on 127.0.0.1 and counts every message per device; each person has one device, so a second
message to one is a duplicate. So that it is not what limits the figure, it verifies the VAPID
token and decrypts only every Nth message (--sample, 100 by default; 1 checks all) and says so.
Run: .venv/bin/python bench/push_simulation.py [--people 100000] [--dispatchers 4] [--sample 100]
It uses a PostgreSQL database of its own, push_bench on 127.0.0.1 (made with createdb when
missing; its schema is reset); JOURNAL_BENCH_PUSH_DATABASE_URL names another (never `test`).
"""
import argparse
import io
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from peewee import AutoField, fn  # noqa: E402
from push_dispatch import HEADER, figures, push_report, row, start_push_service  # noqa: E402

from journal import create_app  # noqa: E402
from journal.db import database, make_database, upgrade  # noqa: E402
from journal.models import Delivery, PushSubscription, Reminder, User  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/push_bench"
GOAL_SECONDS = 60


def prepare(url):
    """Make the database if it is missing and give it a fresh schema."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if name in ("test", "bench_core"):
        raise SystemExit(f"{name} belongs to others: choose a database of the benchmark's own")
    made = subprocess.run(["createdb", "-h", parts.hostname or "127.0.0.1",
                           "-p", str(parts.port or 5432), "-U", parts.username or "postgres",
                           name], capture_output=True, text=True, check=False)
    if made.returncode and "already exists" not in made.stderr:
        raise SystemExit(f"createdb {name} failed: {made.stderr.strip()}")
    db = make_database(url)
    with db.connection_context():
        db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    upgrade(make_database(url))


def copy(model, rows):
    """Bulk-load rows (dicts of field name to value) with COPY; fields a row leaves out take
    the model's default, an automatic id its next value."""
    fields = [field for field in model._meta.sorted_fields if not isinstance(field, AutoField)]
    buffer = io.StringIO()
    for values in rows:
        buffer.write("\t".join(_text(field.db_value(_value(field, values)))
                               for field in fields) + "\n")
    buffer.seek(0)
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    cursor = database.connection().cursor()
    cursor.copy_expert(f'COPY "{model._meta.table_name}" ({columns}) FROM STDIN', buffer)


def _value(field, values):
    if field.name in values:
        return values[field.name]
    return field.default() if callable(field.default) else field.default


def _text(value):
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def seed(subscriptions, due):
    """One person per subscription, each with that device and a daily reminder due at `due`
    (naive UTC, as stored)."""
    ids = [uuid.uuid4() for _ in subscriptions]
    with database.atomic():
        copy(User, ({"id": user, "email": f"p{n}@example.org", "password_hash": "x",
                     "display_name": f"P{n}", "timezone": "Europe/Amsterdam",
                     "session_token": uuid.uuid4().hex, "created_at": due}
                    for n, user in enumerate(ids)))
        copy(PushSubscription, ({"id": uuid.uuid4(), "user": user, "endpoint": sub["endpoint"],
                                 "p256dh": sub["keys"]["p256dh"], "auth": sub["keys"]["auth"],
                                 "created_at": due, "last_seen_at": due}
                                for user, sub in zip(ids, subscriptions, strict=True)))
        copy(Reminder, ({"user": user, "kind": "daily", "enabled": True,
                         "time": due.strftime("%H:%M"), "weekdays": "1,2,3,4,5,6,7",
                         "skip_if_logged": True, "next_fire_at": due} for user in ids))
    database.execute_sql("ANALYZE")


def dispatcher(config, ready, start, results):
    """Child process: one dispatcher pass, started with the others."""
    from journal.notifications.cli import run_once
    from journal.notifications.dispatch import sender_for
    app = create_app(config)
    with app.app_context():
        sender = sender_for(app)
        ready.put(os.getpid())
        start.wait()
        began, cpu = time.time(), time.process_time()
        counts = run_once(app, sender, datetime.now(timezone.utc))
        results.put({**counts, "seconds": time.time() - began,
                     "cpu": time.process_time() - cpu})


def run(url, people, dispatchers, sample):
    """Set up, let the dispatchers go at once, and return the figures."""
    prepare(url)
    config = {"DATABASE_URL": url, "INSTANCE_PATH": tempfile.mkdtemp(), "SECRET_KEY": "bench"}
    app = create_app(config)  # makes the VAPID key the dispatchers share
    service, pipe, subscriptions = start_push_service(people, sample)
    due = datetime.now(timezone.utc).replace(second=0, microsecond=0, tzinfo=None)
    with app.app_context(), database.connection_context():
        began = time.perf_counter()
        seed(subscriptions, due)
        print(f"seeded {people} people, devices and reminders in "
              f"{time.perf_counter() - began:.1f} s", flush=True)
    spawn = multiprocessing.get_context("spawn")
    ready, results, start = spawn.Queue(), spawn.Queue(), spawn.Event()
    processes = [spawn.Process(target=dispatcher, args=(config, ready, start, results))
                 for _ in range(dispatchers)]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get(timeout=120)
    started = time.time()
    start.set()
    passes = [results.get(timeout=600) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    seconds = max(p["seconds"] for p in passes)
    result = figures(push_report(service, pipe), started, seconds, "PostgreSQL", dispatchers,
                     people)
    with app.app_context(), database.connection_context():
        result["statuses"] = dict(Delivery.select(Delivery.status, fn.COUNT(Delivery.id))
                                  .group_by(Delivery.status).tuples())
    result["passes"] = passes
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--dispatchers", type=int, default=4)
    parser.add_argument("--sample", type=int, default=100,
                        help="the push service verifies every Nth message (1: all)")
    args = parser.parse_args()
    url = os.environ.get("JOURNAL_BENCH_PUSH_DATABASE_URL", DEFAULT_URL)
    r = run(url, args.people, args.dispatchers, args.sample)
    print(HEADER)
    print(row(r))
    for n, counts in enumerate(r["passes"], 1):
        print(f"dispatcher {n}: claimed {counts['claimed']}, sent {counts['sent']}, failed "
              f"{counts['failed']} in {counts['seconds']:.1f} s ({counts['cpu']:.1f} s CPU)")
    print(f"deliveries by status: {r['statuses']}; arrivals per 10 s: {r['per_10s']}; "
          f"the push service used {r['service_cpu']:.1f} s CPU")
    met = (r["received"] == args.people and r["duplicates"] == 0 and r["rejected"] == 0
           and r["lateness_max"] <= GOAL_SECONDS)
    print(f"goal (all {args.people} within {GOAL_SECONDS} s, none twice): "
          f"{'met' if met else 'NOT met'}; last arrived {r['lateness_max']:.1f} s after the start")


if __name__ == "__main__":
    main()
