"""People: whom you share with, who shares with you, invitations both ways, and the page an
invitation link opens. An invitation by address is mailed to the invitee, and shown on their
People page once their address is verified."""
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.models.sharing import Connection
from journal.people.rules import is_open, problem_message
from journal.people.store import (
    accept as accept_invitation,
)
from journal.people.store import (
    addressed_to,
    by_token,
    create_invitation,
    invitation_days,
    mail_is_on,
    own_pending,
    pending_with_mail,
    problem_for,
    remove,
    waiting_for,
)
from journal.sharing import end_connection
from journal.web import owned_or_404, request_now

bp = Blueprint("people", __name__)

GONE = {"not_found": 404, "used": 410, "expired": 410}
STATUS = {"unverified": 403}


def _render_people(errors=None, values=None, status=200):
    now = request_now()
    return render_template(
        "people/index.html", managers=list(Connection.to_managers(current_user)),
        employees=list(Connection.from_employees(current_user)),
        waiting=waiting_for(current_user, now), pending=pending_with_mail(current_user, now),
        days=invitation_days(), mail_on=mail_is_on(), errors=errors or {},
        values=values or {}), status


@bp.get("/people")
@login_required
def index():
    """Both directions of sharing, invitations waiting, and the invite form."""
    return _render_people()


@bp.post("/people/invitations")
@login_required
def create():
    """Invite by e-mail address (the invitation is mailed), or make a link (shown this once)."""
    email = None if request.form.get("kind") == "link" else request.form.get("email", "")
    invitation, token, errors = create_invitation(current_user, email, request_now())
    if errors:
        return _render_people(errors, {"email": email or ""}, status=422)
    url = url_for(".accept", token=token, _external=True) if token else None
    return render_template("people/created.html", invitation=invitation, url=url)


@bp.post("/people/invitations/<invitation_id>/cancel")
@login_required
def cancel(invitation_id):
    """Take back one of your own invitations; its link stops working."""
    invitation = owned_or_404(own_pending(current_user, invitation_id, request_now()))
    remove(invitation)
    flash(_("The invitation is cancelled. Its link no longer works."))
    return redirect(url_for(".index"))


@bp.post("/people/invitations/<invitation_id>/accept")
@login_required
def accept_addressed(invitation_id):
    """Accept an invitation sent to your e-mail address."""
    invitation = owned_or_404(addressed_to(current_user, invitation_id))
    return _accept(invitation)


@bp.post("/people/invitations/<invitation_id>/decline")
@login_required
def decline(invitation_id):
    """Say no thanks to an invitation sent to your address: it is removed, nothing shared."""
    invitation = owned_or_404(addressed_to(current_user, invitation_id))
    return _decline(invitation)


@bp.post("/people/connections/<connection_id>/end")
@login_required
def end(connection_id):
    """Either side ends a connection; what was shared through it is withdrawn at once."""
    connection = owned_or_404(Connection.of(current_user, connection_id))
    end_connection(connection, request_now())
    if connection.employee_id == current_user.id:
        flash(_("You no longer share with %(name)s. What you shared with them is withdrawn.",
                name=connection.manager.display_name))
    else:
        flash(_("You are no longer connected with %(name)s. What they shared with you is no "
                "longer visible to you.", name=connection.employee.display_name))
    return redirect(url_for(".index"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept(token):
    """GET: who invites you and what it means, with Accept and No thanks (or why it cannot be);
    visitors without a session are asked to log in or sign up first. POST: accept."""
    if not current_user.is_authenticated:
        return _anonymous_invite(token)
    invitation = by_token(token)
    if invitation is None:
        return _invite_page(token, None, "not_found", GONE["not_found"])
    if request.method == "POST":
        return _accept(invitation, token)
    problem = problem_for(invitation, current_user, request_now(), through_link=True)
    return _invite_page(token, invitation, problem, _status_of(problem, otherwise=200))


@bp.post("/invite/<token>/decline")
@login_required
def decline_link(token):
    """No thanks. An invitation sent to your address is removed; a link is left alone, since
    whoever else holds it may be the person it was meant for. Nothing is shared either way."""
    invitation = by_token(token)
    if invitation is None:
        return _invite_page(token, None, "not_found", 404)
    if invitation.email:
        return _decline(invitation, token)
    flash(_("No thanks, noted. Nothing was shared."))
    return redirect(url_for(".index"))


def _anonymous_invite(token):
    if request.method == "POST":
        return current_app.login_manager.unauthorized()
    invitation = by_token(token)
    still_open = invitation is not None and is_open(
        accepted_at=invitation.accepted_at, expires_at=invitation.expires_at, now=request_now())
    return render_template("people/invite.html", anonymous=True, token=token,
                           inviter=invitation.employee if still_open else None)


def _invite_page(token, invitation, problem, status):
    inviter = invitation.employee if invitation else None
    message = problem_message(problem, inviter.display_name if inviter else "") if problem \
        else None
    return render_template("people/invite.html", anonymous=False, token=token, inviter=inviter,
                           invitation=invitation, problem=problem, message=message), status


def _accept(invitation, token=None):
    _connection, problem = accept_invitation(invitation, current_user, request_now(),
                                             through_link=token is not None)
    name = invitation.employee.display_name
    if problem and problem != "connected" and token is not None:
        return _invite_page(token, invitation, problem, _status_of(problem))
    flash(problem_message(problem, name) if problem else
          _("You are now connected with %(name)s. You will see only what %(name)s chooses to "
            "share.", name=name))
    return redirect(url_for(".index"))


def _status_of(problem, otherwise=422):
    return GONE.get(problem) or STATUS.get(problem, otherwise)


def _decline(invitation, token=None):
    problem = problem_for(invitation, current_user, request_now(),
                          through_link=token is not None)
    if problem in (None, "connected"):
        remove(invitation)
        flash(_("No thanks, noted. Nothing was shared."))
    elif token is not None:
        return _invite_page(token, invitation, problem, _status_of(problem))
    else:
        flash(problem_message(problem, invitation.employee.display_name))
    return redirect(url_for(".index"))
