"""Notifications in a real browser: the worker shows what the server pushes, the page turns
notifications on from a tap, and the notifications page fits a phone."""
import base64
import json
import re

import pytest

from journal.models import User
from journal.models.push import PushSubscription
from journal.notifications.messages import reminder_message
from tests.browser.conftest import eventually, screenshot, sign_up, wait_for_worker
from tests.conftest import STORED_NOW

PAGE = "/settings/notifications"
NOTIFICATIONS = """navigator.serviceWorker.ready.then(r => r.getNotifications()).then(list =>
  list.map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url})))"""
# Tap targets: a checkbox is tapped through its label, so the label is what must be big enough.
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    'main a, main button, main input:not([type=hidden]):not([type=checkbox]), main label.choice, main label.pill span'))
  .filter(el => el.offsetParent !== null)
  .map(el => [el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 30),
              Math.round(el.getBoundingClientRect().height)])
  .filter(([, height]) => height < 44)"""


def deliver(page, live_server, data):
    """Deliver a push message to the page's service worker through DevTools (no push service)."""
    cdp = page.context.new_cdp_session(page)
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: registrations.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")
    page.wait_for_function("() => true")  # lets the registration event arrive
    eventually(lambda: any(not r["isDeleted"] for r in registrations), page)
    registration = next(r for r in registrations if not r["isDeleted"])
    cdp.send("ServiceWorker.deliverPushMessage", {
        "origin": live_server, "registrationId": registration["registrationId"], "data": data})


def push_and_show(page, live_server, data, deliveries=3):
    """Push `data` to the worker and return the notifications it then shows.

    A real push service keeps a message until the browser acknowledges it and sends it again
    otherwise; DevTools delivers once, unacknowledged, and Chromium can drop a message that
    arrives while it restarts the worker for its update check after a navigation (seen once in
    CI). So a message not shown within five seconds is delivered again, as the push service
    would; every notification carries a tag, so a second delivery replaces, never adds.
    """
    for _ in range(deliveries):
        deliver(page, live_server, data)
        for _ in range(25):
            notifications = page.evaluate(NOTIFICATIONS)
            if notifications:
                return notifications
            page.wait_for_timeout(200)
    raise AssertionError(f"no notification shown after {deliveries} deliveries")


def worker(page):
    """The service worker itself, to call its named helpers."""
    return page.context.service_workers[0]


def test_a_pushed_reminder_shows_a_notification_that_opens_its_page(phone, live_server):
    """Proves, in headless Chromium: (1) a push delivered to the worker (DevTools
    deliverPushMessage, standing in for the push service) is shown as a notification with the
    server's own title, body and tag (the payload is built by journal.notifications.store), and carries
    data.url "/reviews" for a weekly-review reminder; (2) the worker's click helper,
    openFromNotification(notification.data), called inside the worker with the notification it
    shows, takes the open app window to /reviews; (3) notificationTarget() never leads to another
    site. Headless Chromium has no notification centre and DevTools cannot click a notification,
    and a synthetic notificationclick event cannot be dispatched (waitUntil throws on untrusted
    events); so the listener's two lines (close, then openFromNotification) are not run here,
    nor is the focus() it asks for (the helper navigates even when focusing is refused, as it
    is outside a real click)."""
    page = phone()
    page.context.grant_permissions(["notifications"], origin=live_server)
    sign_up(page)
    wait_for_worker(page)
    message = reminder_message("weekly_review", "en", details=True)
    [notification] = push_and_show(page, live_server, json.dumps(message))
    assert notification == {"title": "Progress Journal", "tag": "weekly_review", "url": "/reviews",
                            "body": "Time to look back on your week, if you like: what improved?"}

    sw = worker(page)
    assert sw.evaluate("self.registration.getNotifications().then(([n]) => notificationTarget(n.data))") \
        == "/reviews"
    for outside in ("https://example.org/phish", "//example.org/x", "javascript:alert(1)"):
        assert sw.evaluate(f"notificationTarget({{url: {json.dumps(outside)}}})") == "/"
    sw.evaluate("self.registration.getNotifications().then(([n]) => openFromNotification(n.data))")
    page.wait_for_url("**/reviews")


def test_a_daily_reminder_opens_the_entry_form_and_lock_screen_text_stays_generic(phone, live_server):
    """With details off (the default) the notification says only the generic line."""
    page = phone()
    page.context.grant_permissions(["notifications"], origin=live_server)
    sign_up(page)
    wait_for_worker(page)
    message = json.dumps(reminder_message("daily", "en", details=False))
    assert push_and_show(page, live_server, message) == [
        {"title": "Progress Journal", "body": "A moment for your journal?",
         "tag": "daily", "url": "/?focus=text"}]


def test_a_push_without_readable_words_still_shows_a_notification(phone, live_server):
    """iOS drops a subscription whose push shows nothing: an unreadable payload still shows one."""
    page = phone()
    page.context.grant_permissions(["notifications"], origin=live_server)
    sign_up(page)
    wait_for_worker(page)
    assert push_and_show(page, live_server, "not json") == [
        {"title": "Progress Journal", "body": "A moment for your journal?",
         "tag": "journal", "url": "/"}]


def fake_push_manager(subscription):
    """A stand-in for the browser's own push service connection, as an init script.

    Headless Chromium cannot subscribe: its contexts are incognito, where Chrome refuses the
    Push API ("AbortError: Registration failed - permission denied"), and a persistent profile
    waits forever for Google's push service (no network here). This replaces only
    PushManager.subscribe/getSubscription with one that hands out `subscription` (keys made by
    the local push service, so messages to it can be decrypted) and records the server key it
    was given; everything else (permission prompt, key download, POST, reload) is the app's.
    """
    return """(() => {
  const json = %s;
  const key = "fake-push-subscription";
  const make = (options) => ({ endpoint: json.endpoint, options: options, toJSON: () => json,
    unsubscribe: () => { localStorage.removeItem(key); return Promise.resolve(true); } });
  PushManager.prototype.subscribe = function (options) {
    const bytes = Array.from(new Uint8Array(options.applicationServerKey));
    localStorage.setItem(key, JSON.stringify({ key: bytes, userVisibleOnly: options.userVisibleOnly }));
    return Promise.resolve(make(options));
  };
  PushManager.prototype.getSubscription = function () {
    return Promise.resolve(localStorage.getItem(key) ? make({}) : null);
  };
})();""" % json.dumps(subscription)


@pytest.fixture
def pushing(app, push_service):
    app.config["VAPID_SUBJECT"] = "mailto:admin@example.org"
    return push_service


def subscription_posts(page):
    """Statuses of POST /api/v1/push/subscriptions the page makes from now on."""
    statuses = []
    page.on("response", lambda r: statuses.append(r.status)
            if r.request.method == "POST" and r.url.endswith("/api/v1/push/subscriptions") else None)
    return statuses


def test_turning_notifications_on_registers_this_device(phone, live_server, pushing):
    """The tap asks permission, subscribes with the server's key and POSTs the subscription;
    the reloaded page lists the device as this one, a test notification from the page reaches
    it (decrypted by the local push service), every later page load sends the subscription
    again (200), and after "Remove" it is not sent again. The browser's own push service is
    replaced (see fake_push_manager): headless Chromium cannot reach one."""
    subscription = pushing.subscription()
    page = phone()
    page.context.grant_permissions(["notifications"], origin=live_server)
    page.add_init_script(fake_push_manager(subscription))
    sign_up(page)
    wait_for_worker(page)
    page.goto(PAGE)
    posts = subscription_posts(page)
    page.get_by_role("button", name="Turn on notifications on this device").click()
    page.wait_for_selector("#push-on:not([hidden])")
    assert posts[:1] == [201]
    device = PushSubscription.get()
    assert device.endpoint == subscription["endpoint"] and device.user.email == "ana@example.org"
    used = json.loads(page.evaluate("localStorage.getItem('fake-push-subscription')"))
    server_key = page.evaluate("fetch('/api/v1/push/key').then(r => r.json())")["public_key"]
    assert bytes(used["key"]) == base64.urlsafe_b64decode(server_key + "==")
    assert used["userVisibleOnly"] is True
    assert page.locator(".device .this-device").is_visible()

    page.get_by_role("button", name="Send a test notification").click()
    page.wait_for_selector(".flash:has-text('A test notification is on its way')")
    [received] = pushing.messages_for(subscription)
    assert received.payload["body"] == "Notifications work on this device."

    page.goto("/")
    eventually(lambda: posts.count(200) >= 1, page)  # sent again when the app opens

    page.goto(PAGE)
    page.wait_for_selector("#push-on:not([hidden])")
    page.get_by_role("button", name="Remove").click()
    page.wait_for_selector(".flash:has-text('no longer get notifications')")
    assert PushSubscription.select().count() == 0
    page.wait_for_selector("#push-offer:not([hidden])")  # offered again, not quietly re-added
    page.goto("/")
    page.wait_for_timeout(1000)
    assert PushSubscription.select().count() == 0


def test_without_a_push_service_the_page_says_so(phone, live_server):
    """Real headless Chromium, nothing replaced: subscribing fails (incognito contexts refuse the
    Push API), and the page says so instead of failing silently."""
    page = phone()
    page.context.grant_permissions(["notifications"], origin=live_server)
    sign_up(page)
    wait_for_worker(page)
    page.goto(PAGE)
    posts = subscription_posts(page)
    page.get_by_role("button", name="Turn on notifications on this device").click()
    alert = page.locator("#push-failed")
    alert.wait_for()
    assert "could not be turned on in this browser" in alert.inner_text()
    assert posts == [] and PushSubscription.select().count() == 0
    assert page.locator("#push-enable").is_enabled()  # free to try again


def test_permission_is_asked_only_from_the_tap(phone, live_server):
    """No page asks on its own; a refused prompt shows how to allow it later."""
    page = phone()
    sign_up(page)
    wait_for_worker(page)
    page.goto(PAGE)
    page.wait_for_selector("#push-offer:not([hidden])")
    assert page.evaluate("Notification.permission") == "default"
    page.get_by_role("button", name="Turn on notifications on this device").click()
    # Headless Chromium answers the prompt itself, with "denied".
    page.wait_for_selector("#push-hint-blocked:not([hidden])")
    assert page.locator("#push-offer").is_hidden()


def test_blocked_notifications_say_where_to_allow_them(phone, live_server):
    page = phone()
    sign_up(page)
    # Playwright can only grant; DevTools can block, for this context's own profile.
    context_id = page.context.new_cdp_session(page).send("Target.getTargetInfo")[
        "targetInfo"]["browserContextId"]
    page.context.browser.new_browser_cdp_session().send("Browser.setPermission", {
        "permission": {"name": "notifications"}, "setting": "denied", "origin": live_server,
        "browserContextId": context_id})
    page.goto(PAGE)
    hint = page.locator("#push-hint-blocked")
    hint.wait_for()
    assert "Allow them in your browser's site settings" in hint.inner_text()
    assert page.locator("#push-offer").is_hidden()


def test_a_browser_without_push_says_it_cannot(phone):
    page = phone()
    page.add_init_script("delete window.PushManager;")
    sign_up(page)
    page.goto(PAGE)
    page.wait_for_selector("#push-hint-unsupported:not([hidden])")
    assert page.locator("#push-offer").is_hidden()


IPHONE_SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")


def test_iphone_safari_is_told_to_add_the_app_to_the_home_screen(phone):
    page = phone(user_agent=IPHONE_SAFARI)
    sign_up(page)
    page.goto(PAGE)
    hint = page.locator("#push-hint-ios")
    hint.wait_for()
    assert "Share → Add to Home Screen" in hint.inner_text()
    assert page.locator("#push-offer").is_hidden()


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_notifications_page_fits_a_phone(phone, live_server, language, scheme):
    page = phone(locale="nl-NL" if language == "nl" else "en-GB", color_scheme=scheme)
    page.context.grant_permissions(["notifications"], origin=live_server)
    sign_up(page, language=language)
    PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, user=User.get(),
                            endpoint="https://push.example.org/abc",
                            p256dh="B" + "A" * 86, auth="A" * 22,
                            device="Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36")
    page.goto(PAGE)
    page.wait_for_selector("#push-offer:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate(SMALL_TARGETS) == []
    screenshot(page, f"notifications-{language}-{scheme}")


def test_mistakes_are_shown_next_to_the_fields_on_a_phone(phone, live_server):
    page = phone()
    sign_up(page)
    page.goto(PAGE)
    page.check("input[name=daily_enabled]")
    for day in range(1, 6):  # untick Monday to Friday, tapping the day pills
        page.locator(f"label.pill:has(input[value='{day}'])").click()
    page.fill("input[name=paused_until]", "2020-01-01")
    page.get_by_role("button", name="Save reminders").click()
    error = page.locator("#daily_weekdays-error")
    error.wait_for()
    assert error.inner_text() == "Choose at least one day, or turn the reminder off."
    assert page.locator("#paused_until-error").inner_text() == "Choose today or a later day."
    assert page.input_value("input[name=paused_until]") == "2020-01-01"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "notifications-en-mistakes")
    assert re.search(r"18:30", page.input_value("input[name=daily_time]"))


def test_a_renewed_subscription_replaces_the_old_one_on_the_server(phone, live_server):
    """The worker's pushsubscriptionchange helper, called inside the worker with the browser's
    new subscription (as Firefox passes it): it stores the new one with a CSRF token from the
    session and forgets the old endpoint. Headless Chromium cannot fire the event itself, nor
    subscribe anew (no push service), so the re-subscribing branch is not run here; the key it
    would use, serverKey(), is checked against the server's."""
    page = phone()
    page.context.grant_permissions(["notifications"], origin=live_server)
    sign_up(page)
    wait_for_worker(page)
    old = PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, user=User.get(),
                                  endpoint="http://127.0.0.1:9/old",
                                  p256dh="B" + "A" * 86, auth="A" * 22)
    renewed = {"endpoint": "http://127.0.0.1:9/new",
               "keys": {"p256dh": base64.urlsafe_b64encode(b"\x04" + bytes(64)).decode().rstrip("="),
                        "auth": "A" * 22}}
    sw = worker(page)
    sw.evaluate("""([old, renewed]) => renewSubscription(
        { endpoint: old }, { endpoint: renewed.endpoint, toJSON: () => renewed })""",
                [old.endpoint, renewed])
    assert [d.endpoint for d in PushSubscription.select()] == [renewed["endpoint"]]

    key = sw.evaluate("serverKey(null).then(bytes => Array.from(bytes))")
    server_key = page.evaluate("fetch('/api/v1/push/key').then(r => r.json())")["public_key"]
    assert bytes(key) == base64.urlsafe_b64decode(server_key + "==")


def test_a_push_without_readable_words_speaks_the_users_language(phone, live_server):
    """push.js hands the worker the generic words in the user's language (the worker has no
    translations); a payload-less push then shows them. The push service is replaced as in
    fake_push_manager."""
    key = base64.urlsafe_b64encode(b"\x04" + bytes(range(64))).decode().rstrip("=")
    subscription = {"endpoint": "http://127.0.0.1:9/nl-phone", "keys": {"p256dh": key,
                                                                         "auth": "A" * 22}}
    page = phone(locale="nl-NL")
    page.context.grant_permissions(["notifications"], origin=live_server)
    page.add_init_script(fake_push_manager(subscription))
    sign_up(page, language="nl")
    wait_for_worker(page)
    page.goto(PAGE)
    page.locator("#push-enable").click()
    page.wait_for_selector("#push-on:not([hidden])")  # sent again after the reload: words kept
    assert push_and_show(page, live_server, "") == [
        {"title": "Progressiedagboek", "body": "Een moment voor je dagboek?",
         "tag": "journal", "url": "/"}]
