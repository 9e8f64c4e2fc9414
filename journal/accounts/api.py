"""JSON API: /api/v1/session, who is logged in, with a fresh CSRF token; and
/api/v1/sessions, the devices where the person is logged in (the session only: a personal API
token may not see or end them, see journal.tokens)."""
from flask import Blueprint, jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf

from journal.accounts.company import sign_in_methods
from journal.accounts.sessions import current_session
from journal.accounts.store import end_other_sessions, end_session, live_sessions, session_to_api
from journal.web import not_found, request_now

bp = Blueprint("session_api", __name__, url_prefix="/api/v1/session")
sessions_bp = Blueprint("sessions_api", __name__, url_prefix="/api/v1/sessions")

NO_SUCH_SESSION = _l("There is no such session. It may have been logged out already.")


@bp.get("")
@login_required
def session_info():
    """Who is logged in, and a fresh CSRF token (the offline outbox asks before it syncs)."""
    user = current_user
    return jsonify({"user": {"id": str(user.id), "display_name": user.display_name,
                             "timezone": user.timezone, "language": user.language,
                             "email": user.email, "email_verified": user.email_verified,
                             "sign_in_methods": sign_in_methods(user)},
                    "csrf_token": generate_csrf()})


@sessions_bp.get("")
@login_required
def list_sessions():
    """The person's signed-in devices, most recently active first."""
    current = current_session()
    items = [session_to_api(row, current) for row in live_sessions(current_user, request_now())]
    return jsonify({"items": items, "next": None})


@sessions_bp.delete("/<session_id>")
@login_required
def delete_session(session_id):
    """Log out one device (this one too, when it names itself); 404 when it is not theirs."""
    if not end_session(current_user, session_id):
        not_found(NO_SUCH_SESSION)
    return "", 204


@sessions_bp.delete("")
@login_required
def delete_other_sessions():
    """Log out every device but this one."""
    end_other_sessions(current_user, keep=current_session())
    return "", 204
