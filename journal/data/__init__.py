"""Your own data: export, import and account deletion."""


def init_app(app):
    """The Your-data pages and the export, import and account API."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.data import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
