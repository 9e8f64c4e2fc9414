"""JSON API: /api/v1/helping, helping conversations."""
from flask import Blueprint, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.conversations import helping_store as store
from journal.conversations.helping_rules import (
    clean_answer,
    clean_direction,
    clean_next_step,
    clean_note,
    clean_request,
)
from journal.web import invalid, json_body, owned_or_404, request_now

bp = Blueprint("helping_api", __name__, url_prefix="/api/v1/helping")

NO_CONVERSATION = _l("There is no such helping conversation.")


def _conversation(helping_id):
    return owned_or_404(store.visible_to(current_user, helping_id), NO_CONVERSATION)


def _shown(conversation, status=200):
    return jsonify(store.to_api(conversation, current_user)), status


def _field(body, name, clean):
    """(clean value, None) or (None, the 422 response about `name`)."""
    value, error = clean(body.get(name))
    return value, (invalid({name: error}) if error else None)


@bp.get("")
@login_required
def list_helping():
    """My helping conversations, asked for and asked of me, newest first."""
    return jsonify({"items": [store.to_api(conversation, current_user)
                              for conversation in store.mine(current_user)], "next": None})


@bp.post("")
@login_required
def ask():
    """Ask someone I am connected with for a helping conversation."""
    values, errors = clean_request(json_body())
    if errors:
        return invalid(errors)
    return _shown(store.ask(current_user, values, request_now()), 201)


@bp.get("/<helping_id>")
@login_required
def get_helping(helping_id):
    """One helping conversation with all its notes."""
    return _shown(_conversation(helping_id))


@bp.post("/<helping_id>/answer")
@login_required
def answer(helping_id):
    """The helper accepts (`{"accept": true}`) or declines."""
    conversation = _conversation(helping_id)
    accept, refused = _field(json_body(), "accept", clean_answer)
    if refused:
        return refused
    return _shown(store.answer(conversation, current_user, accept, request_now()))


@bp.post("/<helping_id>/notes")
@login_required
def add_note(helping_id):
    """A note at the current step, by either of the two."""
    conversation = _conversation(helping_id)
    text, refused = _field(json_body(), "text", clean_note)
    if refused:
        return refused
    store.add_note(conversation, current_user, text, request_now())
    return _shown(conversation, 201)


@bp.post("/<helping_id>/step")
@login_required
def move(helping_id):
    """The helper moves on (`{"direction": 1}`; from the last step this closes the
    conversation) or back (`-1`)."""
    conversation = _conversation(helping_id)
    direction, refused = _field(json_body(), "direction", clean_direction)
    if refused:
        return refused
    return _shown(store.move(conversation, current_user, direction, request_now()))


@bp.post("/<helping_id>/next_step")
@login_required
def next_step(helping_id):
    """The asker writes, or the helper proposes, the next step."""
    conversation = _conversation(helping_id)
    text, refused = _field(json_body(), "text", clean_next_step)
    if refused:
        return refused
    return _shown(store.write_next_step(conversation, current_user, text, request_now()))


@bp.post("/<helping_id>/accept")
@login_required
def accept(helping_id):
    """The asker takes the next step into their outer circle, as written or in their own words
    (`{"text"}`, optional): the new goal."""
    conversation = _conversation(helping_id)
    body = json_body() if request.get_data() else {}
    store.check("accept", conversation, current_user)
    text = None
    if body.get("text") is not None or not conversation.next_step:
        text, refused = _field(body, "text", clean_next_step)
        if refused:
            return refused
    goal = store.accept_next_step(conversation, current_user, text, request_now())
    return jsonify(goal.to_api()), 201


@bp.delete("/<helping_id>")
@login_required
def delete(helping_id):
    """The asker deletes the conversation (or takes back a request not yet answered)."""
    store.delete(_conversation(helping_id), current_user)
    return "", 204
