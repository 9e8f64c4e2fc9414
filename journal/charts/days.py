"""The charts of days: the calendar of days with progress, and the circle of goals over
time, with the counting they share. Plain data in, plain dicts out, as in
journal.charts.figures."""
from collections import Counter
from datetime import timedelta

from journal.charts.layout import PALETTE, count_axis, date_axis, hover, layout_for
from journal.charts.periods import ENGLISH

CALENDAR_TOP = 3  # the calendar's darkest step: this many entries on a day, or more


def calendar_figure(entries, period, words=ENGLISH):
    """A calendar of the period: weeks across, weekdays down, darker for more entries. Days
    before the person's first week are left blank, never drawn as days without entries."""
    per_day = entries_per_day(entries, period)
    weeks = period.weeks()
    count_text = {}
    z = [[None] * len(weeks) for _weekday in range(7)]
    text = [[None] * len(weeks) for _weekday in range(7)]
    for column, week in enumerate(weeks):
        for weekday in range(7):
            day = week + timedelta(days=weekday)
            if day > period.end:
                break
            if not period.begun(day):
                continue
            count = per_day.get(day, 0)
            if count not in count_text:
                count_text[count] = words.ngettext("%(num)s entry", "%(num)s entries", count)
            z[weekday][column] = min(count, CALENDAR_TOP)
            text[weekday][column] = (f"{words.weekdays[weekday]} {words.day(day)}: "
                                     f"{count_text[count]}")
    gap = 2 if len(weeks) <= 60 else 1 if len(weeks) <= 120 else 0
    data = [{"type": "heatmap", "x": [week.isoformat() for week in weeks],
             "y": list(words.weekdays), "z": z, "customdata": text, "zmin": 0,
             "zmax": CALENDAR_TOP, "colorscale": _steps(), "showscale": False,
             "xgap": gap, "ygap": gap, "hoverongaps": False,
             "hovertemplate": "%{customdata}<extra></extra>", "showlegend": False}]
    data += _calendar_key()
    layout = layout_for(words, height=250, legend=True)
    layout["legend"].update(title={"text": words.gettext("Entries a day:"), "side": "top"},
                            font={"size": 11}, tracegroupgap=0)
    layout["xaxis"] = date_axis(period.start, period.end, words)
    layout["yaxis"] = {"type": "category", "autorange": "reversed", "fixedrange": True,
                       "showgrid": False, "zeroline": False, "ticks": "", "automargin": True}
    if per_day:
        sentences = [words.ngettext("%(period)s you noted progress on %(num)s day.",
                                    "%(period)s you noted progress on %(num)s days.",
                                    len(per_day), period=period.phrase(words))]
        top = Counter(day.weekday() for day in per_day).most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:  # a weekday stands out
            sentences.append(words.gettext("Most often on a %(weekday)s.",
                                           weekday=words.weekdays_full[top[0][0]]))
        summary = " ".join(sentences)
    else:
        summary = nothing_yet(period, words)
    return {"data": data, "layout": layout, "summary": summary}


def goals_figure(goals, period, words=ENGLISH):
    """The circle over time: goals achieved (inner circle) and still to achieve (outer circle),
    stacked, so the inner band grows as goals move inward and the outer band shows what is
    still wanted. `goals`: (day set, day moved inward or None) of each goal, None for goals
    now outside."""
    days, inner, outer = circle_counts(goals, period)
    stepped = [0] + [int(inner[i] > inner[i - 1]) for i in range(1, len(days))]
    x = [day.isoformat() for day in days]
    labels = [words.day(day) for day in days]
    inner_name = words.gettext("Achieved (inner circle)")
    outer_name = words.gettext("Still to achieve (outer circle)")
    data = [
        {"type": "scatter", "mode": "lines+markers", "name": inner_name, "x": x, "y": inner,
         "customdata": labels, "stackgroup": "circle", "cliponaxis": False,
         "line": {"color": PALETTE["accent"], "width": 2.5, "shape": "hv"},
         "marker": {"color": PALETTE["accent"], "size": [9 * up for up in stepped]},
         "fillcolor": PALETTE["inner-fill"], "hovertemplate": hover(inner_name, "%{y}")},
        {"type": "scatter", "mode": "lines", "name": outer_name, "x": x, "y": outer,
         "customdata": labels, "stackgroup": "circle", "cliponaxis": False,
         "line": {"color": PALETTE["accent"], "width": 1.75, "shape": "hv", "dash": "dot"},
         "fillcolor": PALETTE["outer-fill"], "hovertemplate": hover(outer_name, "%{y}")},
    ]
    layout = layout_for(words, height=250, legend=True)
    layout["xaxis"] = date_axis(period.start, period.end, words)
    layout["yaxis"] = count_axis(max(1, *(done + wanted for done, wanted in zip(inner, outer))))
    return {"data": data, "layout": layout,
            "summary": _circle_summary(goals, period, inner[-1], outer[-1], words)}


def circle_counts(goals, period):
    """(days, achieved, still to achieve): the counts at the start of the period and at the end
    of each day in it on which a goal was set or moved inward, and at its end."""
    def counts(last):
        inner = sum(1 for _day_set, moved in goals if moved and moved <= last)
        known = sum(1 for day_set, moved in goals if min(day_set, moved or day_set) <= last)
        return inner, known - inner

    changes = sorted({day for goal in goals for day in goal if day and period.covers(day)})
    days = [period.start, *changes, period.end]
    totals = [counts(period.start - timedelta(days=1))] + [counts(day) for day in days[1:]]
    return days, [inner for inner, _outer in totals], [outer for _inner, outer in totals]


def _circle_summary(goals, period, inner, outer, words):
    moved = sum(1 for _day_set, day_moved in goals if day_moved and period.covers(day_moved))
    if moved:
        sentences = [words.ngettext(
            "%(period)s you moved %(num)s goal to the inner circle.",
            "%(period)s you moved %(num)s goals to the inner circle.", moved,
            period=period.phrase(words))]
    else:
        sentences = [words.gettext("%(period)s no goal has moved to the inner circle yet.",
                                   period=period.phrase(words))]
    if inner != moved:
        sentences.append(words.ngettext("%(num)s goal is in your inner circle now.",
                                        "%(num)s goals are in your inner circle now.", inner))
    if outer:
        sentences.append(words.ngettext(
            "%(num)s goal is waiting in your outer circle.",
            "%(num)s goals are waiting in your outer circle.", outer))
    return " ".join(sentences)


def entries_per_day(entries, period):
    """{day: number of entries} for the days in the period."""
    start, end = period.start, period.end
    return Counter(day for day, _meaning in entries if start <= day <= end)


def nothing_yet(period, words):
    """The sentence for a period without entries."""
    return words.gettext("%(period)s there are no entries yet.", period=period.phrase(words))


def _steps():
    """A colour scale of CALENDAR_TOP + 1 flat steps for z = 0, 1, 2, ... (zmin 0)."""
    levels = CALENDAR_TOP + 1
    scale = []
    for level in range(levels):
        colour = PALETTE[f"calendar-{level}"]
        scale += [[level / levels, colour], [(level + 1) / levels, colour]]
    return scale


def _calendar_key():
    """Legend entries for the calendar's steps: 0, 1, 2, 3+ (markers only; nothing is drawn)."""
    names = [str(level) for level in range(CALENDAR_TOP)] + [f"{CALENDAR_TOP}+"]
    return [{"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": name,
             "marker": {"color": PALETTE[f"calendar-{level}"], "symbol": "square", "size": 13},
             "hoverinfo": "skip", "showlegend": True}
            for level, name in enumerate(names)]
