"""A user's devices that receive push messages: which they are, what to call them, and a test
message to check that notifications arrive."""
from flask_babel import gettext as _

from journal.models.push import PushSubscription
from journal.push.sender import Message
from journal.notifications.store import test_message

# (marker in the User-Agent, name shown); the first match wins, so order matters.
SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"),
           ("Windows", "Windows"), ("Macintosh", "Mac"), ("Linux", "Linux"))
BROWSERS = (("Edg", "Edge"), ("SamsungBrowser", "Samsung Internet"), ("FxiOS", "Firefox"),
            ("Firefox", "Firefox"), ("CriOS", "Chrome"), ("Chrome", "Chrome"),
            ("Safari", "Safari"))


def devices_of(user):
    """The user's devices, oldest first."""
    return (PushSubscription
            .select()
            .where(PushSubscription.user == user)
            .order_by(PushSubscription.created_at, PushSubscription.id))


def device_of(user, device_id):
    """One of the user's devices, or None (also for another user's device)."""
    return PushSubscription.get_or_none((PushSubscription.id == device_id)
                                        & (PushSubscription.user == user))


def device_label(user_agent):
    """A short name a person recognises ("Chrome on Android") from the stored User-Agent."""
    agent = user_agent or ""
    system = next((name for marker, name in SYSTEMS if marker in agent), None)
    browser = next((name for marker, name in BROWSERS if marker in agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    return browser or system or _("Unknown device")


def send_test(devices, language, sender):
    """Send a test notification to each device and forget the ones the push service says are
    gone. Returns {device id: "sent" | "gone" | "retry" | "error"}."""
    payload = test_message(language)
    outcomes = sender.send_all([Message(key=d.id, subscription=d.info(), payload=payload,
                                        topic="test") for d in devices])
    gone = [o.key for o in outcomes if o.result == "gone"]
    if gone:
        PushSubscription.delete().where(PushSubscription.id.in_(gone)).execute()
    return {o.key: o.result for o in outcomes}
