"""Progress Journal: a private, mobile-first journal of meaningful progress."""
from flask import Flask
from flask_compress import Compress
from jinja2 import MemcachedBytecodeCache
from werkzeug.middleware.proxy_fix import ProxyFix

from journal import (
    accounts,
    assets,
    backup,
    charts,
    checklist,
    config,
    conversations,
    data,
    db,
    entries,
    errors,
    fragments,
    goals,
    health,
    i18n,
    mail,
    notifications,
    passwords,
    people,
    privacy,
    push,
    pwa,
    reviews,
    security,
    shared,
    summaries,
    teams,
    tokens,
    web,
)


class _CompiledTemplates(dict):
    """Compiled templates kept in memory for every app of the process: the client Jinja's
    MemcachedBytecodeCache talks to (a key holds the template's name and a checksum of its
    source, so an edited template compiles afresh)."""

    def set(self, key, value, timeout=None):
        self[key] = value


COMPILED_TEMPLATES = MemcachedBytecodeCache(_CompiledTemplates(), prefix="")

# The features, each a package that registers its own pages, API and tabs.
FEATURES = (mail, accounts, entries, reviews, goals, charts, notifications, push, conversations,
            people, summaries, shared, checklist, teams, tokens, data, privacy)


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
    # Templates compile once per process, not once per app (the tests build thousands).
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    config.make_instance_private(instance_path)
    app.config.update(config.from_environment(instance_path))
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.load_secret_key(instance_path)
    if app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_COUNT"],
                                x_proto=app.config["PROXY_COUNT"])

    db.init_app(app)
    Compress(app)
    assets.init_app(app)
    passwords.init_app(app)
    i18n.init_app(app)
    web.init_app(app)
    fragments.init_app(app)
    pwa.init_app(app)
    security.init_app(app)
    for feature in FEATURES:
        feature.init_app(app)
    errors.init_app(app)
    health.init_app(app)
    backup.init_app(app)
    return app
