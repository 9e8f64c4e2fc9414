"""Personal API tokens: make, list and revoke them, and the person behind a bearer token."""


def init_app(app):
    """The token settings page and its API."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.tokens import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
