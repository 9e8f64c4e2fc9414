"""Working on progress together: teams, meetings that start in pairs, the team circle and
progress-focused peer consultation (intervisie)."""


def init_app(app):
    """The team pages and the /api/v1/teams API."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.teams import (
        api,
        circle_api,
        circle_views,
        consultation_api,
        consultation_views,
        meeting_api,
        meeting_views,
        views,
    )

    for module in (views, api, meeting_views, meeting_api, circle_views, circle_api,
                   consultation_views, consultation_api):
        app.register_blueprint(module.bp)
