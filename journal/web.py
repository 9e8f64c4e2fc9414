"""JSON errors in the API's one shape: {"error": {"code", "message", "fields"}}."""
from flask import jsonify, request
from flask_babel import gettext as _


def wants_json():
    """API routes answer in JSON, whatever went wrong."""
    return request.path.startswith("/api/")


def json_error(status, code, message, fields=None):
    """A JSON error response with the given HTTP status."""
    body = {"error": {"code": code, "message": str(message)}}
    if fields:
        body["error"]["fields"] = {name: str(text) for name, text in fields.items()}
    return jsonify(body), status


def json_body():
    """The request's JSON object, or None when the body is not a JSON object, or holds text no
    database can keep."""
    if not request.is_json:
        return None
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested thousands deep: hostile, not a journal
        return None
    return body if isinstance(body, dict) and storable(body) else None


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


def malformed():
    """400: the body is not a JSON object."""
    return json_error(400, "malformed",
                      _("Send a JSON object with Content-Type: application/json."))


def invalid(errors):
    """422: some fields are invalid; `errors` maps each to its message."""
    return json_error(422, "validation_error", _("Some fields need another look."), errors)
