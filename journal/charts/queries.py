"""What a person's charts show: the rows they read (straight from the database, in few
queries) and the charts built from them in the person's language. The figures themselves are
built by the pure functions in journal.charts.figures."""
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from babel.dates import get_day_names, get_month_names
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from flask_babel import get_locale, gettext, ngettext
from peewee import fn

from journal.charts import figures as charts
from journal.charts import periods as chart_periods
from journal.db import database
from journal.kept import KeptPerPerson
from journal.models import Entry, Goal, Review
from journal.reviews.store import journal_start
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


def circle_days(user, zone):
    """(local day set, local day moved inward or None) of each of the user's goals; None for
    goals now in the outer circle (moving back out forgets the day it moved in)."""
    rows = (Goal
            .select(Goal.created_at, Goal.moved_inner_at)
            .where(Goal.user == user)
            .tuples())
    return [(_local_day(created, zone), _local_day(moved, zone) if moved else None)
            for created, moved in rows]


def first_day(user, zone):
    """The first day the user has anything to chart (an entry, a review, a goal set or moved
    in)."""
    days = [Entry.select(fn.MIN(Entry.day)).where(Entry.user == user).scalar()]
    week = Review.select(fn.MIN(Review.week)).where(Review.user == user).scalar()
    days.append(parse_week(week) if week else None)
    goal_days = (Goal
                 .select(fn.MIN(Goal.created_at), fn.MIN(Goal.moved_inner_at))
                 .where(Goal.user == user)
                 .tuples()
                 .get())
    days += [_local_day(moment, zone) for moment in goal_days if moment]
    return min((day for day in days if day), default=None)


def _local_day(moment, zone):
    return moment.replace(tzinfo=UTC).astimezone(zone).date()


def chart_data(user, names, start, zone):
    """What the charts `names` read ({"entries", "reviews", "goals"}), from `start` on."""
    parts = {part for name in names for part in charts.DATA_NEEDED[name]}
    return {"entries": entry_points(user, start) if "entries" in parts else [],
            "reviews": review_points(user, start) if "reviews" in parts else [],
            "goals": circle_days(user, zone) if "goals" in parts else []}


def charts_of(user, names, range_key, today):
    """The user's charts `names` over a range: [{name, title, summary, data, layout}]."""
    zone = ZoneInfo(user.timezone)
    first = first_day(user, zone) if range_key == "all" else None
    period = chart_periods.period(range_key, today, first, journal_start(user))
    data = chart_data(user, names, period.start, zone)
    words = UserWords()
    titles = dict(charts.CHARTS)
    return [{"name": name, "title": words.gettext(titles[name]),
             **charts.build(name, data, period, words)} for name in names]


def recent_weeks_of(user, today, count=6, started=None):
    """Days with progress in each of the user's last `count` weeks (for the home page), from
    the week of `started` (their first day, see journal.reviews.store.journal_start) on."""
    start = chart_periods.monday(today) - timedelta(weeks=count - 1)
    return _kept_recent_weeks(user, (today, count, started), lambda: chart_periods.recent_weeks(
        [day for day, _ in entry_points(user, start)], today, count, started))


_kept_recent_weeks = KeptPerPerson()  # the home page's recent weeks
