"""Charts with five years of one person's journal: build time per chart, and page weight.

Seeds one user on a temporary SQLite file (and on JOURNAL_BENCH_DATABASE_URL's PostgreSQL
too when set: its public schema is dropped and rebuilt) with ~3,650 entries over five
years (three in five rated for how meaningful), 260 weekly reviews and 40 goals moved to
the inner circle. Then, in-process:

* query + build: journal.charts.queries.charts_of(user, [name], range, today) inside a
  request context: the chart's queries, the figure and its summary, in English;
* build only: journal.charts.figures.build(name, data, period) on data loaded once;
* API: GET /api/v1/charts/<name>?range=... through Flask's test client, logged in,
  asking for br/gzip as browsers do (JSON encoding and compression included);
* page: GET /charts?range=... (all five charts in one page).

Median and p95 over --iterations runs after a warm-up, each chart after waiting (up to
20 s) for the CPUs to be mostly idle. Aim: < 50 ms for each chart's query + build over
five years (range=all).

Then (skipped with --no-browser) the charts page's weight in Debian's Chromium at 360x800,
reusing bench/page_weight.py: gunicorn (1 worker x 8 threads), a fresh context for the
first load (plotly.js included; brotli is made ready beforehand, as it is a few seconds
after the first request for it), the same context with the service worker active for the
repeat load; and how many charts are drawn before and after scrolling to the end (they are
drawn as they come into view). Aims: <= 600 KB first load, <= 10 KB repeat load (1 KB =
1,000 bytes). With --lighthouse, Lighthouse (mobile, as bench/page_weight.py runs it) on
the charts page of these five years, --lighthouse-runs times (median reported); aim >= 90.

    .venv/bin/python bench/charts.py [--iterations 50] [--no-browser | --page-only]
                                     [--lighthouse [--lighthouse-runs 3]]

--page-only skips the build times (minutes of waiting for a quiet CPU) and measures the page.
"""
import argparse
import random
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import brotli
from common import (
    csrf_token_of,
    fresh_database,
    markdown_table,
    postgres_url,
    summary_ms,
    wait_for_quiet,
)
from peewee import SqliteDatabase

from journal import create_app
from journal.charts import figures as charts
from journal.charts import periods as chart_periods
from journal.charts.queries import chart_data, charts_of, first_day
from journal.clock import local_today
from journal.db import close_database, database
from journal.models import Entry, Goal, Review, User
from journal.models.user import hash_password
from journal.weeks import week_of

EMAIL = "weight@example.org"  # page_weight.log_in logs in as this person
PASSWORD = "correct horse battery"
TIMEZONE = "Europe/Amsterdam"
YEARS = 5
ENTRIES = 3650
REVIEWS = 260
GOALS = 40
AIM_BUILD_MS = 50.0
AIM_FIRST_KB = 600.0
AIM_REPEAT_KB = 10.0
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


# -- five years of one journal ------------------------------------------------------------

def seed(app, today, seed_value=2026):
    """One user with ENTRIES entries, REVIEWS weekly reviews and GOALS goals moved inward."""
    rng = random.Random(seed_value)
    span = YEARS * 365
    with app.app_context(), database.connection_context(), database.atomic():
        user = User.create(email=EMAIL, password_hash=hash_password(PASSWORD),
                           display_name="Bench", timezone=TIMEZONE, language="en",
                           created_at=datetime(today.year, today.month, today.day))
        entries = []
        for _ in range(ENTRIES):
            day = today - timedelta(days=rng.randrange(span))
            created = datetime.combine(day, datetime.min.time()) + timedelta(hours=12)
            entries.append({"id": uuid.UUID(int=rng.getrandbits(128), version=4),
                            "user": user.id, "day": day, "text": "A small step",
                            "kind": "setback" if rng.random() < 0.12 else "progress",
                            "meaning": rng.randint(1, 5) if rng.random() < 0.6 else None,
                            "search_text": "a small step", "created_at": created,
                            "updated_at": created})
        for start in range(0, len(entries), 500):
            Entry.insert_many(entries[start:start + 500]).execute()
        now = datetime(today.year, today.month, today.day, 12)
        Review.insert_many([{
            "id": uuid.uuid4(), "user": user.id, "week": week_of(today - timedelta(weeks=n)),
            "scale": rng.randint(3, 9), "autonomy": rng.randint(2, 5),
            "competence": rng.randint(2, 5), "relatedness": rng.randint(2, 5),
            "created_at": now, "updated_at": now} for n in range(REVIEWS)]).execute()
        Goal.insert_many([{
            "id": uuid.uuid4(), "user": user.id, "title": f"Goal {n}", "ring": "inner",
            "moved_inner_at": now - timedelta(days=rng.randrange(span)),
            "created_at": now - timedelta(days=span), "updated_at": now}
            for n in range(GOALS)]).execute()
    if not isinstance(database.obj, SqliteDatabase):
        with database.connection_context():
            database.execute_sql("VACUUM ANALYZE")


def build_app(database_url, instance_path):
    return create_app({"SECRET_KEY": "bench-secret", "DATABASE_URL": database_url,
                       "INSTANCE_PATH": str(instance_path), "RATELIMIT_ENABLED": False})


# -- build times --------------------------------------------------------------------------

def timed(call, iterations, warmup=5):
    """Wall times (seconds) of `iterations` calls after a warm-up."""
    for _ in range(warmup):
        call()
    times = []
    for _ in range(iterations):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def logged_in_client(app):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_ENCODING"] = BROWSER_ACCEPT_ENCODING
    token = csrf_token_of(client.get("/login", headers={"Accept-Encoding": ""}).get_data(
        as_text=True))
    response = client.post("/login", data={"csrf_token": token, "email": EMAIL,
                                           "password": PASSWORD})
    assert response.status_code == 302, f"login failed: {response.status_code}"
    return client


def html_size(client, path):
    """(bytes as sent with br, bytes decompressed) of a page's HTML."""
    response = client.get(path)
    assert response.headers.get("Content-Encoding") == "br"
    return len(response.get_data()), len(brotli.decompress(response.get_data()))


def measure_builds(engine, database_url, instance_path, iterations, html_sizes):
    """Table rows: per chart and range, query + build, build only, API, and the page;
    fills html_sizes {range: (br bytes, bytes)} of the charts page."""
    fresh_database(database_url)
    app = build_app(database_url, instance_path)
    today = local_today(datetime.now(timezone.utc), TIMEZONE)
    seed(app, today)
    print(f"[{engine}] seeded", file=sys.stderr)
    client = logged_in_client(app)
    rows = []
    zone = ZoneInfo(TIMEZONE)
    for range_key in chart_periods.RANGES:
        in_process = {}
        with app.test_request_context("/"):  # the user's words, as a request would have them
            database.connect(reuse_if_open=True)
            user = User.by_email(EMAIL)
            first = first_day(user, zone) if range_key == "all" else None
            period = chart_periods.period(range_key, today, first)
            data = chart_data(user, charts.CHART_NAMES, period.start, zone)
            for name in charts.CHART_NAMES:
                wait_for_quiet(25.0, 20.0)  # other programs on this 2-core machine skew it
                in_process[name] = (
                    timed(lambda: charts_of(user, [name], range_key, today), iterations),
                    timed(lambda: charts.build(name, data, period), iterations))
            database.close()
        for name in charts.CHART_NAMES:
            api = timed(lambda: client.get(f"/api/v1/charts/{name}?range={range_key}"),
                        iterations)
            rows.append(row(engine, name, range_key, *in_process[name], api))
        page = timed(lambda: client.get(f"/charts?range={range_key}"), iterations)
        median, p95 = summary_ms(page)
        rows.append([engine, "the page (all five)", range_key, "", "", "",
                     f"{median:.1f} / {p95:.1f}", ""])
        html_sizes[range_key] = html_size(client, f"/charts?range={range_key}")
    close_database(database.obj)
    return rows


def row(engine, name, range_key, query_build, build_only, api):
    qb, bo, ap = summary_ms(query_build), summary_ms(build_only), summary_ms(api)
    met = "yes" if qb[1] < AIM_BUILD_MS else "no"
    return [engine, name, range_key, f"{qb[0]:.1f} / {qb[1]:.1f}", f"{bo[0]:.1f} / {bo[1]:.1f}",
            f"{ap[0]:.1f} / {ap[1]:.1f}", "", met]


# -- page weight (reusing bench/page_weight.py) -------------------------------------------

def plotly_sizes(base_url, plotly_path):
    """{encoding: body bytes} of plotly.js as the server sends it."""
    sizes = {}
    for encoding in ("br", "gzip", "identity"):
        request = urllib.request.Request(base_url + plotly_path,
                                         headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request, timeout=30) as response:
            sizes[response.headers.get("Content-Encoding") or "identity"] = len(response.read())
    return sizes


DRAWN = ("() => [...document.querySelectorAll('figure[data-figure]')]"
         ".filter(figure => figure.querySelector('.main-svg')).length")


# Charts whose margins plotly kept as charts.js gave them: drawn in one pass, not redrawn to
# make room for labels or the legend.
ONE_PASS = """() => [...document.querySelectorAll('figure[data-figure] .chart-plot')]
  .filter(gd => ['l', 'r', 't', 'b'].every(side =>
    Math.round(gd._fullLayout._size[side]) === Math.round(gd.layout.margin[side]))).length"""


def drawn_counts(browser, base_url, cookies, weight):
    """(charts drawn once the page has settled, charts drawn after scrolling to the end,
    charts drawn in one pass)."""
    context = weight.new_context(browser, base_url,
                                 storage_state={"cookies": cookies, "origins": []})
    try:
        page = context.new_page()
        page.goto("/charts")
        page.wait_for_function(f"() => ({DRAWN})() > 0", timeout=30000)
        page.wait_for_timeout(1500)
        before = page.evaluate(DRAWN)
        for figure in page.locator("figure[data-figure]").all():
            figure.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
        page.wait_for_function(f"() => ({DRAWN})() === "
                               "document.querySelectorAll('figure[data-figure]').length",
                               timeout=30000)
        return before, page.evaluate(DRAWN), page.evaluate(ONE_PASS)
    finally:
        context.close()


def measure_weight(tmp, lighthouse_runs=0):
    """First and repeat load of /charts (3m) in Chromium, charts drawn before and after
    scrolling, and Lighthouse when asked: (rows, plotly.js sizes, seconds until brotli was
    ready, (drawn before, after), Lighthouse outcomes or None)."""
    import page_weight as weight
    from playwright.sync_api import sync_playwright

    database_url = f"sqlite:///{tmp / 'weight.sqlite3'}"
    fresh_database(database_url)
    app = build_app(database_url, tmp / "instance")
    seed(app, local_today(datetime.now(timezone.utc), TIMEZONE))
    close_database(database.obj)
    port = weight.free_port()
    server = weight.start_gunicorn(port, weight.server_env(database_url, tmp / "instance"), tmp)
    wire = None
    try:
        weight.wait_until_healthy(f"http://{weight.HOST}:{port}", server)
        wire = weight.WireTap(port)
        base_url = f"http://{weight.HOST}:{wire.port}"
        access_log = weight.AccessLog(tmp / "access.log")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=weight.CHROMIUM,
                                                 args=weight.CHROMIUM_ARGS)
            try:
                cookies = weight.log_in(browser, base_url)
                plotly_path = weight.plotly_path_of(base_url, cookies)
                ready = weight.wait_for_brotli(base_url, plotly_path)
                # page_weight compares paths without the query: the default range (3m) only;
                # the HTML of the other ranges is in the table of page sizes.
                first, repeat, _urls, _targets = weight.measure_page(
                    browser, base_url, "/charts", cookies, access_log, wire)
                rows = [weight_row("/charts", first, repeat)]
                drawn = drawn_counts(browser, base_url, cookies, weight)
            finally:
                browser.close()
        lighthouse = (weight.run_lighthouse_pages(base_url, cookies, tmp,
                                                  pages=[("charts", "/charts")],
                                                  runs=lighthouse_runs)
                      if lighthouse_runs else None)
        return rows, plotly_sizes(base_url, plotly_path), ready, drawn, lighthouse
    finally:
        if wire:
            wire.close()
        weight.stop(server)


def weight_row(path, first, repeat):
    first_kb = first["page_bytes"] / 1000
    repeat_kb = (repeat["page_bytes"] + repeat["worker_bytes"]) / 1000
    html = sum(e["bytes"] for e in first["page_detail"] if e["type"] == "Document") / 1000
    met = first_kb <= AIM_FIRST_KB and repeat_kb <= AIM_REPEAT_KB
    return [f"`{path}`", f"{first_kb:.1f}", first["page_requests"], f"{html:.1f}",
            f"{repeat_kb:.1f}", repeat["page_requests"] + repeat["worker_requests"],
            "yes" if met else "no"]


# -- main ---------------------------------------------------------------------------------

def print_builds(rows, html_sizes, iterations):
    """The build times and the page's HTML sizes."""
    print(f"\nCharts over five years ({ENTRIES} entries, {REVIEWS} reviews, {GOALS} goals), "
          f"one process, median / p95 ms over {iterations} runs:\n")
    print(markdown_table(["engine", "chart", "range", "query + build", "build only",
                          "API request", "page request", f"query + build p95 < {AIM_BUILD_MS:g}"],
                         rows))
    print("\nThe charts page's HTML with five years of data (the figures' JSON included), "
          "KB sent with br (decompressed):\n")
    print(markdown_table(["range", "HTML KB br", "HTML KB"],
                         [[key, f"{sent / 1000:.1f}", f"{full / 1000:.1f}"]
                          for key, (sent, full) in html_sizes.items()]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--no-browser", action="store_true", help="skip the page weight")
    parser.add_argument("--page-only", action="store_true",
                        help="skip the build times: only the page in Chromium")
    parser.add_argument("--lighthouse", action="store_true",
                        help="also run Lighthouse on the charts page (five years of data)")
    parser.add_argument("--lighthouse-runs", type=int, default=1, metavar="N")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="journal-charts-") as tmp:
        tmp = Path(tmp)
        engines = [("sqlite", f"sqlite:///{tmp / 'journal.sqlite3'}")]
        if postgres_url():
            engines.append(("postgresql", postgres_url()))
        rows, html_sizes = [], {}
        for engine, url in ([] if args.page_only else engines):
            rows += measure_builds(engine, url, tmp / "instance", args.iterations, html_sizes)
        weight = None if args.no_browser else measure_weight(
            tmp, args.lighthouse_runs if args.lighthouse else 0)

    if rows:
        print_builds(rows, html_sizes, args.iterations)
    if weight:
        weight_rows, sizes, ready, drawn, lighthouse = weight
        print("\nThe charts page in Chromium at 360x800 (KB = 1,000 bytes as transferred; "
              "first = fresh context, repeat = worker active; plotly.js from its cache):\n")
        print(markdown_table(["page", "first-load KB", "first-load requests", "HTML KB",
                              "repeat-load KB", "repeat-load requests",
                              f"<= {AIM_FIRST_KB:g} KB first, <= {AIM_REPEAT_KB:g} KB repeat"],
                             weight_rows))
        print(f"\nplotly.js bodies: br {sizes.get('br', 0) / 1000:.1f} KB, gzip "
              f"{sizes.get('gzip', 0) / 1000:.1f} KB, uncompressed "
              f"{sizes.get('identity', 0) / 1000:.1f} KB; brotli (quality 11) was ready "
              f"{ready:.1f} s after the first request for it (gzip is served until then).")
        print(f"\nCharts drawn at 360x800 once the page had settled: {drawn[0]} of "
              f"{len(charts.CHART_NAMES)}; after scrolling to the end: {drawn[1]}; drawn in one "
              f"pass (plotly kept the margins static/js/charts.js measured): {drawn[2]}.")
        if lighthouse:
            import page_weight
            page_weight.print_lighthouse(lighthouse)


if __name__ == "__main__":
    main()
