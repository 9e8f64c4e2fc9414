"""JSON API: /api/v1/session, who is logged in, with a fresh CSRF token."""
from flask import Blueprint, jsonify
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf

bp = Blueprint("session_api", __name__, url_prefix="/api/v1/session")


@bp.get("")
@login_required
def session_info():
    """Who is logged in, and a fresh CSRF token (the offline outbox asks before it syncs)."""
    user = current_user
    return jsonify({"user": {"id": str(user.id), "display_name": user.display_name,
                             "timezone": user.timezone, "language": user.language},
                    "csrf_token": generate_csrf()})
