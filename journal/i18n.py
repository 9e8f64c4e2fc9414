"""English and Dutch: the language of each request, and date formatting in that language."""
from datetime import timedelta
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval
from flask import current_app, has_request_context, request, session
from flask_babel import Babel, format_date, get_locale, get_translations
from flask_babel import gettext as _
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

babel = Babel()

# Dates read day before month in both languages ("Monday 30 November", "30 November 2026"): the
# patterns are the same in English and Dutch, only the names differ. Babel's own English formats
# are American ("November 30, 2026"), so they are not used.
DATE_FORMATS = {"long": "d MMMM y", "weekday": "EEEE d MMMM", "full": "EEEE d MMMM y"}
# Where a layout comes from the locale (a range of days, the page script's dates), English
# dates are written the British way, day before month.
DATE_LOCALES = {"en": "en_GB"}
KEPT_DAYS = 4096  # day names kept per process, in all languages and forms


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


def babel_locale():
    """Flask-Babel's locale selector: `select_locale` as a Babel Locale, made once per language
    (Flask-Babel parses a language code afresh on every request, 20 µs; a Locale it takes as
    it is)."""
    return _locale(select_locale())


@lru_cache(maxsize=None)  # one per configured language
def _locale(language):
    return Locale.parse(language)


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
    return day_text(day, "full", str(get_locale()))


@lru_cache(maxsize=KEPT_DAYS)
def day_text(day, kind, locale):
    """A day in a language, day before month: kind is "long" ('30 November 2026'), "weekday"
    ('Monday 30 November') or "full" ('Monday 30 November 2026'). Kept once written: the
    timeline names fourteen days a page, at 20 µs each through Babel."""
    return babel_format_date(day, format=DATE_FORMATS[kind], locale=str(locale))


def date_locale(locale):
    """The locale whose layout dates in this language follow ('en' → 'en_GB')."""
    return DATE_LOCALES.get(str(locale), str(locale))


def range_text(start, end, locale):
    """Two days as one short range in a language ('23–29 Nov 2026', '23–29 nov 2026')."""
    return format_interval(start, end, skeleton="yMMMd", locale=date_locale(locale))


def date_range(start, end):
    """Two days as one short range in the user's language."""
    return range_text(start, end, get_locale())


def first_name(display_name):
    """How the journal greets someone: the first word of their name ('Sanne de Vries' is
    greeted as 'Sanne')."""
    words = display_name.split()
    return words[0] if words else display_name


KEPT_WORDS = 5000  # words kept per language and escaping: the templates' own are far fewer


def page_gettext(translations):
    """Jinja's `gettext` and `ngettext` (new style: autoescaped, always %-formatted) bound to one
    catalogue, with the words that take no values kept once translated."""
    ugettext, ungettext = translations.ugettext, translations.ungettext
    kept = {True: {}, False: {}}  # by autoescape: Markup for HTML, plain text for mail

    @pass_context
    def gettext(context, string, **values):
        escape = context.eval_ctx.autoescape
        if values:
            text = ugettext(string)
            return (Markup(text) if escape else text) % values
        words = kept[escape].get(string)
        if words is None:
            text = ugettext(string)
            words = (Markup(text) if escape else text) % values
            if len(kept[escape]) < KEPT_WORDS:
                kept[escape][string] = words
        return words

    @pass_context
    def ngettext(context, singular, plural, num, **values):
        values.setdefault("num", num)
        text = ungettext(singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % values

    return gettext, ngettext


def page_words():
    """The template context's `_`, `gettext` and `ngettext` in the page's language, made once per
    language: Flask-Babel's own find the request, domain and locale again on every call, which
    was about a tenth of a page's time."""
    made = current_app.extensions.setdefault("page_gettext", {})
    locale = str(get_locale())
    if locale not in made:
        made[locale] = page_gettext(get_translations())
    gettext, ngettext = made[locale]
    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def init_app(app):
    """Bind Flask-Babel and the date helpers used by the templates."""
    babel.init_app(app, locale_selector=babel_locale, timezone_selector=select_timezone)
    app.jinja_env.globals.update(day_label=day_label, get_locale=get_locale)
    app.context_processor(page_words)
    # Flask-Babel's format_date shows a moment on the user's own day (their time zone).
    app.jinja_env.filters["date_long"] = lambda day: format_date(day, DATE_FORMATS["long"])
    app.jinja_env.filters["date_weekday"] = lambda day: format_date(day, DATE_FORMATS["weekday"])
    app.jinja_env.filters["first_name"] = first_name
    app.jinja_env.globals["date_range"] = date_range
