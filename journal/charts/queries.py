"""What a person's charts show: the rows they read (straight from the database, in few
queries) and the charts built from them in the person's language. The figures themselves are
built by the pure functions in journal.charts.figures."""
from datetime import date, timedelta, timezone
from zoneinfo import ZoneInfo

from babel.dates import get_day_names, get_month_names
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from flask_babel import get_locale, gettext, ngettext
from peewee import fn

from journal.charts import figures as charts
from journal.charts import periods as chart_periods
from journal.db import database
from journal.models import Entry, Goal, Review
from journal.weeks import parse_week, week_of


class UserWords(chart_periods.Words):
    """The charts' words in the user's language: Flask-Babel, and Babel's names of days."""

    def __init__(self):
        self.locale = get_locale()
        months = get_month_names("abbreviated", locale=self.locale)
        days = get_day_names("abbreviated", locale=self.locale)
        full_days = get_day_names("wide", locale=self.locale)
        self.months = tuple(months[n] for n in range(1, 13))
        self.weekdays = tuple(days[n] for n in range(7))
        self.weekdays_full = tuple(full_days[n] for n in range(7))
        self.separators = get_decimal_symbol(self.locale) + get_group_symbol(self.locale)

    def gettext(self, message, **values):
        return gettext(message, **values)

    def ngettext(self, singular, plural, num, **values):
        return ngettext(singular, plural, num, **values)

    def number(self, value):
        return format_decimal(value, "0.0", locale=self.locale)


# -- reads -----------------------------------------------------------------------------------

def entry_points(user, start):
    """(day, meaning) of the user's entries from `start` on.

    Read straight from the cursor: on five years of entries, peewee's row-by-row
    conversion took three times as long as the query itself.
    """
    query = (Entry
             .select(Entry.day, Entry.meaning)
             .where((Entry.user == user) & (Entry.day >= start)))
    return [(day if isinstance(day, date) else date.fromisoformat(day), meaning)
            for day, meaning in database.execute(query)]


def review_points(user, start):
    """The scale and needs of the user's reviews of the weeks from `start` on, as dicts."""
    return list(Review
                .select(Review.week, Review.scale, Review.autonomy, Review.competence,
                        Review.relatedness)
                .where((Review.user == user) & (Review.week >= week_of(start)))
                .dicts())


def inner_days(user, zone):
    """The local days on which the user's goals now in the inner circle moved there."""
    moments = (Goal
               .select(Goal.moved_inner_at)
               .where((Goal.user == user) & (Goal.ring == "inner")
                      & Goal.moved_inner_at.is_null(False))
               .tuples())
    return [_local_day(moment, zone) for (moment,) in moments]


def first_day(user, zone):
    """The first day the user has anything to chart (an entry, a review, a goal moved in)."""
    days = [Entry.select(fn.MIN(Entry.day)).where(Entry.user == user).scalar()]
    week = Review.select(fn.MIN(Review.week)).where(Review.user == user).scalar()
    days.append(parse_week(week) if week else None)
    moved = (Goal
             .select(fn.MIN(Goal.moved_inner_at))
             .where((Goal.user == user) & (Goal.ring == "inner"))
             .scalar())
    days.append(_local_day(moved, zone) if moved else None)
    return min((day for day in days if day), default=None)


def _local_day(moment, zone):
    return moment.replace(tzinfo=timezone.utc).astimezone(zone).date()


def chart_data(user, names, start, zone):
    """What the charts `names` read ({"entries", "reviews", "goals"}), from `start` on."""
    parts = {part for name in names for part in charts.DATA_NEEDED[name]}
    return {"entries": entry_points(user, start) if "entries" in parts else [],
            "reviews": review_points(user, start) if "reviews" in parts else [],
            "goals": inner_days(user, zone) if "goals" in parts else []}


def charts_of(user, names, range_key, today):
    """The user's charts `names` over a range: [{name, title, summary, data, layout}]."""
    zone = ZoneInfo(user.timezone)
    first = first_day(user, zone) if range_key == "all" else None
    period = chart_periods.period(range_key, today, first)
    data = chart_data(user, names, period.start, zone)
    words = UserWords()
    titles = dict(charts.CHARTS)
    return [{"name": name, "title": words.gettext(titles[name]),
             **charts.build(name, data, period, words)} for name in names]


def recent_weeks_of(user, today, count=6):
    """Days with progress in each of the user's last `count` weeks (for the home page)."""
    start = chart_periods.monday(today) - timedelta(weeks=count - 1)
    days = [day for day, _meaning in entry_points(user, start)]
    return chart_periods.recent_weeks(days, today, count)
