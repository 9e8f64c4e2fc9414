"""Team meetings that start in pairs, as pages: the organiser starts, pairs and ends; members
join, see their pair and the three questions (with an optional gentle timer), and write their
own answers, shared with the team only when they tick it."""
from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.refusal import Refusal
from journal.teams import meeting_store as store
from journal.teams.meeting_rules import (
    ANSWER_LIMIT,
    QUESTION_KEYS,
    QUESTIONS,
    check_organiser,
    clean_answers,
    clean_timer,
)
from journal.teams.membership import members_of, membership
from journal.web import conflict_told, request_now

bp = Blueprint("team_meetings", __name__, url_prefix="/teams")


def _member(team_id):
    member = membership(current_user, team_id)
    if member is None:
        abort(404)
    return member


def meeting_action(action):
    """A form post on one of the team's meetings: 404 for anyone not in the team (or a meeting
    not of it); a refusal about the moment (the meeting ended meanwhile, say) is told on the
    meeting's page."""
    @wraps(action)
    def wrapped(team_id, meeting_id):
        member = _member(team_id)
        meeting = store.meeting_of(member.team, meeting_id)
        if meeting is None:
            abort(404)
        return conflict_told(lambda: action(member, meeting), lambda: _back(meeting))
    return wrapped


def _back(meeting, anchor=None):
    return redirect(url_for(".show", team_id=meeting.team_id, meeting_id=meeting.id,
                            _anchor=anchor))


@bp.post("/<team_id>/meetings")
@login_required
def start(team_id):
    """The organiser starts a meeting, with a gentle timer per question or none."""
    member = _member(team_id)
    check_organiser(member.role)
    minutes, error = clean_timer(request.form.get("timer_minutes", ""))
    if error:
        flash(str(error))
        return redirect(url_for("teams.show", team_id=member.team_id))
    return conflict_told(
        lambda: _back(store.start(member.team, current_user, minutes, request_now())),
        lambda: redirect(url_for("teams.show", team_id=member.team_id)))


@bp.get("/<team_id>/meetings/<meeting_id>")
@login_required
def show(team_id, meeting_id):
    """The meeting: who joined, my pair, the three questions and my own answers."""
    member = _member(team_id)
    meeting = store.meeting_of(member.team, meeting_id)
    if meeting is None:
        abort(404)
    return _page(member, meeting)


def _page(member, meeting, errors=None, values=None, status=200):
    answers = store.answers_of(meeting, current_user)
    if values is None:
        values = {key: answers[key].text for key in answers}
        values["share"] = {key for key, answer in answers.items() if answer.shared_at}
        values["help_to"] = str(answers["help"].help_to_id or "") if "help" in answers else ""
    teammates = [row.user for row in members_of(member.team) if row.user_id != current_user.id]
    return render_template(
        "teams/meeting_show.html", team=member.team, member=member, meeting=meeting,
        joined=store.has_joined(meeting, current_user),
        attendees=store.attendees_of(meeting), pairs=store.named_pairs(meeting),
        my_pair=store.my_pair(meeting, current_user), questions=QUESTIONS,
        teammates=teammates, values=values, errors=errors or {},
        answer_limit=ANSWER_LIMIT), status


@bp.post("/<team_id>/meetings/<meeting_id>/join")
@login_required
@meeting_action
def join(member, meeting):
    """I join the meeting."""
    store.join(meeting, current_user, request_now())
    return _back(meeting)


@bp.post("/<team_id>/meetings/<meeting_id>/pairs")
@login_required
@meeting_action
def pair(member, meeting):
    """The organiser pairs everyone who joined (again, when someone joined late)."""
    check_organiser(member.role)
    store.pair(meeting, request_now())
    flash(_("Everyone who joined has someone to talk with."))
    return _back(meeting, "pairs-heading")


@bp.post("/<team_id>/meetings/<meeting_id>/end")
@login_required
@meeting_action
def end(member, meeting):
    """The organiser ends the meeting; everyone keeps their answers."""
    check_organiser(member.role)
    store.end(meeting, request_now())
    flash(_("The meeting has ended. Everyone keeps their own answers in their journal."))
    return redirect(url_for("teams.show", team_id=member.team_id))


@bp.post("/<team_id>/meetings/<meeting_id>/answers")
@login_required
@meeting_action
def answers(member, meeting):
    """My answers, saved to my own journal; the ticked ones shared with the team."""
    form = {key: request.form.get(key, "") for key in QUESTION_KEYS}
    form["help_to"] = request.form.get("help_to", "")
    form["share"] = [key for key in QUESTION_KEYS if request.form.get(f"share_{key}")]
    values, errors = clean_answers(form)
    if not errors:
        try:
            store.save_answers(meeting, current_user, values, request_now())
        except Refusal as refused:
            if refused.kind != "invalid":
                raise
            errors = refused.fields
    if errors:
        typed = {**form, "share": set(form["share"])}
        return _page(member, meeting, errors, typed, 422)
    flash(_("Saved in your journal. The team sees only what you chose to share."))
    return _back(meeting, "answers-heading")
