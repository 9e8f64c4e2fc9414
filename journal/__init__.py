"""Progress Journal: a private, mobile-first journal of meaningful progress."""
from flask import Flask
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from journal import assets, backup, config, db, errors, health, i18n, passwords, pwa, security
from journal.accounts import auth, settings
from journal.charts import views as charts_views
from journal.checklist import views as checklist
from journal.conversations import meeting
from journal.conversations import views as conversations
from journal.data import views as data_views
from journal.entries import views as entries
from journal.goals import views as goals
from journal.notifications import cli as reminders_cli
from journal.notifications import views as notifications
from journal.people import views as people
from journal.push import keys as push_keys
from journal.reviews import views as reviews
from journal.shared import views as shared
from journal.summaries import views as summaries
from journal.tokens import views as tokens_views
from journal.checklist import api as checklists_api
from journal.people import api as connections_api
from journal.entries import api as entries_api
from journal.goals import api as goals_api
from journal.data import api as ownership_api
from journal.notifications import api as push_api
from journal.reviews import api as reviews_api
from journal.shared import api as shared_api
from journal.summaries import api as summaries_api
from journal.tokens import api as tokens_api


def create_app(test_config=None):
    """Build the app: configuration, database, extensions and blueprints, one call each."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or config.default_instance_path()
    app = Flask(
        __name__,
        instance_path=instance_path,
        template_folder=str(config.PROJECT_ROOT / "templates"),
        static_folder=str(config.PROJECT_ROOT / "static"),
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.config.update(config.from_environment(instance_path))
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.load_secret_key(instance_path)
    if app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_COUNT"],
                                x_proto=app.config["PROXY_COUNT"])

    db.init_app(app)
    assets.init_app(app)
    passwords.init_app(app)
    push_keys.init_app(app)
    Compress(app)
    i18n.init_app(app)
    pwa.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    for blueprint in (auth.bp, entries.bp, settings.bp, health.bp, pwa.bp, reviews.bp,
                      goals.bp, entries_api.bp, reviews_api.bp, goals_api.bp,
                      charts_views.bp, charts_views.api, push_api.bp, notifications.bp,
                      conversations.bp, people.bp, summaries.bp, shared.bp, checklist.bp,
                      meeting.bp, connections_api.bp, summaries_api.bp, shared_api.bp,
                      checklists_api.bp, tokens_views.bp, tokens_api.bp, data_views.bp,
                      ownership_api.bp):
        app.register_blueprint(blueprint)
    app.cli.add_command(reminders_cli.reminders_command)
    backup.init_app(app)
    return app
