"""The current user's own day."""
from flask_login import current_user

from journal.clock import current_now, local_today


def user_today():
    """Today in the current user's time zone."""
    return local_today(current_now(), current_user.timezone)
