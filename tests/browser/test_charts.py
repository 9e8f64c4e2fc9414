"""The charts page in a real browser: plotly.js draws every chart, and comes from the
service worker's cache once it has been loaded."""
import random
from datetime import timedelta

import pytest

from journal.clock import local_today, stored_utc, utcnow
from journal.models import Entry, Goal, Review, User
from journal.weeks import week_of
from tests.browser.conftest import screenshot, sign_up, wait_for_worker
from tests.browser.test_accessibility import serious_violations

FIGURES = "figure[data-figure]"
ALL_DRAWN = """() => {
  const figures = [...document.querySelectorAll('figure[data-figure]')];
  return figures.length > 0 && figures.every(f => f.querySelector('.main-svg'));
}"""


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
    """Open the charts page, wait until plotly has drawn each figure; the console errors."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(path)
    page.wait_for_function(ALL_DRAWN, timeout=20000)
    return errors


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
    page.wait_for_function(ALL_DRAWN)
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
    plotly_url = page.get_attribute("script[src^='/vendor/plotly-']", "src")
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
