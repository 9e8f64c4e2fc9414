"""English and Dutch: the language of each request, and date formatting in that language."""
from datetime import timedelta

from babel.dates import format_interval
from flask import current_app, has_request_context, request, session
from flask_babel import Babel, format_date, get_locale
from flask_babel import gettext as _
from flask_login import current_user

babel = Babel()


def select_locale():
    """The user's own setting, else a choice made on a public page, else the browser's; outside
    a request (the dispatcher, a command) the default, unless the caller forces a language."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return languages[0]
    if current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if session.get("language") in languages:
        return session["language"]
    return request.accept_languages.best_match(languages) or languages[0]


def select_timezone():
    """Dates and times are shown in the user's own time zone."""
    if has_request_context() and current_user.is_authenticated:
        return current_user.timezone
    return None


def day_label(day, today):
    """'Today', 'Yesterday', or the full date in the user's language."""
    if day == today:
        return _("Today")
    if day == today - timedelta(days=1):
        return _("Yesterday")
    return format_date(day, format="full")


def date_range(start, end):
    """Two days as one short range in the user's language ('Nov 23 – 29, 2026')."""
    return format_interval(start, end, skeleton="yMMMd", locale=get_locale())


def init_app(app):
    """Bind Flask-Babel and the date helpers used by the templates."""
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.globals.update(day_label=day_label, get_locale=get_locale)
    app.jinja_env.filters["date_long"] = lambda day: format_date(day, format="long")
    app.jinja_env.filters["date_weekday"] = lambda day: format_date(day, format="EEEE d MMMM")
    app.jinja_env.globals["date_range"] = date_range
