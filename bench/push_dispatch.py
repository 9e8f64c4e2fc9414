"""Benchmark: dispatch 10,000 due reminders to a local push service; report throughput and
lateness.

The push service (tests/push_service.py) runs in its own process on 127.0.0.1, verifies every
VAPID signature and decrypts every message, as a browser vendor's service and the phone would.
Run: .venv/bin/python bench/push_dispatch.py [--reminders 10000] [--workers 16]
(add JOURNAL_BENCH_DATABASE_URL=postgresql://... to run on PostgreSQL; its schema is reset).
"""
import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journal import create_app  # noqa: E402
from journal.clock import stored_utc  # noqa: E402
from journal.db import database, make_database, upgrade  # noqa: E402
from journal.models import PushSubscription, Reminder, User  # noqa: E402
from journal.notifications.dispatch import tick  # noqa: E402
from journal.push.sender import PushSender  # noqa: E402


def serve_push(count, pipe):
    """Child process: a push service with `count` subscribers; reports arrivals when asked."""
    from tests.push_service import PushService
    with PushService() as service:
        pipe.send([service.subscription() for _ in range(count)])
        pipe.recv()  # "report"
        pipe.send(([m.at for m in service.received], len(service.rejected),
                   len({m.subscriber for m in service.received})))


def seed(count, subscriptions, due):
    """`count` users, each with one device and a daily reminder due at `due`."""
    users = [{"id": __import__("uuid").uuid4(), "email": f"u{n}@example.org",
              "password_hash": "x", "display_name": f"U{n}", "timezone": "Europe/Amsterdam",
              "language": "en", "session_token": f"t{n}", "created_at": stored_utc(due)}
             for n in range(count)]
    with database.atomic():
        for start in range(0, count, 500):
            chunk = users[start:start + 500]
            User.insert_many(chunk).execute()
            PushSubscription.insert_many([
                {"id": __import__("uuid").uuid4(), "user": u["id"],
                 "endpoint": subscriptions[start + i]["endpoint"],
                 "p256dh": subscriptions[start + i]["keys"]["p256dh"],
                 "auth": subscriptions[start + i]["keys"]["auth"],
                 "created_at": stored_utc(due), "last_seen_at": stored_utc(due)}
                for i, u in enumerate(chunk)]).execute()
            Reminder.insert_many([
                {"user": u["id"], "kind": "daily", "enabled": True, "time": "18:30",
                 "weekdays": "1,2,3,4,5,6,7", "skip_if_logged": False,
                 "next_fire_at": stored_utc(due)} for u in chunk]).execute()


def run(url, count, workers):
    """Seed, dispatch once, and return the figures."""
    instance = tempfile.mkdtemp()
    if url.startswith("postgres"):
        db = make_database(url)
        with db.connection_context():
            db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    upgrade(make_database(url))
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": instance, "SECRET_KEY": "bench"})
    parent, child = multiprocessing.Pipe()
    service = multiprocessing.get_context("spawn").Process(target=serve_push, args=(count, child))
    service.start()
    subscriptions = parent.recv()
    due = datetime.now(timezone.utc).replace(microsecond=0)
    with app.app_context(), database.connection_context():
        seed(count, subscriptions, due)
        sender = PushSender(app.extensions["vapid"], app.config["VAPID_SUBJECT"], ttl=21600,
                            timeout=10, workers=workers)
        due = datetime.now(timezone.utc)
        Reminder.update(next_fire_at=stored_utc(due)).execute()
        started = time.perf_counter()
        counts = tick(due, sender, grace=3600)
        elapsed = time.perf_counter() - started
    parent.send("report")
    arrivals, rejected, distinct = parent.recv()
    service.join(timeout=30)
    lateness = sorted(at - due.timestamp() for at in arrivals)
    return {"engine": "PostgreSQL" if url.startswith("postgres") else "SQLite",
            "reminders": count, "sent": counts["sent"], "received": len(arrivals),
            "distinct": distinct, "rejected": rejected, "seconds": elapsed,
            "per_second": len(arrivals) / elapsed,
            "lateness_p50": statistics.median(lateness) if lateness else None,
            "lateness_max": lateness[-1] if lateness else None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=16)
    args = parser.parse_args()
    import os
    urls = [f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"]
    if os.environ.get("JOURNAL_BENCH_DATABASE_URL"):
        urls.append(os.environ["JOURNAL_BENCH_DATABASE_URL"])
    print("| engine | reminders | received (distinct) | rejected | seconds | pushes/s "
          "| lateness p50 | lateness max |")
    print("|---|---|---|---|---|---|---|---|")
    for url in urls:
        r = run(url, args.reminders, args.workers)
        print(f"| {r['engine']} | {r['reminders']} | {r['received']} ({r['distinct']}) "
              f"| {r['rejected']} | {r['seconds']:.1f} | {r['per_second']:.0f} "
              f"| {r['lateness_p50']:.1f} s | {r['lateness_max']:.1f} s |")


if __name__ == "__main__":
    main()
