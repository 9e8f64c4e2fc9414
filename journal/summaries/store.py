"""Writing an employee's summaries: create with proposed highlights, change, share, withdraw
and delete, each in one transaction. Who may see what is decided in journal.sharing."""
from datetime import timedelta, timezone
from types import SimpleNamespace

from flask_babel import gettext as _
from peewee import JOIN

from journal.clock import local_today, stored_utc
from journal.db import database
from journal.models.entry import Entry
from journal.models.goal import Goal
from journal.models.review import Review
from journal.models.sharing import Summary, SummaryItem
from journal.models.user import User
from journal.notifications import notices as sharing_notices
from journal.refusal import Refusal
from journal.sharing import connection_between, items_of, response_of, summary_to_api
from journal.summaries.rules import ANSWERS, is_empty, propose_items
from journal.weeks import week_of

Manager = User.alias("summary_manager")
EDITABLE = ("draft", "withdrawn")


# -- reading ---------------------------------------------------------------------------------

def summaries_of(user):
    """The user's summaries, newest first, each with `.manager` loaded when there is one."""
    return list(Summary
                .select(Summary, Manager)
                .join(Manager, JOIN.LEFT_OUTER, on=(Summary.manager == Manager.id))
                .where(Summary.user == user)
                .order_by(Summary.created_at.desc(), Summary.id))


def last_shared_to(user):
    """The last day covered by the summary the user shared most recently, or None."""
    latest = (Summary
              .select(Summary.period_to)
              .where((Summary.user == user) & (Summary.status == "shared"))
              .order_by(Summary.shared_at.desc(), Summary.period_to.desc())
              .first())
    return latest.period_to if latest else None


def proposals_for(user, period_from, period_to):
    """The highlights the app proposes for the user's period (see summary_rules.propose_items)."""
    entries = Entry.matching(user, day_from=period_from, day_to=period_to)
    moved = (Goal
             .select()
             .where((Goal.user == user) & (Goal.ring == "inner")
                    & Goal.moved_inner_at.between(period_from - timedelta(days=1),
                                                  period_to + timedelta(days=2))))
    goals = [SimpleNamespace(id=goal.id, title=goal.title, achieved_on=local_today(
        goal.moved_inner_at.replace(tzinfo=timezone.utc), user.timezone)) for goal in moved]
    reviews = [SimpleNamespace(id=r.id, week=r.week, improved=r.improved_items(),
                               help_wanted=r.help_wanted)
               for r in Review.select().where(
                   (Review.user == user)
                   & Review.week.between(week_of(period_from - timedelta(days=7)),
                                         week_of(period_to + timedelta(days=7))))]
    return propose_items(list(entries), goals, reviews, period_from, period_to)


def answers_of(summary):
    """The employee's answers as {field: text}."""
    return {field: getattr(summary, field) for field in ANSWERS}


def reply_of(summary):
    """The reply of the manager it was shared with (never their private notes), or None."""
    if summary.manager_id is None:
        return None
    response = response_of(summary, summary.manager_id)
    return response if response and response.reply.strip() else None


def manager_view(summary, items, author):
    """The summary exactly as its manager's API shows it: the summary, who wrote it, and
    whether the manager has yet to open it."""
    view = summary_to_api(summary, items)
    view["employee"] = {"id": str(author.id), "display_name": author.display_name}
    view["new"] = summary.first_viewed_at is None
    return view


# -- writing ---------------------------------------------------------------------------------

def create_summary(user, period, conversation_on, now):
    """A new draft for the period, filled with the proposed highlights."""
    moment = stored_utc(now)
    with database.atomic():
        summary = Summary.create(user=user, period_from=period["period_from"],
                                 period_to=period["period_to"], conversation_on=conversation_on,
                                 created_at=moment, updated_at=moment)
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
        for field in (*ANSWERS, "conversation_on"):
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
    connection = connection_between(summary.user_id, manager_id)
    if connection is None:
        raise Refusal("invalid", _("Choose one of the people you share with."), "manager_id")
    if is_empty(answers_of(summary), items_of(summary)):
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
