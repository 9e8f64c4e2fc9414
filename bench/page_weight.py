"""Page weight of the journal's main pages in Chromium: bytes over the network and requests.

Serves the app with gunicorn (one worker x eight threads, like `make serve`; Flask-Compress
compresses because Chromium sends Accept-Encoding) on a free port of 127.0.0.1, over a
temporary SQLite database. Signs one person up through the sign-up page, adds a handful of
entries through the JSON API, logs in through the login page, and then measures at a 360x800
viewport, for each page:

    /            the home page (entry form and today's entries)
    /timeline    the timeline
    /settings    the settings page
    /login       the login page, logged out
    /quick       the quick-entry page (kept by the service worker for offline use)
    /charts      the charts page (plotly.js's cartesian bundle, loaded once the first chart
                 is about to show; the server compresses it once, so brotli is made ready
                 beforehand, as it is a few seconds after the first request for it)

* FIRST load: a fresh browser context (empty cache, no service worker; only the session
  cookie is carried over) opens the page. Counted: what the page's own CDP session saw go
  over the network: the sum of `Network.loadingFinished.encodedDataLength` (compressed
  body + response headers) over requests whose `Network.responseReceived` is not
  `fromServiceWorker`, `fromDiskCache` or `fromPrefetchCache` and that were not served from
  the memory cache (`Network.requestServedFromCache`).
* WORKER INSTALL: what the service worker itself fetched during that first visit (/sw.js,
  its imported script, the precache), until it is ready and controls the page. Real
  traffic of a first visit, but not part of the page, so it has its own column.
* REPEAT load: the same context, worker active (`navigator.serviceWorker.ready`, page
  controlled), the page opened again. Counted: the page's network requests as above plus
  the worker's own network fetches while serving it (pages holding user data are
  network-first in the worker, so their HTML still travels).

The worker's requests are read through Playwright, which listens on the worker's CDP target
(a CDP session of our own can only be opened on pages). Every request of every target is
checked against the app's origin: the third-party count must be 0. gunicorn's access log
is read as a cross-check (requests that reached the server in each phase).

Aims: home page <= 25 KB on first load (compressed), < 5 KB on repeat load; charts page
<= 600 KB on first load; no third-party requests. 1 KB = 1,000 bytes.

    .venv/bin/python bench/page_weight.py [--details] [--lighthouse [--lighthouse-runs 3]]

--details lists every request of every page's first and repeat load. --lighthouse also runs
Lighthouse 12 (mobile; `npx --yes lighthouse@12.8.2`, fetched from the npm registry on first
use, about 190 MB in npm's cache; Lighthouse 13 needs Node >= 22.19) on the logged-in home
page and charts page with Debian's Chromium and prints their performance, accessibility and
best-practices scores (with --lighthouse-runs N: each page N times, one after the other, and
the median performance). Simulated throttling scales the CPU time it observes, so a busy
machine lowers the score. LIGHTHOUSE_REPORTS=dir keeps each JSON report. Aim: performance
>= 90 on both pages. Everything listens on 127.0.0.1 only; the server, the browser and the
temporary files are removed at the end.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from common import csrf_token_of, fresh_database, markdown_table

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 360, "height": 800}

EMAIL = "weight@example.org"
PASSWORD = "correct horse battery"
TIMEZONE = "Europe/Amsterdam"
# (days ago, text, tags, meaning): a handful of entries, three of them today.
ENTRIES = [
    (0, "Finished the intake checklist with Sam", ["intake"], 4),
    (0, "Explained the new budget sheet to the team in ten minutes", ["budget", "team"], 3),
    (0, "Untangled a tricky support ticket about duplicate invoices", ["support"], 5),
    (1, "Drafted the quarterly report's first section", ["report"], 3),
    (2, "Talked through the onboarding guide with Priya; she found two gaps", ["onboarding"], 4),
    (4, "Reviewed the retrospective notes and picked one thing to try", ["team"], 2),
]

# (label, path, logged in?)
PAGES = [
    ("home", "/", True),
    ("timeline", "/timeline", True),
    ("settings", "/settings", True),
    ("login (logged out)", "/login", False),
    ("quick", "/quick", True),
    ("charts", "/charts", True),
]
LIGHTHOUSE_PAGES = [("home", "/"), ("charts", "/charts")]

AIM_HOME_FIRST_KB = 25.0
AIM_HOME_REPEAT_KB = 5.0
AIM_CHARTS_FIRST_KB = 600.0
AIM_LIGHTHOUSE_PERFORMANCE = 90
QUIET_SECONDS = 0.75        # no new request for this long = the page has settled
SETTLE_LIMIT_SECONDS = 15   # ... or give up waiting after this long
LIGHTHOUSE = "lighthouse@12.8.2"
LIGHTHOUSE_TIMEOUT = 300
ACCESS_LOG_FORMAT = "%(m)s %(U)s %(s)s %(B)s"


def kb(n_bytes):
    """Bytes as KB (1 KB = 1,000 bytes), one decimal."""
    return f"{n_bytes / 1000:.1f}"


# -- the server ---------------------------------------------------------------------------

def free_port():
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(database_url, instance_path):
    """The environment the app reads its configuration from.

    JOURNAL_ENV stays `development`: `production` only marks cookies Secure (this is plain
    http) and prefers https in external URLs; compression and caching are the same.
    """
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url, "JOURNAL_INSTANCE_PATH": str(instance_path),
                "SECRET_KEY": "bench-secret", "RATELIMIT_ENABLED": "false",
                "JOURNAL_ENV": "development"})
    return env


def start_gunicorn(port, env, tmp):
    """gunicorn app:app on 127.0.0.1:port (1 worker x 8 threads, like `make serve`)."""
    command = [str(BIN / "gunicorn"), "--bind", f"{HOST}:{port}", "--workers", "1",
               "--threads", "8", "--log-level", "warning",
               "--access-logfile", str(tmp / "access.log"),
               "--access-logformat", ACCESS_LOG_FORMAT, "app:app"]
    log = open(tmp / "gunicorn.log", "ab")
    try:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log,
                                start_new_session=True)
    finally:
        log.close()


def wait_until_healthy(base_url, process, timeout=30):
    """Poll /healthz until it answers 200 (fail if gunicorn died or took too long)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy in time")


def stop(process, timeout=10):
    """SIGTERM the process group, SIGKILL it if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


class AccessLog:
    """gunicorn's access log, read phase by phase: what actually reached the server."""

    def __init__(self, path):
        self.path = path
        self.offset = 0

    def mark(self):
        """Forget everything logged so far."""
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def since_mark(self):
        """[(method, path, status, body bytes)] logged since the last mark."""
        if not self.path.exists():
            return []
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            lines = handle.read().decode(errors="replace").splitlines()
        rows = []
        for line in lines:
            method, path, status, size = (line.split() + ["", "", "", ""])[:4]
            rows.append((method, path, status, int(size) if size.isdigit() else 0))
        return rows


class WireTap:
    """A loopback TCP relay in front of gunicorn that counts the bytes sent to the browser.

    The browser talks to the relay's port; every byte the server sends back (status lines,
    headers, bodies: exactly what crosses the network) is counted, whichever target (page,
    service worker, the browser itself) asked for it.
    """

    def __init__(self, server_port):
        self.server_port = server_port
        self.listener = socket.create_server((HOST, 0))
        self.port = self.listener.getsockname()[1]
        self.received = 0
        self.lock = threading.Lock()
        self.sockets = set()
        threading.Thread(target=self._accept, daemon=True).start()

    def total(self):
        """Bytes sent by the server to the browser so far."""
        with self.lock:
            return self.received

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # the listener was closed
            try:
                server = socket.create_connection((HOST, self.server_port), timeout=30)
            except OSError:
                client.close()  # the browser sees a dropped connection
                continue
            with self.lock:
                self.sockets.update((client, server))
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _pump(self, source, target, count):
        try:
            while data := source.recv(65536):
                target.sendall(data)
                if count:
                    with self.lock:
                        self.received += len(data)
        except OSError:
            pass
        finally:  # either side hung up: close both
            for sock in (source, target):
                sock.close()

    def close(self):
        """Stop accepting and close every relayed connection."""
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                sock.close()


# -- measuring one page -------------------------------------------------------------------

class PageNetwork:
    """The network as the page's own CDP session sees it (Network domain)."""

    def __init__(self, page):
        self.requests = {}
        self.cdp = page.context.new_cdp_session(page)
        for event in ("requestWillBeSent", "responseReceived", "dataReceived",
                      "loadingFinished", "loadingFailed", "requestServedFromCache"):
            self.cdp.on(f"Network.{event}", getattr(self, "_" + event))
        self.cdp.send("Network.enable")

    def reset(self):
        self.requests = {}

    def _entry(self, request_id):
        return self.requests.setdefault(request_id, {
            "url": "", "type": "", "status": None, "encoding": "", "from": "network",
            "bytes": 0, "header_bytes": 0, "decoded": 0, "finished": False, "failed": False})

    def _requestWillBeSent(self, event):
        entry = self._entry(event["requestId"])
        entry["url"] = event["request"]["url"]
        entry["type"] = event.get("type", "")
        if event.get("redirectResponse"):  # the redirect itself travelled too
            self._add_redirect(event)

    def _add_redirect(self, event):
        response = event["redirectResponse"]
        hop = self._entry(event["requestId"] + "-redirect-" + str(len(self.requests)))
        hop.update(url=response["url"], type="Redirect", status=response["status"],
                   bytes=response.get("encodedDataLength", 0), finished=True,
                   header_bytes=response.get("encodedDataLength", 0))

    def _responseReceived(self, event):
        entry = self._entry(event["requestId"])
        response = event["response"]
        entry["status"] = response["status"]
        entry["type"] = event.get("type", entry["type"])
        headers = {name.lower(): value for name, value in response.get("headers", {}).items()}
        entry["encoding"] = headers.get("content-encoding", "")
        entry["header_bytes"] = response.get("encodedDataLength", 0)
        if response.get("fromServiceWorker"):
            entry["from"] = "service worker"
        elif response.get("fromDiskCache"):
            entry["from"] = "disk cache"
        elif response.get("fromPrefetchCache"):
            entry["from"] = "prefetch cache"

    def _dataReceived(self, event):
        self._entry(event["requestId"])["decoded"] += event.get("dataLength", 0)

    def _requestServedFromCache(self, event):
        self._entry(event["requestId"])["from"] = "memory cache"

    def _loadingFinished(self, event):
        entry = self._entry(event["requestId"])
        entry["bytes"] = event.get("encodedDataLength", 0)
        entry["finished"] = True

    def _loadingFailed(self, event):
        entry = self._entry(event["requestId"])
        entry["failed"] = True
        entry["finished"] = True

    def over_network(self):
        """Requests that went to the network (not the worker, not a cache)."""
        return [entry for entry in self.requests.values()
                if entry["from"] == "network" and not entry["url"].startswith("data:")]

    def all_urls(self):
        return [entry["url"] for entry in self.requests.values()]


class WorkerNetwork:
    """Requests the service worker itself made (Playwright listens on the worker's target)."""

    def __init__(self, context):
        self.requests = []
        context.on("request", self._on_request)

    def reset(self):
        self.requests = []

    def _on_request(self, request):
        if request.service_worker is not None:
            self.requests.append(request)

    def over_network(self):
        """The worker's requests that reached the network, with their sizes.

        Playwright takes the sizes from the worker target's CDP events: response headers +
        body = `Network.loadingFinished.encodedDataLength`, which is 0 for an answer from the
        HTTP cache (such requests are left out). Chromium under-reports the worker's own
        scripts (/sw.js: headers only; importScripts: nothing), so the first visit's worker
        traffic is taken from the wire instead; the repeat load's (a page's HTML) is exact.
        """
        rows = []
        for request in self.requests:
            response = request.response()
            if response is None or response.from_service_worker:
                continue
            sizes = request.sizes()
            total = sizes["responseHeadersSize"] + sizes["responseBodySize"]
            if total <= 0:
                continue
            rows.append({"url": request.url, "bytes": total, "status": response.status,
                         "header_bytes": sizes["responseHeadersSize"],
                         "encoding": response.all_headers().get("content-encoding", "")})
        return rows


class Recorder:
    """Everything one browser context fetches: the page's CDP view, the worker, the server."""

    def __init__(self, page, access_log, wire):
        self.page = page
        self.page_network = PageNetwork(page)
        self.worker_network = WorkerNetwork(page.context)
        self.access_log = access_log
        self.wire = wire
        self.wire_mark = 0
        self.context_urls = []  # every request of the context: pages and worker
        page.context.on("request", lambda request: self.context_urls.append(request.url))

    def start(self):
        """Begin a new phase."""
        self.page_network.reset()
        self.worker_network.reset()
        self.access_log.mark()
        self.wire_mark = self.wire.total()

    def activity(self):
        """A snapshot that changes while anything is still being fetched."""
        unfinished = sum(not e["finished"] for e in self.page_network.requests.values())
        return (len(self.page_network.requests), len(self.worker_network.requests),
                len(self.access_log.since_mark()), self.wire.total(), unfinished)

    def settle(self):
        """Wait until nothing new has been fetched for QUIET_SECONDS (bounded)."""
        deadline = time.monotonic() + SETTLE_LIMIT_SECONDS
        last, quiet_since = None, time.monotonic()
        while time.monotonic() < deadline:
            now = self.activity()
            if now != last:
                last, quiet_since = now, time.monotonic()
            elif now[-1] == 0 and time.monotonic() - quiet_since >= QUIET_SECONDS:
                return
            self.page.wait_for_timeout(100)

    def result(self):
        """Totals of the phase just recorded."""
        page = self.page_network.over_network()
        worker = self.worker_network.over_network()
        return {"page_bytes": sum(e["bytes"] for e in page), "page_requests": len(page),
                "worker_bytes": sum(e["bytes"] for e in worker), "worker_requests": len(worker),
                "page_detail": page, "worker_detail": worker,
                "served_locally": [e for e in self.page_network.requests.values()
                                   if e["from"] != "network"],
                "server": self.access_log.since_mark(),
                "wire_bytes": self.wire.total() - self.wire_mark}


WORKER_READY = """ms => Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise(resolve => setTimeout(() => resolve(false), ms))])"""


def wait_for_worker(page, timeout_ms=15000):
    """navigator.serviceWorker.ready, then until the worker controls the page (bounded)."""
    if not page.evaluate(WORKER_READY, timeout_ms):
        raise RuntimeError(f"no service worker ready on {page.url} after {timeout_ms} ms")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null",
                           timeout=timeout_ms)


def measure_page(browser, base_url, path, cookies, access_log, wire):
    """First and repeat load of one page in a fresh context.

    The first visit lasts until the service worker has installed (precached the shell) and
    controls the page, so its install traffic is part of `first` (worker requests, wire).
    Returns (first, repeat, URLs of every request of the context, URLs the page's CDP saw).
    """
    context = new_context(browser, base_url, storage_state={"cookies": cookies, "origins": []})
    try:
        page = context.new_page()
        recorder = Recorder(page, access_log, wire)

        recorder.start()
        page.goto(path, wait_until="load")
        wait_for_worker(page)
        recorder.settle()
        first = recorder.result()

        recorder.start()
        page.goto(path, wait_until="load")
        recorder.settle()
        repeat = recorder.result()
        if urlsplit(page.url).path != path:
            raise RuntimeError(f"{path} ended on {page.url} (not logged in?)")
        return first, repeat, recorder.context_urls, recorder.page_network.all_urls()
    finally:
        context.close()


def third_party(urls, base_url):
    """URLs that leave the app's origin (data: and blob: URLs stay on the phone)."""
    origin = urlsplit(base_url)
    return sorted({url for url in urls
                   if urlsplit(url).scheme not in ("data", "blob", "chrome-extension")
                   and (urlsplit(url).scheme, urlsplit(url).netloc)
                   != (origin.scheme, origin.netloc)})


# -- the person and their session ---------------------------------------------------------

def new_context(browser, base_url, **options):
    """A phone-sized (360x800) browser context on the app."""
    return browser.new_context(viewport=VIEWPORT, device_scale_factor=1, locale="en-GB",
                               timezone_id=TIMEZONE, base_url=base_url, **options)


def sign_up_with_entries(browser, base_url):
    """Sign up through the sign-up page, then add ENTRIES through the JSON API."""
    context = new_context(browser, base_url)
    try:
        page = context.new_page()
        page.goto("/language/en")
        page.goto("/signup")
        page.fill("input[name=display_name]", "Ana")
        page.fill("input[name=email]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.select_option("select[name=timezone]", TIMEZONE)
        page.locator("form button[type=submit]").click()
        page.wait_for_url("**/")
        token = csrf_token_of(page.content())
        today = date.fromisoformat(page.evaluate(
            "tz => new Intl.DateTimeFormat('en-CA', {timeZone: tz}).format(new Date())",
            TIMEZONE))
        for days_ago, text, tags, meaning in ENTRIES:
            body = {"text": text, "tags": tags, "meaning": meaning,
                    "day": (today - timedelta(days=days_ago)).isoformat()}
            response = context.request.post("/api/v1/entries", data=body,
                                             headers={"X-CSRFToken": token})
            if response.status != 201:
                raise RuntimeError(f"creating an entry answered {response.status}")
    finally:
        context.close()


def log_in(browser, base_url):
    """Log in through the login page; returns the cookies of the logged-in session."""
    context = new_context(browser, base_url)
    try:
        page = context.new_page()
        page.goto("/login")
        page.fill("input[name=email]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_url("**/")
        return context.cookies()
    finally:
        context.close()


# -- Lighthouse ---------------------------------------------------------------------------

def lighthouse_command(url, cookies, report):
    """npx lighthouse on url (mobile form factor, the default), logged in via a Cookie header."""
    cookie_header = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    return ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json",
            f"--output-path={report}", "--form-factor=mobile",
            "--only-categories=performance,accessibility,best-practices",
            "--extra-headers", json.dumps({"Cookie": cookie_header}),
            "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)]


def run_bounded(command, env, cwd, timeout):
    """Run a command in its own process group; kill the whole group if it overruns.

    Returns (exit code or None on timeout, output tail).
    """
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=10)
        return None, ""
    return process.returncode, " / ".join(output.strip().splitlines()[-5:])


def lighthouse_summary(data):
    """{label: shown value} from a Lighthouse JSON report: scores 0-100, key metrics."""
    audits = data["audits"]
    summary = {name: round(category["score"] * 100)
               for name, category in data["categories"].items()}
    summary["page measured"] = data.get("finalDisplayedUrl") or data.get("finalUrl")
    for audit in ("first-contentful-paint", "largest-contentful-paint", "speed-index",
                  "total-blocking-time", "cumulative-layout-shift", "total-byte-weight"):
        if audit in audits:
            summary[audit] = audits[audit].get("displayValue", "")
    weak = sorted({ref["id"] for category in data["categories"].values()
                   for ref in category["auditRefs"]
                   if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") is not None
                   and audits[ref["id"]]["score"] < 0.9})
    summary["weighted audits scoring below 90"] = ", ".join(weak) or "none"
    return summary


def run_lighthouse(base_url, cookies, tmp, path="/", run=1):
    """Lighthouse (mobile) on one logged-in page: a summary dict, or why it did not run."""
    if not shutil.which("npx"):
        return "npx is not installed"
    report = tmp / f"lighthouse-{re.sub(r'[^a-z0-9]+', '-', path)}-{run}.json"
    env = dict(os.environ, CHROME_PATH=CHROMIUM, npm_config_update_notifier="false",
               TMPDIR=str(tmp))  # Lighthouse's Chromium profile goes with the other temp files
    code, output = run_bounded(lighthouse_command(base_url + path, cookies, report), env, tmp,
                               LIGHTHOUSE_TIMEOUT)
    if code is None:
        return f"Lighthouse did not finish within {LIGHTHOUSE_TIMEOUT} s"
    if code != 0 or not report.exists():
        return f"Lighthouse failed (exit {code}): {output}"
    if os.environ.get("LIGHTHOUSE_REPORTS"):  # keep the full reports for a closer look
        Path(os.environ["LIGHTHOUSE_REPORTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(report, Path(os.environ["LIGHTHOUSE_REPORTS"]) / report.name)
    summary = lighthouse_summary(json.loads(report.read_text()))
    if urlsplit(summary["page measured"] or "").path != path:
        summary["warning"] = f"Lighthouse did not stay on {path} (not logged in?)"
    return summary


def run_lighthouse_pages(base_url, cookies, tmp, pages=LIGHTHOUSE_PAGES, runs=1):
    """[(label, path, [outcome of each run])]: Lighthouse on each page, `runs` times."""
    return [(label, path, [run_lighthouse(base_url, cookies, tmp, path, run)
                           for run in range(1, runs + 1)])
            for label, path in pages]


# -- plotly.js, compressed once by the server -----------------------------------------------

PLOTLY_URL = re.compile(r'"(/vendor/plotly[-\w]*-[0-9a-f]{12}\.js)"')


def plotly_path_of(base_url, cookies, path="/charts"):
    """The URL of plotly.js the charts page names (the page asked for over plain HTTP)."""
    cookie_header = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    request = urllib.request.Request(base_url + path, headers={"Cookie": cookie_header})
    with urllib.request.urlopen(request, timeout=30) as response:
        match = PLOTLY_URL.search(response.read().decode())
    if not match:
        raise RuntimeError(f"{path} names no /vendor/plotly-*.js (not logged in?)")
    return match.group(1)


def wait_for_brotli(base_url, plotly_path, timeout=120):
    """Ask for plotly.js with br until the server answers br (it compresses it once, in a
    background thread, after the first request): seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        request = urllib.request.Request(base_url + plotly_path,
                                         headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            if response.headers.get("Content-Encoding") == "br":
                return time.monotonic() - started
        time.sleep(0.5)
    raise RuntimeError("plotly.js was not served as brotli in time")


# -- reporting ----------------------------------------------------------------------------

def document_bytes(result):
    """(bytes over the wire, decoded bytes) of the page's HTML in a phase."""
    documents = [e for e in result["page_detail"] if e["type"] == "Document"]
    return sum(e["bytes"] for e in documents), sum(e["decoded"] for e in documents)


def repeat_bytes(repeat):
    """Bytes of a repeat load: the page's network requests + the worker's network fetches."""
    return repeat["page_bytes"] + repeat["worker_bytes"]


def summary_row(label, path, first, repeat):
    """One row of the main table."""
    return [f"{label} `{path}`", kb(first["page_bytes"]), first["page_requests"],
            kb(repeat_bytes(repeat)), repeat["page_requests"] + repeat["worker_requests"]]


def cross_check_row(label, path, first, repeat):
    """One row of the cross-check table: HTML size, the worker's install, the wire, the log."""
    html_wire, html_decoded = document_bytes(first)
    return [f"{label} `{path}`", f"{kb(html_wire)} ({kb(html_decoded)})",
            kb(first["wire_bytes"] - first["page_bytes"]), kb(first["wire_bytes"]),
            kb(repeat["wire_bytes"]), f"{len(first['server'])} / {len(repeat['server'])}"]


def print_report(results, third_party_urls, request_count):
    """The main table, the aims, the third-party check and the cross-check."""
    print(f"\nPage weight in Chromium at 360x800, gunicorn (1 worker x 8 threads) with "
          f"Flask-Compress on 127.0.0.1, {date.today().isoformat()}. KB = 1,000 bytes as "
          "transferred (compressed bodies + response headers).\n")
    print(markdown_table(["page", "first-load KB", "first-load requests", "repeat-load KB",
                          "repeat-load requests"],
                         [summary_row(label, path, first, repeat)
                          for label, path, (first, repeat) in results]))
    print("\nfirst = fresh context (no cache, no service worker), the page's own network "
          "requests (CDP); repeat = same context with the worker active: the page's network "
          "requests + the worker's network fetches (a network-first page's HTML).")

    home_first, home_repeat = results[0][2]
    first_kb = home_first["page_bytes"] / 1000
    repeat_kb = repeat_bytes(home_repeat) / 1000
    print("\nAims:")
    print(f"- home page first load <= {AIM_HOME_FIRST_KB:g} KB: {first_kb:.1f} KB -> "
          f"{'met' if first_kb <= AIM_HOME_FIRST_KB else 'NOT met'} "
          f"({home_first['wire_bytes'] / 1000:.1f} KB with the worker's install)")
    print(f"- home page repeat load < {AIM_HOME_REPEAT_KB:g} KB: {repeat_kb:.1f} KB -> "
          f"{'met' if repeat_kb < AIM_HOME_REPEAT_KB else 'NOT met'}")
    charts = [first for label, path, (first, _repeat) in results if path == "/charts"]
    for first in charts:
        charts_kb = first["page_bytes"] / 1000
        print(f"- charts page first load <= {AIM_CHARTS_FIRST_KB:g} KB: {charts_kb:.1f} KB -> "
              f"{'met' if charts_kb <= AIM_CHARTS_FIRST_KB else 'NOT met'}")
    print(f"- third-party requests: {len(third_party_urls)} of {request_count} requests made "
          f"by pages and the worker -> {'met' if not third_party_urls else 'NOT met'}")
    for url in third_party_urls:
        print(f"  - {url}")

    print("\nCross-check: HTML = the page's document as transferred (decoded size); worker "
          "install = wire - page on the first visit (sw.js, its imported script, the "
          "precache); wire = every byte the server sent during the visit, counted by a TCP "
          "relay; server = requests in gunicorn's access log.\n")
    print(markdown_table(["page", "HTML KB (decoded)", "worker install KB", "wire KB first",
                          "wire KB repeat", "server requests first / repeat"],
                         [cross_check_row(label, path, first, repeat)
                          for label, path, (first, repeat) in results]))
    for _label, path, (_, repeat) in results:
        if abs(repeat["wire_bytes"] - repeat_bytes(repeat)) > 200:
            print(f"note: {path} repeat load: CDP says {repeat_bytes(repeat)} bytes, the wire "
                  f"{repeat['wire_bytes']}")


def detail_rows(result, phase):
    """One markdown row per request of a phase (data: URLs left out)."""
    rows = [[phase, "page: network", urlsplit(e["url"]).path, e["type"], e["status"],
             e["encoding"] or "-", e["header_bytes"], e["bytes"], e["decoded"]]
            for e in result["page_detail"]]
    rows += [[phase, f"page: {e['from']}", urlsplit(e["url"]).path, e["type"], e["status"],
              e["encoding"] or "-", "-", 0, "-"]
             for e in result["served_locally"] if not e["url"].startswith("data:")]
    rows += [[phase, "worker: network", urlsplit(e["url"]).path, "-", e["status"],
              e["encoding"] or "-", e["header_bytes"], e["bytes"], "-"]
             for e in result["worker_detail"]]
    return rows


def print_details(label, path, first, repeat):
    """Every request of one page's first and repeat load, and what the server logged."""
    print(f"\n{label} `{path}`, request by request (bytes = as transferred, headers "
          "included; decoded = body after decompression; worker rows are Chromium's view, "
          "which leaves out the body of /sw.js and the scripts it imports):\n")
    print(markdown_table(["phase", "via", "path", "type", "status", "encoding",
                          "header bytes", "bytes", "decoded"],
                         detail_rows(first, "first") + detail_rows(repeat, "repeat")))
    print(f"\n{label} `{path}`, gunicorn's access log (body bytes; 0 for files gunicorn "
          "sends with sendfile):\n")
    print(markdown_table(["phase", "method", "path", "status", "body bytes"],
                         [[phase, *row] for phase, result in (("first", first),
                                                              ("repeat", repeat))
                          for row in result["server"]]))


def print_lighthouse(outcomes):
    """Lighthouse's scores (0-100) and key metrics of each page and run, or why it did not
    run; the median performance of each page against the aim."""
    for label, path, runs in outcomes:
        print(f"\nLighthouse ({LIGHTHOUSE}, mobile, simulated throttling) on the logged-in "
              f"{label} page `{path}`:")
        for number, outcome in enumerate(runs, 1):
            print(f"\nrun {number}:")
            if isinstance(outcome, str):
                print(f"not run: {outcome}")
                continue
            for name, value in outcome.items():
                print(f"- {name}: {value}")
    print("\nLighthouse performance (median of the runs; each run):\n")
    rows = []
    for label, path, runs in outcomes:
        scores = [run["performance"] for run in runs if isinstance(run, dict)]
        median = statistics.median(scores) if scores else None
        rows.append([f"{label} `{path}`", f"{median:g}" if scores else "-",
                     ", ".join(str(score) for score in scores) or "-",
                     "-" if median is None
                     else "met" if median >= AIM_LIGHTHOUSE_PERFORMANCE else "NOT met"])
    print(markdown_table(["page", "performance", "runs",
                          f">= {AIM_LIGHTHOUSE_PERFORMANCE}"], rows))


# -- main ---------------------------------------------------------------------------------

def measure_all(base_url, access_log, wire, args, tmp):
    """Seed, log in, measure every page (and run Lighthouse when asked).

    Returns (results, third-party URLs, number of requests checked, Lighthouse outcome).
    """
    from playwright.sync_api import sync_playwright
    results, context_urls, cdp_urls = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            sign_up_with_entries(browser, base_url)
            cookies = log_in(browser, base_url)
            # The first request for plotly.js starts its brotli; measure it once ready.
            wait_for_brotli(base_url, plotly_path_of(base_url, cookies))
            for label, path, logged_in in PAGES:
                first, repeat, page_urls, target_urls = measure_page(
                    browser, base_url, path, cookies if logged_in else [], access_log, wire)
                results.append((label, path, (first, repeat)))
                context_urls += page_urls
                cdp_urls += target_urls
                print(f"measured {path}", file=sys.stderr)
        finally:
            browser.close()
    lighthouse = (run_lighthouse_pages(base_url, cookies, tmp, runs=args.lighthouse_runs)
                  if args.lighthouse else None)
    return (results, third_party(context_urls + cdp_urls, base_url), len(context_urls),
            lighthouse)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true",
                        help="list every request of every page's first and repeat load")
    parser.add_argument("--lighthouse", action="store_true",
                        help=f"also run Lighthouse (npx {LIGHTHOUSE}) on the home and "
                             "charts pages")
    parser.add_argument("--lighthouse-runs", type=int, default=1, metavar="N",
                        help="Lighthouse runs per page (the median performance is reported)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="journal-weight-") as tmp:
        tmp = Path(tmp)
        database_url = f"sqlite:///{tmp / 'journal.sqlite3'}"
        fresh_database(database_url)
        port = free_port()
        server = start_gunicorn(port, server_env(database_url, tmp / "instance"), tmp)
        wire = None
        try:
            wait_until_healthy(f"http://{HOST}:{port}", server)
            wire = WireTap(port)
            access_log = AccessLog(tmp / "access.log")
            results, third, count, lighthouse = measure_all(
                f"http://{HOST}:{wire.port}", access_log, wire, args, tmp)
        finally:
            if wire:
                wire.close()
            stop(server)
        print_report(results, third, count)
        if args.details:
            for label, path, (first, repeat) in results:
                print_details(label, path, first, repeat)
        if args.lighthouse:
            print_lighthouse(lighthouse)


if __name__ == "__main__":
    main()
