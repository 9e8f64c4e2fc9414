"""Helpers shared by the benchmarks in bench/ (not part of the app, not tests)."""
import os
import re
import statistics
import time
from urllib.parse import urlsplit

from journal.db import close_database, make_database, upgrade

# PostgreSQL to benchmark as well; its public schema is DROPPED and rebuilt on every run.
PG_URL_ENV = "JOURNAL_BENCH_DATABASE_URL"
PROTECTED_DATABASES = {"test"}  # the test suite's database is never touched

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def postgres_url():
    """The PostgreSQL URL to benchmark, or None (only SQLite is measured then)."""
    url = os.environ.get(PG_URL_ENV) or None
    if url and urlsplit(url).path.lstrip("/") in PROTECTED_DATABASES:
        raise SystemExit(f"{PG_URL_ENV} points at a protected database; use e.g. .../bench")
    return url


def csrf_token_of(html):
    """The CSRF token a page carries in <meta name="csrf-token">."""
    match = CSRF_META.search(html)
    if not match:
        raise RuntimeError("page has no csrf-token meta tag (not logged in?)")
    return match.group(1)


def empty_postgres(url):
    """Drop every table: DROP SCHEMA public CASCADE; CREATE SCHEMA public."""
    db = make_database(url)
    with db.connection_context():
        db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    close_database(db)


def fresh_database(url):
    """Migrate the database from nothing (PostgreSQL is emptied first)."""
    if not url.startswith("sqlite"):
        empty_postgres(url)
    db = make_database(url)
    upgrade(db)
    close_database(db)


def percentile(samples, fraction):
    """The nearest-rank percentile of the samples (fraction 0.95 -> p95)."""
    ordered = sorted(samples)
    rank = max(1, round(fraction * len(ordered)))
    return ordered[rank - 1]


def summary_ms(seconds):
    """(median, p95) of timings in seconds, as milliseconds."""
    return statistics.median(seconds) * 1000, percentile(seconds, 0.95) * 1000


def markdown_table(header, rows):
    """A GitHub-flavoured markdown table as a string."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def cpu_busy_percent(seconds=1.0):
    """How busy all CPUs were over the next `seconds` (from /proc/stat), 0-100.

    Sampled while the benchmark itself is idle, it shows what other programs take.
    """
    def sample():
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
        idle = values[3] + values[4]  # idle + iowait
        return sum(values[:8]), idle
    try:
        total_before, idle_before = sample()
        time.sleep(seconds)
        total_after, idle_after = sample()
    except OSError:
        return float("nan")
    total = total_after - total_before
    return 100.0 * (total - (idle_after - idle_before)) / total if total else 0.0


def wait_for_quiet(threshold=25.0, max_wait=60.0):
    """Wait (at most max_wait seconds) until other programs leave the CPUs mostly idle.

    Returns how busy the CPUs were in the last second sampled, to print beside results.
    """
    deadline = time.monotonic() + max_wait
    busy = cpu_busy_percent()
    while busy > threshold and time.monotonic() < deadline:
        busy = cpu_busy_percent()
    return busy
