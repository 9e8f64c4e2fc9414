"""Deleting an account: every row of the person goes, in one transaction.

What others shared with this person is not theirs to delete: those summaries are withdrawn
(their authors keep them). What this person shared disappears for the manager at once, because
the summary itself is gone."""
from journal.clock import stored_utc
from journal.db import database
from journal.models import (
    AccountToken,
    Agreement,
    ApiToken,
    ChannelChoice,
    Checklist,
    CompanySignIn,
    Connection,
    Consultation,
    Contribution,
    Delivery,
    Entry,
    EntryTag,
    Goal,
    GoalStep,
    HelpingConversation,
    HelpingNote,
    Invitation,
    MeetingAnswer,
    MeetingAttendee,
    OutgoingMail,
    PushSubscription,
    Reminder,
    Review,
    SteeringConversation,
    Summary,
    SummaryItem,
    SummaryResponse,
    TeamMeeting,
    TeamMember,
    TeamNote,
    User,
    UserSession,
)
from journal.models.user import normalize_email
from journal.notifications import notices as sharing_notices
from journal.teams.circle_store import forget as forget_in_circles
from journal.teams.store import hand_on_before_deletion

CHUNK = 500  # ids per IN (...) query, well under every engine's limit


def delete_account(user, now):
    """Remove the user and everything of theirs (`now` aware UTC). Children go before parents,
    explicitly, so nothing depends on each engine's cascades."""
    moment = stored_utc(now)
    with database.atomic():
        _withdraw_shared_with(user, now, moment)
        own_summaries = [row.id for row in Summary.select(Summary.id).where(Summary.user == user)]
        for chunk in _chunks(own_summaries):
            SummaryResponse.delete().where(SummaryResponse.summary.in_(chunk)).execute()
            SummaryItem.delete().where(SummaryItem.summary.in_(chunk)).execute()
            Agreement.delete().where(Agreement.summary.in_(chunk)).execute()
            # Notices queued for other people (a manager's reminder) about these summaries.
            Delivery.delete().where(Delivery.ref.in_([str(row) for row in chunk])).execute()
        SummaryResponse.delete().where(SummaryResponse.manager == user).execute()
        Summary.delete().where(Summary.user == user).execute()
        _delete_conversations(user)
        _delete_team_traces(user)
        EntryTag.delete().where(EntryTag.user == user).execute()
        Entry.delete().where(Entry.user == user).execute()
        GoalStep.delete().where(GoalStep.goal.in_(Goal.select(Goal.id).where(Goal.user == user)))\
            .execute()
        # Invitations the person sent, accepted, or that were addressed to their e-mail address
        # (before the mail that carried them).
        (Invitation.delete()
         .where((Invitation.employee == user) | (Invitation.accepted_by == user)
                | (Invitation.email == normalize_email(user.email)))
         .execute())
        # The invitation mails others sent to this address (queued as theirs) hold it too.
        (OutgoingMail.delete()
         .where((OutgoingMail.to_address == normalize_email(user.email))
                & (OutgoingMail.kind == "invitation"))
         .execute())
        for model in (Goal, Review, Checklist, PushSubscription, Reminder, Delivery, ApiToken,
                      UserSession, OutgoingMail, AccountToken, ChannelChoice, CompanySignIn):
            model.delete().where(model.user == user).execute()
        Connection.delete().where((Connection.employee == user)
                                  | (Connection.manager == user)).execute()
        User.delete().where(User.id == user.id).execute()


def _delete_conversations(user):
    """Helping and steering conversations the person was either side of, with their notes and
    the notices about them still waiting for the other person. (A next step someone accepted
    into their own circle stays theirs: it is their goal.)"""
    helping = [row.id for row in HelpingConversation.select(HelpingConversation.id).where(
        (HelpingConversation.asker == user) | (HelpingConversation.helper == user))]
    steering = [row.id for row in SteeringConversation.select(SteeringConversation.id).where(
        (SteeringConversation.manager == user) | (SteeringConversation.employee == user))]
    for chunk in _chunks(helping):
        HelpingNote.delete().where(HelpingNote.conversation.in_(chunk)).execute()
        HelpingConversation.delete().where(HelpingConversation.id.in_(chunk)).execute()
    for chunk in _chunks(steering):
        SteeringConversation.delete().where(SteeringConversation.id.in_(chunk)).execute()
    for chunk in _chunks([str(row) for row in helping + steering]):
        Delivery.delete().where(Delivery.ref.in_(chunk)).execute()
    HelpingNote.delete().where(HelpingNote.author == user).execute()


def _delete_team_traces(user):
    """What the person put into teams goes (their answers, notes, cases and contributions);
    a team they organised passes to its longest-standing member, and a team left empty goes."""
    answers = [str(row.id) for row in MeetingAnswer.select(MeetingAnswer.id)
               .where(MeetingAnswer.user == user)]
    for chunk in _chunks(answers):
        Delivery.delete().where(Delivery.ref.in_(chunk)).execute()
    MeetingAnswer.delete().where(MeetingAnswer.user == user).execute()
    MeetingAnswer.update(help_to=None).where(MeetingAnswer.help_to == user).execute()
    MeetingAttendee.delete().where(MeetingAttendee.user == user).execute()
    TeamMeeting.update(started_by=None).where(TeamMeeting.started_by == user).execute()
    owned = Consultation.select(Consultation.id).where(Consultation.owner == user)
    Contribution.delete().where(Contribution.consultation.in_(owned)
                                | (Contribution.author == user)).execute()
    Consultation.delete().where(Consultation.owner == user).execute()
    forget_in_circles(user)  # their notes, and their name on the notes they took or moved
    TeamNote.update(moved_by=None).where(TeamNote.moved_by == user).execute()
    hand_on_before_deletion(user)  # a team they organise passes on, or goes when they are alone
    TeamMember.delete().where(TeamMember.user == user).execute()


def _withdraw_shared_with(user, now, moment):
    """Summaries others shared with this person: withdrawn, with nobody as their manager."""
    theirs = list(Summary.select(Summary.id).where(Summary.manager == user))
    (Summary.update(status="withdrawn", withdrawn_at=moment)
     .where((Summary.manager == user) & (Summary.status == "shared")).execute())
    Summary.update(manager=None).where(Summary.manager == user).execute()
    for summary in theirs:
        sharing_notices.summary_changed(Summary.get_by_id(summary.id), now)


def _chunks(ids):
    return [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]
