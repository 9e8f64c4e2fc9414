"""Helping conversations: asking someone connected for one, and going through the seven steps
together."""
from functools import wraps

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.conversations import helping_store as store
from journal.conversations.helping_rules import (
    NEXT_STEP_LIMIT,
    NOTE_LIMIT,
    TOPIC_LIMIT,
    clean_next_step,
    clean_note,
    clean_request,
    notes_by_step,
    step_view,
)
from journal.conversations.steps import NEXT_STEP, SEVEN_STEPS
from journal.paging import parse_cursor
from journal.refusal import Refusal
from journal.web import conflict_told, owned_or_404, request_now

bp = Blueprint("helping", __name__, url_prefix="/conversations/helping")


def conversation_action(action):
    """A form post on one conversation: 404 unless it is the current person's; a refusal about
    the moment (another tab answered first, say) is told on the conversation's page."""
    @wraps(action)
    def wrapped(helping_id):
        conversation = owned_or_404(store.visible_to(current_user, helping_id))
        return conflict_told(lambda: action(conversation), lambda: _back(conversation))
    return wrapped


def _back(conversation, anchor=None):
    return redirect(url_for(".show", helping_id=conversation.id, _anchor=anchor))


@bp.get("")
@login_required
def index():
    """My helping conversations, newest first, a page at a time, and a way to ask for one."""
    conversations, more = store.mine_page(current_user,
                                          after=parse_cursor(request.args.get("cursor")))
    return render_template("conversations/helping_index.html", conversations=conversations,
                           more=more, can_ask=bool(store.partners_of(current_user)))


@bp.get("/new")
@login_required
def new():
    """The form to ask someone connected for a helping conversation."""
    return _ask_form({"helper_id": request.args.get("with", "")})


def _ask_form(values, errors=None, status=200):
    return render_template("conversations/helping_new.html",
                           partners=store.partners_of(current_user), values=values,
                           errors=errors or {}, topic_limit=TOPIC_LIMIT), status


@bp.post("")
@login_required
def ask():
    """Ask: the helper hears of it and answers when it suits them."""
    form = {"helper_id": request.form.get("helper_id", ""),
            "topic": request.form.get("topic", "")}
    values, errors = clean_request(form)
    if errors:
        return _ask_form(form, errors, 422)
    try:
        conversation = store.ask(current_user, values, request_now())
    except Refusal as refused:
        if refused.kind != "invalid":
            raise
        return _ask_form(form, refused.fields, 422)
    flash(_("Asked. %(name)s hears of it and can answer when it suits them.",
            name=conversation.helper.display_name))
    return _back(conversation)


@bp.get("/<helping_id>")
@login_required
def show(helping_id):
    """The conversation: the current step's question, the notes, and what comes next."""
    return _page(owned_or_404(store.visible_to(current_user, helping_id)))


def _page(conversation, errors=None, values=None, status=200):
    role = store.role_of(conversation, current_user)
    notes = store.notes_of(conversation)
    upto = len(SEVEN_STEPS) if conversation.status == "closed" else conversation.step
    connected = store.connected(conversation.asker_id, conversation.helper_id)
    return render_template(
        "conversations/helping_show.html", conversation=conversation, role=role,
        step=step_view(conversation.step, role),
        earlier=[(past, said) for past, said in notes_by_step(notes, upto) if said],
        current_notes=[note for note in notes if note.step == conversation.step],
        show_next_step=(conversation.step >= NEXT_STEP or bool(conversation.next_step)),
        connected=connected,
        can_write_next_step=(conversation.status == "open" and connected
                             and conversation.step >= NEXT_STEP and not conversation.goal_id),
        errors=errors or {}, values=values or {}, note_limit=NOTE_LIMIT,
        next_step_limit=NEXT_STEP_LIMIT), status


@bp.post("/<helping_id>/answer")
@login_required
@conversation_action
def answer(conversation):
    """The helper accepts or declines kindly."""
    answers = {"yes": True, "no": False}
    if request.form.get("accept") not in answers:
        return _back(conversation)
    accept = answers[request.form["accept"]]
    store.answer(conversation, current_user, accept, request_now())
    if accept:
        flash(_("Thank you. You can start with the first step whenever you both are ready."))
    else:
        flash(_("Declined. %(name)s will see that it doesn't suit you right now.",
                name=conversation.asker.display_name))
    return _back(conversation)


@bp.post("/<helping_id>/notes")
@login_required
@conversation_action
def add_note(conversation):
    """A note at the current step."""
    store.check("note", conversation, current_user)
    text, error = clean_note(request.form.get("text", ""))
    if error:
        return _page(conversation, {"text": error}, dict(request.form), 422)
    store.add_note(conversation, current_user, text, request_now())
    return _back(conversation, "step")


@bp.post("/<helping_id>/step")
@login_required
@conversation_action
def move(conversation):
    """The helper moves on, or back; on from the last step closes the conversation."""
    directions = {"1": 1, "-1": -1}
    if request.form.get("direction") not in directions:
        return _back(conversation)
    direction = directions[request.form["direction"]]
    store.move(conversation, current_user, direction, request_now())
    if conversation.status == "closed":
        flash(_("The conversation is closed. You both keep the notes."))
    return _back(conversation, "step")


@bp.post("/<helping_id>/next_step")
@login_required
@conversation_action
def next_step(conversation):
    """The asker writes, or the helper proposes, the next step."""
    store.check("next_step", conversation, current_user)
    text, error = clean_next_step(request.form.get("next_step", ""))
    if error:
        return _page(conversation, {"next_step": error}, dict(request.form), 422)
    store.write_next_step(conversation, current_user, text, request_now())
    return _back(conversation, "next-step")


@bp.post("/<helping_id>/accept")
@login_required
@conversation_action
def accept(conversation):
    """The asker takes the next step into their own outer circle, in their own words."""
    store.check("accept", conversation, current_user)
    text, error = clean_next_step(request.form.get("next_step", ""))
    if error:
        return _page(conversation, {"next_step": error}, dict(request.form), 422)
    store.accept_next_step(conversation, current_user, text, request_now())
    flash(_("It is in your outer circle now: progress still to make, yours to shape."))
    return _back(conversation, "next-step")


@bp.post("/<helping_id>/delete")
@login_required
@conversation_action
def delete(conversation):
    """The asker deletes the conversation, or takes back a request not answered yet."""
    asked = conversation.status == "asked"
    store.delete(conversation, current_user)
    flash(_("Your request is taken back.") if asked else _("The conversation is deleted."))
    return redirect(url_for(".index"))
