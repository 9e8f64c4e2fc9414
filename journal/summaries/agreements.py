"""The agreed next steps of a progress conversation in the database: proposed by either side on
a shared summary, accepted by the employee into their own outer circle (a goal of theirs) or let
go. Who may see a summary is decided in journal.sharing; this module trusts its caller on that.
The manager only ever learns whether an accepted step's goal was achieved, never the goal."""
from flask_babel import gettext as _
from peewee import JOIN

from journal.clock import iso_utc, stored_utc
from journal.db import database, parse_uuid
from journal.models.conversation import Agreement
from journal.models.goal import Goal
from journal.models.summary import Summary
from journal.notifications import notices
from journal.refusal import Refusal
from journal.summaries.agreement_rules import closed_for_proposals, state_of, undecided_refusal

# -- reading ---------------------------------------------------------------------------------


def _with_goals(where):
    """Agreements matching `where`, oldest first, each with its goal's ring as `.ring` (None
    without a goal) and nothing else of the goal."""
    rows = (Agreement
            .select(Agreement, Goal.ring)
            .join(Goal, JOIN.LEFT_OUTER, on=(Agreement.goal == Goal.id))
            .where(where)
            .order_by(Agreement.created_at, Agreement.id)
            .objects())
    agreements = list(rows)
    for agreement in agreements:
        agreement.ring = getattr(agreement, "ring", None) if agreement.goal_id else None
        agreement.state = state_of(agreement.status, agreement.ring)
    return agreements


def agreements_of(summary):
    """A summary's agreements, oldest first, each with `.state` (agreement_rules.state_of)."""
    return _with_goals(Agreement.summary == summary.id)


def agreements_grouped(summaries):
    """{summary id: its agreements} for many summaries, in one query."""
    ids = [summary.id for summary in summaries]
    grouped = {summary_id: [] for summary_id in ids}
    if ids:
        for agreement in _with_goals(Agreement.summary.in_(ids)):
            grouped[agreement.summary_id].append(agreement)
    return grouped


def agreement_on(summary, agreement_id):
    """One agreement on this summary, or None."""
    agreement_uuid = parse_uuid(agreement_id)
    if agreement_uuid is None:
        return None
    return Agreement.get_or_none((Agreement.id == agreement_uuid)
                                 & (Agreement.summary == summary.id))


def previous_summary(summary, manager_id=None, *, still_shared=True):
    """The employee's summary shared before this one, or None: the conversation before, whose
    next steps the new one looks back on. For the manager it must still be shared, with them
    (`manager_id`); the employee also sees one withdrawn since (`still_shared=False`)."""
    query = (Summary
             .select()
             .where((Summary.user == summary.user_id) & (Summary.id != summary.id)
                    & (Summary.created_at <= summary.created_at)
                    & Summary.shared_at.is_null(False)))
    if still_shared:
        query = query.where(Summary.status == "shared")
    if manager_id is not None:
        query = query.where(Summary.manager == manager_id)
    return query.order_by(Summary.shared_at.desc(), Summary.id).first()


def previous_agreements(summary, manager_id=None, *, still_shared=True):
    """The agreements of the conversation before this summary's, with their state; [] when
    there was none (see previous_summary)."""
    previous = previous_summary(summary, manager_id, still_shared=still_shared)
    return agreements_of(previous) if previous else []


def agreement_to_api(agreement, *, for_manager=False):
    """An agreement as the API shows it; an accepted one tells whether it was `achieved`. The
    manager never gets the goal's id."""
    data = {"id": str(agreement.id), "text": agreement.text, "status": agreement.status,
            "proposed_by": agreement.proposed_by, "created_at": iso_utc(agreement.created_at),
            "decided_at": iso_utc(agreement.decided_at) if agreement.decided_at else None}
    if not for_manager:
        data["goal_id"] = str(agreement.goal_id) if agreement.goal_id else None
    if agreement.status == "accepted":
        data["achieved"] = getattr(agreement, "ring", None) == "inner"
    return data


# -- writing ---------------------------------------------------------------------------------

def propose(summary, text, proposed_by, now):
    """A next step proposed by `proposed_by` ("employee" or "manager") on a shared summary; the
    other side hears of it in the same transaction. `now` is timezone-aware."""
    reason = closed_for_proposals(summary.status)
    if reason:
        raise Refusal("conflict", reason)
    recipient = summary.manager_id if proposed_by == "employee" else summary.user_id
    moment = stored_utc(now)
    with database.atomic():
        still_shared = (Summary.select().where((Summary.id == summary.id)
                                               & (Summary.status == "shared")).exists())
        if not still_shared:
            raise Refusal("conflict", closed_for_proposals("withdrawn"))
        agreement = Agreement.create(summary=summary.id, text=text, proposed_by=proposed_by,
                                     status="proposed", created_at=moment)
        notices.agreement_proposed(agreement, summary, recipient, now)
    agreement.ring, agreement.state = None, "proposed"
    return agreement


def accept(summary, agreement, title, user, now):
    """The employee takes a proposed step into their own outer circle, as a new goal titled
    `title` (their own words, or the proposed ones), in one transaction."""
    moment = stored_utc(now)
    with database.atomic():
        claimed = (Agreement
                   .update(status="accepted", decided_at=moment)
                   .where((Agreement.id == agreement.id) & (Agreement.status == "proposed"))
                   .execute())
        if not claimed:
            raise Refusal("conflict", undecided_refusal(_status(agreement)))
        goal = Goal.create_for(user, {"title": title, "ring": "outer"}, now=moment)
        Agreement.update(goal=goal.id).where(Agreement.id == agreement.id).execute()
    return _reloaded(summary, agreement)


def decline(summary, agreement, now):
    """The employee lets a proposed step go; it stays in the record as let go."""
    claimed = (Agreement
               .update(status="declined", decided_at=stored_utc(now))
               .where((Agreement.id == agreement.id) & (Agreement.status == "proposed"))
               .execute())
    if not claimed:
        raise Refusal("conflict", undecided_refusal(_status(agreement)))
    return _reloaded(summary, agreement)


def withdraw_proposal(agreement, proposed_by):
    """The proposer takes back a step nobody decided on yet."""
    if agreement.proposed_by != proposed_by:
        raise Refusal("conflict", _("Only who proposed a step can take it back."))
    deleted = (Agreement.delete()
               .where((Agreement.id == agreement.id) & (Agreement.status == "proposed"))
               .execute())
    if not deleted:
        raise Refusal("conflict", _("This step was already decided on, so it stays in the "
                                    "record."))


def _status(agreement):
    return Agreement.select(Agreement.status).where(Agreement.id == agreement.id).scalar()


def _reloaded(summary, agreement):
    return next(a for a in agreements_of(summary) if a.id == agreement.id)

