"""A health check for load balancers and monitors."""
from flask import Blueprint, jsonify
from peewee import PeeweeException

from journal.db import database

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the database answers, 503 when it does not."""
    try:
        database.execute_sql("SELECT 1")
    except PeeweeException:
        return database_down()
    return jsonify({"status": "ok", "database": "ok"})


def database_down():
    """The 503 answer, also when the connection fails before the view runs (journal.errors)."""
    return jsonify({"status": "unavailable", "database": "down"}), 503


def init_app(app):
    """Serve /healthz."""
    app.register_blueprint(bp)
