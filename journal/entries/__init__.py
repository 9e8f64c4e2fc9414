"""Journal entries: log progress today, the timeline, edit and delete, by page and by API."""
from flask_babel import lazy_gettext as _l


def init_app(app):
    """The journal pages and API, and the Today and Timeline tabs."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.entries import api, views
    from journal.web import add_tab

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    add_tab(app, 10, "entries.index", _l("Today"), covers=["entries.index"], icon="today")
    add_tab(app, 20, "entries.timeline", _l("Timeline"),
            covers=["entries.timeline", "entries.edit"], icon="timeline")
