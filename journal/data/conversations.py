"""The conversations a person was part of, read for their export: helping conversations either
way (with their notes), steering conversations either way (a draft only for its manager), and
what they put into teams."""
from collections import defaultdict

from journal.models.conversation import HelpingConversation, HelpingNote, SteeringConversation
from journal.models.team import Consultation, Contribution, MeetingAnswer, Team, TeamNote
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


def team_contributions_of(user):
    """What the person put into teams, oldest first: their own meeting answers (private unless
    shared), circle notes, cases brought for consultation and contributions to cases. Each
    names its team by id and name."""
    answers = list(MeetingAnswer.select().where(MeetingAnswer.user == user)
                   .order_by(MeetingAnswer.created_at, MeetingAnswer.id))
    notes = list(TeamNote.select().where(TeamNote.author == user)
                 .order_by(TeamNote.created_at, TeamNote.id))
    cases = list(Consultation.select().where(Consultation.owner == user)
                 .order_by(Consultation.created_at, Consultation.id))
    contributions = list(Contribution.select(Contribution, Consultation)
                         .join(Consultation)
                         .where(Contribution.author == user)
                         .order_by(Contribution.created_at, Contribution.id))
    team_ids = ({row.team_id for row in answers + notes + cases if row.team_id}
                | {row.consultation.team_id for row in contributions})
    teams = {team.id: team for team in Team.select().where(Team.id.in_(list(team_ids)))} \
        if team_ids else {}
    return answers, notes, cases, contributions, teams
