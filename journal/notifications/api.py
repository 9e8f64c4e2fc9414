"""JSON API: push key, device subscriptions, reminder settings, and a test notification."""
import base64
import binascii
import ipaddress
from urllib.parse import urlsplit

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.notifications import devices as push_devices
from journal.web import invalid, json_body, json_error, malformed
from journal.clock import current_now, stored_now
from journal.db import database
from journal.notifications.dispatch import sender_for
from journal.models.push import PushSubscription
from journal.push.keys import public_key
from journal.notifications.rules import clean_reminders
from journal.notifications.store import save_settings, settings_for
from journal.user_time import user_today

bp = Blueprint("push_api", __name__, url_prefix="/api/v1")


@bp.get("/push/key")
def push_key():
    """The VAPID public key for PushManager.subscribe()."""
    return jsonify({"public_key": public_key(current_app.extensions["vapid"])})


def _b64url_bytes(value):
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError, TypeError):
        return None


def _endpoint_allowed(endpoint):
    parts = urlsplit(endpoint)
    if parts.scheme == "https" and parts.hostname:
        return True
    if parts.scheme != "http" or current_app.config["JOURNAL_ENV"] == "production":
        return False
    try:
        return ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        return parts.hostname == "localhost"


def clean_subscription(body):
    """Check PushSubscription.toJSON(); (values, {field: message})."""
    errors = {}
    endpoint = body.get("endpoint")
    keys = body.get("keys") if isinstance(body.get("keys"), dict) else {}
    if not isinstance(endpoint, str) or len(endpoint) > 2000 or not _endpoint_allowed(endpoint):
        errors["endpoint"] = _("Send the subscription's https endpoint.")
    p256dh = keys.get("p256dh") if isinstance(keys.get("p256dh"), str) else ""
    auth = keys.get("auth") if isinstance(keys.get("auth"), str) else ""
    raw_key, raw_auth = _b64url_bytes(p256dh), _b64url_bytes(auth)
    if not raw_key or len(raw_key) != 65 or raw_key[0] != 4:
        errors["keys.p256dh"] = _("Send the subscription's p256dh key.")
    if not raw_auth or len(raw_auth) != 16:
        errors["keys.auth"] = _("Send the subscription's auth secret.")
    device = (request.headers.get("User-Agent") or "")[:200]
    return {"endpoint": endpoint, "p256dh": p256dh, "auth": auth, "device": device}, errors


@bp.post("/push/subscriptions")
@login_required
def subscribe():
    """Store this device's subscription: 201 when new, 200 when already known."""
    body = json_body()
    if body is None:
        return malformed()
    values, errors = clean_subscription(body)
    if errors:
        return json_error(422, "validation_error", _("This is not a usable push subscription."),
                          errors)
    with database.atomic():
        existing = PushSubscription.get_or_none(PushSubscription.endpoint == values["endpoint"])
        if existing is None:
            device = PushSubscription.create(user=current_user.id, **values)
            return jsonify(device.to_api()), 201
        # A device that changed hands belongs to whoever subscribed it last.
        (PushSubscription.update(user=current_user.id, p256dh=values["p256dh"],
                                 auth=values["auth"], last_seen_at=stored_now())
         .where(PushSubscription.id == existing.id).execute())
    return jsonify(PushSubscription.get_by_id(existing.id).to_api()), 200


@bp.delete("/push/subscriptions")
@login_required
def unsubscribe():
    """Forget this device (by endpoint)."""
    body = json_body()
    if body is None or not isinstance(body.get("endpoint"), str):
        return json_error(400, "malformed", _("Send the endpoint to remove."))
    removed = (PushSubscription.delete()
               .where((PushSubscription.endpoint == body["endpoint"])
                      & (PushSubscription.user == current_user.id)).execute())
    if not removed:
        return json_error(404, "not_found", _("This device is not subscribed."))
    return "", 204


@bp.get("/push/subscriptions")
@login_required
def list_devices():
    """The user's devices."""
    devices = PushSubscription.select().where(PushSubscription.user == current_user.id)
    return jsonify({"items": [d.to_api() for d in devices], "next": None})


@bp.post("/push/test")
@login_required
def send_test():
    """Send a test notification to every device of the user's: {"sent": n, "failed": n}."""
    results = push_devices.send_test(list(push_devices.devices_of(current_user.id)),
                                     current_user.language, sender_for(current_app))
    sent = sum(result == "sent" for result in results.values())
    return jsonify({"sent": sent, "failed": len(results) - sent})


@bp.get("/reminders")
@login_required
def get_reminders():
    """The user's reminder settings."""
    return jsonify(settings_for(current_user))


@bp.put("/reminders")
@login_required
def put_reminders():
    """Change reminder settings (sections left out stay as they are)."""
    body = json_body()
    if body is None:
        return malformed()
    clean, errors = clean_reminders(body, today=user_today())
    if errors:
        return invalid(errors)
    user = current_user._get_current_object()
    save_settings(user, clean, current_now())
    return jsonify(settings_for(user))
