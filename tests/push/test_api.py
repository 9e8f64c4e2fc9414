"""The push API under attack: endpoints inside the network, too many devices, taking over
someone's device, and a test push that could hold the app (findings 1, 2, 3 and 8 of issue 11)."""
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from journal.models import PushSubscription, User
from tests.conftest import STORED_NOW, Journal
from tests.push.listeners import Listener, device_keys, elapsed

SUBSCRIPTIONS = "/api/v1/push/subscriptions"


def subscription(endpoint=None):
    endpoint = endpoint or "https://push.example.net/send/" + os.urandom(8).hex()
    return {"endpoint": endpoint, "keys": device_keys(), "expirationTime": None}


def production(app):
    app.config["JOURNAL_ENV"] = "production"


@pytest.mark.parametrize("in_production", [True, False], ids=["production", "development"])
@pytest.mark.parametrize("endpoint", [
    "https://127.0.0.1:7777/", "https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/",
    "https://localhost:6379/", "https://metadata.google.internal/", "https://2130706433/",
    "https://0x7f000001/", "https://127.1/", "https://0177.0.0.1/", "https://[::1]/",
    "https://[::ffff:127.0.0.1]/", "https://user:pw@fcm.googleapis.com/x",
    "https://fcm.googleapis.com:8443/x", "https://push.example.com:443x/abc",
    "https://[::1]:7777/x",
])
def test_endpoints_inside_the_network_are_refused(app, journal, endpoint, in_production):
    if in_production:
        production(app)
    response = journal.api("POST", SUBSCRIPTIONS, subscription(endpoint))
    assert response.status_code == 422
    assert "endpoint" in response.get_json()["error"]["fields"]
    assert PushSubscription.select().count() == 0


def test_production_sends_only_to_the_push_services_and_the_hosts_set(app, journal):
    production(app)
    assert journal.api("POST", SUBSCRIPTIONS, subscription(
        "https://fcm.googleapis.com/fcm/send/abc")).status_code == 201
    own = subscription("https://push.example.net/send/abc")
    refused = journal.api("POST", SUBSCRIPTIONS, own)
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"]["endpoint"] == (
        "The journal doesn't send notifications to this push service.")
    app.config["PUSH_ALLOWED_HOSTS"] = "*.example.org, push.example.net"
    assert journal.api("POST", SUBSCRIPTIONS, own).status_code == 201


def test_at_most_ten_devices_and_a_clear_way_out(journal):
    devices = [subscription() for _ in range(10)]
    for device in devices:
        assert journal.api("POST", SUBSCRIPTIONS, device).status_code == 201
    eleventh = journal.api("POST", SUBSCRIPTIONS, subscription())
    assert eleventh.status_code == 409
    message = eleventh.get_json()["error"]["fields"]["endpoint"]
    assert "10 devices" in message and "Remove one" in message
    assert journal.api("POST", SUBSCRIPTIONS, devices[0]).status_code == 200, "a known one"
    assert journal.api("DELETE", SUBSCRIPTIONS, {"endpoint": devices[0]["endpoint"]}
                       ).status_code == 204
    assert journal.api("POST", SUBSCRIPTIONS, subscription()).status_code == 201
    assert PushSubscription.select().count() == 10


def test_devices_subscribing_at_the_same_moment_still_stop_at_ten(app, journal):
    """Eight of Ana's browsers subscribe at once while she has six devices: the count is taken
    in turn (a row lock on PostgreSQL, SQLite's own write lock), so exactly four get in."""
    for _ in range(6):
        journal.api("POST", SUBSCRIPTIONS, subscription())
    browsers = [Journal(app.test_client()) for _ in range(8)]
    for browser in browsers:
        assert browser.login().status_code == 302
    start = threading.Barrier(len(browsers))

    def subscribe(browser):
        start.wait()
        return browser.api("POST", SUBSCRIPTIONS, subscription()).status_code

    with ThreadPoolExecutor(len(browsers)) as pool:
        statuses = list(pool.map(subscribe, browsers))
    assert sorted(statuses) == [201] * 4 + [409] * 4
    assert PushSubscription.select().count() == 10


def test_a_device_does_not_move_to_someone_with_ten(journal, other):
    for _ in range(10):
        other.api("POST", SUBSCRIPTIONS, subscription())
    phone = subscription()
    journal.api("POST", SUBSCRIPTIONS, phone)
    assert other.api("POST", SUBSCRIPTIONS, phone).status_code == 409
    assert PushSubscription.get(endpoint=phone["endpoint"]).user.email == "ana@example.org"


def test_a_device_cannot_be_taken_over_with_other_keys(journal, other):
    """Finding 8: Bo posts Ana's endpoint with keys of his own to get her notifications."""
    phone = subscription()
    journal.api("POST", SUBSCRIPTIONS, phone)
    before = PushSubscription.get()
    for attacker, keys in ((other, device_keys()), (other, {**phone["keys"], "auth":
                                                               device_keys()["auth"]}),
                           (journal, device_keys())):
        response = attacker.api("POST", SUBSCRIPTIONS, {**phone, "keys": keys})
        assert response.status_code == 409
        assert response.get_json()["error"]["fields"]["endpoint"].startswith(
            "This device is already registered with other keys.")
    after = PushSubscription.get()
    assert (after.user_id, after.p256dh, after.auth) == (before.user_id, before.p256dh,
                                                         before.auth)
    assert other.api("POST", SUBSCRIPTIONS, phone).status_code == 200, "the same keys move it"
    assert PushSubscription.get().user.email == "bo@example.org"


def test_a_malformed_stored_endpoint_fails_alone(journal, push_service):
    """Finding 2: endpoints stored before these rules (written straight into the table) make
    that device's attempt an error; the other device still gets its message."""
    ana = User.get(User.email == "ana@example.org")
    for endpoint in ("https://push.example.com:443x/abc", "https://[::1]:7777/x"):
        PushSubscription.create(user=ana, endpoint=endpoint, created_at=STORED_NOW,
                                last_seen_at=STORED_NOW, **device_keys())
    good = push_service.subscription()
    assert journal.api("POST", SUBSCRIPTIONS, good).status_code == 201
    response = journal.api("POST", "/api/v1/push/test")
    assert response.status_code == 200 and response.get_json() == {"sent": 1, "failed": 2}
    assert len(push_service.messages_for(good)) == 1


def test_the_test_push_answers_within_seconds_whatever_the_endpoints_do(journal):
    """Finding 3: ten endpoints on a tarpit that accepts and never answers."""
    with Listener(tarpit=True) as tarpit:
        for n in range(10):
            device = subscription(f"http://127.0.0.1:{tarpit.port}/push/{n}")
            assert journal.api("POST", SUBSCRIPTIONS, device).status_code == 201
        response, seconds = elapsed(lambda: journal.api("POST", "/api/v1/push/test"))
        assert response.get_json() == {"sent": 0, "failed": 10}
        assert seconds < 4
        assert tarpit.connections == 10, "one attempt per device, no retries"


def test_the_test_push_is_limited_per_person(journal, other):
    for _ in range(5):
        assert journal.api("POST", "/api/v1/push/test").status_code == 200
    limited = journal.api("POST", "/api/v1/push/test")
    assert limited.status_code == 429
    assert limited.get_json()["error"]["code"] == "rate_limited"
    assert other.api("POST", "/api/v1/push/test").status_code == 200


def test_the_test_push_needs_a_session(client):
    assert client.post("/api/v1/push/test").status_code in (400, 401)
