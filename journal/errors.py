"""Friendly error pages for people, JSON errors for the API."""
import logging

from flask import current_app, g, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from peewee import InterfaceError, OperationalError, PeeweeException
from werkzeug.exceptions import HTTPException

from journal.db import database, drop_idle_connections
from journal.health import database_down
from journal.refusal import Refusal
from journal.web import json_error, refused, status_of, wants_json

log = logging.getLogger(__name__)

CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
         413: "too_large", 429: "rate_limited", 503: "unavailable"}


def _messages():
    return {
        400: _("The request could not be understood."),
        404: _("There is nothing here. It may have been removed, or the address is mistyped."),
        405: _("That action is not possible here."),
        413: _("That is too much to send at once. Please make it shorter."),
        429: _("Too many attempts in a short time. Please wait a minute and try again."),
        500: _("Something went wrong on our side. Nothing you wrote was lost; please try again."),
        503: _("The journal is briefly unavailable. Please try again in a moment."),
    }


def _respond(status, code=None, message=None):
    message = message or _messages().get(status, _messages()[400])
    if wants_json() or request.path == "/healthz":
        return json_error(status, code or CODES.get(status, "error"), message)
    return render_template("errors/error.html", status=status, message=message), status


def handle_http_error(error):
    """Every HTTP error (404, 405, 413, 429, ...) in the right format."""
    return _respond(error.code)


def handle_refusal(refusal):
    """A rule or store said no: the API's JSON error, or the error page with its message."""
    if wants_json():
        return refused(refusal)
    return _respond(status_of(refusal), message=refusal.message)


def handle_csrf_error(error):
    """A missing or stale CSRF token: say so, and keep what was typed on the page."""
    if wants_json():
        return json_error(400, "csrf_failed",
                          _("The security token is missing or expired. Reload and try again."))
    fields = {key: value for key, value in request.form.items() if key != "csrf_token"}
    return render_template("errors/csrf.html", fields=fields, action=request.path), 400


def handle_database_down(error):
    """The database is unreachable: 503, and the next request tries again."""
    log.error("database unavailable: %s", type(error).__name__)
    _discard_connection()
    if request.path == "/healthz":
        return database_down()
    if "_login_user" not in g:
        # The page must not try to load the user from the database that just failed.
        current_app.login_manager._update_request_context_with_user()
    return _respond(503)


def handle_unexpected(error):
    """Anything unforeseen: roll back, log without user content, answer 500."""
    log.exception("unhandled error on %s %s", request.method, request.endpoint)
    _discard_connection()
    return _respond(500, "server_error")


def _discard_connection():
    try:
        if not database.is_closed():
            if database.in_transaction():
                database.rollback()
            database.close()
        drop_idle_connections(database.obj)
    except (PeeweeException, OSError):  # already broken; closing is best effort
        log.warning("could not close a broken database connection")


def refuse_unstorable_text():
    """400 for a NUL character in the address or a form: PostgreSQL cannot keep or even look up
    such text, and no person types it. (JSON bodies are checked by json_body.)"""
    fields = [request.path, *request.args.keys(), *request.args.values()]
    if request.method == "POST" and not request.is_json:
        fields += [*request.form.keys(), *request.form.values()]
    if any("\x00" in value for value in fields):
        return _respond(400)
    return None


def init_app(app):
    """Register the handlers."""
    app.before_request(refuse_unstorable_text)
    app.register_error_handler(Refusal, handle_refusal)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_down)
    app.register_error_handler(InterfaceError, handle_database_down)
    app.register_error_handler(Exception, handle_unexpected)
