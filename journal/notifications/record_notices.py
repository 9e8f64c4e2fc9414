"""The notices of the conversations themselves, as the dispatcher sends them: what each one is
about (a shared summary with a proposed next step, a helping conversation, a steering
conversation, a teammate's help answer from a team meeting), whether it still makes sense when it is due, who the other person is, and which
page it opens. Whether to send is decided by the pure rules in journal.notifications.rules."""
from journal.models.conversation import Agreement, HelpingConversation, SteeringConversation
from journal.models.sharing import Connection
from journal.models.summary import Summary
from journal.models.team import MeetingAnswer, TeamMember
from journal.models.user import User
from journal.notifications.rules import (
    AGREEMENT_KIND,
    HELPING_KIND,
    STEERING_KIND,
    TEAM_HELP_KIND,
    agreement_wanted,
    helping_wanted,
    steering_wanted,
    team_help_wanted,
)

ABOUT = {AGREEMENT_KIND: Summary, HELPING_KIND: HelpingConversation,
         STEERING_KIND: SteeringConversation, TEAM_HELP_KIND: MeetingAnswer}


def about(kind, ref):
    """The summary or conversation a notice of this kind is about (`ref` a UUID), or None when
    it is gone."""
    model = ABOUT[kind]
    return model.get_or_none(model.id == ref)


def wanted(delivery, subject):
    """Whether the notice still makes sense now (False when what it is about is gone)."""
    if subject is None:
        return False
    recipient = delivery.user_id
    if delivery.kind == AGREEMENT_KIND:
        return agreement_wanted(
            recipient_id=recipient, status=subject.status, owner_id=subject.user_id,
            manager_id=subject.manager_id,
            connected=_connected(subject.user_id, subject.manager_id),
            proposed_by=_sides_waiting(subject))
    if delivery.kind == HELPING_KIND:
        return helping_wanted(
            recipient_id=recipient, helper_id=subject.helper_id, status=subject.status,
            connected=(_connected(subject.asker_id, subject.helper_id)
                       or _connected(subject.helper_id, subject.asker_id)))
    if delivery.kind == TEAM_HELP_KIND:
        return team_help_wanted(
            recipient_id=recipient, help_to_id=subject.help_to_id,
            has_text=bool(subject.text.strip()),
            both_in_team=_in_team(subject.team_id, (subject.user_id, recipient)))
    return steering_wanted(
        recipient_id=recipient, employee_id=subject.employee_id, status=subject.status,
        connected=_connected(subject.employee_id, subject.manager_id))


def to_employee(delivery, subject):
    """True when the recipient is the employee of a summary (or the asker of a helping
    conversation, or the employee of a steering one): their side of the record."""
    if delivery.kind == AGREEMENT_KIND:
        return delivery.user_id == subject.user_id
    if delivery.kind == HELPING_KIND:
        return delivery.user_id == subject.asker_id
    if delivery.kind == TEAM_HELP_KIND:
        return False
    return delivery.user_id == subject.employee_id


def other_name(delivery, subject):
    """The name of the other person of the conversation ("" when their account is gone)."""
    if delivery.kind == AGREEMENT_KIND:
        pair = (subject.user_id, subject.manager_id)
    elif delivery.kind == HELPING_KIND:
        pair = (subject.asker_id, subject.helper_id)
    elif delivery.kind == TEAM_HELP_KIND:
        pair = (subject.user_id, subject.help_to_id)
    else:
        pair = (subject.employee_id, subject.manager_id)
    other = pair[1] if delivery.user_id == pair[0] else pair[0]
    person = User.get_or_none(User.id == other) if other else None
    return person.display_name if person else ""


def path_of(delivery, subject):
    """The page the notice opens: the employee's own summary or the manager's view of it, or
    the helping or steering conversation."""
    if delivery.kind == AGREEMENT_KIND:
        side = "summaries" if to_employee(delivery, subject) else "shared"
        return f"/{side}/{subject.id}"
    if delivery.kind == HELPING_KIND:
        return f"/conversations/helping/{subject.id}"
    if delivery.kind == TEAM_HELP_KIND:
        return f"/teams/{subject.team_id}"
    return f"/conversations/steering/{subject.id}"


def _in_team(team_id, user_ids):
    """Whether all these people are in the team now."""
    if team_id is None:
        return False
    return (TeamMember.select()
            .where((TeamMember.team == team_id) & TeamMember.user.in_(list(user_ids)))
            .count()) == len(set(user_ids))


def _connected(employee_id, manager_id):
    if not employee_id or not manager_id:
        return False
    return (Connection.select()
            .where((Connection.employee == employee_id) & (Connection.manager == manager_id))
            .exists())


def _sides_waiting(summary):
    """The sides ("employee", "manager") whose proposed steps still wait for an answer."""
    return {side for (side,) in (Agreement.select(Agreement.proposed_by).distinct()
                                 .where((Agreement.summary == summary)
                                        & (Agreement.status == "proposed"))
                                 .tuples())}
