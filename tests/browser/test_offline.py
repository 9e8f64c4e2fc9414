"""Offline capture in a real browser: nothing lost, nothing doubled."""
from journal.models import Entry, User
from tests.browser.conftest import eventually, log_in, screenshot, sign_up, wait_for_worker

WAITING = "#outbox-status"


def save(page, text):
    page.fill("textarea[name=text]", text)
    page.get_by_role("button", name="Save", exact=True).click()


def test_the_worker_activates_and_controls_the_page(phone):
    page = phone()
    sign_up(page)
    wait_for_worker(page)
    state = page.evaluate("navigator.serviceWorker.ready.then(r => r.active.state)")
    assert state == "activated"
    cached = page.evaluate("caches.keys()")
    assert len(cached) == 1 and cached[0].startswith("journal-shell-")


def test_three_entries_offline_then_online_each_once(phone):
    page = phone()
    sign_up(page)
    wait_for_worker(page)
    page.context.set_offline(True)
    for count, text in enumerate(("Offline one", "Offline two", "Offline three"), start=1):
        save(page, text)
        page.wait_for_selector(f"{WAITING}:has-text('{count} entr')")
    assert "Saved on this phone — it will sync. 3 entries are waiting to sync." == \
        page.inner_text(WAITING)
    waiting = page.locator("#waiting-entries article.entry")
    assert waiting.count() == 3 and "Not yet synced" in waiting.first.inner_text()
    screenshot(page, "home-offline-en")

    page.reload()  # offline: the worker answers with the cached shell
    assert page.get_by_label("What meaningful progress did you make today?").is_visible()
    assert Entry.select().count() == 0

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    eventually(lambda: Entry.select().count() >= 3, page)
    page.wait_for_timeout(1000)  # any duplicate upload would land by now
    texts = sorted(entry.text for entry in Entry.select())
    assert texts == ["Offline one", "Offline three", "Offline two"]


def test_a_lost_response_is_retried_without_doubling(phone):
    page = phone()
    sign_up(page)
    wait_for_worker(page)
    lost = []

    def lose_first_answer(route):
        if route.request.method == "POST" and not lost:
            route.fetch()  # the server commits the entry...
            lost.append(route.request.post_data_json["id"])
            route.abort()  # ...but the browser never sees the answer
        else:
            route.continue_()

    page.route("**/api/v1/entries", lose_first_answer)
    save(page, "Committed but unanswered")
    eventually(lambda: Entry.select().count() == 1, page)
    # Sent again, by the page or by the worker's background sync, and the page says so.
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector(f"{WAITING}:has-text('1 entry from this phone is now in your journal.')",
                           timeout=15000)
    assert page.evaluate("JournalOutbox.pending(document.querySelector('meta[name=journal-user]').content)") == []
    assert [str(e.id) for e in Entry.select()] == lost


def test_waiting_entries_show_on_the_timeline(phone):
    page = phone()
    sign_up(page)
    page.goto("/timeline")
    wait_for_worker(page)
    page.goto("/")
    page.context.set_offline(True)
    save(page, "Written in the lift")
    page.wait_for_selector(f"{WAITING}:has-text('Saved on this phone')")
    page.context.route("**/api/v1/**", lambda route: route.abort())
    page.context.set_offline(False)  # still no signal for the API
    page.goto("/timeline")
    card = page.locator("#waiting-entries article.entry")
    card.wait_for()
    assert "Not yet synced" in card.inner_text() and "Written in the lift" in card.inner_text()
    screenshot(page, "timeline-waiting-en")


def test_an_expired_session_keeps_the_queue_and_asks_to_log_in(phone):
    page = phone()
    sign_up(page)
    wait_for_worker(page)
    page.context.clear_cookies()
    save(page, "Kept while logged out")
    page.wait_for_selector(f"{WAITING}:has-text('Log in again')")
    log_in(page)
    eventually(lambda: Entry.select().count() == 1, page)
    assert [e.text for e in Entry.select()] == ["Kept while logged out"]


def test_logout_warns_and_another_person_never_uploads_them(phone):
    page = phone()
    sign_up(page)
    wait_for_worker(page)
    page.context.set_offline(True)
    save(page, "Ana's offline note")
    page.wait_for_selector(f"{WAITING}:has-text('Saved on this phone')")
    page.context.route("**/api/v1/**", lambda route: route.abort())
    page.context.set_offline(False)
    page.goto("/settings")
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Log out").click()
    page.wait_for_timeout(1000)
    assert "1 entry has not synced yet" in dialogs[0]
    assert page.url.endswith("/settings"), "dismissing the warning keeps you logged in"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    page.context.unroute("**/api/v1/**")

    sign_up(page, email="bo@example.org", name="Bo")
    page.wait_for_timeout(1500)
    bo = User.get(User.email == "bo@example.org")
    assert Entry.select().count() == 0, "Bo's session uploads nothing of Ana's"
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")

    log_in(page)
    eventually(lambda: Entry.select().count() == 1, page)
    ana = User.get(User.email == "ana@example.org")
    assert [(e.user_id, e.text) for e in Entry.select()] == [(ana.id, "Ana's offline note")]
    assert bo.id != ana.id
