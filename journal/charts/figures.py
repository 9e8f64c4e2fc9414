"""Progress over time as plotly figures: plain data in, plain dicts out (no Flask here).

The views load rows and pass plain lists (entries as (day, meaning) pairs, reviews as dicts,
goals as (day set, day moved inward or None) pairs), a `Period` (the range chosen, up to
today) and `Words` (the user's language). Each builder returns {"data", "layout", "summary"}: a plotly figure and one
sentence that says what it shows, for everyone, screen readers included. The dicts are
written out directly rather than through plotly.graph_objects: five years of data build in
a few milliseconds. Colours are the app's own (layout.PALETTE); the page script swaps in
the dark theme's colours by name (journal/charts/layout.py has the look
the charts share).
"""

from journal.charts.days import calendar_figure, entries_per_day, goals_figure, nothing_yet
from journal.charts.layout import (
    PALETTE,
    count_axis,
    date_axis,
    hover,
    layout_for,
    marker_size,
    panel_label,
    scale_axis,
)
from journal.charts.periods import ENGLISH, N_, monday
from journal.weeks import parse_week, week_of

# (name, title) of every chart, in the order the page shows them.
CHARTS = (
    ("progress", N_("Progress per week")),
    ("meaning", N_("How meaningful, and how satisfied")),
    ("needs", N_("Autonomy, competence and relatedness")),
    ("calendar", N_("Days with progress")),
    ("goals", N_("Your circle over time")),
)
CHART_NAMES = tuple(name for name, _title in CHARTS)

def build(name, data, period, words=ENGLISH):
    """The chart `name` from `data` ({"entries", "reviews", "goals"}: see DATA_NEEDED)."""
    if name == "progress":
        return progress_figure(data["entries"], period, words)
    if name == "meaning":
        return meaning_figure(data["entries"], data["reviews"], period, words)
    if name == "needs":
        return needs_figure(data["reviews"], period, words)
    if name == "calendar":
        return calendar_figure(data["entries"], period, words)
    if name == "goals":
        return goals_figure(data["goals"], period, words)
    raise KeyError(name)


# Which part of the data each chart reads.
DATA_NEEDED = {"progress": ("entries",), "meaning": ("entries", "reviews"),
               "needs": ("reviews",), "calendar": ("entries",), "goals": ("goals",)}


# -- the charts of weeks and scores ---------------------------------------------------------

def progress_figure(entries, period, words=ENGLISH):
    """Entries and days with progress per week (a day with progress: a day with an entry,
    as the home page counts them)."""
    per_day = entries_per_day(entries, period)
    weeks = period.weeks()
    entry_counts = dict.fromkeys(weeks, 0)
    day_counts = dict.fromkeys(weeks, 0)
    for day, count in per_day.items():
        week = monday(day)
        entry_counts[week] += count
        day_counts[week] += 1
    x, labels = _week_axis(weeks, words)
    entries_name = words.gettext("Entries")
    days_name = words.gettext("Days with progress")
    data = [
        {"type": "bar", "name": entries_name, "x": x, "y": list(entry_counts.values()),
         "customdata": labels, "marker": {"color": PALETTE["accent-light"]},
         "hovertemplate": hover(entries_name, "%{y}")},
        {"type": "scatter", "mode": "lines+markers", "name": days_name, "x": x,
         "y": list(day_counts.values()), "customdata": labels, "cliponaxis": False,
         "line": {"color": PALETTE["accent"], "width": 2.5},
         "marker": {"color": PALETTE["accent"], "symbol": "diamond",
                    "size": marker_size(8, len(x))},
         "hovertemplate": hover(days_name, "%{y}")},
    ]
    layout = layout_for(words, height=250, legend=True)
    layout["xaxis"] = date_axis(period.start, period.end, words)
    layout["yaxis"] = count_axis(max([*entry_counts.values(), 1]))
    layout["bargap"] = 0.35
    days, total = len(per_day), sum(per_day.values())
    if days:
        summary = " ".join([
            words.ngettext("%(period)s you noted progress on %(num)s day.",
                           "%(period)s you noted progress on %(num)s days.", days,
                           period=period.phrase(words)),
            words.ngettext("You wrote %(num)s entry.", "You wrote %(num)s entries.", total)])
    else:
        summary = nothing_yet(period, words)
    return {"data": data, "layout": layout, "summary": summary}


def meaning_figure(entries, reviews, period, words=ENGLISH):
    """Above: the weekly average of 'how meaningful' (1–5); below: the weekly review's
    'how satisfied with your progress' (0–10)."""
    weeks = period.weeks()
    per_day = {}  # day: [sum, count] of the ratings
    for day, meaning in entries:
        if meaning is not None and period.start <= day <= period.end:
            rated = per_day.setdefault(day, [0, 0])
            rated[0] += meaning
            rated[1] += 1
    totals = {week: [0, 0] for week in weeks}
    for day, (total, count) in per_day.items():
        week = totals[monday(day)]
        week[0] += total
        week[1] += count
    ratings_total = sum(total for total, _count in per_day.values())
    ratings_count = sum(count for _total, count in per_day.values())
    averages = [round(total / count, 2) if count else None for total, count in totals.values()]
    x, labels = _week_axis(weeks, words)
    scores = _reviews_in(reviews, period)
    scored = [(week, review["scale"]) for week, review in scores if review["scale"] is not None]
    score_x, score_labels = _week_axis([week for week, _score in scored], words)
    meaning_name = words.gettext("How meaningful (1–5), weekly average")
    score_name = words.gettext("How satisfied with your progress (0–10)")
    data = [
        {"type": "scatter", "mode": "lines+markers", "name": meaning_name, "x": x,
         "y": averages, "customdata": labels, "connectgaps": True, "cliponaxis": False,
         "line": {"color": PALETTE["accent"], "width": 2.5},
         "marker": {"color": PALETTE["accent"], "size": marker_size(7, len(x))},
         "hovertemplate": hover(words.gettext("How meaningful"), "%{y:.1f}")},
        {"type": "scatter", "mode": "lines+markers", "name": score_name, "x": score_x,
         "y": [score for _week, score in scored], "customdata": score_labels,
         "xaxis": "x", "yaxis": "y2", "connectgaps": True, "cliponaxis": False,
         "line": {"color": PALETTE["warm"], "width": 2.5, "dash": "dash"},
         "marker": {"color": PALETTE["warm"], "symbol": "square",
                    "size": marker_size(7, len(weeks))},
         "hovertemplate": hover(words.gettext("How satisfied"), "%{y}")},
    ]
    layout = layout_for(words, height=300)
    layout["margin"]["t"] = 22
    layout["xaxis"] = {**date_axis(period.start, period.end, words), "anchor": "y2"}
    layout["yaxis"] = {**scale_axis(1, 5, 1), "domain": [0.6, 1]}
    layout["yaxis2"] = {**scale_axis(0, 10, 5), "domain": [0, 0.4]}
    layout["annotations"] = [panel_label(meaning_name, 1), panel_label(score_name, 0.4)]
    summary = " ".join([_meaning_summary(ratings_total, ratings_count, period, words),
                        _score_summary([score for _week, score in scored], words)])
    return {"data": data, "layout": layout, "summary": summary}


NEED_STYLES = (  # (need, label, colour, marker, size, dash): nested markers stay visible
    ("autonomy", N_("Autonomy"), "accent", "circle", 11, "solid"),
    ("competence", N_("Competence"), "warm", "square", 8, "dash"),
    ("relatedness", N_("Relatedness"), "muted", "diamond", 7, "dot"),
)


def needs_figure(reviews, period, words=ENGLISH):
    """Autonomy, competence and relatedness (1–5) from each weekly review."""
    reviewed = _reviews_in(reviews, period)
    x, labels = _week_axis([week for week, _review in reviewed], words)
    data, averages = [], {}
    for need, label, colour, symbol, size, dash in NEED_STYLES:
        name = words.gettext(label)
        values = [review.get(need) for _week, review in reviewed]
        given = [value for value in values if value is not None]
        averages[need] = words.number(sum(given) / len(given)) if given else "–"
        data.append({"type": "scatter", "mode": "lines+markers", "name": name, "x": x,
                     "y": values, "customdata": labels, "connectgaps": True,
                     "cliponaxis": False,
                     "line": {"color": PALETTE[colour], "width": 1.75, "dash": dash},
                     "marker": {"color": PALETTE[colour], "symbol": symbol,
                                "size": marker_size(size, len(period.weeks()))},
                     "hovertemplate": hover(name, "%{y}")})
    layout = layout_for(words, height=250, legend=True)
    layout["xaxis"] = date_axis(period.start, period.end, words)
    layout["yaxis"] = scale_axis(1, 5, 1)
    if reviewed:
        summary = " ".join([
            words.ngettext("%(period)s you checked your needs in %(num)s weekly review.",
                           "%(period)s you checked your needs in %(num)s weekly reviews.",
                           len(reviewed), period=period.phrase(words)),
            words.gettext("On average, from 1 to 5: autonomy %(autonomy)s, competence "
                          "%(competence)s, relatedness %(relatedness)s.", **averages)])
    else:
        summary = words.gettext("%(period)s there are no weekly reviews yet.",
                                period=period.phrase(words))
    return {"data": data, "layout": layout, "summary": summary}


# -- helpers --------------------------------------------------------------------------------

def _reviews_in(reviews, period):
    """[(Monday, review)] of the reviews of weeks in the period, oldest first."""
    last = week_of(period.end)
    first = week_of(period.start)
    chosen = [review for review in reviews if first <= review["week"] <= last]
    chosen.sort(key=lambda review: review["week"])
    return [(parse_week(review["week"]), review) for review in chosen]


def _week_axis(weeks, words):
    """The x values (ISO dates of Mondays) and hover labels ('Week of 23 Nov 2026')."""
    label = words.gettext("Week of %(day)s")
    return ([week.isoformat() for week in weeks],
            [label % {"day": words.day(week)} for week in weeks])


def _meaning_summary(total, count, period, words):
    if not count:
        return words.gettext("%(period)s no entry has a 'how meaningful' rating yet.",
                             period=period.phrase(words))
    return words.gettext("%(period)s your progress felt %(average)s out of 5 meaningful, "
                         "on average.", period=period.phrase(words),
                         average=words.number(total / count))


def _score_summary(scores, words):
    if not scores:
        return words.gettext("No weekly review has a satisfaction score yet.")
    return words.ngettext(
        "Your satisfaction with your progress averaged %(average)s out of 10, in %(num)s "
        "weekly review.",
        "Your satisfaction with your progress averaged %(average)s out of 10, in %(num)s "
        "weekly reviews.", len(scores), average=words.number(sum(scores) / len(scores)))
