"""What every view shares: the JSON error shape ({"error": {"code", "message", "fields"}}), the
request body as a JSON object, 404s for what is not yours, refusals as responses, and the
current person's now and today."""
import logging

from flask import (
    abort,
    after_this_request,
    current_app,
    flash,
    has_request_context,
    jsonify,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from journal.clock import current_now, local_today, stored_utc
from journal.db import database
from journal.entries.rules import TEXT_LIMIT
from journal.refusal import Refusal

# The headline of a refusal about fields; each field's own message goes beside it.
FIELDS_HEADLINE = _l("Some fields need another look.")

# Each kind of refusal as (HTTP status, the API's error code).
STATUSES = {
    "malformed": (400, "malformed"),
    "forbidden": (403, "forbidden"),
    "not_found": (404, "not_found"),
    "conflict": (409, "conflict"),
    "gone": (410, "gone"),
    "invalid": (422, "validation_error"),
}


def wants_json():
    """API routes answer in JSON, whatever went wrong."""
    return request.path.startswith("/api/")


def json_error(status, code, message, fields=None):
    """A JSON error response with the given HTTP status."""
    body = {"error": {"code": code, "message": str(message)}}
    if fields:
        body["error"]["fields"] = {name: str(text) for name, text in fields.items()}
    return jsonify(body), status


def status_of(refusal):
    """The HTTP status for a refusal's kind."""
    return STATUSES[refusal.kind][0]


def refused(refusal):
    """A refusal as the API's JSON error. A refusal about one field reads as a form does: a
    general headline, the message beside the field."""
    status, code = STATUSES[refusal.kind]
    headline = refusal.message
    if refusal.field and refusal.kind == "invalid":
        headline = FIELDS_HEADLINE
    return json_error(status, refusal.code or code, headline, refusal.fields)


def json_body():
    """The request's JSON object; a bad body (not a JSON object, or holding text no database can
    keep) stops the request with 400 `malformed`."""
    body = None
    if request.is_json:
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # nested thousands deep: hostile, not a journal
            body = None
    if not isinstance(body, dict) or not storable(body):
        raise Refusal("malformed", _l("Send a JSON object with Content-Type: application/json."))
    return body


def storable(value):
    """False when some text (key or value, at any depth) holds a NUL character, which
    PostgreSQL refuses, or half a surrogate pair (a JSON escape like "\\ud800"), which is no
    Unicode text at all."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str) and not storable_text(item):
            return False
    return True


def storable_text(text):
    """True for text without NUL that encodes as UTF-8."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def invalid(errors):
    """422: some fields are invalid; `errors` maps each to its message."""
    return json_error(422, "validation_error", FIELDS_HEADLINE, errors)


def not_found(message):
    """Stop with a 404 that shows this message (in the API's JSON or on the error page)."""
    raise Refusal("not_found", message)


def owned_or_404(found, message=None):
    """`found`, a row looked up among the current person's own; when there is none, stop with a
    404: `message` in the API, the usual page elsewhere."""
    if found is None:
        if message is None:
            abort(404)
        not_found(message)
    return found


def request_now():
    """This moment as the database stores it (naive UTC), from the app's clock."""
    return stored_utc(current_now())


def user_today():
    """Today in the current person's time zone."""
    return local_today(current_now(), current_user.timezone)


def add_tab(app, order, endpoint, label, *, covers, icon):
    """Put a tab in the main navigation, at `order` from the left: it leads to `endpoint`, shows
    the `icon` of that name (templates/_icons.html) above its label, and is the current tab on
    the endpoints or blueprints it `covers`."""
    tabs = app.jinja_env.globals.setdefault("tabs", [])
    tabs.append((order, endpoint, label, tuple(covers), icon))
    tabs.sort(key=lambda tab: tab[0])


# The header's links and the pages where each is the open one: (link, endpoints, blueprints).
HEADER_LINKS = (
    ("conversations", (), ("conversations", "people", "summaries", "shared", "checklist",
                           "meeting", "helping", "steering", "teams", "team_meetings",
                           "team_circle", "consultations")),
    ("settings", ("settings.edit", "auth.change_password", "mail_settings.edit",
                  "mail_settings.save", "verification.change"),
     ("notifications", "tokens", "data")),
)


def open_header_link():
    """The header link whose area this page is in ("conversations" or "settings"), or None."""
    endpoint, blueprint = request.endpoint, request.blueprint
    for link, endpoints, blueprints in HEADER_LINKS:
        if endpoint in endpoints or blueprint in blueprints:
            return link
    return None


def open_tab():
    """The endpoint of the tab whose area this page is in, or None."""
    endpoint, blueprint = request.endpoint, request.blueprint
    for _order, tab_endpoint, _label, covers, _icon in current_app.jinja_env.globals["tabs"]:
        if endpoint in covers or blueprint in covers:
            return tab_endpoint
    return None


def kept_url_for(endpoint, **values):
    """url_for for templates. A link to an endpoint without values (the tabs and header links
    of every page) is built once per app and script root, not on every page."""
    if values or endpoint.startswith(".") or not has_request_context():
        return url_for(endpoint, **values)
    kept = current_app.extensions.setdefault("kept_urls", {})
    key = (request.script_root, endpoint)
    found = kept.get(key)
    if found is None:
        found = kept[key] = url_for(endpoint)
    return found


def init_app(app):
    """What every template knows: the text limit, and the tabs the packages add."""
    app.jinja_env.globals["text_limit"] = TEXT_LIMIT
    app.jinja_env.globals["tabs"] = []
    app.jinja_env.globals["url_for"] = kept_url_for
    app.jinja_env.globals.update(open_header_link=open_header_link, open_tab=open_tab)


def conflict_told(work, back):
    """Run `work()`; when it is refused because of the moment or the person's role (a
    "conflict": another tab moved on first, say), say why on the page `back()` leads to."""
    try:
        return work()
    except Refusal as refused:
        if refused.kind != "conflict":
            raise
        flash(str(refused.message))
        return back()


def after_response(work, *args):
    """Run `work(*args)` once the response has gone to the client (the request's transaction
    has committed by then), with the app and a database connection of its own. What it
    raises is logged: nothing is waiting for it."""
    app = current_app._get_current_object()

    @after_this_request
    def _later(response):
        response.call_on_close(lambda: _run_after(app, work, args))
        return response


def _run_after(app, work, args):
    with app.app_context(), database.connection_context():
        try:
            work(*args)
        except Exception:  # noqa: BLE001 - the response is gone; log it and go on
            logging.getLogger(__name__).exception("%s after the response failed",
                                                  work.__name__)
