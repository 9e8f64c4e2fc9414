"""Notifications: reminder settings, notices around sharing, their words, and the dispatcher."""


def init_app(app):
    """The notifications page, the reminders API, the `reminders` command, and the words a
    device keeps for a push without any."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.notifications import api, cli, mail_views, messages, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(mail_views.bp)
    app.cli.add_command(cli.reminders_command)
    app.jinja_env.globals["push_fallback"] = messages.generic_words
