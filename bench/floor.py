"""Pages against the floor: the journal's pages and a bare Flask page, served the same way.

For each engine (a temporary SQLite file; PostgreSQL too when JOURNAL_BENCH_DATABASE_URL is set,
whose public schema is DROPPED and rebuilt) and each history length (--years, default 5):

1. migrate a fresh database and seed one person with that many years of entries (~730 a year,
   as bench/latency.py builds them: tags, setbacks with notes, meaning scores);
2. serve bench/floor_app.py (one indexed query, a small template) with gunicorn and
   `gunicorn.conf.py`, the settings of `make serve`, and time its page;
3. serve the journal the same way (JOURNAL_ENV=production, rate limits off), log in over HTTP
   and time the home page, the timeline, a search with matches and one without, settings,
   the charts page and its five figures, and the data export;
4. time the floor again, and report each page's median as milliseconds and as a multiple of
   the floor's median (the lower of its two runs), with the workers' memory afterwards.

Requests go one at a time over one kept-alive connection from this process (its own
overhead is in the floor too), asking for compressed answers as a browser does.
Everything listens on 127.0.0.1 and every gunicorn started here is stopped.

    .venv/bin/python bench/floor.py [--years 1,5,20] [--requests 200]
    JOURNAL_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_core \\
        .venv/bin/python bench/floor.py
"""
import argparse
import http.client
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from common import (
    ROOT,
    OtherPrograms,
    csrf_token_of,
    empty_postgres,
    markdown_table,
    percentile,
    postgres_url,
    process_tree,
    revision,
    wait_for_quiet,
)
from latency import EMAIL, PASSWORD, TIMEZONE, entry_row, insert_history
from post_load import BIN, HOST, Browser, free_port, migrate, server_env, stop, wait_until_healthy

from journal import create_app
from journal.clock import local_today
from journal.db import close_database, database
from journal.models import Entry, User
from journal.models.user import hash_password

ENTRIES_A_YEAR = 730
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
PAGES = [  # (label, path or chart range, share of --requests: the slow ones are timed less)
    ("home", "/", 1), ("timeline", "/timeline", 1),
    ("search (matches)", "/timeline?q=intake", 1),
    ("search (no match)", "/timeline?q=zeppelin", 1),
    ("settings", "/settings", 1), ("charts page", "/charts", 1),
    ("charts: 5 figures, 3 months", "3m", 0.2),
    ("charts: 5 figures, all time", "all", 0.1),
    ("export (JSON)", "/api/v1/export", 0.05),
]
CHARTS = ["progress", "meaning", "needs", "calendar", "goals"]


# -- seeding ----------------------------------------------------------------------------

def history_days(today, years, rng):
    """The day of every entry: ~5 of 7 days active, two entries a day, today included."""
    days = [today - timedelta(days=n) for n in range(years * 365)]
    active = [day for day in days if rng.random() < 5 / 7] or [today]
    if today not in active:
        active.insert(0, today)
    chosen = active * 2 + [rng.choice(active) for _ in range(years * ENTRIES_A_YEAR)]
    return sorted(chosen[:years * ENTRIES_A_YEAR])


def seed(app, today, years):
    """One person with `years` of entries, inserted in bulk; returns the number of entries."""
    rng = random.Random(2026)
    with app.app_context(), database.connection_context(), database.atomic():
        user = User.create(email=EMAIL, password_hash=hash_password(PASSWORD),
                           display_name="Bench", timezone=TIMEZONE, language="en",
                           created_at=datetime(today.year, today.month, today.day)
                           - timedelta(days=years * 365))
        entries, tags = [], []
        for day in history_days(today, years, rng):
            row, names = entry_row(user, day, rng)
            row["search_text"] = Entry(**{k: v for k, v in row.items()
                                          if k not in ("user", "id")}).searchable(names)
            entries.append(row)
            tags += [{"entry": row["id"], "user": user.id, "name": n} for n in names]
        insert_history(entries, tags)
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        with app.app_context(), database.connection_context():
            database.execute_sql("VACUUM ANALYZE")  # what autovacuum would have done by now
    return len(entries)


def fresh(database_url, env):
    """An empty, migrated database."""
    if database_url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(database_url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        empty_postgres(database_url)
    migrate(env)


# -- serving and timing -----------------------------------------------------------------

def serve(module, env, log_path):
    """gunicorn with the settings of `make serve` (gunicorn.conf.py); returns (Popen, port)."""
    port = free_port()
    log = open(log_path, "ab")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "--bind", f"{HOST}:{port}",
         "--log-level", "warning", "--access-logfile", "/dev/null", module],
        cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
    wait_until_healthy(port, process)
    return process, port


def timed(port, paths, count, cookie=""):
    """Wall seconds of `count` rounds of GETs over one kept-alive connection (after a warm-up
    of a tenth), with the bytes of the last answers."""
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    headers = {"Accept-Encoding": ACCEPT_ENCODING, "Cookie": cookie}
    samples, size = [], 0
    for round_ in range(count + max(1, count // 10)):
        start = time.perf_counter()
        for path in paths:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            size = len(response.read())
            if response.status != 200:
                raise RuntimeError(f"GET {path} answered {response.status}")
        if round_ >= max(1, count // 10):
            samples.append(time.perf_counter() - start)
    connection.close()
    return samples, size


def memory_mb(pid):
    """Resident memory of gunicorn's workers (not the master), in MB, summed."""
    total = 0
    for child in process_tree(pid)[1:]:
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines()
                      if line.startswith("VmRSS:"))
    return total / 1024


def floor_median(database_url, env, tmp, count):
    """Median seconds of the bare page."""
    floor_env = dict(env, FLOOR_DATABASE_URL=database_url, PYTHONPATH=str(ROOT / "bench"))
    process, port = serve("floor_app:app", floor_env, tmp / "floor.log")
    try:
        return statistics.median(timed(port, ["/floor"], count)[0])
    finally:
        stop(process)


def logged_in_cookie(port):
    """Log the seeded person in over HTTP; returns the Cookie header."""
    browser = Browser(port)
    token = csrf_token_of(browser.request("GET", "/login")[1])
    status, _ = browser.request("POST", "/login", form={
        "csrf_token": token, "email": EMAIL, "password": PASSWORD, "remember": "y"})
    if status != 302:
        raise RuntimeError(f"login answered {status}")
    return browser.cookie_header()


def page_paths(path):
    """The paths one timed round asks for: a page, or the five figures of a chart range."""
    if path.startswith("/"):
        return [path]
    return [f"/api/v1/charts/{name}?range={path}" for name in CHARTS]


def measure(engine, database_url, years, args, tmp):
    """Seed, time the floor, the pages and the floor again; returns result dicts."""
    env = server_env(database_url, tmp / "instance")
    fresh(database_url, env)
    app = create_app({"SECRET_KEY": "bench-secret", "DATABASE_URL": database_url,
                      "INSTANCE_PATH": str(tmp / "instance")})
    entries = seed(app, local_today(datetime.now(timezone.utc), TIMEZONE), years)
    close_database(database.obj)
    wait_for_quiet(args.quiet_below, args.quiet_wait)
    floors = [floor_median(database_url, env, tmp, args.requests)]
    process, port = serve("app:app", env, tmp / "journal.log")
    results = []
    try:
        cookie = logged_in_cookie(port)
        for label, path, share in PAGES:
            wait_for_quiet(args.quiet_below, args.quiet_wait)
            with OtherPrograms(lambda: process_tree(process.pid)) as others:
                samples, size = timed(port, page_paths(path), max(5, int(args.requests * share)),
                                      cookie)
            results.append({"engine": engine, "years": years, "entries": entries,
                            "page": label, "p50": statistics.median(samples),
                            "p95": percentile(samples, 0.95), "bytes": size,
                            "others": others.percent})
            print(f"[{engine} {years}y] {label}: {results[-1]['p50'] * 1000:.2f} ms",
                  file=sys.stderr)
        memory = memory_mb(process.pid)
    finally:
        stop(process)
    floors.append(floor_median(database_url, env, tmp, args.requests))
    for result in results:
        result.update(floor=min(floors), memory=memory)
    return results


# -- reporting --------------------------------------------------------------------------

def floor_table(results):
    header = ["engine", "years", "entries", "page", "p50 ms", "p95 ms", "× floor (p50)",
              "KB sent", "others' CPU"]
    rows = [[r["engine"], r["years"], f"{r['entries']:,}", r["page"], f"{r['p50'] * 1000:.2f}",
             f"{r['p95'] * 1000:.2f}", f"{r['p50'] / r['floor']:.1f}×",
             f"{r['bytes'] / 1024:.1f}", f"{r['others']:.0f}%"] for r in results]
    floors = sorted({(r["engine"], r["years"], r["floor"], r["memory"]) for r in results})
    rows += [[engine, years, "", "**floor** (bare Flask page)", f"{floor * 1000:.2f}", "",
              "1.0×", "", f"workers' memory after: {memory:.0f} MB"]
             for engine, years, floor, memory in floors]
    return markdown_table(header, rows)


def growth_table(results, years_list):
    header = ["engine", "page", *(f"{y} y p50 ms" for y in years_list),
              f"{years_list[-1]} y / {years_list[0]} y"]
    rows = []
    for engine in dict.fromkeys(r["engine"] for r in results):
        for label, _, _ in PAGES:
            by_years = {r["years"]: r["p50"] for r in results
                        if r["engine"] == engine and r["page"] == label}
            rows.append([engine, label, *(f"{by_years[y] * 1000:.2f}" for y in years_list),
                         f"{by_years[years_list[-1]] / by_years[years_list[0]]:.1f}×"])
    return markdown_table(header, rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", default="5", help="history lengths, e.g. 1,5,20 (default 5)")
    parser.add_argument("--requests", type=int, default=200,
                        help="timed requests per page (default 200; the figures a fifth or "
                             "a tenth, the export a twentieth)")
    parser.add_argument("--quiet-below", type=float, default=25, metavar="PERCENT")
    parser.add_argument("--quiet-wait", type=float, default=20, metavar="SECONDS")
    args = parser.parse_args(argv)
    years_list = sorted(int(y) for y in args.years.split(","))
    engines = [("sqlite", None)] + ([("postgresql", postgres_url())] if postgres_url() else [])
    results = []
    with tempfile.TemporaryDirectory(prefix="journal-floor-") as tmp:
        tmp = Path(tmp)
        for engine, url in engines:
            for years in years_list:
                url = url or f"sqlite:///{tmp / 'journal.sqlite3'}"
                results += measure(engine, url, years, args, tmp)
                url = None if engine == "sqlite" else url
    print(f"\nPages against the floor, {date.today().isoformat()}, {revision()}, gunicorn as "
          f"`make serve` runs it, {args.requests} requests a page\n")
    print(floor_table(results))
    if len(years_list) > 1:
        print("\nHow the cost grows with history (p50)\n")
        print(growth_table(results, years_list))


if __name__ == "__main__":
    main()
