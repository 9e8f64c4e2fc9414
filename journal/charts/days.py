"""The charts of days: the calendar of days with progress, and the goals moved to the inner
circle over time, with the counting they share. Plain data in, plain dicts out, as in
journal.charts.figures."""
from collections import Counter
from datetime import timedelta

from journal.charts.layout import FILL, PALETTE, count_axis, date_axis, hover, layout_for
from journal.charts.periods import ENGLISH

CALENDAR_TOP = 3  # the calendar's darkest step: this many entries on a day, or more


def calendar_figure(entries, period, words=ENGLISH):
    """A calendar of the period: weeks across, weekdays down, darker for more entries."""
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


def goals_figure(moved_days, period, words=ENGLISH):
    """How many goals are in the inner circle over time: a running total that steps up on
    each day a goal moved inward (`moved_days`: those days, for goals now in the circle)."""
    before = sum(1 for day in moved_days if day < period.start)
    per_day = Counter(day for day in moved_days if period.covers(day))
    days, totals, sizes = [period.start], [before], [0]
    for day in sorted(per_day):
        days.append(day)
        totals.append(totals[-1] + per_day[day])
        sizes.append(9)
    days.append(period.end)
    totals.append(totals[-1])
    sizes.append(0)
    name = words.gettext("Goals in the inner circle")
    data = [{"type": "scatter", "mode": "lines+markers", "name": name,
             "x": [day.isoformat() for day in days], "y": totals,
             "customdata": [words.day(day) for day in days], "cliponaxis": False,
             "line": {"color": PALETTE["green"], "width": 2.5, "shape": "hv"},
             "marker": {"color": PALETTE["green"], "size": sizes},
             "fill": "tozeroy", "fillcolor": FILL, "hovertemplate": hover(name, "%{y}")}]
    layout = layout_for(words, height=220)
    layout["xaxis"] = date_axis(period.start, period.end, words)
    layout["yaxis"] = count_axis(max(totals[-1], 1))
    moved, total = sum(per_day.values()), totals[-1]
    if moved:
        sentences = [words.ngettext(
            "%(period)s you moved %(num)s goal to the inner circle.",
            "%(period)s you moved %(num)s goals to the inner circle.", moved,
            period=period.phrase(words))]
    else:
        sentences = [words.gettext("%(period)s no goal has moved to the inner circle yet.",
                                   period=period.phrase(words))]
    if total != moved:
        sentences.append(words.ngettext("%(num)s goal is in your inner circle now.",
                                        "%(num)s goals are in your inner circle now.", total))
    return {"data": data, "layout": layout, "summary": " ".join(sentences)}


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
