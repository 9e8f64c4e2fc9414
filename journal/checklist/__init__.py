"""The manager's self-assessment checklist for progress-focused leadership."""


def init_app(app):
    """The checklist pages and API."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.checklist import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
