"""The chart page, and the vendored plotly.js it draws with."""
from flask import Blueprint, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from journal.charts import figures as charts
from journal.charts import periods as chart_periods
from journal.charts.layout import PALETTE
from journal.charts.plotlyjs import accepted_encodings, plotly_script
from journal.charts.queries import charts_of
from journal.security import CONTENT_SECURITY_POLICY
from journal.web import user_today

bp = Blueprint("charts", __name__)

# plotly.js sets inline styles, so the chart page, and only it, allows them. It needs no
# 'unsafe-eval' for the traces drawn here (bar, scatter, heatmap; plotly.js#897 is about
# others): tests/browser/test_charts.py fails on any CSP violation.
CHART_PAGE_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
                                                    "style-src 'self' 'unsafe-inline'")


@bp.get("/charts")
@login_required
def index():
    """Every chart over the range chosen (4 weeks, 3 months, a year, or all)."""
    range_key = request.args.get("range")
    if range_key not in chart_periods.RANGES:
        range_key = chart_periods.DEFAULT_RANGE
    response = make_response(render_template(
        "charts/index.html",
        charts=charts_of(current_user, charts.CHART_NAMES, range_key, user_today()),
        range_key=range_key,
        ranges=[(key, gettext(chart_periods.RANGE_LABELS[key])) for key in chart_periods.RANGES],
        palette=PALETTE,
        plotly_url=url_for(".plotly_js", digest=plotly_script().digest)))
    response.headers["Content-Security-Policy"] = CHART_PAGE_POLICY
    return response


@bp.get("/vendor/plotly-<digest>.js")
def plotly_js(digest):
    """plotly.js, compressed once, at a URL that changes with its content."""
    script = plotly_script()
    if digest != script.digest:
        return redirect(url_for(".plotly_js", digest=script.digest))
    return script.response(accepted_encodings(request.accept_encodings))
