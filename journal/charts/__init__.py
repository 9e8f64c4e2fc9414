"""Progress over time: the chart page, its JSON API, the figures and plotly.js."""
from flask_babel import lazy_gettext as _l


def init_app(app):
    """The chart page and API, and the Charts tab; plotly.js is read and checked now, so a
    wrong file stops the app at start (journal.charts.vendor.PlotlyFileError), not a visit."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.charts import api, views
    from journal.charts.plotlyjs import plotly_script
    from journal.web import add_tab

    plotly_script(app)

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    add_tab(app, 50, "charts.index", _l("Charts"), covers=["charts"], icon="charts")
