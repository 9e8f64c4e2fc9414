"""JSON API: push key, subscriptions and reminder settings."""
import base64
import os
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from journal.models import PushSubscription, Reminder, User
from journal.push.keys import PushConfigError, check_subject

SETTINGS = {"daily": {"enabled": True, "time": "18:30", "weekdays": [1, 2, 3, 4, 5],
                      "skip_if_logged": True},
            "weekly_review": {"enabled": True, "weekday": 5, "time": "16:00"},
            "paused_until": None}


def test_the_public_key_is_an_uncompressed_p256_point_kept_in_instance(app, client):
    key = client.get("/api/v1/push/key").get_json()["public_key"]
    raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert len(raw) == 65 and raw[0] == 4
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    key_file = os.path.join(app.instance_path, "vapid_private.pem")
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    result = app.test_cli_runner().invoke(args=["push", "public-key"])
    assert result.output.strip() == key


@pytest.mark.parametrize("subject, production, ok", [
    ("mailto:ops@example.org", True, True), ("https://journal.example.org", True, True),
    (None, True, False), ("ops@example.org", True, False), ("mailto:me@localhost", True, False),
    (None, False, True),
])
def test_the_vapid_subject_is_checked_at_start(subject, production, ok):
    if ok:
        assert check_subject(subject, production).startswith(("mailto:", "https:"))
    else:
        with pytest.raises(PushConfigError):
            check_subject(subject, production)


def subscription():
    key = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    return {"endpoint": "https://push.example.net/send/" + os.urandom(8).hex(),
            "keys": {"p256dh": b64(key), "auth": b64(os.urandom(16))}, "expirationTime": None}


def test_subscribing_is_idempotent_and_follows_the_device(journal, other):
    sub = subscription()
    assert journal.api("POST", "/api/v1/push/subscriptions", sub).status_code == 201
    assert journal.api("POST", "/api/v1/push/subscriptions", sub).status_code == 200
    assert PushSubscription.select().count() == 1
    assert other.api("POST", "/api/v1/push/subscriptions", sub).status_code == 200
    assert PushSubscription.get().user.email == "bo@example.org", "a phone that changed hands"
    assert journal.api("DELETE", "/api/v1/push/subscriptions",
                       {"endpoint": sub["endpoint"]}).status_code == 404
    assert other.api("DELETE", "/api/v1/push/subscriptions",
                     {"endpoint": sub["endpoint"]}).status_code == 204
    assert PushSubscription.select().count() == 0


@pytest.mark.parametrize("change, field", [
    ({"endpoint": None}, "endpoint"), ({"endpoint": "ftp://push.example.net/x"}, "endpoint"),
    ({"endpoint": "http://push.example.net/x"}, "endpoint"),
    ({"keys": {}}, "keys.p256dh"), ({"keys": {"p256dh": "abc", "auth": "abc"}}, "keys.p256dh"),
])
def test_malformed_subscriptions_are_refused(journal, change, field):
    response = journal.api("POST", "/api/v1/push/subscriptions", {**subscription(), **change})
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert PushSubscription.select().count() == 0


def test_plain_http_endpoints_only_on_loopback_and_never_in_production(app, journal):
    local = {**subscription(), "endpoint": "http://127.0.0.1:9999/push/a"}
    assert journal.api("POST", "/api/v1/push/subscriptions", local).status_code == 201
    app.config["JOURNAL_ENV"] = "production"
    other = {**subscription(), "endpoint": "http://127.0.0.1:9999/push/b"}
    assert journal.api("POST", "/api/v1/push/subscriptions", other).status_code == 422


def test_reminder_settings_round_trip_and_schedule(journal):
    defaults = journal.api("GET", "/api/v1/reminders").get_json()
    assert defaults["daily"]["enabled"] is False and defaults["weekly_review"]["enabled"] is False
    saved = journal.api("PUT", "/api/v1/reminders", SETTINGS)
    assert saved.status_code == 200
    body = saved.get_json()
    assert {k: body[k] for k in SETTINGS} == SETTINGS
    # Friday 27 Nov 2026 12:00 UTC; Amsterdam: 18:30 and 16:00 local are 17:30 and 15:00 UTC.
    assert body["next"] == {"daily": "2026-11-27T17:30:00+00:00",
                            "weekly_review": "2026-11-27T15:00:00+00:00"}
    off = journal.api("PUT", "/api/v1/reminders", {"daily": {"enabled": False}}).get_json()
    assert off["daily"]["enabled"] is False and "daily" not in off["next"]
    assert off["weekly_review"]["enabled"] is True


@pytest.mark.parametrize("body, field", [
    ({"daily": {"enabled": True, "time": "25:00"}}, "daily.time"),
    ({"daily": {"enabled": True, "weekdays": []}}, "daily.weekdays"),
    ({"daily": {"enabled": True, "weekdays": [0, 8]}}, "daily.weekdays"),
    ({"weekly_review": {"enabled": True, "weekday": 9}}, "weekly_review.weekday"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"paused_until": "2026-11-01"}, "paused_until"),
    ({"paused_until": "soon"}, "paused_until"),
])
def test_bad_reminder_settings_store_nothing(journal, body, field):
    response = journal.api("PUT", "/api/v1/reminders", body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert Reminder.select().count() == 0
    assert User.get().timezone == "Europe/Amsterdam"


def test_push_routes_need_a_session(client):
    assert client.get("/api/v1/reminders").status_code == 401
    assert client.post("/api/v1/push/subscriptions", json=subscription()).status_code in (400, 401)


def test_a_test_notification_reaches_every_device(journal, push_service):
    for _ in range(2):
        journal.api("POST", "/api/v1/push/subscriptions", push_service.subscription())
    response = journal.api("POST", "/api/v1/push/test")
    assert response.get_json() == {"sent": 2, "failed": 0}
    assert [m.payload["body"] for m in push_service.received] == [
        "Notifications work on this device."] * 2
