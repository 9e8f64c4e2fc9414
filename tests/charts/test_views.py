"""The charts page, the charts API and plotly.js as served (the vendored file itself, and
how to fetch it again: test_vendor.py)."""
import gzip
import hashlib
import json
import re
import threading
from datetime import date, datetime, timedelta
from html.parser import HTMLParser

import brotli
import pytest
from flask import render_template

from journal.charts import figures as charts
from journal.charts import periods as chart_periods
from journal.charts import plotlyjs as plotly_script
from journal.charts import vendor
from journal.charts.plotlyjs import PlotlyScript, vendored_path
from journal.charts.queries import recent_weeks_of
from journal.models import Entry, Goal, Review, User

TODAY = date(2026, 11, 27)  # the clock fixture's day, in Ana's Europe/Amsterdam too
NOW = datetime(2026, 11, 27, 12, 0)  # the clock fixture's moment, as stored


@pytest.fixture(autouse=True)
def quick_brotli(app):
    """Brotli at quality 5 (0.3 s, not 15 s): what is tested is that it is served."""
    app.config["PLOTLY_BROTLI_QUALITY"] = 5


def add_entry(user, day, meaning=None, text="A small step"):
    return Entry.create_for(user, {"day": day, "text": text, "kind": "progress",
                                   "meaning": meaning, "tags": []}, now=NOW)


def seed(user, *, entries=((0, 4), (1, None), (9, 2), (40, 5))):
    """A few entries (days ago, meaning), two reviews and two goals moved inward."""
    for days_ago, meaning in entries:
        add_entry(user, TODAY - timedelta(days=days_ago), meaning)
    Review.save_week(user, "2026-W48", {"scale": 7, "autonomy": 4, "competence": 3,
                                        "relatedness": 5}, now=NOW)
    Review.save_week(user, "2026-W46", {"scale": 5, "autonomy": 2, "competence": 4,
                                        "relatedness": 3}, now=NOW)
    Goal.create_for(user, {"title": "Calm intakes", "ring": "inner"},
                    now=datetime(2026, 11, 20, 9, 0))
    Goal.create_for(user, {"title": "Budget sheet", "ring": "inner"},
                    now=datetime(2025, 6, 1, 9, 0))
    Goal.create_for(user, {"title": "Not yet", "ring": "outer"}, now=datetime(2026, 11, 1))


def ana():
    return User.by_email("ana@example.org")


def chart(journal, name, range_key="4w"):
    response = journal.api("GET", f"/api/v1/charts/{name}?range={range_key}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


# -- the API ------------------------------------------------------------------------------

def test_the_api_lists_the_charts(journal):
    body = journal.api("GET", "/api/v1/charts").get_json()
    assert body["next"] is None
    assert [item["name"] for item in body["items"]] == list(charts.CHART_NAMES)
    assert body["items"][0] == {"name": "progress", "title": "Progress per week"}


@pytest.mark.parametrize("range_key", chart_periods.RANGES)
@pytest.mark.parametrize("name", charts.CHART_NAMES)
def test_each_chart_is_a_plotly_figure(journal, name, range_key):
    seed(ana())
    body = chart(journal, name, range_key)
    assert body["name"] == name and body["range"] == range_key
    assert body["data"] and body["data"][0]["type"] in ("bar", "scatter", "heatmap")
    assert body["layout"]["xaxis"]["type"] == "date"
    assert body["summary"] and body["title"]


def test_the_api_reads_the_users_rows(journal):
    seed(ana())
    assert chart(journal, "progress")["summary"] == (
        "In the last 4 weeks you noted progress on 3 days. You wrote 3 entries.")
    assert chart(journal, "progress", "3m")["data"][0]["y"][-7:] == [1, 0, 0, 0, 0, 1, 2]
    needs = {trace["name"]: trace["y"] for trace in chart(journal, "needs")["data"]}
    assert needs == {"Autonomy": [2, 4], "Competence": [4, 3], "Relatedness": [3, 5]}
    inner, outer = chart(journal, "goals")["data"]
    assert inner["x"] == ["2026-11-02", "2026-11-20", "2026-11-27"] and inner["y"] == [1, 2, 2]
    assert outer["y"] == [1, 1, 1], "the goal still to achieve, beside those achieved"
    assert chart(journal, "progress", "3m")["range"] == "3m"


def test_all_starts_with_the_first_thing_noted(journal):
    seed(ana())  # the earliest: a goal moved inward on 1 June 2025 (a Sunday)
    body = chart(journal, "progress", "all")
    assert body["data"][0]["x"][0] == "2025-05-26"
    assert body["summary"].startswith("Since you started you noted progress on 4 days.")


def test_days_and_goal_moves_are_the_users_local_days(journal, clock):
    user = ana()
    Goal.create_for(user, {"title": "Late", "ring": "inner"}, now=datetime(2026, 11, 26, 23, 30))
    assert chart(journal, "goals")["data"][0]["x"][1] == "2026-11-27", "00:30 in Amsterdam"


def test_the_circle_chart_counts_goals_set_and_moved_back_out(journal):
    user = ana()
    Goal.create_for(user, {"title": "Older", "ring": "outer"}, now=datetime(2026, 10, 1, 9))
    moved_back = Goal.create_for(user, {"title": "Back out", "ring": "inner"},
                                 now=datetime(2026, 11, 10, 9))
    moved_back.update_from({"ring": "outer"}, now=datetime(2026, 11, 12, 9))
    body = chart(journal, "goals")
    inner, outer = body["data"]
    assert inner["x"] == ["2026-11-02", "2026-11-10", "2026-11-27"]
    assert inner["y"] == [0, 0, 0] and outer["y"] == [1, 2, 2]
    assert body["summary"] == ("In the last 4 weeks no goal has moved to the inner circle yet. "
                               "2 goals are waiting in your outer circle.")
    assert chart(journal, "progress", "all")["data"][0]["x"][0] == "2026-09-28", (
        "all starts with the first goal set")


def test_unknown_chart_is_404_json(journal):
    response = journal.api("GET", "/api/v1/charts/streaks")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("range_key", ["", "5w", "ALL", "1y;drop"])
def test_unknown_range_is_422_json(journal, range_key):
    response = journal.api("GET", f"/api/v1/charts/progress?range={range_key}")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error" and "range" in error["fields"]


@pytest.mark.parametrize("path", ["/api/v1/charts", "/api/v1/charts/progress"])
def test_no_session_gets_a_json_401(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_another_users_rows_never_appear(journal, other):
    seed(User.by_email("bo@example.org"), entries=[(n, 5) for n in range(20)])
    for name in charts.CHART_NAMES:
        body = chart(journal, name, "all")
        for trace in body["data"]:
            values = (trace.get("y") if trace["type"] != "heatmap"
                      else [z for row in trace["z"] for z in row])
            assert not any(values or []), f"{name}: {trace.get('name')}"
    assert chart(journal, "progress", "all")["summary"] == (
        "Since you started there are no entries yet.")
    assert chart(other, "progress")["summary"].startswith("In the last 4 weeks you noted "
                                                           "progress on 20 days")


def test_charts_speak_the_users_language(journal):
    User.update(language="nl").where(User.email == "ana@example.org").execute()
    add_entry(ana(), TODAY, 3)
    add_entry(ana(), TODAY, 4)
    body = chart(journal, "meaning", "1y")
    assert body["layout"]["separators"] == ",."
    assert "3,5" in body["summary"]
    assert "nov" in body["layout"]["xaxis"]["ticktext"]
    calendar = chart(journal, "calendar")["data"][0]
    assert calendar["y"] == ["ma", "di", "wo", "do", "vr", "za", "zo"]


# -- the page -----------------------------------------------------------------------------

class Scripts(HTMLParser):
    """The <script> tags of a page: (attributes, text)."""

    def __init__(self):
        super().__init__()
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = [dict(attrs), ""]
            self.found.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def scripts_of(html):
    parser = Scripts()
    parser.feed(html)
    return parser.found


def figures_of(html):
    return {name: json.loads(figure.replace("&#39;", "'").replace("&quot;", '"')
                             .replace("&amp;", "&"))
            for name, figure in re.findall(
                r'<figure data-chart="(\w+)" data-height="\d+" data-figure=\'([^\']*)\'>', html)}


def test_the_page_draws_from_data_attributes_without_inline_code(client, journal):
    seed(ana())
    response = client.get("/charts")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    figures = figures_of(html)
    assert list(figures) == list(charts.CHART_NAMES)
    assert all(set(figure) == {"data", "layout"} for figure in figures.values())
    heights = re.findall(r'data-chart="(\w+)" data-height="(\d+)"', html)
    assert heights == [(name, str(figures[name]["layout"]["height"])) for name in figures], (
        "each plot keeps its room from the start: drawing it moves nothing")
    assert html.count("<figcaption") == 5
    assert "In the last 3 months you noted progress on 4 days." in html
    for attributes, text in scripts_of(html):
        assert attributes.get("src") or attributes.get("type") == "application/json", text
        assert not text.strip() or attributes.get("type") == "application/json"
    sources = [attributes.get("src", "") for attributes, _text in scripts_of(html)]
    assert any(src.startswith("/static/js/charts.js?v=") for src in sources)
    assert re.search(r'<div class="charts" [^>]*data-plotly="/vendor/plotly-[0-9a-f]{12}\.js"',
                     html), "charts.js loads plotly.js from the URL the page names"


def test_plotly_is_no_script_tag_so_it_never_holds_up_the_first_paint(client, journal):
    """charts.js loads plotly.js (async) once a chart is about to show: no <script> of the
    page names it, so neither parsing nor DOMContentLoaded waits for its 1.5 MB."""
    seed(ana())
    html = client.get("/charts").get_data(as_text=True)
    assert not [attributes for attributes, _text in scripts_of(html)
                if "plotly" in attributes.get("src", "")]
    charts_js = [attributes for attributes, _text in scripts_of(html)
                 if attributes.get("src", "").startswith("/static/js/charts.js")]
    assert charts_js and "defer" in charts_js[0]


def test_the_range_is_a_choice_of_links(client, journal):
    html = client.get("/charts?range=1y").get_data(as_text=True)
    assert re.search(r'href="/charts\?range=1y" aria-current="page">1 year<', html)
    for key in ("4w", "3m", "all"):
        assert f'href="/charts?range={key}"' in html
    html = client.get("/charts?range=forever").get_data(as_text=True)
    assert 'href="/charts?range=3m" aria-current="page"' in html


def test_only_the_chart_page_allows_inline_styles(client, journal):
    policy = client.get("/charts").headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy, "no eval, no inline scripts"
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    for path in ("/", "/timeline", "/api/v1/charts"):
        assert "unsafe" not in client.get(path).headers["Content-Security-Policy"], path
    assert "plotly" not in client.get("/").get_data(as_text=True)


def test_the_page_needs_a_login(client):
    response = client.get("/charts")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# -- plotly.js ----------------------------------------------------------------------------

def plotly_path(client):
    html = client.get("/charts").get_data(as_text=True)
    return re.search(r'data-plotly="(/vendor/plotly-[0-9a-f]+\.js)"', html).group(1)


def served():
    """plotly.js as served: V8's compile hint, then the vendored file."""
    return b"//# allFunctionsCalledOnLoad\n" + vendored_path().read_bytes()


def test_plotly_is_the_pinned_cartesian_bundle(client, journal):
    raw = vendored_path().read_bytes()
    assert raw.startswith(b"/**\n* plotly.js (cartesian - minified) v" + vendor.VERSION.encode())
    assert hashlib.sha256(raw).hexdigest() == vendor.SHA256
    assert len(raw) < 2_000_000, "a third of the full plotly.js (4.8 MB)"
    response = client.get(plotly_path(client), headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(response.data) == served(), "the pinned file, behind the hint"


def test_plotly_is_the_vendored_file_at_a_hashed_immutable_url(client, journal):
    raw = served()
    path = plotly_path(client)
    assert hashlib.sha256(raw).hexdigest()[:12] in path
    response = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == raw, "compressed once, not twice"


def test_plotly_is_served_as_brotli_once_ready(app, client, journal):
    path = plotly_path(client)
    with app.app_context():
        assert plotly_script.plotly_script().wait_for_brotli(timeout=60)
    response = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data) == served()
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.data == served()


def stand_in(tmp_path):
    """A stand-in plotly.js and its sha256."""
    path = tmp_path / "plotly.min.js"
    path.write_bytes(b"var plotly = 'a stand-in';\n" * 2000)
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def hinted(path):
    """A file as PlotlyScript serves it: behind V8's compile hint."""
    return plotly_script.COMPILE_HINT + path.read_bytes()


def test_gzip_is_served_until_brotli_is_ready(tmp_path, monkeypatch):
    path, sha256 = stand_in(tmp_path)
    script = PlotlyScript(path, sha256=sha256, brotli_quality=5)
    release = threading.Event()
    compress = brotli.compress
    monkeypatch.setattr(plotly_script.brotli, "compress",
                        lambda data, quality: release.wait(5) and compress(data, quality=quality))
    body, encoding = script.body_for({"br", "gzip"})
    assert encoding == "gzip" and gzip.decompress(body) == hinted(path)
    release.set()
    assert script.wait_for_brotli(timeout=5)
    body, encoding = script.body_for({"br", "gzip"})
    assert encoding == "br" and brotli.decompress(body) == hinted(path)
    assert script.body_for(set()) == (hinted(path), None)


def test_a_client_taking_only_brotli_waits_for_it(tmp_path):
    path, sha256 = stand_in(tmp_path)
    body, encoding = PlotlyScript(path, sha256=sha256, brotli_quality=5).body_for({"br"})
    assert encoding == "br" and brotli.decompress(body) == hinted(path)


def test_a_file_other_than_the_pinned_one_is_refused(tmp_path):
    path, _sha256 = stand_in(tmp_path)
    with pytest.raises(vendor.PlotlyFileError) as refused:
        PlotlyScript(path)
    message = str(refused.value)
    assert f"is not plotly.js-cartesian-dist-min {vendor.VERSION}" in message
    assert vendor.SHA256 in message and hashlib.sha256(path.read_bytes()).hexdigest() in message
    assert "make vendor-plotly" in message
    with pytest.raises(vendor.PlotlyFileError, match="plotly.js is missing: .* does not exist"):
        PlotlyScript(tmp_path / "nowhere.js")


def test_the_app_does_not_start_with_a_wrong_plotly(app_config, tmp_path, monkeypatch):
    """A wrong file stops the app when it starts, not on someone's first visit to /charts."""
    from journal import create_app
    from journal.db import close_database, database
    path = tmp_path / "plotly-cartesian.min.js"
    path.write_bytes(vendored_path().read_bytes().replace(b"plotly.js", b"plotly.JS", 1))
    monkeypatch.setattr(plotly_script, "vendored_path", lambda: path)
    try:
        with pytest.raises(vendor.PlotlyFileError, match="sha256"):
            create_app(app_config)
    finally:
        close_database(database.obj)  # bound by the half-built app


def test_plotly_needs_no_login_and_an_old_hash_is_sent_on(client):
    response = client.get("/vendor/plotly-000000000000.js")
    assert response.status_code == 302
    assert re.fullmatch(r"/vendor/plotly-[0-9a-f]{12}\.js", response.headers["Location"])
    assert client.get(response.headers["Location"]).status_code == 200


def test_the_worker_keeps_plotly_cache_first(client):
    worker = client.get("/sw.js").get_data(as_text=True)
    assert "const CACHE_FIRST = [/^\\/static\\//, /^\\/vendor\\//];" in worker


# -- the home page's recent weeks ---------------------------------------------------------

def test_recent_weeks_partial_shows_days_as_bars_and_words(app, journal):
    user = ana()
    for days_ago in (0, 0, 1, 8, 30):
        add_entry(user, TODAY - timedelta(days=days_ago))
    weeks = recent_weeks_of(user, TODAY)
    assert [week["days"] for week in weeks] == [0, 1, 0, 0, 1, 2]
    with app.test_request_context("/"):
        html = render_template("charts/_recent.html", recent_weeks=weeks)
    assert html.count('<li class="recent-week') == 6
    assert 'class="recent-bar days-2"' in html
    assert "This week: 2 days with progress" in html
    assert "Week of 16 Nov: 1 day with progress" in html
    assert 'href="/charts"' in html


def test_home_on_day_one_shows_no_weeks_before_the_first(client, journal):
    """Issue 14: six zero weeks on the first day looked like a streak already broken."""
    html = client.get("/").get_data(as_text=True)
    assert "recent-week" not in html and "Recent weeks" not in html
    journal.post_entry("First small step")
    html = client.get("/").get_data(as_text=True)
    assert html.count('<li class="recent-week') == 1
    assert "This week: 1 day with progress" in html
    User.update(created_at=datetime(2026, 11, 12, 12)).execute()  # two weeks earlier
    assert client.get("/").get_data(as_text=True).count('<li class="recent-week') == 3
    add_entry(ana(), date(2026, 10, 1), text="Imported")  # older than the account
    assert client.get("/").get_data(as_text=True).count('<li class="recent-week') == 6


def test_the_calendar_draws_no_days_before_the_first_week(journal):
    add_entry(ana(), TODAY)
    calendar = chart(journal, "calendar", "4w")["data"][0]
    assert [[row[column] for row in calendar["z"]] for column in range(3)] == [[None] * 7] * 3
    assert calendar["z"][4][3] == 1 and calendar["z"][0][3] == 0
    add_entry(ana(), date(2026, 11, 3), text="Imported")  # older than the account
    calendar = chart(journal, "calendar", "4w")["data"][0]
    assert calendar["z"][0][0] == 0 and calendar["z"][1][0] == 1
