"""JSON API: /api/v1/charts, each chart as a plotly figure with a sentence that says what it
shows."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext
from flask_login import current_user, login_required

from journal.charts import figures as charts
from journal.charts import periods as chart_periods
from journal.charts.queries import charts_of
from journal.refusal import Refusal
from journal.web import not_found, user_today

bp = Blueprint("charts_api", __name__, url_prefix="/api/v1/charts")


@bp.get("")
@login_required
def list_charts():
    """The charts there are: [{name, title}]."""
    return jsonify({"items": [{"name": name, "title": gettext(title)}
                              for name, title in charts.CHARTS], "next": None})


@bp.get("/<name>")
@login_required
def get_chart(name):
    """One chart as a plotly figure {data, layout}, with its name, title, range and summary."""
    if name not in charts.CHART_NAMES:
        not_found(gettext("There is no such chart."))
    range_key = request.args.get("range", chart_periods.DEFAULT_RANGE)
    if range_key not in chart_periods.RANGES:
        raise Refusal("invalid", gettext("Use 4w, 3m, 1y or all."), "range")
    [chart] = charts_of(current_user, [name], range_key, user_today())
    return jsonify({**chart, "range": range_key})
