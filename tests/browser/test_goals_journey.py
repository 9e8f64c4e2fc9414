"""The journey through the circle on a phone (issue 14), in English and Dutch: a dot opens its
goal (by tap and by keyboard), the goal moves in and back out, the person's own earlier "not
yet" returns beside what is achieved now, the home page shows the circle in miniature, the
charts speak in the app's colours, and three kinds of badge look three ways."""
from datetime import timedelta

import pytest

from journal.clock import local_today, stored_utc, utcnow
from journal.models import Entry, Goal, User
from tests.browser.checks import fits
from tests.browser.conftest import sign_up, wait_for_worker
from tests.browser.test_charts import ALL_DRAWN


def phone_in(phone, language):
    """A phone in this language; Dutch in the dark theme, so both themes are looked at."""
    if language == "nl":
        return phone(locale="nl-NL", color_scheme="dark")
    return phone(locale="en-GB", color_scheme="light")


def seed_goals(email="ana@example.org"):
    """Two goals still to achieve, one achieved, and a setback of three weeks ago on the demo
    (by goal and by tag); Ana's today."""
    user = User.by_email(email)
    today = local_today(utcnow(), user.timezone)
    now = stored_utc(utcnow())
    demo = Goal.create_for(user, {"title": "Give the demo calmly", "ring": "outer"},
                           now=now - timedelta(days=40))
    Goal.create_for(user, {"title": "Learn the new planning tool", "ring": "outer"},
                    now=now - timedelta(days=30))
    Goal.create_for(user, {"title": "Shorter team meetings", "ring": "inner"},
                    now=now - timedelta(days=50))
    Entry.create_for(user, {"day": today - timedelta(days=21), "kind": "setback",
                            "text": "The demo froze halfway, not yet", "tags": ["demo"],
                            "goal_id": demo.id, "meaning": None}, now=now)
    return demo


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_goal_in_and_out_of_the_inner_circle(phone, language):
    page = phone_in(phone, language)
    sign_up(page, language=language)
    demo = seed_goals()

    page.goto("/")
    assert page.locator(".mini-circle .mini-outer > ul li").count() == 2
    assert page.locator(".mini-circle .mini-inner li").count() == 1
    fits(page, f"journey-home-circle-{language}")

    page.goto("/goals")
    dots = page.locator("svg a.dot-link")
    assert dots.count() == 3
    for box in (dots.nth(n).bounding_box() for n in range(3)):
        assert box["width"] >= 44 and box["height"] >= 44, box
    fits(page, f"journey-circle-{language}")
    first = dots.first  # the newest goal still to achieve: the planning tool
    assert "Learn the new planning tool" in first.get_attribute("aria-label")
    assert first.evaluate("el => el.tabIndex") == 0, "reached with the Tab key"
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/goals/*")
    assert page.locator("h1").inner_text() == "Learn the new planning tool"

    page.goto("/goals")
    demo_dot = page.locator(f"svg a.dot-link[href='/goals/{demo.id}']")
    box = demo_dot.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a tap
    page.wait_for_url(f"**/goals/{demo.id}")
    assert page.locator(".then-now").count() == 0, "not while it is still to achieve"
    page.locator(".move-form button").click()
    page.wait_for_url(f"**/goals/{demo.id}")
    card = page.locator(".then-now")
    assert "The demo froze halfway, not yet" in card.locator("blockquote.then").inner_text()
    assert card.locator("blockquote.now").inner_text() == "Give the demo calmly"
    assert page.locator(".ring-badge.inner").is_visible()
    fits(page, f"journey-goal-achieved-{language}")

    page.locator(".move-form button").click()
    page.wait_for_url(f"**/goals/{demo.id}")
    assert page.locator(".ring-badge.outer").is_visible()
    assert page.locator(".then-now").count() == 0
    fits(page, f"journey-goal-back-out-{language}")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_progress_weeks_after_a_not_yet_and_the_charts(phone, language):
    page = phone_in(phone, language)
    sign_up(page, language=language)
    seed_goals()
    page.fill("textarea[name=text]", "Gave the demo without notes")
    page.locator("details.more summary").click()
    page.fill("input[name=tags]", "demo")
    page.locator("form.entry-form button[type=submit]").click()
    page.wait_for_selector(".then-now")
    card = page.locator(".then-now")
    assert "The demo froze halfway, not yet" in card.locator("blockquote.then").inner_text()
    assert card.locator("blockquote.now").inner_text() == "Gave the demo without notes"
    heading = {"en": "From not yet to now", "nl": "Van nog niet naar nu"}[language]
    assert card.locator("h2").inner_text() == heading  # nl: once nl-goals.json is merged
    fits(page, f"journey-home-then-now-{language}")

    page.goto("/charts")
    page.wait_for_function(ALL_DRAWN, timeout=20000)
    traces = page.locator("figure[data-chart=goals] .scatterlayer .trace")
    assert traces.count() == 2, "achieved and still to achieve, side by side"
    title = {"en": "Your circle over time", "nl": "Je cirkel door de tijd"}[language]
    assert page.locator("#chart-goals").inner_text() == title
    fills = page.evaluate("""() => [...document.querySelectorAll(
        'figure[data-chart=goals] .scatterlayer .trace .js-fill')].map(
        p => [getComputedStyle(p).fill, getComputedStyle(p).fillOpacity])""")
    accent = "rgb(124, 199, 173)" if language == "nl" else "rgb(47, 111, 94)"  # dark, light
    assert [fill for fill, _opacity in fills] == [accent] * 2, "the app's accent"
    assert float(fills[0][1]) > float(fills[1][1]), "achieved is the fuller band"
    fits(page, f"journey-charts-{language}")


BADGES = """() => Object.fromEntries(['.entry.setback .badge', '#waiting-entries .badge']
  .map(s => [s, document.querySelector(s)]).map(([s, el]) => {
    const style = getComputedStyle(el);
    return [s, [style.backgroundColor, style.color, style.borderStyle]];
  }))"""


def test_a_setback_an_unsynced_entry_and_a_wanted_goal_look_different(phone):
    page = phone()
    sign_up(page)
    demo = seed_goals()
    user = User.by_email("ana@example.org")
    Entry.create_for(user, {"day": local_today(utcnow(), user.timezone), "kind": "setback",
                            "text": "Not there yet", "tags": [], "meaning": None},
                     now=stored_utc(utcnow()))
    page.reload()
    wait_for_worker(page)
    page.context.set_offline(True)
    page.fill("textarea[name=text]", "Written in the lift")
    page.locator("form.entry-form button[type=submit]").click()
    page.wait_for_selector("#waiting-entries .badge.unsynced")
    looks = page.evaluate(BADGES)
    setback, unsynced = looks[".entry.setback .badge"], looks["#waiting-entries .badge"]
    assert setback != unsynced
    assert unsynced[0] == "rgba(0, 0, 0, 0)" and unsynced[2] == "dashed", "neutral, outlined"
    assert page.evaluate("""() => getComputedStyle(document.querySelector(
        '#waiting-entries .badge'), '::before').content""").startswith('"↻"')
    fits(page, "journey-badges-home")
    page.context.set_offline(False)
    page.goto(f"/goals/{demo.id}")
    wanted = page.evaluate("""() => { const s = getComputedStyle(
        document.querySelector('.ring-badge.outer'));
        return [s.backgroundColor, s.color, s.borderStyle]; }""")
    assert wanted not in (setback, unsynced)
    assert wanted[1] == "rgb(47, 111, 94)" and wanted[2] == "solid", "the inviting accent"
