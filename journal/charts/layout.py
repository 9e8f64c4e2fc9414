"""The look the charts share, for a phone: layout, axes, ticks and colours (plain dicts).

The light theme's colours live here; the page script (static/js/charts.js) swaps in the
dark theme's by name.
"""
from datetime import date, timedelta
from math import ceil

# The light theme's colours: the app's own (static/css/app.css), so the charts look like the
# rest of the journal: its green accent in a full and a light tint, its warm rust, its muted
# ink, and four calm steps from the card's lines to the accent for the calendar (no entry, 1,
# 2, 3 or more). The page script shows `--chart-<name>` from static/css/app.css instead where
# the dark theme sets one. Traces that share a chart differ in shape or dash too, not only in
# colour.
PALETTE = {
    "accent": "#2f6f5e",
    "accent-light": "#8dbcab",
    "warm": "#a4522b",
    "muted": "#7a7166",
    "inner-fill": "rgba(47, 111, 94, 0.30)",
    "outer-fill": "rgba(47, 111, 94, 0.08)",
    "calendar-0": "#ebe4d9",
    "calendar-1": "#bcd8cc",
    "calendar-2": "#6fa592",
    "calendar-3": "#2f6f5e",
}
TEXT = "#2a2723"
MUTED = "#645d54"
GRID = "#e2dacd"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', sans-serif"


def marker_size(size, weeks):
    """Markers shrink when many weeks share a phone's width (a year, or more)."""
    return size if weeks <= 30 else max(3, size // 2)


def hover(name, value):
    return f"%{{customdata}}<br>{name}: {value}<extra></extra>"


def layout_for(words, *, height, legend=False):
    """What every chart shares: phone-sized margins, no zooming, legend below."""
    layout = {
        "height": height, "autosize": True,
        "margin": {"l": 8, "r": 12, "t": 8, "b": 8},
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": FONT, "size": 12, "color": TEXT},
        "separators": words.separators,
        "dragmode": False, "hovermode": "closest", "showlegend": legend,
    }
    if legend:
        layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0,
                            "yanchor": "bottom", "yref": "container", "itemclick": False,
                            "itemdoubleclick": False, "font": {"size": 12}}
    return layout


def date_axis(start, end, words):
    """An x axis over the weeks from `start` (a Monday) to `end`, with ticks named in the
    user's language."""
    tickvals, ticktext = date_ticks(start, end, words)
    last_monday = end - timedelta(days=end.weekday())
    return {"type": "date", "fixedrange": True, "automargin": True,
            "range": [(start - timedelta(days=4)).isoformat(),
                      (last_monday + timedelta(days=4)).isoformat()],
            "tickvals": tickvals, "ticktext": ticktext, "showgrid": False,
            "showline": True, "linecolor": GRID, "ticks": "outside", "tickcolor": GRID,
            "ticklen": 4, "tickfont": {"color": MUTED, "size": 11}}


def count_axis(top):
    """A y axis of whole numbers from 0, with at most five ticks."""
    step = 1 if top <= 4 else nice_step(top / 4)
    return {"range": [0, step * ceil(top / step) * 1.05], "tick0": 0, "dtick": step,
            "fixedrange": True, "automargin": True, "zeroline": False, "gridcolor": GRID,
            "tickfont": {"color": MUTED, "size": 11}}


def scale_axis(low, high, step):
    """A y axis for a fixed scale such as 1–5."""
    pad = (high - low) * 0.08
    return {"range": [low - pad, high + pad], "tick0": low, "dtick": step,
            "fixedrange": True, "automargin": True, "zeroline": False, "gridcolor": GRID,
            "tickfont": {"color": MUTED, "size": 11}}


def nice_step(rough):
    """The smallest of 1, 2, 5, 10, 20, 50, ... not below `rough`."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude >= rough:
                return factor * magnitude
        magnitude *= 10


def panel_label(text, y):
    return {"text": text, "xref": "paper", "yref": "paper", "x": 0, "y": y,
            "xanchor": "left", "yanchor": "bottom", "showarrow": False,
            "font": {"color": MUTED, "size": 12}}


def date_ticks(start, end, words, most=6):
    """(ISO dates, labels) of at most `most` ticks between two days: Mondays over a few
    weeks, month starts over up to three years, years beyond."""
    span = (end - start).days
    if span <= 42:
        marks = [start + timedelta(weeks=n) for n in range(span // 7 + 1)]
        return ([day.isoformat() for day in marks],
                [f"{day.day} {words.months[day.month - 1]}" for day in marks])
    if span <= 3 * 366:
        months = []
        year, month = start.year, start.month
        while True:
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
            if date(year, month, 1) > end:
                break
            months.append(date(year, month, 1))
        step = next(s for s in (1, 2, 3, 4, 6, 12) if ceil(len(months) / s) <= most)
        marks = [day for day in months if (day.month - 1) % step == 0] or months[:1]
        labels = [words.months[day.month - 1] + (f"<br>{day.year}" if day.month == 1
                                                   or index == 0 else "")
                  for index, day in enumerate(marks)]
        return [day.isoformat() for day in marks], labels
    years = list(range(start.year + 1, end.year + 1))
    step = ceil(len(years) / most)
    marks = [date(year, 1, 1) for year in years if (end.year - year) % step == 0]
    return [day.isoformat() for day in marks], [str(day.year) for day in marks]
