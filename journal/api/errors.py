"""JSON errors in the API's one shape: {"error": {"code", "message", "fields"}}."""
from flask import jsonify, request


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
