"""Invitations on the models: make one, find one, accept it exactly once, cancel or decline it,
and the connections of a person for the API. Only a hash of each token is ever stored."""
from flask import current_app
from peewee import IntegrityError

from journal.clock import iso_utc
from journal.db import database
from journal.models.sharing import Connection, Invitation, new_invitation_token, token_hash
from journal.people.rules import (
    DEFAULT_INVITATION_DAYS,
    TOKEN_LIMIT,
    acceptance_problem,
    clean_invitation,
    expiry,
    is_open,
    normalized,
)


def invitation_days():
    """How many days an invitation works (config `INVITATION_DAYS`, 7 by default)."""
    return current_app.config.get("INVITATION_DAYS", DEFAULT_INVITATION_DAYS)


def waiting_for(user, now):
    """Open invitations addressed to this user's e-mail (each with `.employee` loaded)."""
    return list(Invitation.addressed_to(normalized(user.email), besides=user, now=now))


def create_invitation(user, email, now):
    """Invite by address (`email` a string) or by link (None).

    Returns (invitation, token, {}) or (None, None, {field: message}) with nothing stored."""
    connected = {normalized(c.manager.email): c.manager.display_name
                 for c in Connection.to_managers(user)}
    pending = Invitation.pending_of(user, now).count()
    address, errors = clean_invitation(email, own_email=user.email, connected_names=connected,
                                       pending_count=pending)
    if errors:
        return None, None, errors
    token = new_invitation_token()
    invitation = Invitation.create(employee=user, token_hash=token_hash(token), email=address,
                                   created_at=now, expires_at=expiry(now, invitation_days()))
    return invitation, token, {}


def by_token(token):
    """The invitation behind a token (used or not), or None."""
    if not token or len(token) > TOKEN_LIMIT:
        return None
    return Invitation.by_token(token)


def addressed_to(user, invitation_id):
    """An invitation addressed to this user's e-mail (any state), or None."""
    invitation = Invitation.by_id(invitation_id)
    if invitation is None or not invitation.email or invitation.email != normalized(user.email):
        return None
    return invitation


def own_pending(user, invitation_id, now):
    """One of the user's own invitations that is still open, or None."""
    invitation = Invitation.by_id(invitation_id)
    if invitation is None or invitation.employee_id != user.id:
        return None
    return invitation if is_open(accepted_at=invitation.accepted_at,
                                 expires_at=invitation.expires_at, now=now) else None


def problem_for(invitation, user, now):
    """Why this user cannot accept this invitation now (a connection_rules problem), or None."""
    connected = Connection.between(invitation.employee_id, user.id) is not None
    return acceptance_problem(
        employee_id=invitation.employee_id, email=invitation.email,
        expires_at=invitation.expires_at, accepted_at=invitation.accepted_at,
        accepter_id=user.id, accepter_email=user.email, now=now, connected=connected)


def accept(invitation, user, now):
    """Accept: the inviter now shares with `user`. Returns (connection, None) or (None, problem).

    The claim is a conditional UPDATE, so of two simultaneous accepts only one wins. When the two
    are already connected, the invitation is still marked used, and no second row is made."""
    problem = problem_for(invitation, user, now)
    if problem == "connected":
        invitation.claim(user, now)
    if problem:
        return None, problem
    try:
        with database.atomic():
            if not invitation.claim(user, now):
                fresh = Invitation.get_by_id(invitation.id)
                return None, "used" if fresh.accepted_at is not None else "expired"
            connection = Connection.create(employee=invitation.employee_id, manager=user,
                                           created_at=now)
    except IntegrityError:  # connected a moment ago through another invitation
        invitation.claim(user, now)
        return None, "connected"
    return connection, None


def invitation_to_api(invitation):
    """One of the user's own invitations, without its token (which is never stored)."""
    return {"id": str(invitation.id), "email": invitation.email or None,
            "created_at": iso_utc(invitation.created_at),
            "expires_at": iso_utc(invitation.expires_at)}


def received_to_api(invitation):
    """An invitation addressed to the user, with who sent it."""
    return {"id": str(invitation.id),
            "employee": {"id": str(invitation.employee.id),
                         "display_name": invitation.employee.display_name},
            "created_at": iso_utc(invitation.created_at),
            "expires_at": iso_utc(invitation.expires_at)}


def connection_to_api(connection, user):
    """A connection as the API shows it; `role` is the user's own side of it."""
    return {
        "id": str(connection.id),
        "employee": {"id": str(connection.employee.id),
                     "display_name": connection.employee.display_name},
        "manager": {"id": str(connection.manager.id),
                    "display_name": connection.manager.display_name},
        "role": "employee" if connection.employee_id == user.id else "manager",
        "created_at": iso_utc(connection.created_at),
    }
