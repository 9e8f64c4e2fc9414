"""The conversations a person was part of, read for their export: helping conversations either
way (with their notes) and steering conversations either way (a draft only for its manager)."""
from collections import defaultdict

from journal.models.conversation import HelpingConversation, HelpingNote, SteeringConversation
from journal.models.user import User


def helping_of(user):
    """[(conversation with .asker and .helper loaded, its notes in order)], oldest first."""
    rows = list(HelpingConversation
                .select(HelpingConversation)
                .where((HelpingConversation.asker == user) | (HelpingConversation.helper == user))
                .order_by(HelpingConversation.created_at, HelpingConversation.id))
    names = _names({row.asker_id for row in rows} | {row.helper_id for row in rows})
    notes = defaultdict(list)
    if rows:
        for note in (HelpingNote.select()
                     .where(HelpingNote.conversation.in_([row.id for row in rows]))
                     .order_by(HelpingNote.created_at, HelpingNote.id)):
            notes[note.conversation_id].append(note)
    for row in rows:
        row.asker, row.helper = names[row.asker_id], names[row.helper_id]
    return [(row, notes[row.id]) for row in rows]


def steering_of(user):
    """Steering conversations with .manager and .employee loaded, oldest first."""
    rows = list(SteeringConversation
                .select()
                .where((SteeringConversation.manager == user)
                       | ((SteeringConversation.employee == user)
                          & (SteeringConversation.status != "draft")))
                .order_by(SteeringConversation.created_at, SteeringConversation.id))
    names = _names({row.manager_id for row in rows} | {row.employee_id for row in rows})
    for row in rows:
        row.manager, row.employee = names[row.manager_id], names[row.employee_id]
    return rows


def _names(ids):
    return {person.id: person for person in User.select().where(User.id.in_(list(ids)))} \
        if ids else {}
