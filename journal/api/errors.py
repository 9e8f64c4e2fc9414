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
    """The request's JSON object, or None when the body is not a JSON object."""
    if not request.is_json:
        return None
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else None


def malformed():
    """400: the body is not a JSON object."""
    return json_error(400, "malformed",
                      _("Send a JSON object with Content-Type: application/json."))


def invalid(errors):
    """422: some fields are invalid; `errors` maps each to its message."""
    return json_error(422, "validation_error", _("Some fields need another look."), errors)
