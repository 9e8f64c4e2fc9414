"""JSON API: invitations (/api/v1/invitations) and connections (/api/v1/connections)."""
from flask import Blueprint, jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.db import parse_uuid
from journal.models.sharing import Connection
from journal.people.rules import problem_message
from journal.people.store import (
    accept,
    addressed_to,
    by_token,
    connection_to_api,
    create_invitation,
    invitation_to_api,
    own_pending,
    pending_with_mail,
    problem_for,
    received_to_api,
    remove,
    waiting_for,
)
from journal.refusal import Refusal
from journal.sharing import end_connection
from journal.web import invalid, json_body, not_found, owned_or_404, request_now

bp = Blueprint("connections_api", __name__, url_prefix="/api/v1")

# Why an invitation cannot be accepted: (the kind of refusal, the API's error code).
PROBLEMS = {
    "used": ("conflict", "invitation_used"),
    "connected": ("conflict", "already_connected"),
    "expired": ("gone", "invitation_expired"),
    "own": ("invalid", "own_invitation"),
    "other_address": ("invalid", "invitation_for_another_address"),
    "unverified": ("forbidden", "email_unverified"),
}


def _invitation_not_found():
    not_found(problem_message("not_found", ""))


@bp.post("/invitations")
@login_required
def create_invitation_route():
    """Make a link (`{}`): its token and url are shown this once. Or invite by address
    (`{"email": "..."}`): the invitation is mailed to that address only, so `token` and `url`
    are null and `mailed` is true; 403 "mail_off" when this server sends no mail."""
    email = json_body().get("email")
    invitation, token, errors = create_invitation(current_user, email, request_now())
    if errors:
        return invalid(errors)
    url = url_for("people.accept", token=token, _external=True) if token else None
    return jsonify({**invitation_to_api(invitation), "token": token, "url": url,
                    "mailed": token is None}), 201


@bp.get("/invitations")
@login_required
def list_invitations():
    """The user's own invitations still waiting for an answer (never their tokens), each with
    how its mail is doing."""
    pending = pending_with_mail(current_user, request_now())
    return jsonify({"items": [invitation_to_api(i) for i in pending], "next": None})


@bp.get("/invitations/received")
@login_required
def list_received():
    """Open invitations addressed to the user's e-mail address (none until it is verified)."""
    waiting = waiting_for(current_user, request_now())
    return jsonify({"items": [received_to_api(i) for i in waiting], "next": None})


@bp.delete("/invitations/<invitation_id>")
@login_required
def delete_invitation(invitation_id):
    """Cancel one of your own open invitations, or decline one addressed to you."""
    now = request_now()
    invitation = own_pending(current_user, invitation_id, now)
    if invitation is None:
        invitation = addressed_to(current_user, invitation_id)
        if invitation is None or problem_for(invitation, current_user, now) not in (
                None, "connected"):
            _invitation_not_found()
    remove(invitation)
    return "", 204


@bp.post("/invitations/<token>/accept")
@login_required
def accept_invitation(token):
    """Accept by the link's token, or by id an invitation addressed to you: 201 the connection.
    The token of a mailed invitation also proves the address (and verifies it)."""
    invitation, through_link = _addressed_by_id(token), False
    if invitation is None:
        invitation, through_link = by_token(token), True
    if invitation is None:
        _invitation_not_found()
    connection, problem = accept(invitation, current_user, request_now(),
                                 through_link=through_link)
    if problem:
        kind, code = PROBLEMS[problem]
        raise Refusal(kind, problem_message(problem, invitation.employee.display_name),
                      code=code)
    return jsonify(connection_to_api(connection, current_user)), 201


def _addressed_by_id(value):
    # Only the canonical UUID form counts as an id, so no token can ever be taken for one.
    uuid_value = parse_uuid(value)
    if uuid_value is None or str(uuid_value) != value:
        return None
    return addressed_to(current_user, value)


@bp.get("/connections")
@login_required
def list_connections():
    """Both directions: people you share with, and people who share with you."""
    return jsonify({"items": [connection_to_api(c, current_user)
                              for c in Connection.either_side(current_user)], "next": None})


@bp.delete("/connections/<connection_id>")
@login_required
def delete_connection(connection_id):
    """End a connection from either side; what was shared through it is withdrawn at once."""
    connection = owned_or_404(Connection.of(current_user, connection_id),
                              _("There is no such connection."))
    end_connection(connection, request_now())
    return "", 204
