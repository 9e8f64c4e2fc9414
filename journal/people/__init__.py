"""People: invitations and connections between an employee and their manager or coach."""


def init_app(app):
    """The People pages and the invitation and connection API."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.people import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
