"""JSON API: /api/v1/reminders, the user's reminder settings."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from journal.clock import current_now
from journal.notifications.rules import clean_reminders
from journal.notifications.store import save_settings, settings_for
from journal.web import invalid, json_body, user_today

bp = Blueprint("reminders_api", __name__, url_prefix="/api/v1/reminders")


@bp.get("")
@login_required
def get_reminders():
    """The user's reminder settings."""
    return jsonify(settings_for(current_user))


@bp.put("")
@login_required
def put_reminders():
    """Change reminder settings (sections left out stay as they are)."""
    clean, errors = clean_reminders(json_body(), today=user_today())
    if errors:
        return invalid(errors)
    user = current_user._get_current_object()
    save_settings(user, clean, current_now())
    return jsonify(settings_for(user))
