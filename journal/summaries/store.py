"""Writing an employee's summaries: create with proposed highlights, change, share, withdraw
and delete, each in one transaction. Who may see what is decided in journal.sharing."""
from datetime import UTC, timedelta
from types import SimpleNamespace

from flask_babel import gettext as _

from journal.clock import iso_utc, local_today, stored_utc
from journal.db import database
from journal.models.entry import Entry
from journal.models.goal import Goal
from journal.models.review import Review
from journal.models.sharing import Connection
from journal.models.summary import Summary, SummaryItem, SummaryResponse
from journal.notifications import notices as sharing_notices
from journal.notifications.rules import PREPARE_DAYS_BEFORE
from journal.refusal import Refusal
from journal.summaries.agreements import agreement_to_api
from journal.summaries.rules import TEXT_FIELDS, is_empty, propose_items
from journal.weeks import week_of

EDITABLE = ("draft", "withdrawn")


# -- reading ---------------------------------------------------------------------------------

def upcoming_conversation(user, today):
    """The user's own summary whose conversation is within the next few days, or None."""
    return Summary.coming_up(user, today, today + timedelta(days=PREPARE_DAYS_BEFORE))


def proposals_for(user, period_from, period_to):
    """The highlights the app proposes for the user's period (see summary_rules.propose_items):
    what was achieved in it, and the goals of the outer circle, still to achieve."""
    entries = Entry.matching(user, day_from=period_from, day_to=period_to)
    # A day either side: goals are moved at a UTC moment, the period is in local days.
    moved = Goal.moved_inward_between(user, period_from - timedelta(days=1),
                                      period_to + timedelta(days=2))
    goals = [SimpleNamespace(id=goal.id, title=goal.title, achieved_on=local_today(
        goal.moved_inner_at.replace(tzinfo=UTC), user.timezone)) for goal in moved]
    reviews = [SimpleNamespace(id=r.id, week=r.week, improved=r.improved_items(),
                               next_week=r.next_week, help_wanted=r.help_wanted)
               for r in Review.of_weeks(user, week_of(period_from - timedelta(days=7)),
                                        week_of(period_to + timedelta(days=7)))]
    open_goals = [SimpleNamespace(id=goal.id, title=goal.title)
                  for goal in Goal.of(user) if goal.ring == "outer"]
    return propose_items(list(entries), goals, reviews, period_from, period_to,
                         open_goals=open_goals)


def answers_of(summary):
    """The employee's answers as {field: text} (what went better since, too)."""
    return {field: getattr(summary, field) for field in TEXT_FIELDS}


def reply_of(summary):
    """The reply of the manager it was shared with (never their private notes), or None."""
    if summary.manager_id is None:
        return None
    response = SummaryResponse.of(summary, summary.manager_id)
    return response if response and response.reply.strip() else None


def response_of(summary):
    """The response of the manager it was shared with, for its employee: only the reply and
    observations are ever shown from it (never the private notes); None without one."""
    if summary.manager_id is None:
        return None
    return SummaryResponse.of(summary, summary.manager_id)


def replies_of(summaries):
    """{summary id: the reply of the manager each was shared with} for those with a reply, in
    one query (never the managers' private notes)."""
    responses = SummaryResponse.grouped(summaries)
    replies = {summary.id: responses.get((summary.id, summary.manager_id))
               for summary in summaries if summary.manager_id}
    return {key: response for key, response in replies.items()
            if response and response.reply.strip()}


def manager_view(summary, items, author, agreements=(), previous=()):
    """The summary exactly as its manager's API shows it: the summary, who wrote it, whether the
    manager has yet to open it, the agreed next steps and those of the conversation before
    (only whether each was achieved, never the employee's goals)."""
    view = summary.to_api(items)
    view["better_since"] = summary.better_since
    view["employee"] = author.to_person()
    view["new"] = summary.first_viewed_at is None
    view["agreements"] = [agreement_to_api(a, for_manager=True) for a in agreements]
    view["previous_agreements"] = [agreement_to_api(a, for_manager=True) for a in previous]
    return view


def employee_view(summary, items, response=None, agreements=()):
    """A summary as its employee sees it: the contract's fields, with whom it is shared, the
    manager's reply and observations (never their private notes), and the agreed next steps."""
    data = summary.to_api(items)
    data["better_since"] = summary.better_since
    manager = summary.manager if summary.manager_id else None
    data["manager"] = manager.to_person() if manager else None
    reply = response.reply.strip() if response else ""
    data["reply"] = response.reply if reply else None
    data["replied_at"] = (iso_utc(response.replied_at)
                          if reply and response.replied_at else None)
    observations = response.observations.strip() if response else ""
    data["observations"] = observations or None
    data["agreements"] = [agreement_to_api(a) for a in agreements]
    return data


# -- writing ---------------------------------------------------------------------------------

def create_summary(user, period, conversation_on, now):
    """A new draft for the period, filled with the proposed highlights."""
    moment = stored_utc(now)
    with database.atomic():
        summary = Summary.create(user=user, period_from=period["period_from"],
                                 period_to=period["period_to"], conversation_on=conversation_on,
                                 created_at=moment, updated_at=moment,
                                 **period.get("answers", {}))
        _replace_items(summary, proposals_for(user, summary.period_from, summary.period_to))
        sharing_notices.summary_changed(summary, now)
    return summary


def update_summary(summary, values, now):
    """Change answers, conversation day and (when sent) the highlights of a draft or withdrawn
    summary; a shared one is read-only."""
    moment = stored_utc(now)
    with database.atomic():
        claimed = (Summary.update(updated_at=moment)
                   .where((Summary.id == summary.id) & (Summary.status.in_(EDITABLE)))
                   .execute())
        if not claimed:
            raise Refusal("conflict", _("It is shared now. Withdraw it first to change it."))
        for field in (*TEXT_FIELDS, "conversation_on"):
            if field in values:
                setattr(summary, field, values[field])
        summary.updated_at = moment
        summary.save()
        if "items" in values:
            _replace_items(summary, values["items"])
        sharing_notices.summary_changed(summary, now)
    return summary


def share_summary(summary, manager_id, now):
    """Share a draft or withdrawn summary with one of the user's connected managers."""
    connection = Connection.between(summary.user_id, manager_id)
    if connection is None:
        raise Refusal("invalid", _("Choose one of the people you share with."), "manager_id")
    if is_empty(answers_of(summary), SummaryItem.of(summary)):
        raise Refusal("invalid", _("There is nothing to share yet. Add a highlight or answer a "
                                   "question first."), "items")
    moment = stored_utc(now)
    with database.atomic():
        shared = (Summary
                  .update(status="shared", manager=connection.manager_id, shared_at=moment,
                          first_viewed_at=None, withdrawn_at=None, updated_at=moment)
                  .where((Summary.id == summary.id) & (Summary.status.in_(EDITABLE)))
                  .execute())
        if not shared:
            raise Refusal("conflict",
                          _("It is already shared. Withdraw it first to share it again."))
        summary = Summary.get_by_id(summary.id)
        sharing_notices.summary_shared(summary, now)
    return summary


def withdraw_summary(summary, now):
    """Take a shared summary back: its manager no longer sees it, at once."""
    if summary.status == "withdrawn":
        return summary
    moment = stored_utc(now)
    with database.atomic():
        taken = (Summary
                 .update(status="withdrawn", withdrawn_at=moment, updated_at=moment)
                 .where((Summary.id == summary.id) & (Summary.status == "shared"))
                 .execute())
        if not taken:
            raise Refusal("conflict", _("It has not been shared, so there is nothing to withdraw."))
        summary = Summary.get_by_id(summary.id)
        sharing_notices.summary_changed(summary, now)
    return summary


def delete_draft(summary):
    """Delete a summary that was never shared."""
    with database.atomic():
        deleted = (Summary.delete()
                   .where((Summary.id == summary.id) & (Summary.status == "draft"))
                   .execute())
        if not deleted:
            raise Refusal("conflict", _("Only a draft can be deleted."))
        sharing_notices.cancel(summary)


def _replace_items(summary, items):
    SummaryItem.delete().where(SummaryItem.summary == summary).execute()
    if items:
        SummaryItem.insert_many([
            {"summary": summary.id, "position": position, "text": item["text"],
             "source": item["source"], "source_id": item.get("source_id")}
            for position, item in enumerate(items)]).execute()
