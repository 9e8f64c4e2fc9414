"""Peer consultations (intervisie) in the database: a team's cases, the members' contributions,
moving through the steps, the owner's next step that lands in their own outer circle, and "what
went better since?". Everything here is of one team and seen only by its members: callers find
the case through `case_for`, which asks journal.teams.membership. What is allowed when is
decided in journal.teams.consultation_rules."""
from flask_babel import lazy_gettext as _l

from journal.clock import iso_utc
from journal.db import database, parse_uuid
from journal.models.goal import Goal
from journal.models.team import Consultation, Contribution
from journal.models.user import User
from journal.paging import page_after
from journal.refusal import Refusal
from journal.teams.consultation_rules import (
    LAST,
    State,
    after_move,
    refusal,
    step_key,
    turn_order,
)
from journal.teams.membership import members_of, membership

Owner = User.alias("owner")
MOVED_MEANWHILE = _l("The case moved on meanwhile. Have a look at where it is now.")


def _cases(team_id):
    return (Consultation
            .select(Consultation, Owner)
            .join(Owner, on=(Consultation.owner == Owner.id))
            .where(Consultation.team == team_id))


def card_of(team, user):
    """What the team page's consultation card shows to `user` (a member): the open cases, and
    the user's own last closed case while "what went better since?" is still unanswered."""
    open_cases = list(_cases(team.id).where(Consultation.status == "open")
                      .order_by(Consultation.created_at, Consultation.id))
    last = (_cases(team.id)
            .where((Consultation.owner == user.id) & (Consultation.status == "closed"))
            .order_by(Consultation.closed_at.desc(), Consultation.created_at.desc())
            .first())
    return {"open": open_cases, "steps": LAST + 1,
            "ask_better": last if last is not None and not last.better_since else None}


def cases_of(team):
    """The team's cases, open ones first, newest first within each."""
    return list(_cases(team.id).order_by(Consultation.status.desc(),
                                      Consultation.created_at.desc(), Consultation.id))


def case_page(team, *, after=None):
    """The cases page's list: every open case first (newest first; on the first page only),
    then a page of the closed ones, newest first, after the position `after`
    (journal.paging): (cases, the cursor of the next page or None)."""
    open_cases = [] if after else list(
        _cases(team.id).where(Consultation.status == "open")
        .order_by(Consultation.created_at.desc(), Consultation.id))
    closed, more = page_after(_cases(team.id).where(Consultation.status == "closed"),
                              Consultation.created_at, after=after)
    return open_cases + closed, more


def case_for(user, team_id, consultation_id):
    """(the user's TeamMember, the case) when the user is in the team and the case is the
    team's; (member or None, None) otherwise, which callers answer 404."""
    member = membership(user, team_id)
    case_uuid = parse_uuid(consultation_id)
    if member is None or case_uuid is None:
        return member, None
    return member, _cases(member.team_id).where(Consultation.id == case_uuid).first()


def previous_of(case):
    """The owner's case in the same team closed before this one was brought (for "what went
    better since?"), or None."""
    return (_cases(case.team_id)
            .where((Consultation.id != case.id) & (Consultation.owner == case.owner_id)
                   & (Consultation.status == "closed")
                   & (Consultation.closed_at <= case.created_at))
            .order_by(Consultation.closed_at.desc(), Consultation.created_at.desc())
            .first())


def contributions_of(case):
    """The case's contributions in order, each with its author, as a list."""
    return list(Contribution.select(Contribution, User).join(User)
                .where(Contribution.consultation == case.id)
                .order_by(Contribution.step, Contribution.created_at, Contribution.id))


def turns_of(case):
    """The suggested round of askers at the case's current step (members other than the
    owner), as Users."""
    people = {member.user_id: member.user for member in members_of(case.team)}
    return [people[user_id] for user_id in turn_order(list(people), case.owner_id, case.step)]


def check(action, case, user):
    """Stop with the rules' refusal when `user` may not do `action` to the case now."""
    refused = refusal(action, State(is_owner=case.owner_id == user.id, status=case.status,
                                    step=case.step))
    if refused:
        raise refused


def bring(team, owner, text, now):
    """A member brings a case: the group starts at the first step."""
    return Consultation.create(team=team, owner=owner, case=text, created_at=now,
                               updated_at=now)


def contribute(case, author, values, now):
    """A question or idea at a step (the current one or an earlier one), while the case is
    open; written only if the case is still open and at least at that step."""
    check("contribute", case, author)
    with database.atomic() as transaction:
        changed = (Consultation.update(updated_at=now)
                   .where((Consultation.id == case.id) & (Consultation.status == "open")
                          & (Consultation.step >= values["step"]))
                   .execute())
        if not changed:
            transaction.rollback()
            raise Refusal("conflict", MOVED_MEANWHILE)
        contribution = Contribution.create(consultation=case, author=author,
                                           step=values["step"], text=values["text"],
                                           created_at=now)
    return contribution


def move(case, owner, direction, now):
    """The owner moves the group to the next step or back."""
    check("step", case, owner)
    step = after_move(case.step, direction)
    changed = (Consultation.update(step=step, updated_at=now)
               .where((Consultation.id == case.id) & (Consultation.status == "open")
                      & (Consultation.step == case.step))
               .execute())
    if not changed:
        raise Refusal("conflict", MOVED_MEANWHILE)
    case.step, case.updated_at = step, now
    return case


def close(case, owner, next_step, to_circle, now):
    """The owner closes the case at the last step with their next step; when there is one and
    they choose it, it becomes a goal in their own outer circle (made once, even from two
    tabs). Returns the goal or None."""
    check("close", case, owner)
    with database.atomic() as transaction:
        goal = None
        if next_step and to_circle:
            goal = Goal.create_for(owner, {"title": next_step, "why": case.case,
                                           "ring": "outer"}, now=now)
        changed = (Consultation
                   .update(status="closed", next_step=next_step, goal=goal, updated_at=now,
                           closed_at=now)
                   .where((Consultation.id == case.id) & (Consultation.status == "open")
                          & (Consultation.step == LAST))
                   .execute())
        if not changed:
            transaction.rollback()
            raise Refusal("conflict", MOVED_MEANWHILE)
    case.status, case.next_step, case.goal, case.closed_at = "closed", next_step, goal, now
    case.updated_at = now
    return goal


def write_better(case, owner, text, now):
    """The owner writes (or rewrites) what went better since, on a closed case."""
    check("better_since", case, owner)
    (Consultation.update(better_since=text, updated_at=now)
     .where(Consultation.id == case.id).execute())
    case.better_since, case.updated_at = text, now
    return case


def delete(case, owner):
    """The owner deletes the case and every contribution to it; a goal they took from it
    stays theirs."""
    check("delete", case, owner)
    with database.atomic():
        Contribution.delete().where(Contribution.consultation == case.id).execute()
        Consultation.delete().where(Consultation.id == case.id).execute()


def delete_contribution(case, author, contribution_id):
    """A member deletes their own contribution; True when there was one of theirs."""
    return bool(Contribution.delete()
                .where((Contribution.id == contribution_id)
                       & (Contribution.consultation == case.id)
                       & (Contribution.author == author.id))
                .execute())



def _short(case):
    return {"id": str(case.id), "case": case.case, "next_step": case.next_step,
            "better_since": case.better_since,
            "closed_at": iso_utc(case.closed_at) if case.closed_at else None}


def summary_to_api(case):
    """A case in the team's list."""
    return {"id": str(case.id), "case": case.case, "owner": case.owner.to_person(),
            "status": case.status, "step": step_key(case.step), "step_index": case.step,
            "created_at": iso_utc(case.created_at),
            "closed_at": iso_utc(case.closed_at) if case.closed_at else None}


def to_api(case, user):
    """The case as the API shows it to `user`, a member: its contributions, where the group
    is, and the owner's previous case for "what went better since?". Only the owner sees the
    goal it became in their own circle."""
    previous = previous_of(case)
    return {
        **summary_to_api(case),
        "contributions": [
            {"id": contribution.id, "step": step_key(contribution.step),
             "text": contribution.text, "author": contribution.author.to_person(),
             "created_at": iso_utc(contribution.created_at)}
            for contribution in contributions_of(case)],
        "next_step": case.next_step,
        "goal_id": (str(case.goal_id) if case.goal_id and case.owner_id == user.id else None),
        "better_since": case.better_since,
        "previous": _short(previous) if previous else None,
        "updated_at": iso_utc(case.updated_at),
    }
