"""gunicorn settings for `make serve` (and any `gunicorn app:app` started in this folder).

Worker processes of two threads each: the processes let Python use every core, and the second
thread keeps a worker busy while the first waits on the database or a slow client. More threads
per process only fight over the GIL (entry POSTs on two cores: 2 workers x 8 threads 537 a
second, 3 x 2 765; docs/performance.md). On SQLite there is one worker per core plus one (at
most 4): a write holds the file's lock for well under a millisecond, and writers take turns
(journal.db). On PostgreSQL there are 2 x cores + 1 (at most 12), each with its own pool of
DATABASE_POOL_SIZE connections. WEB_CONCURRENCY sets the number on either engine;
GUNICORN_CMD_ARGS or command-line flags override all of this.
"""
import multiprocessing
import os

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith(("postgres://", "postgresql://"))
MAX_WORKERS = 12
MAX_SQLITE_WORKERS = 4


def _workers():
    configured = os.environ.get("WEB_CONCURRENCY", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    cores = multiprocessing.cpu_count()
    if not ON_POSTGRESQL:
        return min(cores + 1, MAX_SQLITE_WORKERS)
    return min(2 * cores + 1, MAX_WORKERS)


workers = _workers()
worker_class = "gthread"
threads = 2
timeout = 30
graceful_timeout = 20
keepalive = 5

# Entry text travels only in request bodies, which are never logged, except the search words
# of `?q=` on /timeline and /api/v1/entries. So the access log has the path without the query
# string (%(U)s, not %(r)s) and no Referer (same-origin referers carry the query string too).
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'


def on_starting(server):
    """Build the app once in the master before any worker starts: a missing VAPID_SUBJECT stops
    here with a clear message, and the secret key and VAPID key files are generated once rather
    than by several workers racing for them."""
    from journal import create_app
    create_app()
