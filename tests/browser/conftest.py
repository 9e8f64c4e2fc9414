"""Browser tests: Debian's Chromium driven by Playwright against the app on 127.0.0.1."""
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from journal.clock import utcnow
from journal.db import close_database, make_database, upgrade

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HOW_TO_ENABLE = "install Debian's Chromium to run browser tests: apt-get install -y chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    """Without Chromium these tests skip and say how to enable them; in CI they must run."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI needs Chromium at {CHROMIUM}: {HOW_TO_ENABLE}")
    marker = pytest.mark.skipif(True, reason=HOW_TO_ENABLE)
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(marker)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Browser tests run on SQLite only: they prove what happens in the browser, while the
    routes, API and dispatcher they drive are proven on both engines by the other tests (and
    running them twice would double the suite's time)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'journal.sqlite3'}"
    db = make_database(url)
    upgrade(db)
    close_database(db)
    return url


@pytest.fixture
def clock():
    """Browser tests run on the real clock: the page's own date must agree with the server's."""
    return utcnow


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def close_after_last_chunk(wsgi_app):
    """Close each response as soon as its last chunk is written. Werkzeug's development server
    skips close() when the browser resets the connection after a redirect, and so, now and
    then, lost the work the app runs once the response is done (the mail sent right after
    sign-up waited for a dispatcher tick that a test never has). Gunicorn, which serves the
    app in production, always calls close()."""
    def wrapped(environ, start_response):
        body = wsgi_app(environ, start_response)

        def chunks():
            try:
                yield from body
            finally:
                if hasattr(body, "close"):
                    body.close()
        return chunks()
    return wrapped


@pytest.fixture
def live_server(app):
    """The app served by a real HTTP server on a free loopback port."""
    server = make_server("127.0.0.1", 0, close_after_last_chunk(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized browser context (360×800) that opens pages of the live server."""
    contexts = []

    def open_context(locale="en-GB", timezone_id="Europe/Amsterdam", **options):
        context = browser.new_context(viewport={"width": 360, "height": 800},
                                      device_scale_factor=1, locale=locale,
                                      timezone_id=timezone_id, base_url=live_server, **options)
        contexts.append(context)
        return context.new_page()

    yield open_context
    for context in contexts:
        context.close()


def sign_up(page, email="ana@example.org", name="Ana", language="en"):
    """Create an account through the sign-up page; ends on the home page."""
    page.goto(f"/language/{language}")
    page.goto("/signup")
    page.fill("input[name=display_name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/")


def log_in(page, email="ana@example.org"):
    """Log in through the login page; ends on the home page."""
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/")


def wait_for_worker(page):
    """Wait until the service worker is active and controls the page.

    clients.claim() can miss a page whose navigation was in flight while the
    worker activated (a Chromium race); such a page is controlled from its next
    load, which is what a person would see too, so reload once in that case.
    """
    page.wait_for_function("() => navigator.serviceWorker.ready.then(() => true)", timeout=15000)
    if page.evaluate("() => navigator.serviceWorker.controller === null"):
        page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)


def eventually(check, page, timeout=15.0):
    """Wait (letting the page run) until check() is true on the server side."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        page.wait_for_timeout(200)


def screenshot(page, name):
    """Write a full-page screenshot as a test artefact (test-artifacts/<name>.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
