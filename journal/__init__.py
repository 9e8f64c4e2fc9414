"""Progress Journal: a private, mobile-first journal of meaningful progress."""
from flask import Flask
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from journal import (
    assets,
    auth,
    backup,
    charts_views,
    checklist,
    config,
    conversations,
    data_views,
    db,
    entries,
    errors,
    goals,
    health,
    i18n,
    meeting,
    notifications,
    passwords,
    people,
    push_keys,
    pwa,
    reminders_cli,
    reviews,
    security,
    settings,
    shared,
    summaries,
    tokens_views,
)
from journal.api import checklists as checklists_api
from journal.api import connections as connections_api
from journal.api import entries as entries_api
from journal.api import goals as goals_api
from journal.api import ownership as ownership_api
from journal.api import push as push_api
from journal.api import reviews as reviews_api
from journal.api import shared as shared_api
from journal.api import summaries as summaries_api
from journal.api import tokens as tokens_api


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
