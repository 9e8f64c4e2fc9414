"""What makes a usable push subscription (PushSubscription.toJSON() from the browser): pure
checks of plain data. An endpoint is an address a stranger chose, so it is checked here without
DNS (push/network.py checks the addresses it resolves to when sending)."""
import base64
import binascii
import hmac
import ipaddress
import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from journal.refusal import Refusal

ENDPOINT_LIMIT = 2000
DEVICE_LIMIT = 200  # characters of the User-Agent kept to name the device
MAX_DEVICES = 10    # devices per person: bounds the fan-out of every message

# The browsers' push services; in production only these, plus PUSH_ALLOWED_HOSTS.
KNOWN_PUSH_HOSTS = ("fcm.googleapis.com", "updates.push.services.mozilla.com",
                    "*.push.services.mozilla.com", "*.push.apple.com", "*.notify.windows.com")
# Names that only ever mean something inside a network.
INTERNAL_SUFFIXES = ("localhost", "local", "internal", "localdomain", "lan", "home", "corp",
                     "intranet", "private", "home.arpa", "arpa")

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_NOT_PLAIN = re.compile(r"[^!-~]|\\")  # anything but printable ASCII without space, or \
# WHATWG's "ends in a number": a last label like this makes a browser (and inet_aton) read the
# whole host as an IPv4 address in some notation (127.1, 0x7f.1, 0177.0.0.1, 2130706433).
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")

ENDPOINT_MESSAGE = _l("Send the subscription's https endpoint.")
HOST_MESSAGE = _l("The journal doesn't send notifications to this push service.")


def clean_subscription(body, *, user_agent, production, allowed_hosts=()):
    """Check a subscription; (values, {field: message}). Plain http endpoints are allowed only
    on loopback outside production (a push service under test)."""
    errors = {}
    endpoint = body.get("endpoint")
    keys = body.get("keys") if isinstance(body.get("keys"), dict) else {}
    problem = endpoint_problem(endpoint, production=production, allowed_hosts=allowed_hosts)
    if problem:
        errors["endpoint"] = HOST_MESSAGE if problem == "host not allowed" else ENDPOINT_MESSAGE
    p256dh = keys.get("p256dh") if isinstance(keys.get("p256dh"), str) else ""
    auth = keys.get("auth") if isinstance(keys.get("auth"), str) else ""
    raw_key, raw_auth = _b64url_bytes(p256dh), _b64url_bytes(auth)
    if not raw_key or len(raw_key) != 65 or raw_key[0] != 4:
        errors["keys.p256dh"] = _l("Send the subscription's p256dh key.")
    if not raw_auth or len(raw_auth) != 16:
        errors["keys.auth"] = _l("Send the subscription's auth secret.")
    device = (user_agent or "")[:DEVICE_LIMIT]
    return {"endpoint": endpoint, "p256dh": p256dh, "auth": auth, "device": device}, errors


def endpoint_problem(endpoint, *, production, allowed_hosts=()):
    """Why this endpoint may not be used, in a few words for a log, or None when it may.

    https on port 443 to a DNS name (never an IP literal in any notation, never a name that
    only means something inside a network); in production only the known push services and
    `allowed_hosts`. Outside production, plain http to a loopback address is the exception
    (the push service of `make run` and the tests)."""
    if not isinstance(endpoint, str) or not 0 < len(endpoint) <= ENDPOINT_LIMIT:
        return "not a URL"
    if _NOT_PLAIN.search(endpoint):
        return "not a plain URL"
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return "malformed host or port"
    if "@" in parts.netloc:
        return "user-info in URL"
    if parts.scheme == "http" and not production and is_dev_loopback(parts.hostname):
        return None
    if parts.scheme != "https":
        return "not https"
    if port not in (None, 443):
        return "port not 443"
    host = parts.hostname or ""
    if "[" in parts.netloc or not is_public_name(host):
        return "not a public host name"
    if production and not host_allowed(host, KNOWN_PUSH_HOSTS + tuple(allowed_hosts)):
        return "host not allowed"
    return None


def is_dev_loopback(host):
    """127.0.0.0/8, ::1 or localhost, written plainly: the development push service's host."""
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return False
    return address.is_loopback and address.version == 4 or address == ipaddress.ip_address("::1")


def is_public_name(host):
    """A DNS name of two labels or more that cannot be read as an IP address and is not a name
    kept for inside a network (localhost, *.internal, *.local...)."""
    name = host[:-1] if host.endswith(".") else host
    labels = name.split(".")
    if len(name) > 253 or len(labels) < 2 or not all(_LABEL.match(lab) for lab in labels):
        return False
    if _NUMERIC_LABEL.match(labels[-1]):
        return False
    return not any(name == suffix or name.endswith("." + suffix) for suffix in INTERNAL_SUFFIXES)


def host_allowed(host, patterns):
    """Whether the host is one of `patterns`: an exact name, or `*.example.com` for any name
    under example.com (not example.com itself)."""
    name = host.lower().rstrip(".")
    for pattern in patterns:
        pattern = pattern.strip().lower().rstrip(".")
        if pattern.startswith("*.") and name.endswith(pattern[1:]) and len(name) > len(pattern):
            return True
        if pattern and not pattern.startswith("*") and name == pattern:
            return True
    return False


def parse_host_patterns(text):
    """PUSH_ALLOWED_HOSTS ("push.example.com, *.push.example.net") as a tuple of patterns."""
    return tuple(item.strip().lower() for item in (text or "").split(",") if item.strip())


def check_takeover(stored, values):
    """A known endpoint may be moved or refreshed only by whoever holds its keys: refuse (409)
    when the p256dh key or auth secret differ from the stored ones."""
    same = all(hmac.compare_digest(_b64url_bytes(stored[name]) or b"",
                                   _b64url_bytes(values[name]) or b"-")
               for name in ("p256dh", "auth"))
    if not same:
        raise Refusal("conflict", _l(
            "This device is already registered with other keys. Turn notifications off and on "
            "again on the device to register it anew."), "endpoint")


def check_room(device_count):
    """A person has at most MAX_DEVICES devices; a new one beyond that is refused (409)."""
    if device_count >= MAX_DEVICES:
        raise Refusal("conflict", _l(
            "You already get notifications on %(limit)s devices, the most there can be. Remove "
            "one in your notification settings first.", limit=MAX_DEVICES), "endpoint")


def _b64url_bytes(value):
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError, TypeError):
        return None
