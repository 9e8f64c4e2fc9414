"""Mail choices: the weekly "your week" mail and whether the journal's own words may appear in
mails (/settings/notifications/mail), and the one-click unsubscribe page every reminder,
notice and digest mail links to (/mail/unsubscribe/<token>, no login needed: the signed token
is the proof)."""
from babel.dates import get_day_names
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.clock import current_now
from journal.mail.store import delivery_trouble, mail_is_on
from journal.notifications.digest import (
    clean_mail_fields,
    digest_settings,
    save_mail_fields,
)
from journal.notifications.unsubscribe import WHAT_STOPS, person_and_kind, switch_off
from journal.security import csrf
from journal.web import not_found

bp = Blueprint("mail_settings", __name__)


def _day_name(weekday):
    """A weekday's name as it stands inside a sentence (Dutch: lower case)."""
    return get_day_names("wide", locale=get_locale())[weekday - 1]


@bp.app_template_global()
def mail_summary(user):
    """What the notifications page shows of the mail choices (notifications/_mail_extras.html)."""
    return {"on": mail_is_on(), "verified": user.email_verified,
            "digest": digest_settings(user), "day": _day_name(user.review_weekday),
            "words": user.mail_words, "trouble": delivery_trouble(user)}


def _render(values, errors, status=200):
    user = current_user
    return render_template(
        "notifications/mail.html", values=values, errors=errors, mail_on=mail_is_on(),
        verified=user.email_verified, review_day=_day_name(user.review_weekday),
    ), status


@bp.get("/settings/notifications/mail")
@login_required
def edit():
    """The weekly mail (on or off, and its time) and the words-in-mail choice."""
    digest = digest_settings(current_user)
    return _render({"digest_enabled": digest["enabled"], "digest_time": digest["time"],
                    "mail_words": current_user.mail_words}, {})


@bp.post("/settings/notifications/mail")
@login_required
def save():
    """Save the mail choices; a problem is shown next to its field with what was typed, and
    nothing is stored until everything is right."""
    values = {"digest_enabled": "digest_enabled" in request.form,
              "digest_time": request.form.get("digest_time", "").strip(),
              "mail_words": "mail_words" in request.form}
    clean, errors = clean_mail_fields({
        "digest": {"enabled": values["digest_enabled"], "time": values["digest_time"]},
        "mail_words": values["mail_words"]})
    if errors:
        return _render(values, {key.replace(".", "_"): message
                                for key, message in errors.items()}, status=422)
    save_mail_fields(current_user._get_current_object(), clean, current_now())
    flash(_("Your mail choices are saved. You can change them at any time."))
    return redirect(url_for("notifications.edit"))


def _person_and_kind_or_404(token):
    found = person_and_kind(token)
    if found is None:
        not_found(_("This link to stop mails does not work. You can choose which mails you "
                    "get in your notification settings."))
    return found


def _unsubscribe_page(user, kind, done):
    # In the language of the person the mail went to, whoever (if anyone) is logged in here.
    with force_locale(user.language):
        return render_template("notifications/unsubscribe.html", what=WHAT_STOPS[kind],
                               kind=kind, done=done)


@bp.get("/mail/unsubscribe/<token>")
def unsubscribe_page(token):
    """Which mails the link stops, with a button to confirm; changes nothing (mail scanners
    follow links)."""
    user, kind = _person_and_kind_or_404(token)
    return _unsubscribe_page(user, kind, done=False)


@bp.post("/mail/unsubscribe/<token>")
@csrf.exempt  # RFC 8058: mail clients post `List-Unsubscribe=One-Click` with no session
def unsubscribe(token):
    """Switch this kind of mail off for the token's person (the page's button, or a mail
    client's one-click unsubscribe); the same answer however often it comes."""
    user, kind = _person_and_kind_or_404(token)
    switch_off(user, kind)
    return _unsubscribe_page(user, kind, done=True)
