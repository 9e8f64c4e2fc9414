"""Team pages: my teams, making one, the team page (members, the join link for the organiser,
and the cards of meetings, the circle and consultations), the members page (leave, remove,
hand over, rename) and the page a join link opens. Anyone not in a team gets 404."""
from functools import wraps

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.refusal import Refusal
from journal.teams import store
from journal.teams.membership import members_of, membership, teams_of
from journal.teams.rules import (
    NAME_LIMIT,
    ORGANISER,
    join_problem,
    link_is_active,
    problem_message,
)
from journal.web import conflict_told, owned_or_404, request_now

bp = Blueprint("teams", __name__, url_prefix="/teams")

# The token of a link just made waits here for the redirect to the team page, which shows it
# once; it is never stored on our side.
FRESH = "team_join_link"
GONE = {"unknown_link": 404, "expired": 410}


def _member(team_id):
    return owned_or_404(membership(current_user, team_id))


def team_action(action):
    """A form post on one of my teams: 404 unless I am in it; a refusal about my role or the
    moment (another tab handed the team over first, say) is told on the members page."""
    @wraps(action)
    def wrapped(team_id, **kwargs):
        member = _member(team_id)
        return conflict_told(lambda: action(member, **kwargs),
                             lambda: redirect(url_for(".members", team_id=member.team_id)))
    return wrapped


@bp.get("")
@login_required
def index():
    """The teams I am in, and a way to make one."""
    return render_template("teams/index.html", memberships=teams_of(current_user))


@bp.get("/new")
@login_required
def new():
    """The form to make a team."""
    return _new_form({}, {})


def _new_form(values, errors, status=200):
    return render_template("teams/new.html", values=values, errors=errors,
                           name_limit=NAME_LIMIT), status


@bp.post("")
@login_required
def create():
    """Make a team: I organise it, and its join link is shown on its page, this once."""
    name = request.form.get("name", "")
    member, token, errors = store.create_team(current_user, name, request_now())
    if errors:
        return _new_form({"name": name}, errors, 422)
    session[FRESH] = {"team": str(member.team_id), "token": token}
    return redirect(url_for(".show", team_id=member.team_id))


@bp.get("/<team_id>")
@login_required
def show(team_id):
    """The team page: who is in it, the join link (organiser), meetings, circle, intervisie."""
    member = _member(team_id)
    team, now = member.team, request_now()
    return render_template("teams/show.html", team=team, member=member,
                           members=members_of(team), link=store.link_of(team, now),
                           fresh_url=_fresh_url(member),
                           **store.cards_of(team, current_user))


def _fresh_url(member):
    waiting = session.get(FRESH)
    if not waiting or waiting.get("team") != str(member.team_id):
        return None
    session.pop(FRESH, None)
    team = store.by_token(waiting.get("token"))
    if member.role != ORGANISER or team is None or team.id != member.team_id:
        return None
    return store.join_url(waiting["token"])


@bp.get("/<team_id>/members")
@login_required
def members(team_id):
    """Members, leaving, and for the organiser: remove, hand over, rename."""
    return _members_page(_member(team_id))


def _members_page(member, errors=None, values=None, status=200):
    return render_template("teams/members.html", team=member.team, member=member,
                           members=members_of(member.team), errors=errors or {},
                           values=values or {"name": member.team.name},
                           name_limit=NAME_LIMIT), status


@bp.post("/<team_id>/name")
@login_required
@team_action
def rename(member):
    """The organiser renames the team."""
    name = request.form.get("name", "")
    errors = store.rename(member, name, request_now())
    if errors:
        return _members_page(member, errors, {"name": name}, 422)
    flash(_("The team is now called %(name)s.", name=member.team.name))
    return redirect(url_for(".show", team_id=member.team_id))


@bp.post("/<team_id>/join_link")
@login_required
@team_action
def renew_link(member):
    """A new join link (organiser): the old one stops working; the new one is shown once."""
    token = store.renew_link(member, request_now())
    session[FRESH] = {"team": str(member.team_id), "token": token}
    return redirect(url_for(".show", team_id=member.team_id, _anchor="join-link-heading"))


@bp.post("/<team_id>/join_link/revoke")
@login_required
@team_action
def revoke_link(member):
    """Switch the join link off (organiser)."""
    store.revoke_link(member, request_now())
    flash(_("The join link is switched off. Nobody can join with it any more."))
    return redirect(url_for(".show", team_id=member.team_id, _anchor="join-link-heading"))


@bp.post("/<team_id>/members/<user_id>/remove")
@login_required
@team_action
def remove(member, user_id):
    """The organiser takes a member out of the team (or anyone themselves: leaving)."""
    name = next((row.user.display_name for row in members_of(member.team)
                 if str(row.user_id) == user_id), None)
    outcome = store.remove(member, user_id)
    if outcome != "removed":
        return _left(member, outcome)
    flash(_("%(name)s is no longer in the team.", name=name))
    return redirect(url_for(".members", team_id=member.team_id))


@bp.post("/<team_id>/leave")
@login_required
@team_action
def leave(member):
    """Leave the team (the organiser hands it over first, unless they are the last)."""
    return _left(member, store.leave(member))


def _left(member, outcome):
    if outcome == "deleted":
        flash(_("You were the last member, so %(name)s is deleted.", name=member.team.name))
    else:
        flash(_("You left %(name)s.", name=member.team.name))
    return redirect(url_for(".index"))


@bp.post("/<team_id>/organiser")
@login_required
@team_action
def hand_over(member):
    """Hand the team over to another member; I stay as a member."""
    user_id = request.form.get("user_id", "")
    try:
        target = store.hand_over(member, user_id, request_now())
    except Refusal as refused:
        if refused.kind != "invalid":
            raise
        return _members_page(member, refused.fields, {"name": member.team.name}, 422)
    flash(_("%(name)s now organises the team.", name=target.user.display_name))
    return redirect(url_for(".show", team_id=member.team_id))


@bp.route("/join/<token>", methods=["GET", "POST"])
def join(token):
    """GET: which team, who organises it, and Join (or why it cannot be); visitors without a
    session log in or sign up first and come back. POST: join."""
    team, now = store.by_token(token), request_now()
    problem = "unknown_link" if team is None else None
    if team is not None:
        problem = join_problem(expires_at=team.join_expires_at, now=now,
                               already_member=membership(current_user, team.id) is not None)
    if problem in GONE:
        return _join_page(token, team, problem, GONE[problem])
    if not current_user.is_authenticated:
        if request.method == "POST":
            return current_app.login_manager.unauthorized()
        return _join_page(token, team, None)
    if request.method == "GET":
        return _join_page(token, team, problem)
    member, joined = store.join(team, current_user, now)
    flash(_("Welcome to %(name)s.", name=team.name) if joined
          else problem_message("member", team.name))
    return redirect(url_for(".show", team_id=member.team_id))


def _join_page(token, team, problem, status=200):
    active = team is not None and link_is_active(join_hash=team.join_hash,
                                                 expires_at=team.join_expires_at,
                                                 now=request_now())
    return render_template(
        "teams/join.html", token=token, team=team if problem != "unknown_link" else None,
        organiser=store.organiser_of(team) if active else None, problem=problem,
        message=problem_message(problem, team.name if team else "") if problem else None,
        anonymous=not current_user.is_authenticated), status
