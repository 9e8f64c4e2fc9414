"""Goals in the circle technique, by page and by API."""
from flask_babel import lazy_gettext as _l


def init_app(app):
    """The circle pages and API, and the Goals tab."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.goals import api, views
    from journal.web import add_tab

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    add_tab(app, 40, "goals.index", _l("Goals"), covers=["goals"], icon="goals")
