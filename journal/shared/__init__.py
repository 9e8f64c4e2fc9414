"""The manager's side of sharing: summaries shared with me, my notes and my reply."""


def init_app(app):
    """The shared-with-me pages and API."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.shared import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
