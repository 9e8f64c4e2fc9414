"""Notifications: reminder settings, notices around sharing, their words, and the dispatcher."""


def init_app(app):
    """The notifications page, the reminders API and the `reminders` command."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.notifications import api, cli, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.cli.add_command(cli.reminders_command)
