"""JSON API: /api/v1/push, the push key, the user's devices, and a test notification."""
from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.accounts.auth import limiter
from journal.models.push import PushSubscription
from journal.push.devices import send_test, test_sender
from journal.push.keys import public_key
from journal.push.rules import clean_subscription, parse_host_patterns
from journal.refusal import Refusal
from journal.web import json_body, not_found, request_now

bp = Blueprint("push_api", __name__, url_prefix="/api/v1/push")


@bp.get("/key")
def push_key():
    """The VAPID public key for PushManager.subscribe()."""
    return jsonify({"public_key": public_key(current_app.extensions["vapid"])})


@bp.post("/subscriptions")
@login_required
def subscribe():
    """Store this device's subscription: 201 when new, 200 when already known."""
    values, errors = clean_subscription(
        json_body(), user_agent=request.headers.get("User-Agent"),
        production=current_app.config["JOURNAL_ENV"] == "production",
        allowed_hosts=parse_host_patterns(current_app.config.get("PUSH_ALLOWED_HOSTS")))
    if errors:
        raise Refusal("invalid", _("This is not a usable push subscription."), fields=errors)
    device, new = PushSubscription.subscribe(current_user.id, values, now=request_now())
    return jsonify(device.to_api()), 201 if new else 200


@bp.delete("/subscriptions")
@login_required
def unsubscribe():
    """Forget this device (by endpoint)."""
    endpoint = json_body().get("endpoint")
    if not isinstance(endpoint, str):
        raise Refusal("malformed", _("Send the endpoint to remove."))
    if not PushSubscription.unsubscribe(current_user.id, endpoint):
        not_found(_("This device is not subscribed."))
    return "", 204


@bp.get("/subscriptions")
@login_required
def list_devices():
    """The user's devices."""
    devices = PushSubscription.of(current_user.id)
    return jsonify({"items": [d.to_api() for d in devices], "next": None})


def _test_rate_limit():
    return current_app.config["PUSH_TEST_RATE_LIMIT"]


def _person():
    who = current_user.id if current_user.is_authenticated else "anonymous"
    return f"push-test:{who}"


@bp.post("/test")
@login_required
@limiter.limit(_test_rate_limit, key_func=_person)
def test():
    """Send a test notification to every device of the user's: {"sent": n, "failed": n}. One
    attempt each, answered within a few seconds; rate-limited per person."""
    results = send_test(list(PushSubscription.of(current_user.id)), current_user.language,
                        test_sender(current_app))
    sent = sum(result == "sent" for result in results.values())
    return jsonify({"sent": sent, "failed": len(results) - sent})
