"""Progress over time: the chart page, its JSON API, the figures and plotly.js."""
from flask_babel import lazy_gettext as _l


def init_app(app):
    """The chart page and API, and the Charts tab."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.charts import api, views
    from journal.web import add_tab

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    add_tab(app, 50, "charts.index", _l("Charts"), covers=["charts"], icon="charts")
