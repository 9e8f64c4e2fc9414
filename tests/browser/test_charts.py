"""The charts page in a real browser: plotly.js (the vendored cartesian bundle) draws each
chart as it comes into view, never holds up the page, and comes from the service worker's
cache once it has been loaded."""
import random
from datetime import timedelta

import pytest

from journal.clock import local_today, stored_utc, utcnow
from journal.models import Entry, Goal, Review, User
from journal.weeks import week_of
from tests.browser.conftest import screenshot, sign_up, wait_for_worker
from tests.browser.test_accessibility import serious_violations

FIGURES = "figure[data-figure]"
# For page.wait_for_function (test_goals_journey.py uses it too): true once every chart is
# drawn; until then it scrolls to the first one not drawn yet, as a person scrolling down
# would, since charts are drawn as they come into view.
ALL_DRAWN = """() => {
  const figures = [...document.querySelectorAll('figure[data-figure]')];
  const waiting = figures.filter(f => !f.querySelector('.main-svg'));
  if (waiting.length) waiting[0].scrollIntoView({block: 'center'});
  return figures.length > 0 && !waiting.length;
}"""
FIRST_DRAWN = "() => !!document.querySelector('figure[data-figure] .main-svg')"
DRAWN = "name => !!document.querySelector(`figure[data-chart=${name}] .main-svg`)"
COUNT_DRAWN = """() => [...document.querySelectorAll('figure[data-figure]')]
  .filter(f => f.querySelector('.main-svg')).length"""


@pytest.fixture(autouse=True)
def quick_brotli(app):
    """Brotli at quality 5 (0.3 s, not 15 s): what is tested is that it is served."""
    app.config["PLOTLY_BROTLI_QUALITY"] = 5


def seed_a_season(email="ana@example.org"):
    """Three months of entries, weekly reviews and a few goals moved inward, for Ana."""
    user = User.by_email(email)
    today = local_today(utcnow(), user.timezone)
    rng = random.Random(7)
    for days_ago in range(92):
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            Entry.create_for(user, {"day": today - timedelta(days=days_ago),
                                    "text": "A small step", "kind": "progress",
                                    "meaning": rng.choice((None, 2, 3, 4, 5)), "tags": []},
                             now=stored_utc(utcnow()))
    for weeks_ago in range(13):
        Review.save_week(user, week_of(today - timedelta(weeks=weeks_ago)), {
            "scale": rng.randint(4, 9), "autonomy": rng.randint(2, 5),
            "competence": rng.randint(2, 5), "relatedness": rng.randint(2, 5)},
            now=stored_utc(utcnow()))
    for days_ago in (80, 61, 40, 33, 12, 3):
        moved = stored_utc(utcnow()) - timedelta(days=days_ago)
        Goal.create_for(user, {"title": f"Goal {days_ago}", "ring": "inner"}, now=moved)


def open_charts(page, path="/charts"):
    """Open the charts page, scroll to each chart in turn and wait until plotly has drawn
    every one (they are drawn as they come into view); the console errors."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(path)
    draw_all(page)
    return errors


def draw_all(page):
    """Scroll to each chart in turn until all are drawn, then back to the top."""
    page.wait_for_function(FIRST_DRAWN, timeout=20000)
    page.wait_for_function(ALL_DRAWN, timeout=20000)
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_chart_is_drawn_calmly_on_a_phone(phone, scheme):
    page = phone(color_scheme=scheme)
    sign_up(page)
    seed_a_season()
    errors = open_charts(page)
    assert page.locator(FIGURES).count() == 5
    assert errors == [], "no CSP violation or script error"
    assert page.locator(".modebar").count() == 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "nothing wider than the phone"
    summary = page.locator("figure[data-chart=progress] figcaption").inner_text()
    assert summary.startswith("In the last 3 months you noted progress on ")
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.main-svg')).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)", "the card's colour shows through"
    assert serious_violations(page) == []
    screenshot(page, f"charts-en-{scheme}")
    page.click("text=4 weeks")
    page.wait_for_url("**range=4w")
    draw_all(page)
    assert "range=4w" in page.url
    screenshot(page, f"charts-4w-en-{scheme}")


BAR_FILL = ("() => getComputedStyle(document.querySelector("
            "'figure[data-chart=progress] .bars .point path')).fill")


def test_charts_follow_the_colour_scheme_and_answer_a_tap(phone):
    page = phone(color_scheme="light")
    sign_up(page)
    seed_a_season()
    errors = open_charts(page)
    assert page.evaluate(BAR_FILL) == "rgb(141, 188, 171)"  # the app's light accent
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"() => ({BAR_FILL})() === 'rgb(63, 125, 105)'")  # in the dark
    bar = page.locator("figure[data-chart=progress] .bars .point path").last
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()  # plotly's drag layer lies on top: point at the bar's place
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator("figure[data-chart=progress] .hoverlayer .hovertext")
    hover.wait_for()
    text = hover.text_content()
    assert text.startswith("Week of ") and ("Entries: " in text or "Days with progress: " in text)
    assert errors == [], "no CSP violation or script error while redrawing and hovering"


def test_plotly_comes_from_the_worker_cache_after_a_first_visit(phone):
    """Proves: once the charts page has been open under the service worker, plotly.js is
    served from the worker's cache. With every request for it failing (Playwright's routing
    also bypasses the HTTP cache), reloading the page still draws all five charts. The page
    itself, which holds user data, still comes from the network as always."""
    page = phone()
    sign_up(page)
    seed_a_season()
    wait_for_worker(page)
    open_charts(page)  # under the worker: plotly.js goes through its cache-first rule
    plotly_url = page.get_attribute("[data-plotly]", "data-plotly")
    assert page.get_attribute("script[src^='/vendor/plotly-']", "src") == plotly_url
    assert page.evaluate("url => caches.match(url).then(r => !!r)", plotly_url)

    blocked = []
    page.context.route("**/vendor/plotly-*", lambda route: (blocked.append(route.request.url),
                                                            route.abort()))
    served_by_worker = []
    page.on("response", lambda response: "/vendor/plotly-" in response.url
            and served_by_worker.append(response.from_service_worker))
    open_charts(page)
    assert served_by_worker == [True]
    assert blocked == [], "the network was never asked for plotly.js"
    assert page.locator(".main-svg").count() >= 5


def test_plotly_is_loaded_only_on_the_chart_page(phone):
    page = phone()
    sign_up(page)
    scripts = page.evaluate("[...document.scripts].map(s => s.src)")
    assert not any("plotly" in src for src in scripts)
    assert page.evaluate("typeof window.Plotly") == "undefined"


def test_a_chart_below_the_fold_is_drawn_only_once_scrolled_to(phone):
    """At 360x800 the first charts are drawn straight away; the last one, far below, only
    once it comes near the screen, so the page never draws five charts at once."""
    page = phone()
    sign_up(page)
    seed_a_season()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/charts")
    page.wait_for_function(DRAWN, arg="progress", timeout=20000)
    page.wait_for_timeout(1000)  # time enough to draw them all, were they drawn at once
    assert not page.evaluate(DRAWN, "goals"), "the chart of goals is far below the screen"
    drawn_at_first = page.evaluate(COUNT_DRAWN)
    assert 0 < drawn_at_first < 5, "the charts in view are drawn, not the ones below"
    page.locator("figure[data-chart=goals]").scroll_into_view_if_needed()
    page.wait_for_function(DRAWN, arg="goals", timeout=20000)
    assert page.locator("figure[data-chart=goals] .main-svg").first.is_visible()
    assert errors == []


def test_plotly_never_holds_up_the_page(phone):
    """While plotly.js is still on its way, the page has loaded and says what every chart
    shows; once it arrives, the chart in view is drawn."""
    page = phone()
    sign_up(page)
    seed_a_season()
    held = []
    page.context.route("**/vendor/plotly-*", lambda route: held.append(route))
    page.goto("/charts")
    page.wait_for_function("() => document.readyState === 'complete'", timeout=20000)
    page.wait_for_function("() => document.querySelector('script[src^=\"/vendor/plotly-\"]')")
    assert len(held) == 1, "plotly.js was asked for, once"
    assert page.evaluate(COUNT_DRAWN) == 0
    assert page.locator("figure[data-chart=progress] figcaption").inner_text().startswith(
        "In the last 3 months you noted progress on ")
    held[0].continue_()
    page.wait_for_function(DRAWN, arg="progress", timeout=20000)


def test_without_plotly_the_summaries_say_it_all(phone):
    """plotly.js cannot load (offline, blocked): no error from the page's own script, no
    plots, and every chart's summary is there to read."""
    page = phone()
    sign_up(page)
    seed_a_season()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.context.route("**/vendor/plotly-*", lambda route: route.abort())
    page.goto("/charts")
    page.wait_for_function("() => document.querySelector('script[src^=\"/vendor/plotly-\"]')")
    page.wait_for_timeout(500)
    assert page_errors == []
    assert page.evaluate(COUNT_DRAWN) == 0
    summaries = page.locator(f"{FIGURES} figcaption").all_inner_texts()
    assert len(summaries) == 5 and all(summaries)


FIT = """() => [...document.querySelectorAll('figure[data-figure]')].map(figure => {
  const gd = figure.querySelector('.chart-plot'), svg = gd.querySelector('.main-svg');
  const box = svg.getBoundingClientRect(), size = gd._fullLayout._size;
  const moved = ['l', 'r', 't', 'b'].filter(side =>
    Math.round(size[side]) !== Math.round(gd.layout.margin[side]));
  const rects = selector => [...gd.querySelectorAll(selector)].map(e => e.getBoundingClientRect());
  const yLabels = rects('.ytick text, .y2tick text'), xLabels = rects('.xtick text');
  const legend = rects('.legend .traces');
  return {chart: figure.dataset.chart, moved: moved,
          clipped: yLabels.filter(r => r.left < box.left).length,
          overlap: legend.filter(l => xLabels.some(x => l.top < x.bottom - 1)).length,
          below: xLabels.filter(r => r.bottom > box.bottom).length};
})"""


@pytest.mark.parametrize("language", ["en", "nl"])
def test_each_chart_is_drawn_once_with_margins_that_fit(phone, language):
    """charts.js measures the tick labels and the legend, so plotly keeps its margins (draws
    once, not twice to make room), and no label is cut off or runs into the legend."""
    page = phone()
    sign_up(page, language=language)
    seed_a_season()
    for range_key in ("4w", "3m"):
        open_charts(page, f"/charts?range={range_key}")
        for chart in page.evaluate(FIT):
            assert chart["moved"] == [], chart
            assert chart["clipped"] == chart["overlap"] == chart["below"] == 0, chart
