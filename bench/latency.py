"""Server-side latency of the journal's main pages, with five years of one person's entries.

Builds the app in-process (journal.create_app) on a temporary SQLite file and, when
JOURNAL_BENCH_DATABASE_URL is set, on that PostgreSQL database too (its public schema is
dropped and rebuilt). Seeds one user with ~3,650 entries over five years, logs in with
Flask's test client and times, per engine:

    GET  /                     the home page (form + today's entries)
    GET  /timeline             the first page of the timeline (14 days)
    GET  /timeline?q=intake    a search that matches some entries
    GET  /timeline?q=zeppelin  a search that matches nothing (reads all five years)
    GET  /settings             the settings page (a page too, so the aim applies)
    POST /api/v1/entries       creating an entry through the JSON API

Each request is timed around the test client call (no network), after a warm-up, and
asks for compressed answers as browsers do (so br/gzip compression is part of the time).
Prints a markdown table: median and p95 wall time in milliseconds, the median CPU time
of this process (wall minus CPU = waiting on disk, database or a busy CPU), and the SQL
statements each request runs. Aim (journal core): median <= 5 ms and p95 <= 15 ms per
page, one process, on the 2-core benchmark machine.

    .venv/bin/python bench/latency.py [--iterations 300]
    JOURNAL_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/latency.py
"""
import argparse
import gc
import gzip
import random
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import brotli
from common import (
    OtherPrograms,
    csrf_token_of,
    fresh_database,
    markdown_table,
    postgres_url,
    revision,
    summary_ms,
    wait_for_quiet,
)
from peewee import SqliteDatabase

from journal import create_app
from journal.clock import local_today
from journal.db import close_database, database
from journal.entries.rules import NOTE_FIELDS, searchable_text
from journal.models import Entry, EntryTag, User
from journal.models.user import hash_password

EMAIL = "bench@example.org"
PASSWORD = "correct horse battery"
TIMEZONE = "Europe/Amsterdam"
YEARS = 5
TARGET_ENTRIES = 3650
ACTIVE_DAY_SHARE = 5 / 7
SEARCH_WORD = "intake"  # appears in a few percent of the seeded entries
MISSING_WORD = "zeppelin"  # appears in none: the search reads all five years
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"
AIM_MEDIAN_MS = 5.0
AIM_P95_MS = 15.0

# -- a varied, deterministic five-year journal ------------------------------------------

VERBS = ["Finished", "Drafted", "Reviewed", "Untangled", "Explained", "Planned", "Fixed",
         "Shipped", "Cleaned up", "Prepared", "Talked through", "Tested", "Rewrote",
         "Documented", "Overlegde", "Closed"]
THINGS = ["the intake checklist", "the quarterly report", "a tricky support ticket",
          "the onboarding guide", "the budget sheet", "the team retrospective",
          "a flaky deployment", "the client proposal", "the data export", "my inbox",
          "the meeting notes", "the café partnership plan", "the hiring rubric",
          "the invoice backlog", "de planning voor volgende week", "the intake form wording"]
PEOPLE = ["with Sam", "with Noor", "with the team", "alone", "with Jesper", "with Zoë",
          "after lunch", "before standup", "with a customer", "with my manager"]
ENDINGS = ["", "", "It felt good.", "Small, but it counts.", "Took longer than hoped.",
           "Finally!", "Learned a shortcut on the way.", "Überlegt and done."]
HELPED = ["A quiet morning", "Sam's notes", "Writing it down first", "A short walk", ""]
HINDERED = ["Too many meetings", "A slow laptop", "Unclear request", "Interruptions", ""]
LESSONS = ["Ask earlier", "Split the work smaller", "Check the assumptions first"]
NEXT_TRIES = ["Block an hour for it", "Pair with Noor", "Write the outline first"]
TAGS = ["intake", "team", "writing", "support", "planning", "focus", "clients", "learning",
        "hiring", "budget", "ops", "reports", "mentoring", "admin", "café", "release",
        "research", "design", "meetings", "health"]


def entry_days(today, rng):
    """The day of every entry: ~5 of 7 days active over five years, always today too."""
    all_days = [today - timedelta(days=n) for n in range(YEARS * 365)]
    active = [day for day in all_days if rng.random() < ACTIVE_DAY_SHARE]
    if today not in active:
        active.insert(0, today)
    days = active * 2  # two on each active day, the rest spread at random
    days += [rng.choice(active) for _ in range(max(0, TARGET_ENTRIES - len(days)))]
    return sorted(days[:TARGET_ENTRIES])


def entry_row(user, day, rng):
    """One entry as a dict for insert_many, with search_text as Entry.searchable builds it."""
    setback = rng.random() < 0.12
    text = " ".join(filter(None, [rng.choice(VERBS), rng.choice(THINGS), rng.choice(PEOPLE)
                                  + ".", rng.choice(ENDINGS)]))
    notes = {
        "helped": rng.choice(HELPED) if rng.random() < 0.4 else "",
        "hindered": rng.choice(HINDERED) if rng.random() < 0.3 else "",
        "learned": rng.choice(LESSONS) if setback else "",
        "try_next": rng.choice(NEXT_TRIES) if setback else "",
    }
    tags = rng.sample(TAGS, rng.choice([1, 1, 2, 3])) if rng.random() < 0.45 else []
    created = datetime.combine(day, datetime.min.time()) + timedelta(
        hours=rng.randint(7, 20), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
    searchable = searchable_text([text, *(notes[n] for n in NOTE_FIELDS), *tags])
    row = {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4), "user": user.id, "day": day,
        "text": text, "kind": "setback" if setback else "progress",
        "meaning": rng.randint(1, 5) if rng.random() < 0.6 else None,
        "search_text": searchable, "created_at": created, "updated_at": created, **notes,
    }
    return row, tags


def insert_history(entries, tags):
    """Insert entry rows and tag rows in batches (inside the caller's transaction)."""
    for start in range(0, len(entries), 500):
        Entry.insert_many(entries[start:start + 500]).execute()
    for start in range(0, len(tags), 1000):
        EntryTag.insert_many(tags[start:start + 1000]).execute()


def seed(app, today, seed_value=2026):
    """Create the user and their five years of entries with bulk inserts; returns counts."""
    rng = random.Random(seed_value)
    with app.app_context(), database.connection_context(), database.atomic():
        user = User.create(email=EMAIL, password_hash=hash_password(PASSWORD),
                           display_name="Bench", timezone=TIMEZONE, language="en",
                           created_at=datetime(today.year, today.month, today.day))
        entries, tags = [], []
        for day in entry_days(today, rng):
            row, names = entry_row(user, day, rng)
            entries.append(row)
            tags += [{"entry": row["id"], "user": user.id, "name": n} for n in names]
        insert_history(entries, tags)
    if not isinstance(database.obj, SqliteDatabase):
        with database.connection_context():  # what autovacuum would have done by now
            database.execute_sql("VACUUM ANALYZE")
    return len(entries), len(tags)


# -- measuring --------------------------------------------------------------------------

def build_app(database_url, instance_path):
    """The app on the given database, rate limits off (the default, non-production config:
    it differs from production only in the secure-cookie flags, which plain HTTP needs off)."""
    return create_app({
        "SECRET_KEY": "bench-secret",
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance_path),
        "RATELIMIT_ENABLED": False,
    })


def logged_in_client(app):
    """A test client with a logged-in session, and the CSRF token of its pages.

    It asks for compressed answers as every browser does, so compression is timed too.
    """
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_ENCODING"] = BROWSER_ACCEPT_ENCODING
    token = csrf_token_of(page_text(client.get("/login")))
    response = client.post("/login", data={"csrf_token": token, "email": EMAIL,
                                           "password": PASSWORD, "remember": "y"})
    assert response.status_code == 302, f"login failed: {response.status_code}"
    return client, csrf_token_of(page_text(client.get("/")))


def page_text(response):
    """The HTML of a response, decompressed when it came compressed."""
    body = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "br":
        body = brotli.decompress(body)
    elif encoding:
        raise RuntimeError(f"unexpected Content-Encoding {encoding}")
    return body.decode()


def cases(token):
    """(label, call, expected status) for every request that is measured.

    The POST comes last: every entry it creates lands on today's page.
    """
    body = {"text": "Benchmarked the entry API with Sam", "tags": ["bench", "team"],
            "meaning": 3, "helped": "A quiet machine"}
    return [
        ("GET /", lambda c: c.get("/"), 200),
        ("GET /timeline", lambda c: c.get("/timeline"), 200),
        (f"GET /timeline?q={SEARCH_WORD}", lambda c: c.get(f"/timeline?q={SEARCH_WORD}"), 200),
        (f"GET /timeline?q={MISSING_WORD} (no match)",
         lambda c: c.get(f"/timeline?q={MISSING_WORD}"), 200),
        ("GET /settings", lambda c: c.get("/settings"), 200),
        ("POST /api/v1/entries", lambda c: c.post(
            "/api/v1/entries", json=body, headers={"X-CSRFToken": token}), 201),
    ]


def statements_per_request(client, call):
    """How many SQL statements one request runs (peewee query hook)."""
    executed = []
    hook = executed.append
    database.obj.query_hooks.append(hook)
    try:
        call(client)
    finally:
        database.obj.query_hooks.remove(hook)
    return len(executed)


def time_requests(client, call, expected, iterations, warmup):
    """Per-request wall and CPU times in seconds, after a warm-up and one full GC.

    CPU time (time.process_time) leaves out time spent waiting (for the disk's fsync, for
    PostgreSQL, or for a CPU another program holds), so wall minus CPU is the waiting.
    """
    for _ in range(warmup):
        assert call(client).status_code == expected
    gc.collect()
    wall, cpu = [], []
    for _ in range(iterations):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = call(client)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert response.status_code == expected, page_text(response)[:300]
    return wall, cpu


def measure_engine(engine, database_url, instance_path, args):
    """Seed, log in and time every case on one database; returns table rows."""
    fresh_database(database_url)
    app = build_app(database_url, instance_path)
    today = local_today(datetime.now(timezone.utc), TIMEZONE)
    started = time.perf_counter()
    n_entries, n_tags = seed(app, today)
    print(f"[{engine}] seeded {n_entries} entries and {n_tags} tags "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    client, token = logged_in_client(app)
    rows = []
    for label, call, expected in cases(token):
        statements = statements_per_request(client, call)
        wait_for_quiet(args.quiet_below, args.quiet_wait)
        with OtherPrograms() as others:
            wall, cpu = time_requests(client, call, expected, args.iterations,
                                      min(50, args.iterations))
        median, p95 = summary_ms(wall)
        cpu_median = summary_ms(cpu)[0]
        met = "yes" if median <= AIM_MEDIAN_MS and p95 <= AIM_P95_MS else "no"
        rows.append([engine, label, f"{median:.2f}", f"{p95:.2f}", f"{cpu_median:.2f}",
                     statements, f"{others.percent:.0f}%", met])
        print(f"[{engine}] {label}: median {median:.2f} ms, p95 {p95:.2f} ms, "
              f"CPU {cpu_median:.2f} ms", file=sys.stderr)
    close_database(database.obj)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=300,
                        help="timed requests per page and engine (default 300)")
    parser.add_argument("--quiet-below", type=float, default=25, metavar="PERCENT",
                        help="before each request type, wait until other programs keep the "
                             "CPUs below this busy percentage (default 25) ...")
    parser.add_argument("--quiet-wait", type=float, default=20, metavar="SECONDS",
                        help="... but no longer than this (default 20; 0 = never wait)")
    args = parser.parse_args(argv)
    pg_url = postgres_url()  # checked first: a protected database stops the run at once
    rows = []
    with tempfile.TemporaryDirectory(prefix="journal-bench-") as tmp:
        tmp = Path(tmp)
        rows += measure_engine("sqlite", f"sqlite:///{tmp / 'journal.sqlite3'}",
                               tmp / "instance", args)
        if pg_url:
            rows += measure_engine("postgresql", pg_url, tmp / "instance", args)
    print(f"\nLatency, {args.iterations} requests each after warm-up, "
          f"{date.today().isoformat()}, {revision()} (aim: median <= {AIM_MEDIAN_MS:g} ms, "
          f"p95 <= {AIM_P95_MS:g} ms; \"others' CPU\" is the share of the machine's CPU "
          f"that other programs used while that request type was timed)\n")
    print(markdown_table(["engine", "request", "median ms", "p95 ms", "CPU median ms",
                          "SQL statements", "others' CPU", "aim met"], rows))


if __name__ == "__main__":
    main()
