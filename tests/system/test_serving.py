"""Production serving: gunicorn with gunicorn.conf.py, as `make serve` runs it. The health check
answers through it, and neither the access log nor the error log ever holds what people wrote,
not even the search words of `?q=`."""
import http.client
import json
import os
import re
import runpy
import signal
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from journal.db import close_database, make_database, upgrade
from tests.conftest import PASSWORD, csrf_token_of

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "gunicorn.conf.py"


class Browser:
    """A tiny HTTP client that keeps cookies even though they are `Secure` (production mode)
    and the test talks plain HTTP on loopback."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, data.decode("utf-8", "replace")

SQLITE_WORKERS = min(os.cpu_count() + 1, 4)  # gunicorn.conf.py: one per core and one more


def start_gunicorn(tmp_path, extra_env=None):
    """gunicorn on a free loopback port against a migrated SQLite file; returns the process,
    its port and the paths of its stdout (access log) and stderr (error log)."""
    url = f"sqlite:///{tmp_path / 'journal.sqlite3'}"
    db = make_database(url)
    upgrade(db)
    close_database(db)
    env = {key: value for key, value in os.environ.items()
           if key not in ("SECRET_KEY", "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS")}
    env.update({"DATABASE_URL": url, "JOURNAL_ENV": "production",
                "JOURNAL_INSTANCE_PATH": str(tmp_path / "instance"),
                "VAPID_SUBJECT": "mailto:ops@example.org"}, **(extra_env or {}))
    out, err = tmp_path / "access.log", tmp_path / "error.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(CONF), "--bind", "127.0.0.1:0",
         "app:app"],
        cwd=ROOT, env=env, stdout=out.open("wb"), stderr=err.open("wb"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", err.read_text())
        if found and "Booting worker" in err.read_text():
            return process, int(found.group(1)), out, err
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    pytest.fail("gunicorn did not start:\n" + err.read_text())


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_gunicorn_serves_and_its_logs_never_hold_entry_text(tmp_path):
    marker = "zwoeltje" + uuid.uuid4().hex[:8]
    process, port, access_log, error_log = start_gunicorn(tmp_path)
    try:
        browser = Browser(port)
        status, body = browser.request("GET", "/healthz")
        assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}

        status, page = browser.request("GET", "/signup")
        form = {"csrf_token": csrf_token_of(page), "email": "ana@example.org",
                "password": PASSWORD, "display_name": "Ana", "timezone": "Europe/Amsterdam",
                "language": "en"}
        status, _ = browser.request("POST", "/signup", urlencode(form),
                                    {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302
        status, page = browser.request("GET", "/")
        token = csrf_token_of(page)
        status, body = browser.request(
            "POST", "/api/v1/entries", json.dumps({"text": f"Talked with Sam about {marker}"}),
            {"Content-Type": "application/json", "X-CSRFToken": token})
        assert status == 201, body
        status, page = browser.request("GET", f"/timeline?q={marker}")
        assert status == 200 and marker in page, "the search found the entry"
        status, body = browser.request("GET", f"/api/v1/entries?q={marker}&limit=5")
        assert status == 200 and len(json.loads(body)["items"]) == 1
        status, _ = browser.request("GET", f"/nowhere?q={marker}")
        assert status == 404
    finally:
        stop(process)

    access, errors = access_log.read_text(), error_log.read_text()
    assert '"GET /healthz HTTP/1.1" 200' in access
    assert '"GET /timeline HTTP/1.1" 200' in access
    assert '"GET /api/v1/entries HTTP/1.1" 200' in access
    assert '"POST /api/v1/entries HTTP/1.1" 201' in access
    assert marker not in access and marker not in errors
    assert "?q=" not in access
    assert errors.count("Booting worker") == SQLITE_WORKERS, "SQLite: a worker per core, +1"
    assert "gthread" in errors


def test_a_missing_vapid_subject_stops_the_start_with_a_clear_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'journal.sqlite3'}"
    env = {key: value for key, value in os.environ.items() if key != "VAPID_SUBJECT"}
    env.update({"DATABASE_URL": url, "JOURNAL_ENV": "production",
                "JOURNAL_INSTANCE_PATH": str(tmp_path / "instance")})
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", str(CONF), "--bind", "127.0.0.1:0",
         "app:app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Set VAPID_SUBJECT" in result.stderr


@pytest.mark.parametrize("url, concurrency, expected", [
    ("sqlite:////srv/journal.sqlite3", None, SQLITE_WORKERS),
    ("sqlite:////srv/journal.sqlite3", "3", 3),
    ("", None, SQLITE_WORKERS),
    ("postgresql://journal@db/journal", "5", 5),
    ("postgres://journal@db/journal", "3", 3),
    ("postgresql://journal@db/journal", None, min(2 * os.cpu_count() + 1, 12)),
])
def test_workers_are_one_per_core_on_sqlite_and_more_on_postgresql(monkeypatch, url, concurrency,
                                                              expected):
    monkeypatch.setenv("DATABASE_URL", url)
    if concurrency is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", concurrency)
    settings = runpy.run_path(str(CONF))
    assert settings["workers"] == expected
    assert settings["threads"] > 1 and settings["worker_class"] == "gthread"
    assert "%(r)s" not in settings["access_log_format"], "the request line has the query"
    assert "%(q)s" not in settings["access_log_format"]
    assert "%(f)s" not in settings["access_log_format"], "a same-origin Referer has it too"


def test_make_serve_runs_gunicorn_in_production_mode_with_the_config():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "JOURNAL_ENV=production" in recipe
    assert "gunicorn --config gunicorn.conf.py" in recipe
    assert "--workers" not in recipe, "the config decides the number of workers"
