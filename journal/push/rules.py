"""What makes a usable push subscription (PushSubscription.toJSON() from the browser): pure
checks of plain data."""
import base64
import binascii
import ipaddress
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

ENDPOINT_LIMIT = 2000
DEVICE_LIMIT = 200  # characters of the User-Agent kept to name the device


def clean_subscription(body, *, user_agent, production):
    """Check a subscription; (values, {field: message}). Plain http endpoints are allowed only
    on loopback outside production (a push service under test)."""
    errors = {}
    endpoint = body.get("endpoint")
    keys = body.get("keys") if isinstance(body.get("keys"), dict) else {}
    if (not isinstance(endpoint, str) or len(endpoint) > ENDPOINT_LIMIT
            or not _endpoint_allowed(endpoint, production)):
        errors["endpoint"] = _l("Send the subscription's https endpoint.")
    p256dh = keys.get("p256dh") if isinstance(keys.get("p256dh"), str) else ""
    auth = keys.get("auth") if isinstance(keys.get("auth"), str) else ""
    raw_key, raw_auth = _b64url_bytes(p256dh), _b64url_bytes(auth)
    if not raw_key or len(raw_key) != 65 or raw_key[0] != 4:
        errors["keys.p256dh"] = _l("Send the subscription's p256dh key.")
    if not raw_auth or len(raw_auth) != 16:
        errors["keys.auth"] = _l("Send the subscription's auth secret.")
    device = (user_agent or "")[:DEVICE_LIMIT]
    return {"endpoint": endpoint, "p256dh": p256dh, "auth": auth, "device": device}, errors


def _b64url_bytes(value):
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError, TypeError):
        return None


def _endpoint_allowed(endpoint, production):
    parts = urlsplit(endpoint)
    if parts.scheme == "https" and parts.hostname:
        return True
    if parts.scheme != "http" or production:
        return False
    try:
        return ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        return parts.hostname == "localhost"
