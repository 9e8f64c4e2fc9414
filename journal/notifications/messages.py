"""Every notification's words, in the recipient's language: reminders, notices around a
progress conversation, and the test message. Invitations, never guilt; generic on the lock screen
unless the person chose to show more."""
from flask_babel import force_locale
from flask_babel import gettext as _

from journal.notifications.rules import AGREEMENT_KIND, HELPING_KIND, TEAM_HELP_KIND


def reminder_message(kind, language, details):
    """What a reminder says: an invitation, never guilt; generic on the lock screen unless the
    user asked for more. Returns {title, body, url, tag}."""
    with force_locale(language):
        url = "/?focus=text" if kind == "daily" else "/reviews"
        if not details:
            return {**generic_words(), "url": url, "tag": kind}
        if kind == "daily":
            body = _("What meaningful progress did you make today? A sentence is enough.")
        else:
            body = _("Time to look back on your week, if you like: what improved?")
        return {"title": _("Progress Journal"), "body": body, "url": url, "tag": kind}


def test_message(language):
    """The words of a test notification."""
    with force_locale(language):
        return {"title": _("Progress Journal"),
                "body": _("Notifications work on this device."), "url": "/", "tag": "test"}


def notice_message(kind, language, details, *, author, about_id):
    """What a notice says: generic on the lock screen unless the person chose to show more.
    `about_id` is the summary's id (for an invitation, the invitation's: it opens People)."""
    with force_locale(language):
        if kind == "invitation":
            url = "/people#waiting-heading"
            body = _("%(name)s would like to share progress with you. You can answer on your "
                     "People page.", name=author)
        elif kind in ("conv_prepare", "summary_reply"):
            url = f"/summaries/{about_id}"
            body = (_("Your progress conversation is coming up. A few minutes to prepare?")
                    if kind == "conv_prepare" else
                    _("%(name)s replied to the summary you shared.", name=author))
        else:
            url = f"/shared/{about_id}"
            body = (_("%(name)s shared a summary for your progress conversation.", name=author)
                    if kind == "summary_shared" else
                    _("Tomorrow you have a progress conversation with %(name)s.", name=author))
        if not details:
            body = _("There is something new for you in your journal.")
        return {"title": _("Progress Journal"), "body": body, "url": url, "tag": kind}


def record_message(kind, language, details, *, author, url):
    """What a notice of the conversations themselves says (a next step proposed, a helping
    conversation asked for, an expectation shared, a teammate's help wanted), opening `url`: warm, never pressing, and
    generic on the lock screen unless the person chose to show more."""
    with force_locale(language):
        if not details:
            body = _("There is something new for you in your journal.")
        elif kind == AGREEMENT_KIND:
            body = _("%(name)s proposed a next step from your progress conversation.",
                     name=author)
        elif kind == HELPING_KIND:
            body = _("%(name)s would like a helping conversation with you.", name=author)
        elif kind == TEAM_HELP_KIND:
            body = _("%(name)s would like your help. Your team page says with what.",
                     name=author)
        else:
            body = _("%(name)s shared an expectation with you. How will you go about it, in "
                     "your own way?", name=author)
        return {"title": _("Progress Journal"), "body": body, "url": url, "tag": kind}


def generic_words():
    """A reminder's words on the lock screen, in the current language: also what a device shows
    for a push that arrives without any."""
    return {"title": _("Progress Journal"), "body": _("A moment for your journal?")}
