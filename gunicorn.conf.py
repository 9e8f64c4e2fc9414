"""gunicorn settings for `make serve` (and any `gunicorn app:app` started in this folder).

SQLite takes one writer at a time, so on SQLite there is one worker process with threads; several
processes would only queue for the same lock. On PostgreSQL there are several workers
(WEB_CONCURRENCY, default 2 x cores + 1, at most 12), each with threads and its own pool of
DATABASE_POOL_SIZE connections. GUNICORN_CMD_ARGS or command-line flags override all of this.
"""
import multiprocessing
import os

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith(("postgres://", "postgresql://"))
MAX_WORKERS = 12


def _workers():
    if not ON_POSTGRESQL:
        return 1
    configured = os.environ.get("WEB_CONCURRENCY", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return min(2 * multiprocessing.cpu_count() + 1, MAX_WORKERS)


workers = _workers()
worker_class = "gthread"
threads = 8
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
