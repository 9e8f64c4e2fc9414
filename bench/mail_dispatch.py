"""Benchmark: 2,000 people chose their daily reminder by mail, all due in the same minute; one
dispatcher tick composes each mail in its person's language, queues it and hands it to an SMTP
server on 127.0.0.1 (aiosmtpd, in its own process, parsing every message). Reports how long
the tick took, mails a second, and how late the last one arrived.

Run: .venv/bin/python bench/mail_dispatch.py [--people 2000] [--delay 0.05] [--connections 4]
(add JOURNAL_BENCH_DATABASE_URL=postgresql://.../bench_mail to run on PostgreSQL too; its
schema is reset).
"""
import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import empty_postgres, postgres_url  # noqa: E402
from journal import create_app  # noqa: E402
from journal.clock import stored_utc  # noqa: E402
from journal.db import database, make_database, upgrade  # noqa: E402
from journal.models import ChannelChoice, Reminder, User  # noqa: E402
from journal.notifications.dispatch import tick  # noqa: E402


def serve_smtp(pipe, delay):
    """Child process: an SMTP server that parses and keeps every message, answering each after
    `delay` seconds; reports arrivals."""
    from tests.mail_server import MailServer
    arrivals = []
    with MailServer() as server:
        server.received, server.delay = _Timed(arrivals), delay
        pipe.send(server.url)
        pipe.recv()  # "report"
        pipe.send([at for at, _message in arrivals])


class _Timed(list):
    """The server's list of received messages, noting when each one arrived."""

    def __init__(self, arrivals):
        super().__init__()
        self.arrivals = arrivals

    def append(self, message):
        self.arrivals.append((time.time(), message))
        super().append(message)


def seed(count, due):
    """`count` verified people, half of them Dutch, each with a daily reminder by mail."""
    stamp = stored_utc(due)
    people = [{"id": uuid.uuid4(), "email": f"p{n}@example.org", "password_hash": "x",
               "display_name": f"P{n}", "timezone": "Europe/Amsterdam",
               "language": "nl" if n % 2 else "en", "session_token": f"t{n}",
               "created_at": stamp, "email_verified_at": stamp} for n in range(count)]
    with database.atomic():
        for start in range(0, count, 500):
            chunk = people[start:start + 500]
            User.insert_many(chunk).execute()
            Reminder.insert_many([
                {"user": p["id"], "kind": "daily", "enabled": True, "time": "09:00",
                 "weekdays": "1,2,3,4,5,6,7", "skip_if_logged": False, "next_fire_at": stamp}
                for p in chunk]).execute()
            ChannelChoice.insert_many([{"user": p["id"], "kind": "daily", "channel": "mail"}
                                       for p in chunk]).execute()


def run(url, count, delay, connections):
    """Seed, run one tick, and return the figures."""
    if url.startswith("postgres"):
        empty_postgres(url)
    upgrade(make_database(url))
    parent, child = multiprocessing.Pipe()
    smtp = multiprocessing.get_context("spawn").Process(target=serve_smtp, args=(child, delay))
    smtp.start()
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": tempfile.mkdtemp(),
                      "SECRET_KEY": "bench", "MAIL_URL": parent.recv(),
                      "PUBLIC_URL": "https://journal.example.org",
                      "MAIL_CONNECTIONS": connections})
    due = datetime.now(timezone.utc).replace(microsecond=0)
    with app.app_context(), database.connection_context():
        seed(count, due)
        started = time.perf_counter()
        counts = tick(due, None, grace=3600)
        elapsed = time.perf_counter() - started
    time.sleep(1)  # the last messages are parsed
    parent.send("report")
    arrivals = parent.recv()
    smtp.join(timeout=30)
    lateness = sorted(at - due.timestamp() for at in arrivals)
    return {"engine": "PostgreSQL" if url.startswith("postgres") else "SQLite",
            "delay": delay, "connections": connections, "people": count, "claimed": counts["claimed"], "received": len(arrivals),
            "seconds": elapsed, "per_second": len(arrivals) / elapsed,
            "p50": statistics.median(lateness) if lateness else 0,
            "max": lateness[-1] if lateness else 0}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.0,
                        help="seconds the server takes to answer each message (a far provider)")
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    urls = [f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"]
    if postgres_url():
        urls.append(postgres_url())
    print("| engine | server delay | connections | reminders by mail | received | tick seconds "
          "| mails/s | arrival p50 | arrival max |")
    print("|---|---|---|---|---|---|---|---|---|")
    for url in urls:
        r = run(url, args.people, args.delay, args.connections)
        print(f"| {r['engine']} | {r['delay'] * 1000:.0f} ms | {r['connections']} "
              f"| {r['people']} | {r['received']} | {r['seconds']:.1f} "
              f"| {r['per_second']:.0f} | {r['p50']:.1f} s | {r['max']:.1f} s |")


if __name__ == "__main__":
    main()
