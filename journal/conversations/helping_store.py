"""Helping conversations in the database: who may see one (the asker always, the helper while
they are still connected), asking, answering, notes, moving through the seven steps, and the
next step that lands in the asker's outer circle. What is allowed when is decided in
journal.conversations.helping_rules."""
from flask_babel import lazy_gettext as _l
from peewee import fn

from journal.clock import iso_utc
from journal.conversations.helping_rules import State, after_move, refusal, step_key
from journal.db import database, parse_uuid
from journal.models.conversation import HelpingConversation, HelpingNote
from journal.models.goal import Goal
from journal.models.push import Delivery
from journal.models.sharing import Connection
from journal.models.user import User
from journal.notifications import notices
from journal.paging import page_after
from journal.refusal import Refusal

Asker = User.alias("asker")
Helper = User.alias("helper")
ASKED_KIND = "helping_asked"
NOT_CONNECTED = _l("Choose someone you are connected with.")
MOVED_MEANWHILE = _l("The conversation moved on meanwhile. Have a look at where it is now.")


def connected(one_id, other_id):
    """Whether these two people are connected, whichever of them shares with the other."""
    return (Connection.select()
            .where(((Connection.employee == one_id) & (Connection.manager == other_id))
                   | ((Connection.employee == other_id) & (Connection.manager == one_id)))
            .exists())


def partners_of(user):
    """The people the user is connected with, either side, each once, by name."""
    people = {}
    for connection in Connection.either_side(user):
        other = connection.manager if connection.employee_id == user.id else connection.employee
        people[other.id] = other
    return sorted(people.values(), key=lambda person: (person.display_name.casefold(),
                                                        str(person.id)))


def _with_people():
    return (HelpingConversation
            .select(HelpingConversation, Asker, Helper)
            .join(Asker, on=(HelpingConversation.asker == Asker.id))
            .switch(HelpingConversation)
            .join(Helper, on=(HelpingConversation.helper == Helper.id)))


def _helper_connected():
    """The condition that the helper is (still) connected to the asker."""
    return fn.EXISTS(Connection.select(Connection.id)
                     .where(((Connection.employee == HelpingConversation.asker)
                             & (Connection.manager == HelpingConversation.helper))
                            | ((Connection.employee == HelpingConversation.helper)
                               & (Connection.manager == HelpingConversation.asker))))


def _mine(user):
    return (_with_people()
            .where((HelpingConversation.asker == user)
                   | ((HelpingConversation.helper == user) & _helper_connected())))


def mine(user):
    """The user's helping conversations as a list, newest first: the ones they asked for, and
    the ones they were asked for while still connected to the asker."""
    return list(_mine(user).order_by(HelpingConversation.created_at.desc(),
                                     HelpingConversation.id))


def mine_page(user, *, after=None):
    """A page of `mine`, after the position `after` (journal.paging): (conversations, the
    cursor of the next page or None)."""
    return page_after(_mine(user), HelpingConversation.created_at, after=after)


def visible_to(user, helping_id):
    """One of the user's helping conversations (as `mine` counts them), or None."""
    helping_uuid = parse_uuid(helping_id)
    if helping_uuid is None:
        return None
    return (_with_people()
            .where((HelpingConversation.id == helping_uuid)
                   & ((HelpingConversation.asker == user)
                      | ((HelpingConversation.helper == user) & _helper_connected())))
            .first())


def role_of(conversation, user):
    """"asker" or "helper"."""
    return "asker" if conversation.asker_id == user.id else "helper"


def state_of(conversation, user):
    """What the rules need to know about the conversation, seen by `user`."""
    return State(role=role_of(conversation, user), status=conversation.status,
                 step=conversation.step, next_step=conversation.next_step,
                 accepted=conversation.goal_id is not None,
                 connected=connected(conversation.asker_id, conversation.helper_id))


def check(action, conversation, user):
    """Stop with the rules' refusal when `user` may not do `action` now."""
    refused = refusal(action, state_of(conversation, user))
    if refused:
        raise refused


def notes_of(conversation):
    """The conversation's notes in order, as a list."""
    return list(HelpingNote.select()
                .where(HelpingNote.conversation == conversation)
                .order_by(HelpingNote.step, HelpingNote.created_at, HelpingNote.id))


def ask(asker, values, now):
    """Ask someone connected for a helping conversation; they hear of it in the same
    transaction. A helper who is not connected is a refusal about `helper_id`."""
    helper_uuid = parse_uuid(values["helper_id"])
    if helper_uuid is None or helper_uuid == asker.id or not connected(asker.id, helper_uuid):
        raise Refusal("invalid", NOT_CONNECTED, "helper_id")
    with database.atomic():
        conversation = HelpingConversation.create(
            asker=asker, helper=helper_uuid, topic=values["topic"], created_at=now,
            updated_at=now)
        notices.helping_asked(conversation, now)
    return conversation


def answer(conversation, helper, accept, now):
    """The helper accepts (the conversation opens) or declines; only a request still asked
    changes, so a second answer from another tab is a refusal."""
    check("answer", conversation, helper)
    status = "open" if accept else "declined"
    changed = (HelpingConversation
               .update(status=status, updated_at=now)
               .where((HelpingConversation.id == conversation.id)
                      & (HelpingConversation.status == "asked"))
               .execute())
    if not changed:
        raise refusal("answer", state_of(_fresh(conversation), helper))
    conversation.status, conversation.updated_at = status, now
    return conversation


def add_note(conversation, author, text, now):
    """A note at the current step, by either of the two."""
    check("note", conversation, author)
    with database.atomic():
        note = HelpingNote.create(conversation=conversation, author=author,
                                  step=conversation.step, text=text, created_at=now)
        _touch(conversation, now)
    return note


def move(conversation, helper, direction, now):
    """The helper moves to the next step or back; on from the last step closes it."""
    check("step", conversation, helper)
    where, step = after_move(conversation.step, direction)
    values = {"step": step, "updated_at": now}
    if where == "close":
        values.update(status="closed", closed_at=now)
    changed = (HelpingConversation.update(**values)
               .where((HelpingConversation.id == conversation.id)
                      & (HelpingConversation.status == "open")
                      & (HelpingConversation.step == conversation.step))
               .execute())
    if not changed:
        raise Refusal("conflict", MOVED_MEANWHILE)
    for name, value in values.items():
        setattr(conversation, name, value)
    return conversation


def write_next_step(conversation, author, text, now):
    """The asker writes, or the helper proposes, the next step (replacing the earlier text)."""
    check("next_step", conversation, author)
    (HelpingConversation.update(next_step=text, updated_at=now)
     .where(HelpingConversation.id == conversation.id).execute())
    conversation.next_step, conversation.updated_at = text, now
    return conversation


def accept_next_step(conversation, asker, text, now):
    """The asker takes the next step into their own outer circle, as `text` (their own
    wording) or as written: a new goal, made once even from two tabs."""
    check("accept", conversation, asker)
    title = text or conversation.next_step
    with database.atomic() as transaction:
        goal = Goal.create_for(asker, {"title": title, "why": conversation.topic,
                                       "ring": "outer"}, now=now)
        changed = (HelpingConversation
                   .update(goal=goal, next_step=title, updated_at=now)
                   .where((HelpingConversation.id == conversation.id)
                          & HelpingConversation.goal.is_null())
                   .execute())
        if not changed:
            transaction.rollback()
            raise refusal("accept", state_of(_fresh(conversation), asker))
    conversation.goal, conversation.next_step, conversation.updated_at = goal, title, now
    return goal


def delete(conversation, asker):
    """The asker deletes the record (or takes back a request still asked); a notice not yet
    sent goes with it."""
    check("delete", conversation, asker)
    with database.atomic():
        (Delivery.delete()
         .where((Delivery.ref == str(conversation.id)) & (Delivery.kind == ASKED_KIND)
                & (Delivery.status == "queued"))
         .execute())
        conversation.delete_instance(recursive=True)


def _touch(conversation, now):
    """Only `updated_at` is written: the rest may have moved on in another tab."""
    (HelpingConversation.update(updated_at=now)
     .where(HelpingConversation.id == conversation.id).execute())
    conversation.updated_at = now


def _fresh(conversation):
    return HelpingConversation.get_by_id(conversation.id)



def to_api(conversation, user, notes=None):
    """The conversation as the API shows it to `user` (one of the two)."""
    notes = notes_of(conversation) if notes is None else notes
    return {
        "id": str(conversation.id),
        "topic": conversation.topic,
        "status": conversation.status,
        "step": conversation.step,
        "step_key": step_key(conversation.step),
        "role": role_of(conversation, user),
        "asker": conversation.asker.to_person(),
        "helper": conversation.helper.to_person(),
        "notes": [{"step": note.step, "text": note.text, "author_id": str(note.author_id),
                   "created_at": iso_utc(note.created_at)} for note in notes],
        "next_step": conversation.next_step,
        "goal_id": str(conversation.goal_id) if conversation.goal_id else None,
        "created_at": iso_utc(conversation.created_at),
        "closed_at": iso_utc(conversation.closed_at) if conversation.closed_at else None,
    }


def hub_of(user):
    """What the conversations hub shows: requests waiting for the user's answer, open
    conversations, the user's own requests not answered yet, and whether they can ask."""
    conversations = mine(user)
    return {
        "waiting": [c for c in conversations if c.status == "asked" and c.helper_id == user.id],
        "asked": [c for c in conversations if c.status == "asked" and c.asker_id == user.id],
        "open": [c for c in conversations if c.status == "open"],
        "earlier": sum(1 for c in conversations if c.status in ("closed", "declined")),
        "can_ask": bool(partners_of(user)),
    }
