"""Invitations on the models: make one (by address: mailed to the invitee, and a notice to the
account with that address once it is verified), find one, accept it exactly once, cancel or
decline it, and the connections of a person for the API. Only a hash of each token is ever
stored on the invitation; a mailed token is only in the mail to the invitee."""
from datetime import timezone

from flask import current_app
from flask_babel import lazy_gettext as _l
from peewee import JOIN, IntegrityError

from journal.clock import iso_utc
from journal.db import database
from journal.mail import store as mail_store
from journal.mail.compose import external_url, queue_mail
from journal.mail.sending import send_now_after_commit
from journal.models.mail import OutgoingMail
from journal.models.sharing import Connection, Invitation, new_invitation_token, token_hash
from journal.models.user import User
from journal.notifications import notices
from journal.people.rules import (
    DEFAULT_INVITATION_DAYS,
    TOKEN_LIMIT,
    acceptance_problem,
    clean_invitation,
    expiry,
    is_open,
    mail_state,
    normalized,
    proves_address,
)
from journal.refusal import Refusal

# A mail not yet handed to the server; one of a cancelled invitation is dropped instead of sent.
UNSENT = ("queued", "retry")


def invitation_days():
    """How many days an invitation works (config `INVITATION_DAYS`, 7 by default)."""
    return current_app.config.get("INVITATION_DAYS", DEFAULT_INVITATION_DAYS)


def waiting_for(user, now):
    """Open invitations addressed to this user's e-mail (each with `.employee` loaded); none
    until the address is verified, since anyone can sign up with someone else's address."""
    if not user.email_verified:
        return []
    return list(Invitation.addressed_to(normalized(user.email), besides=user, now=now))


def mail_is_on():
    """Whether invitations by address can be made (they are mailed)."""
    return mail_store.mail_is_on()


def create_invitation(user, email, now):
    """Invite by address (`email` a string) or by link (None); `now` naive UTC.

    An invitation by address is mailed to the invitee: the mail is queued in the same
    transaction and sent right after the response. Its token reached only that address, so it
    is not returned. Returns (invitation, token or None when mailed, {}), or
    (None, None, {field: message}) with nothing stored. Raises Refusal ("mail_off") for an
    address when mail is off."""
    if email is not None and not mail_is_on():
        raise Refusal("forbidden", mail_store.OFF, "email", code="mail_off")
    connected = {normalized(c.manager.email): c.manager.display_name
                 for c in Connection.to_managers(user)}
    pending = Invitation.pending_of(user, now).count()
    address, errors = clean_invitation(email, own_email=user.email, connected_names=connected,
                                       pending_count=pending)
    if errors:
        return None, None, errors
    token = new_invitation_token()
    expires_at = expiry(now, invitation_days())
    with database.atomic():
        mail = _mail_invitation(user, address, token, expires_at, now) if address else None
        invitation = Invitation.create(employee=user, token_hash=token_hash(token),
                                       email=address, created_at=now, expires_at=expires_at,
                                       mail=mail)
        if address:
            notices.invitation_made(invitation, User.by_email(address), _aware(now))
    if mail is None:
        return invitation, token, {}
    send_now_after_commit([mail], _aware(now))
    return invitation, None, {}


def _mail_invitation(user, address, token, expires_at, now):
    # In the inviter's language (the invitee's is unknown), and queued as the inviter's mail,
    # so it goes with the inviter's account.
    return queue_mail(
        to=address, name="invitation", kind="invitation", language=user.language,
        subject=_l("%(name)s would like to share progress with you",
                   name=" ".join(user.display_name.split())),
        now=_aware(now), user=user, person=None, inviter=user, email=address,
        url=external_url("people.accept", token=token), expires_at=expires_at)


def _aware(stored):
    return stored.replace(tzinfo=timezone.utc)


def pending_with_mail(user, now):
    """The user's own open invitations, newest first, each with its `.mail` loaded."""
    return list(Invitation.pending_of(user, now)
                .select_extend(OutgoingMail)
                .join(OutgoingMail, JOIN.LEFT_OUTER, on=(Invitation.mail == OutgoingMail.id)))


def mail_of(invitation):
    """The state of the mail that carried an invitation ("sending", "sent", "failed"), or None
    for a link."""
    return mail_state(invitation.mail.status) if invitation.mail_id else None


def remove(invitation):
    """Cancel or decline: the invitation goes, and so does its mail if it was not sent yet
    (its link would no longer work)."""
    with database.atomic():
        notices.invitation_gone(invitation)
        invitation.delete_instance()
        if invitation.mail_id:
            (OutgoingMail.delete()
             .where((OutgoingMail.id == invitation.mail_id) & OutgoingMail.status.in_(UNSENT))
             .execute())


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


def problem_for(invitation, user, now, *, through_link=False):
    """Why this user cannot accept this invitation now (a people.rules problem), or None.
    `through_link`: the person opened the invitation's own link (not an id on their page)."""
    connected = Connection.between(invitation.employee_id, user.id) is not None
    return acceptance_problem(
        employee_id=invitation.employee_id, email=invitation.email,
        expires_at=invitation.expires_at, accepted_at=invitation.accepted_at,
        accepter_id=user.id, accepter_email=user.email, accepter_verified=user.email_verified,
        through_mail=_through_mail(invitation, through_link), now=now, connected=connected)


def _through_mail(invitation, through_link):
    # The token of a mailed invitation was never shown to anyone: only its mail carried it.
    return through_link and invitation.mail_id is not None


def accept(invitation, user, now, *, through_link=False):
    """Accept: the inviter now shares with `user`. Returns (connection, None) or (None, problem).

    The claim is a conditional UPDATE, so of two simultaneous accepts only one wins. When the two
    are already connected, the invitation is still marked used, and no second row is made.
    Accepting through the link of the mail sent to the account's own address verifies it."""
    problem = problem_for(invitation, user, now, through_link=through_link)
    if problem == "connected":
        if invitation.claim(user, now):
            _verify_by_mail(invitation, user, now, through_link)
    if problem:
        return None, problem
    try:
        with database.atomic():
            if not invitation.claim(user, now):
                fresh = Invitation.get_by_id(invitation.id)
                return None, "used" if fresh.accepted_at is not None else "expired"
            connection = Connection.create(employee=invitation.employee_id, manager=user,
                                           created_at=now)
            _verify_by_mail(invitation, user, now, through_link)
    except IntegrityError:  # connected a moment ago through another invitation
        invitation.claim(user, now)
        return None, "connected"
    return connection, None


def _verify_by_mail(invitation, user, now, through_link):
    if proves_address(email=invitation.email, accepter_email=user.email,
                      through_mail=_through_mail(invitation, through_link)):
        user.mark_verified(now)


def invitation_to_api(invitation):
    """One of the user's own invitations, without its token (which is never stored), and how
    its mail is doing (`mail`: "sending", "sent", "failed", or null for a link)."""
    return {"id": str(invitation.id), "email": invitation.email or None,
            "created_at": iso_utc(invitation.created_at),
            "expires_at": iso_utc(invitation.expires_at), "mail": mail_of(invitation)}


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
