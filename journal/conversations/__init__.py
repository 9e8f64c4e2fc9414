"""Progress conversations and team meetings: the hub that leads to everything around them."""


def init_app(app):
    """The conversations hub and the team meeting page."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.conversations import meeting, views

    app.register_blueprint(views.bp)
    app.register_blueprint(meeting.bp)
