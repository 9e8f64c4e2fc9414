"""Progress conversations and team meetings: the hub that leads to everything around them, the
helping conversation (the seven steps) and the steering conversation."""


def init_app(app):
    """The conversations hub, helping and steering conversations, and the team meeting page."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.conversations import (
        helping_api,
        helping_views,
        meeting,
        steering_api,
        steering_views,
        views,
    )

    app.register_blueprint(views.bp)
    app.register_blueprint(meeting.bp)
    app.register_blueprint(helping_views.bp)
    app.register_blueprint(steering_views.bp)
    app.register_blueprint(helping_api.bp)
    app.register_blueprint(steering_api.bp)
