"""Helpers shared by the benchmarks in bench/ (not part of the app, not tests)."""
import os
import re
import resource
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from journal.db import close_database, make_database, upgrade

# PostgreSQL to benchmark as well; its public schema is DROPPED and rebuilt on every run.
PG_URL_ENV = "JOURNAL_BENCH_DATABASE_URL"
PROTECTED_DATABASES = {"test"}  # the test suite's database is never touched

ROOT = Path(__file__).resolve().parent.parent
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def postgres_url():
    """The PostgreSQL URL to benchmark, or None (only SQLite is measured then)."""
    url = os.environ.get(PG_URL_ENV) or None
    if url and urlsplit(url).path.lstrip("/") in PROTECTED_DATABASES:
        raise SystemExit(f"{PG_URL_ENV} points at a protected database; use e.g. .../bench_core")
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


def revision():
    """The commit measured, marked when the working tree had changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "journal", "templates"],
                               cwd=ROOT, text=True, capture_output=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    return f"commit {head}" + (" + uncommitted app changes" if dirty else "")


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


# -- how much CPU other programs took ---------------------------------------------------

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def _system_ticks():
    """(all, busy) CPU ticks of the whole machine so far, from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:9]]
    return sum(values), sum(values) - values[3] - values[4]  # minus idle and iowait


def cpu_busy_percent(seconds=1.0):
    """How busy the machine's CPUs were over the next `seconds`, 0-100."""
    try:
        total_0, busy_0 = _system_ticks()
        time.sleep(seconds)
        total_1, busy_1 = _system_ticks()
    except OSError:
        return float("nan")
    return 100.0 * (busy_1 - busy_0) / (total_1 - total_0) if total_1 > total_0 else 0.0


def wait_for_quiet(threshold=25.0, max_wait=60.0):
    """Wait (at most max_wait seconds) until the CPUs are at most `threshold` percent busy.

    Called while the benchmark itself is idle, so what it sees is other programs.
    """
    deadline = time.monotonic() + max_wait
    while cpu_busy_percent() > threshold and time.monotonic() < deadline:
        pass


def _process_ticks(pid):
    """user + system CPU ticks of one live process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def process_tree(pid):
    """The pid and every live descendant (gunicorn's master and its workers)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += children.get(current, [])
    return tree


def _own_ticks(pids):
    """CPU ticks of this process, its finished children (wrk) and the given live ones."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    seconds = sum(u.ru_utime + u.ru_stime for u in usage)
    return seconds * TICKS_PER_SECOND + sum(_process_ticks(pid) for pid in pids)


class OtherPrograms:
    """Measures the share of the machine's CPU other programs used while a block ran.

    `own_pids` returns the pids of live helpers of ours (e.g. gunicorn's tree); this
    process and children it has waited for (wrk) are counted as ours automatically.
    Use: `with OtherPrograms() as others: ...`, then `others.percent`.
    """

    def __init__(self, own_pids=lambda: []):
        self.own_pids = own_pids
        self.percent = float("nan")

    def __enter__(self):
        try:
            self.pids = self.own_pids()
            self.start = _system_ticks(), _own_ticks(self.pids)
        except OSError:
            self.start = None
        return self

    def __exit__(self, *_exc):
        if self.start is None:
            return
        (total_0, busy_0), own_0 = self.start
        total_1, busy_1 = _system_ticks()
        own = _own_ticks(self.pids) - own_0
        if total_1 > total_0:
            self.percent = max(0.0, 100.0 * (busy_1 - busy_0 - own) / (total_1 - total_0))
