"""The search's own cost, the index (journal.entries.search) against the LIKE scan it replaced,
in one process on one database, at N years of entries for each of U people (bench/latency.py's
journal). Times the timeline's day query and the API's first page (51 rows) for a few words.

    .venv/bin/python bench/search_growth.py sqlite 20 1 [iterations]
    WALL=1 .venv/bin/python bench/search_growth.py postgresql 5 100   # PG: wall time
      (PostgreSQL: JOURNAL_BENCH_DATABASE_URL, its schema is dropped)
"""
# ruff: noqa: B023 -- each lambda is timed within its own loop turn
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import latency
from common import fresh_database, postgres_url
from peewee import SqliteDatabase

from journal.db import close_database, database
from journal.entries import search
from journal.entries.rules import search_words
from journal.models import Entry, User

CLOCK = time.perf_counter if os.environ.get("WALL") else time.process_time
WORDS = ["intake", "zeppelin", "w", "quarterly sam", "meet"]


def old_matching(user, q):
    """The search before migration 0014: LIKE '%word%' per word over the person's entries."""
    query = Entry.of(user)
    for word in search_words(q):
        query = query.where(Entry.search_text.contains(word))
    return query


def seed(app, years, users, today):
    rng = random.Random(7)
    latency.YEARS, latency.TARGET_ENTRIES = years, 730 * years
    first = None
    with app.app_context(), database.connection_context():
        for n in range(users):
            with database.atomic():
                user = User.create(email=f"u{n}@example.org", password_hash="x",
                                   display_name="U", timezone="UTC", language="en",
                                   created_at=datetime(2020, 1, 1))
                first = first or user
                rows, tags = [], []
                for day in latency.entry_days(today, rng):
                    row, names = latency.entry_row(user, day, rng)
                    rows.append(row)
                    tags += [{"entry": row["id"], "user": user.id, "name": t} for t in names]
                latency.insert_history(rows, tags)
        database.execute_sql("ANALYZE" if isinstance(database.obj, SqliteDatabase)
                             else "VACUUM ANALYZE")
    return first


def median_ms(fn, n):
    out = []
    for _ in range(n):
        start = CLOCK()
        fn()
        out.append(CLOCK() - start)
    return statistics.median(out) * 1000


def days(query):
    return [row.day for row in query.select(Entry.day).distinct()
            .order_by(Entry.day.desc()).limit(15)]


def main():
    engine, years, users = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/j.sqlite3" if engine == "sqlite" else postgres_url()
        fresh_database(url)
        app = latency.build_app(url, Path(tmp) / "instance")
        user = seed(app, years, users, date(2026, 11, 27))
        with app.app_context(), database.connection_context():
            print(f"{engine}, {years} years x {users} people = {Entry.select().count()} entries;"
                  f" {'wall' if os.environ.get('WALL') else 'CPU'} ms, median of {n}")
            for q in WORDS:
                words = search_words(q)
                key = search.index_key(user)
                cells = {
                    "probe": median_ms(lambda: search.probe(key, words, 201), n),
                    "days LIKE": median_ms(lambda: days(old_matching(user, q)), n),
                    "days index": median_ms(lambda: days(Entry.matching(user, q=q)), n),
                    "api LIKE": median_ms(lambda: list(old_matching(user, q).limit(51)
                                                       .tuples()), n),
                    "api index": median_ms(lambda: list(Entry.matching(user, q=q).limit(51)
                                                        .tuples()), n),
                }
                hits = Entry.matching(user, q=q).count()
                print(f"  {q!r:16} {hits:6} hits  "
                      + "  ".join(f"{k} {v:5.2f}" for k, v in cells.items()))
        close_database(database.obj)


if __name__ == "__main__":
    main()
