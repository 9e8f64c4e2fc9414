"""JSON API: /api/v1/reminders, the user's reminder settings, the channel (push, mail or both)
of each reminder and notice, and the mail choices (the weekly mail, words in mails)."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from journal.clock import current_now
from journal.notifications.digest import clean_mail_fields, save_mail_fields
from journal.notifications.rules import clean_reminders
from journal.notifications.store import save_settings, settings_for
from journal.web import invalid, json_body, user_today

bp = Blueprint("reminders_api", __name__, url_prefix="/api/v1/reminders")


@bp.get("")
@login_required
def get_reminders():
    """The user's reminder settings, channels and mail choices."""
    return jsonify(settings_for(current_user))


@bp.put("")
@login_required
def put_reminders():
    """Change reminder settings, channels and mail choices (sections and kinds left out stay
    as they are); nothing is stored unless everything is right."""
    body = json_body()
    clean, errors = clean_reminders(body, today=user_today())
    mail, mail_errors = clean_mail_fields(body)
    if errors or mail_errors:
        return invalid({**errors, **mail_errors})
    user = current_user._get_current_object()
    now = current_now()
    save_settings(user, clean, now, also=lambda person, moment: save_mail_fields(
        person, mail, moment))
    return jsonify(settings_for(user))
