"""What a chart covers and the words it uses: the ranges (4 weeks … all), whole ISO weeks up to
today, and the user's language. Pure: no Flask here."""
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta


def N_(message):
    """Mark a string for translation; it is translated (`Words.gettext`) where it is shown."""
    return message


RANGES = ("4w", "3m", "1y", "all")
DEFAULT_RANGE = "3m"
RANGE_WEEKS = {"4w": 4, "3m": 13, "1y": 52}
RANGE_LABELS = {"4w": N_("4 weeks"), "3m": N_("3 months"), "1y": N_("1 year"), "all": N_("All")}
PERIOD_PHRASES = {"4w": N_("In the last 4 weeks"), "3m": N_("In the last 3 months"),
                  "1y": N_("In the last year"), "all": N_("Since you started")}


class Words:
    """The words and names the charts show, in English; the views pass the user's language.

    `gettext` and `ngettext` behave like Flask-Babel's: %-formatting with keyword values,
    `num` filled in by ngettext.
    """

    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    weekdays = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    weekdays_full = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                     "Sunday")
    separators = ".,"  # plotly's layout.separators: the decimal mark, then the thousands mark

    def gettext(self, message, **values):
        return message % values if values else message

    def ngettext(self, singular, plural, num, **values):
        values.setdefault("num", num)
        return (singular if num == 1 else plural) % values

    def number(self, value):
        """A one-decimal number such as an average."""
        return f"{value:.1f}"

    def day(self, day):
        """A day such as '24 Nov 2026'."""
        return f"{day.day} {self.months[day.month - 1]} {day.year}"


ENGLISH = Words()


@dataclass(frozen=True)
class Period:
    """What a chart covers: whole ISO weeks from `start` (a Monday) up to `end` (today), and
    `started`, the person's first day when known: days before its week were not theirs yet."""

    key: str
    start: date
    end: date
    started: date | None = None

    def weeks(self):
        """The Mondays of the weeks covered, oldest first."""
        count = (monday(self.end) - self.start).days // 7 + 1
        return [self.start + timedelta(days=7 * n) for n in range(count)]

    def covers(self, day):
        return self.start <= day <= self.end

    def begun(self, day):
        """Whether the person's journal had begun by this day's week (always, when unknown)."""
        return self.started is None or day >= monday(self.started)

    def phrase(self, words):
        """'In the last 4 weeks', 'Since you started', ... in the user's language."""
        return words.gettext(PERIOD_PHRASES[self.key])


def monday(day):
    """The Monday of the ISO week a day is in."""
    return day - timedelta(days=day.weekday())


def period(range_key, today, first_day=None, started=None):
    """The period of a range ('4w', '3m', '1y', 'all') ending today.

    A range of n weeks is today's week and the n - 1 before it; 'all' starts in the week of
    `first_day` (the user's first entry, review or goal; this week when there is none yet).
    `started` is the person's first day (see Period).
    """
    if range_key == "all":
        start = monday(min(first_day, today) if first_day else today)
    else:
        start = monday(today) - timedelta(weeks=RANGE_WEEKS[range_key] - 1)
    return Period(range_key, start, today, started)


# -- the home page's small summary ----------------------------------------------------------

def recent_weeks(entry_days, today, count=6, started=None):
    """Days with progress in each of the last `count` weeks, oldest first:
    [{"start": Monday, "days": 0–7, "current": this week?}].

    No week before the person's first (the week of `started`, their first day) is shown: those
    were never theirs to fill. A first week with nothing noted yet shows nothing at all ([]).
    """
    this_week = monday(today)
    first = this_week - timedelta(weeks=count - 1)
    if started is not None:
        first = max(first, min(monday(started), this_week))
    days = {day for day in entry_days if first <= day <= today}
    per_week = Counter(monday(day) for day in days)
    weeks = [first + timedelta(weeks=n) for n in range((this_week - first).days // 7 + 1)]
    if weeks == [this_week] and not days:
        return []
    return [{"start": week, "days": per_week.get(week, 0), "current": week == this_week}
            for week in weeks]
