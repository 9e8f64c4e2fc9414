"""The employee's summaries for progress conversations."""


def init_app(app):
    """The summary pages and API."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.summaries import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
