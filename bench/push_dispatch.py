"""Benchmark: one dispatcher process sends 10,000 due reminders to a local push service; reports
throughput, lateness and duplicates.

The push service (tests/push_service.py) runs in its own process on 127.0.0.1 and counts every
message per device (a second one to a device is a duplicate); it verifies the VAPID signature
and decrypts every message, as a browser vendor's service and the phone would, or with
--sample N only every Nth (so that it is not what limits the figure; the output says which).
The dispatcher is the app's own: `tick` with the PushSender `flask reminders run` uses.
Run: .venv/bin/python bench/push_dispatch.py [--reminders 10000] [--workers 16] [--sample 1]
(add JOURNAL_BENCH_DATABASE_URL=postgresql://... to run on PostgreSQL too; its schema is reset).
"""
import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journal import create_app  # noqa: E402
from journal.clock import stored_utc  # noqa: E402
from journal.db import database, make_database, upgrade  # noqa: E402
from journal.models import PushSubscription, Reminder, User  # noqa: E402
from journal.notifications.dispatch import tick  # noqa: E402
from journal.push.sender import PushSender  # noqa: E402

HEADER = ("| engine | dispatchers | reminders | seconds | pushes/s | lateness p50 | lateness max "
          "| received (distinct) | duplicates | rejected | verified |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|")


def serve_push(count, sample, pipe):
    """Child process: a push service with `count` subscribers; reports arrivals when asked."""
    from tests.push_service import PushService
    with PushService(sample=sample) as service:
        pipe.send([service.subscription() for _ in range(count)])
        started = time.process_time()
        pipe.recv()  # "report"
        pipe.send({"times": list(service.arrival_times), "distinct": len(service.arrivals),
                   "duplicates": service.duplicates, "verified": len(service.received),
                   "rejected": len(service.rejected), "sample": service.sample,
                   "cpu": time.process_time() - started})


def start_push_service(count, sample):
    """(process, pipe, subscriptions) of a push service in its own process."""
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(
        target=serve_push, args=(count, sample, child), daemon=True)
    process.start()
    return process, parent, parent.recv()


def push_report(process, pipe):
    """What the push service saw; stops it."""
    pipe.send("report")
    report = pipe.recv()
    process.join(timeout=30)
    return report


def seed(count, subscriptions, due):
    """`count` users, each with one device and a daily reminder due at `due`."""
    with database.atomic():
        for start in range(0, count, 500):
            users = [{"id": uuid.uuid4(), "email": f"u{n}@example.org", "password_hash": "x",
                      "display_name": f"U{n}", "timezone": "Europe/Amsterdam", "language": "en",
                      "session_token": f"t{n}", "created_at": stored_utc(due)}
                     for n in range(start, min(start + 500, count))]
            User.insert_many(users).execute()
            PushSubscription.insert_many([
                {"id": uuid.uuid4(), "user": user["id"], "endpoint": sub["endpoint"],
                 "p256dh": sub["keys"]["p256dh"], "auth": sub["keys"]["auth"],
                 "created_at": stored_utc(due), "last_seen_at": stored_utc(due)}
                for user, sub in zip(users, subscriptions[start:], strict=False)]).execute()
            Reminder.insert_many([
                {"user": user["id"], "kind": "daily", "enabled": True, "time": "18:30",
                 "weekdays": "1,2,3,4,5,6,7", "skip_if_logged": True,
                 "next_fire_at": stored_utc(due)} for user in users]).execute()


def figures(report, due, seconds, engine, dispatchers, reminders):
    """One table row's values from the push service's report."""
    lateness = sorted(at - due for at in report["times"])
    return {"engine": engine, "dispatchers": dispatchers, "reminders": reminders,
            "seconds": seconds, "received": len(lateness), "distinct": report["distinct"],
            "duplicates": report["duplicates"], "rejected": report["rejected"],
            "per_second": len(lateness) / seconds if seconds else 0,
            "lateness_p50": statistics.median(lateness) if lateness else float("nan"),
            "lateness_max": lateness[-1] if lateness else float("nan"),
            "verified": verified_text(report), "service_cpu": report["cpu"],
            "per_10s": _per_10s(report["times"], due)}


def _per_10s(times, start):
    """How many messages arrived in each 10 s after `start`."""
    counts = {}
    for at in times:
        slot = int((at - start) // 10)
        counts[slot] = counts.get(slot, 0) + 1
    return [counts.get(slot, 0) for slot in range(max(counts, default=-1) + 1)]


def verified_text(report):
    """Says how many messages the push service verified and decrypted: all, or a sample."""
    if report["sample"] == 1:
        return f"all {report['verified']}"
    return f"{report['verified']} (1 in {report['sample']})"


def row(r):
    """A markdown table row."""
    return (f"| {r['engine']} | {r['dispatchers']} | {r['reminders']} | {r['seconds']:.1f} "
            f"| {r['per_second']:.0f} | {r['lateness_p50']:.1f} s | {r['lateness_max']:.1f} s "
            f"| {r['received']} ({r['distinct']}) | {r['duplicates']} | {r['rejected']} "
            f"| {r['verified']} |")


def run(url, count, workers, sample):
    """Seed, dispatch once, and return the figures."""
    instance = tempfile.mkdtemp()
    if url.startswith("postgres"):
        db = make_database(url)
        with db.connection_context():
            db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    upgrade(make_database(url))
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": instance, "SECRET_KEY": "bench"})
    service, pipe, subscriptions = start_push_service(count, sample)
    with app.app_context(), database.connection_context():
        seed(count, subscriptions, datetime.now(timezone.utc))
        sender = PushSender(app.extensions["vapid"], app.config["VAPID_SUBJECT"], ttl=21600,
                            timeout=10, workers=workers)
        due = datetime.now(timezone.utc)
        Reminder.update(next_fire_at=stored_utc(due)).execute()
        started = time.perf_counter()
        counts = tick(due, sender, grace=3600)
        elapsed = time.perf_counter() - started
    assert counts["sent"] == count, counts
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    return figures(push_report(service, pipe), due.timestamp(), elapsed, engine, 1, count)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=16, help="sending threads")
    parser.add_argument("--sample", type=int, default=1,
                        help="the push service verifies every Nth message (1: all)")
    args = parser.parse_args()
    urls = [f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"]
    if os.environ.get("JOURNAL_BENCH_DATABASE_URL"):
        urls.append(os.environ["JOURNAL_BENCH_DATABASE_URL"])
    print(HEADER)
    for url in urls:
        result = run(url, args.reminders, args.workers, args.sample)
        print(row(result), flush=True)
        print(f"(the push service used {result['service_cpu'] / result['received'] * 1e6:.0f}"
              f" µs of CPU a message; arrivals per 10 s: {result['per_10s']})", flush=True)


if __name__ == "__main__":
    main()
