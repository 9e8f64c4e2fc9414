"""Throughput of POST /api/v1/entries under gunicorn, driven by wrk over loopback.

For each engine (a temporary SQLite file always; PostgreSQL too when
JOURNAL_BENCH_DATABASE_URL is set, whose public schema is DROPPED and rebuilt) and each
gunicorn configuration:

1. migrate a fresh database with `.venv/bin/flask --app app db upgrade`;
2. start `.venv/bin/gunicorn app:app` on 127.0.0.1 (JOURNAL_ENV=production, rate limits off);
3. sign up one user over HTTP and keep its session cookie and CSRF token;
4. warm up for 2 s, then run wrk for --duration seconds (15 by default) with a lua
   script that POSTs a JSON entry and counts 201 responses;
5. stop gunicorn gracefully and check that the entry table grew by exactly the number of
   201 responses (plus at most the requests wrk left in flight when it stopped).

Prints a markdown table: 201 responses a second, latency (median, p99), non-201 responses,
socket errors, the row check, and how much CPU other programs took meanwhile (on a shared
machine that explains most of the spread; --repeat N keeps the least disturbed of N runs).
Aim (journal core): >= 1,000 entry POSTs a second on this 2-core machine.
Everything listens on 127.0.0.1 only and every process started here is stopped at the end.

    .venv/bin/python bench/post_load.py [--duration 15] [--connections 16]
        [--configs sync:2,sync:4,gthread:1x8] [--repeat 1] [--app app:app]
    JOURNAL_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/post_load.py
"""
import argparse
import functools
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

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

from journal.db import close_database, make_database

# The virtualenv's tools: the repository's .venv, else the one running this script.
BIN = ROOT / ".venv" / "bin" if (ROOT / ".venv" / "bin").is_dir() else Path(sys.executable).parent
HOST = "127.0.0.1"
AIM_RPS = 1000
WARMUP_SECONDS = 2
PASSWORD = "correct horse battery"
ENTRY = {"text": "Load-tested the entry API with Sam", "tags": ["bench"], "meaning": 3}

# Tried by default: "sync:N" = N sync workers, "gthread:NxT" = N workers of T threads each;
# "serve" = gunicorn.conf.py, exactly as `make serve` runs the app.
SERVE = ("serve", 0, 0)
SQLITE_CONFIGS = ["serve", "sync:2", "sync:3", "sync:4", "gthread:1x4", "gthread:1x8",
                  "gthread:2x4"]
POSTGRES_CONFIGS = ["serve", "sync:2", "sync:3", "sync:4", "gthread:2x4"]

WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = %(body)s
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = %(cookie)s
wrk.headers["X-CSRFToken"] = %(token)s
wrk.headers["Accept-Encoding"] = "gzip, deflate, br, zstd"

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) created = 0; other = 0 end
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); o = o + t:get("other") end
  local e = summary.errors
  io.write(string.format(
    "RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    c, o, e.connect, e.read, e.write, e.timeout, latency:percentile(50),
    latency:percentile(99), latency.max))
end
"""


# -- gunicorn --------------------------------------------------------------------------

def parse_config(text):
    """'sync:3' -> ('sync', 3, 1); 'gthread:2x4' -> ('gthread', 2, 4); 'serve' -> gunicorn.conf.py
    as `make serve` runs it."""
    if text == "serve":
        return SERVE
    kind, _, size = text.partition(":")
    workers, _, threads = size.partition("x")
    if kind not in ("sync", "gthread") or not workers.isdigit():
        raise argparse.ArgumentTypeError(f"use sync:N or gthread:NxT, not {text!r}")
    return kind, int(workers), int(threads or 1)


def config_label(config):
    """('gthread', 2, 4) -> '2 gthread x 4 threads' for the table."""
    if config == SERVE:
        return "make serve (gunicorn.conf.py)"
    kind, workers, threads = config
    return f"{workers} sync" if kind == "sync" else f"{workers} gthread x {threads} threads"


def free_port():
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(database_url, instance_path):
    """The environment the app reads its configuration from."""
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url,
        "JOURNAL_INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": "bench-secret",
        "RATELIMIT_ENABLED": "false",
        "JOURNAL_ENV": "production",
    })
    env.setdefault("VAPID_SUBJECT", "mailto:bench@example.org")  # production insists on one
    return env


def migrate(env):
    """`flask --app app db upgrade` with the server's environment."""
    subprocess.run([str(BIN / "flask"), "--app", "app", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL, timeout=60)


def start_gunicorn(config, port, env, log_path, app_module="app:app"):
    """Start gunicorn in its own process group; returns the Popen."""
    if config == SERVE:
        settings = ["--config", "gunicorn.conf.py", "--access-logfile", "/dev/null"]
    else:
        kind, workers, threads = config
        settings = ["--workers", str(workers), "--worker-class", kind, "--threads", str(threads)]
    command = [str(BIN / "gunicorn"), "--bind", f"{HOST}:{port}", *settings, "--log-level",
               "warning", "--graceful-timeout", "10", app_module]
    log = open(log_path, "ab")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log,
                            start_new_session=True)


def wait_until_healthy(port, process, timeout=30):
    """Poll /healthz until it answers 200 (or fail if gunicorn died or took too long)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            if Browser(port).request("GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy in time")


def stop(process, timeout=15):
    """SIGTERM gunicorn (it finishes in-flight requests), SIGKILL its group if it lingers."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


# -- a logged-in client -----------------------------------------------------------------

class Browser:
    """A tiny cookie-keeping HTTP client for the login dance (no redirects followed)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
        headers = {"Cookie": self.cookie_header()} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode()
        finally:
            connection.close()

    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


def signed_up_session(port):
    """Sign a new user up over HTTP; returns (Cookie header, CSRF token) for the API."""
    browser = Browser(port)
    token = csrf_token_of(browser.request("GET", "/signup")[1])
    status, _ = browser.request("POST", "/signup", form={
        "csrf_token": token, "email": "load@example.org", "password": PASSWORD,
        "display_name": "Load", "timezone": "UTC", "language": "en"})
    if status != 302:
        raise RuntimeError(f"sign-up answered {status}, expected 302")
    token = csrf_token_of(browser.request("GET", "/")[1])
    return browser.cookie_header(), token


# -- load generators --------------------------------------------------------------------

def find_wrk():
    """The wrk binary; installed with apt-get when missing and possible, else None."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, timeout=300,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return shutil.which("wrk")


def run_wrk(wrk, port, cookie, token, seconds, connections, script_path):
    """Drive POSTs with wrk; returns a dict of results (latencies in ms)."""
    script_path.write_text(WRK_SCRIPT % {"body": lua_string(json.dumps(ENTRY)),
                                         "cookie": lua_string(cookie),
                                         "token": lua_string(token)})
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
               "-s", str(script_path), f"http://{HOST}:{port}/api/v1/entries"]
    output = subprocess.run(command, capture_output=True, text=True, check=True,
                            timeout=seconds + 60).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    (requests, duration_us, created, other, e_connect, e_read, e_write, e_timeout,
     p50_us, p99_us, max_us) = (int(value) for value in line.split()[1:])
    return {"requests": requests, "seconds": duration_us / 1e6, "created": created,
            "other": other, "socket_errors": e_connect + e_read + e_write + e_timeout,
            "p50": p50_us / 1000, "p99": p99_us / 1000, "max": max_us / 1000}


def lua_string(text):
    """A Lua string literal (JSON string escapes are valid Lua escapes for this text)."""
    return json.dumps(text)


def run_python_load(port, cookie, token, seconds, connections, _script_path=None):
    """Fallback when wrk is unavailable: keep-alive threads (slower; reads low)."""
    body = json.dumps(ENTRY)
    headers = {"Content-Type": "application/json", "Cookie": cookie, "X-CSRFToken": token,
               "Accept-Encoding": "gzip, deflate, br, zstd"}
    latencies, counts, lock = [], {"created": 0, "other": 0, "errors": 0}, threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                connection.request("POST", "/api/v1/entries", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                key = "created" if response.status == 201 else "other"
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=5)
                key = "errors"
            with lock:
                counts[key] += 1
                latencies.append(time.perf_counter() - start)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ms = [value * 1000 for value in latencies] or [0]
    return {"requests": counts["created"] + counts["other"], "created": counts["created"],
            "seconds": time.monotonic() - started, "other": counts["other"],
            "socket_errors": counts["errors"], "p50": percentile(ms, 0.5),
            "p99": percentile(ms, 0.99), "max": max(ms)}


# -- one measurement --------------------------------------------------------------------

def count_entries(database_url):
    """Rows in the entry table, read directly from the database."""
    db = make_database(database_url)
    try:
        with db.connection_context():
            return db.execute_sql('SELECT COUNT(*) FROM "entry"').fetchone()[0]
    finally:
        close_database(db)


def settled_count(database_url, timeout=15):
    """The entry count once it stops growing (the warm-up's last requests have finished)."""
    deadline = time.monotonic() + timeout
    count = count_entries(database_url)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        previous, count = count, count_entries(database_url)
        if count == previous:
            break
    return count


def measure(engine, database_url, config, args, load, tmp):
    """Fresh database, gunicorn, sign-up, warm-up, load, stop, verify; returns a result."""
    env = server_env(database_url, tmp / "instance")
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(database_url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        empty_postgres(database_url)
    migrate(env)
    port = free_port()
    server = start_gunicorn(config, port, env, tmp / "gunicorn.log", args.app)
    try:
        wait_until_healthy(port, server)
        cookie, token = signed_up_session(port)
        load(port, cookie, token, WARMUP_SECONDS, args.connections, tmp / "post.lua")
        before = settled_count(database_url)
        wait_for_quiet(args.quiet_below, args.quiet_wait)  # gunicorn is idle now
        with OtherPrograms(lambda: process_tree(server.pid)) as others:
            result = load(port, cookie, token, args.duration, args.connections,
                          tmp / "post.lua")
    finally:
        stop(server)
    result["rows"] = count_entries(database_url) - before
    result.update(engine=engine, config=config, others=others.percent)
    return result


def verdict(result, connections):
    """Whether every request succeeded and the table holds exactly the entries answered 201."""
    in_flight = result["rows"] - result["created"]
    clean = result["other"] == 0 and result["socket_errors"] == 0
    if clean and in_flight == 0:
        return "ok: rows = 201s"
    if clean and 0 < in_flight <= connections:
        return f"ok: rows = 201s + {in_flight} in flight at stop"
    return f"MISMATCH: {result['rows']} rows, {result['created']} 201s"


def table_row(result, connections):
    rps = result["created"] / result["seconds"]
    return [result["engine"], config_label(result["config"]), f"{rps:,.0f}",
            f"{result['p50']:.1f}", f"{result['p99']:.1f}", result["other"],
            result["socket_errors"], verdict(result, connections),
            f"{result['others']:.0f}%", "yes" if rps >= AIM_RPS else "no"]


def least_disturbed(results):
    """Of repeated runs, the one other programs took the least CPU from."""
    return min(results, key=lambda r: (r["others"], -r["created"] / r["seconds"]))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per run (15)")
    parser.add_argument("--connections", type=int, default=16, help="open connections (16)")
    parser.add_argument("--configs", type=lambda s: [parse_config(c) for c in s.split(",")],
                        help="gunicorn settings to try, e.g. sync:2,sync:4,gthread:1x8")
    parser.add_argument("--quiet-below", type=float, default=25, metavar="PERCENT",
                        help="before each run, wait until other programs keep the CPUs below "
                             "this busy percentage (default 25) ...")
    parser.add_argument("--quiet-wait", type=float, default=20, metavar="SECONDS",
                        help="... but no longer than this (default 20; 0 = never wait)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per configuration; the least disturbed one is reported "
                             "(default 1)")
    parser.add_argument("--app", default="app:app",
                        help="WSGI app for gunicorn (default app:app); another module on "
                             "PYTHONPATH lets you try a change without editing the app")
    parser.add_argument("--python-load", action="store_true",
                        help="use the Python load generator even when wrk is there")
    return parser.parse_args(argv)


def load_generator(args):
    """(name, function) of the load generator to use: wrk, else the Python fallback."""
    wrk = None if args.python_load else find_wrk()
    if wrk:
        return "wrk", functools.partial(run_wrk, wrk)
    print("using the Python load generator (slower; it competes with the server for the "
          "CPUs, so it reads low)", file=sys.stderr)
    return "Python", run_python_load


def run_all(args, load, tmp):
    """Measure every engine and configuration; returns (table rows, best per engine)."""
    engines = [("sqlite", f"sqlite:///{tmp / 'journal.sqlite3'}", SQLITE_CONFIGS)]
    if postgres_url():
        engines.append(("postgresql", postgres_url(), POSTGRES_CONFIGS))
    rows, best = [], {}
    for engine, url, defaults in engines:
        for config in args.configs or [parse_config(c) for c in defaults]:
            try:
                result = least_disturbed(
                    measure(engine, url, config, args, load, tmp) for _ in range(args.repeat))
            except (RuntimeError, OSError, StopIteration, subprocess.SubprocessError) as error:
                rows.append([engine, config_label(config), f"failed: {error!r}"[:80]]
                            + [""] * 7)
                log = tmp / "gunicorn.log"
                print(log.read_text()[-2000:] if log.exists() else "", file=sys.stderr)
                continue
            rows.append(table_row(result, args.connections))
            print(" | ".join(str(cell) for cell in rows[-1]), file=sys.stderr)
            rps = result["created"] / result["seconds"]
            if rps > best.get(engine, (0, None, None))[0]:
                best[engine] = (rps, config, result["others"])
    return rows, best


def report(args, generator, rows, best):
    repeats = f", least disturbed of {args.repeat} runs" if args.repeat > 1 else ""
    print(f"\nPOST /api/v1/entries, {args.duration} s per run{repeats} after a {WARMUP_SECONDS} s "
          f"warm-up, {args.connections} connections, {generator} load generator, "
          f"{date.today().isoformat()}, {revision()} (aim: >= {AIM_RPS:,} requests/s; "
          f"\"others' CPU\" is the share of the machine's CPU that programs other than this "
          f"benchmark, gunicorn and wrk used during the run)\n")
    print(markdown_table(["engine", "gunicorn", "201/s", "median ms", "p99 ms", "non-201",
                          "socket errors", "rows check", "others' CPU", "aim met"], rows))
    for engine, (rps, config, others) in best.items():
        print(f"\nBest on {engine}: {config_label(config)}, {rps:,.0f} entry POSTs/s "
              f"(others' CPU {others:.0f}%)")


def _interrupt(_signum, _frame):
    """On SIGTERM, unwind like Ctrl-C, so every `finally` stops the gunicorn it started."""
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    generator, load = load_generator(args)
    with tempfile.TemporaryDirectory(prefix="journal-load-") as tmp:
        rows, best = run_all(args, load, Path(tmp))
    report(args, generator, rows, best)


if __name__ == "__main__":
    main()
