"""A user's devices that receive push messages: what to call them, and a test message to check
that notifications arrive."""
from flask_babel import gettext as _

from journal.models.push import PushSubscription
from journal.notifications.messages import test_message
from journal.push.network import Guard
from journal.push.sender import PushSender, messages_to

TEST_DEADLINE = 3.0  # seconds a test message may hold the request that sends it

# (marker in the User-Agent, name shown); the first match wins, so order matters.
SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"),
           ("Windows", "Windows"), ("Macintosh", "Mac"), ("Linux", "Linux"))
BROWSERS = (("Edg", "Edge"), ("SamsungBrowser", "Samsung Internet"), ("FxiOS", "Firefox"),
            ("Firefox", "Firefox"), ("CriOS", "Chrome"), ("Chrome", "Chrome"),
            ("Safari", "Safari"))


def device_kind(user_agent):
    """The browser and system a User-Agent names, in the form kept in the database
    ("Chrome|Android"; "|" when neither is known): words are chosen when shown, in the reader's
    language."""
    agent = user_agent or ""
    system = next((name for marker, name in SYSTEMS if marker in agent), "")
    browser = next((name for marker, name in BROWSERS if marker in agent), "")
    return f"{browser}|{system}"


def kind_label(kind):
    """A short name a person recognises ("Chrome on Android") for a stored device kind."""
    browser, _sep, system = (kind or "").partition("|")
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    return browser or system or _("Unknown device")


def device_label(user_agent):
    """A short name a person recognises ("Chrome on Android") from the stored User-Agent."""
    return kind_label(device_kind(user_agent))


def test_sender(app):
    """A sender for a test message sent while someone waits: one attempt per device, no
    back-off, and an answer within TEST_DEADLINE whatever the push services do."""
    return PushSender(app.extensions["vapid"], app.config["VAPID_SUBJECT"],
                      ttl=app.config["PUSH_TTL_SECONDS"],
                      timeout=min(app.config["PUSH_TIMEOUT_SECONDS"], TEST_DEADLINE),
                      attempts=1, deadline=TEST_DEADLINE, guard=Guard.for_app(app))


def send_test(devices, language, sender):
    """Send a test notification to each device and forget the ones the push service says are
    gone. Returns {device id: "sent" | "gone" | "retry" | "error"}."""
    outcomes = sender.send_all(messages_to(devices, test_message(language), "test"))
    PushSubscription.forget(o.key for o in outcomes if o.result == "gone")
    return {o.key: o.result for o in outcomes}
