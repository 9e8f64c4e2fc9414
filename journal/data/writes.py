"""Writing one imported object of each kind (journal.data.importer runs them in short
transactions). Each writer records in the import's UndoLog what it is about to change, before
changing it, so that a failure later in the import can take everything back."""
import json

from flask_babel import lazy_gettext as _l

from journal.clock import stored_utc
from journal.models.checklist import Checklist
from journal.models.conversation import Agreement
from journal.models.entry import Entry, EntryTag
from journal.models.goal import Goal, GoalStep
from journal.models.push import Delivery
from journal.models.review import Review
from journal.models.summary import Summary, SummaryItem
from journal.models.team import MeetingAnswer, TeamMember
from journal.notifications import notices as sharing_notices
from journal.notifications.rules import CONVERSATION_KINDS
from journal.refusal import Refusal
from journal.reviews.rules import NEEDS

CHANGED_MEANWHILE = _l("Something changed while importing. Please try again.")


class Pending:
    """New rows of one write transaction, inserted together: many at once is far quicker than
    one by one."""

    def __init__(self):
        self.rows = {}

    def add(self, model, rows):
        """Rows (dicts of field values) to insert into model's table."""
        self.rows.setdefault(model, []).extend(rows)

    def flush(self):
        """Insert every pending row now, each object before its children."""
        for model in sorted(self.rows, key=lambda model: model not in PARENTS):
            rows = self.rows[model]
            for start in range(0, len(rows), INSERT_BATCH):
                model.insert_many(rows[start:start + INSERT_BATCH]).execute()
        self.rows = {}


INSERT_BATCH = 100  # rows per INSERT, well under every engine's limit on parameters
PARENTS = (Goal, Entry, Review, Summary, Checklist)


def upsert(model, row_id, user, fields, existing, undo, pending):
    """Insert the row (with the pending ones), or update only the fields that differ: "added",
    "updated", "unchanged"."""
    if existing is None:
        pending.add(model, [{"id": row_id, "user": user.id, **fields}])
        undo.added(model, row_id)
        return "added"
    if existing.user_id != user.id:  # claimed by someone else a moment ago
        raise Refusal("conflict", CHANGED_MEANWHILE)
    changed = {name: value for name, value in fields.items() if existing.__data__[name] != value}
    if changed:
        undo.updated(model, existing)
        model.update(**changed).where(model.id == row_id).execute()
        return "updated"
    return "unchanged"


def _children(outcome, current, wanted, replace):
    if current == wanted:
        return outcome
    replace()
    return "updated" if outcome == "unchanged" else outcome


def put_goal(user, goal, ids, existing, stamps, undo, pending, **_context):
    """A goal and its steps."""
    goal_id = ids(goal["id"])
    fields = {name: goal[name] for name in ("title", "why", "ring", "moved_inner_at")}
    outcome = upsert(Goal, goal_id, user, {**fields, **stamps}, existing, undo, pending)
    current = [] if existing is None else [
        (step.text, step.done) for step in GoalStep.select()
        .where(GoalStep.goal == goal_id).order_by(GoalStep.position, GoalStep.id)]
    wanted = [(step["text"], step["done"]) for step in goal["steps"]]

    def replace():
        if existing is not None:
            undo.replacing(GoalStep, GoalStep.goal == goal_id)
            GoalStep.delete().where(GoalStep.goal == goal_id).execute()
        pending.add(GoalStep, [{"goal": goal_id, "text": text, "done": done, "position": i}
                               for i, (text, done) in enumerate(wanted)])
    return _children(outcome, current, wanted, replace)


def put_entry(user, entry, ids, existing, stamps, undo, pending, **_context):
    """An entry and its tags."""
    entry_id = ids(entry["id"])
    fields = {name: entry[name] for name in ("day", "text", "kind", "meaning", "helped",
                                             "hindered", "learned", "try_next")}
    fields["goal"] = ids(entry["goal_id"]) if entry["goal_id"] else None
    fields["search_text"] = Entry(**fields).searchable(entry["tags"])
    outcome = upsert(Entry, entry_id, user, {**fields, **stamps}, existing, undo, pending)
    current = [] if existing is None else [
        tag.name for tag in EntryTag.select(EntryTag.name)
        .where(EntryTag.entry == entry_id).order_by(EntryTag.id)]

    def replace():
        if existing is not None:
            undo.replacing(EntryTag, EntryTag.entry == entry_id)
            EntryTag.delete().where(EntryTag.entry == entry_id).execute()
        pending.add(EntryTag, [{"entry": entry_id, "user": user.id, "name": name}
                               for name in entry["tags"]])
    return _children(outcome, current, entry["tags"], replace)


def put_review(user, review, ids, existing, stamps, undo, pending, **_context):
    """A weekly review; the file's review of a week replaces one this account wrote for it."""
    review_id = ids(review["id"])
    same_week = ((Review.user == user) & (Review.week == review["week"])
                 & (Review.id != review_id))
    undo.removed(Review, list(Review.select().where(same_week)))
    Review.delete().where(same_week).execute()
    fields = {name: review[name] for name in ("week", "next_week", "help_wanted", "scale", *NEEDS)}
    fields["improved"] = json.dumps(review["improved"])
    return upsert(Review, review_id, user, {**fields, **stamps}, existing, undo, pending)


def put_summary(user, summary, ids, existing, stamps, undo, pending, *, plan, now):
    """A summary and its highlights; its conversation reminders are planned again."""
    summary_id = ids(summary["id"])
    if existing is not None and existing.user_id == user.id and existing.status == "shared":
        return "unchanged"  # shared right now from this account: a snapshot someone reads
    fields = {name: summary[name] for name in ("period_from", "period_to", "achieved", "want",
                                               "how", "help_from_manager", "better_since",
                                               "conversation_on")}
    if existing is None:
        fields.update(_sharing_state(summary, plan, stored_utc(now)))
    outcome = upsert(Summary, summary_id, user, {**fields, **stamps}, existing, undo, pending)
    current = [(item.text, item.source, item.source_id) for item in SummaryItem.select()
               .where(SummaryItem.summary == summary_id)
               .order_by(SummaryItem.position, SummaryItem.id)]
    wanted = [(item["text"], item["source"], ids.source(item["source_id"]))
              for item in summary["items"]]

    def replace():
        undo.replacing(SummaryItem, SummaryItem.summary == summary_id)
        SummaryItem.delete().where(SummaryItem.summary == summary_id).execute()
        pending.add(SummaryItem, [
            {"summary": summary_id, "position": i, "text": text, "source": source,
             "source_id": source_id} for i, (text, source, source_id) in enumerate(wanted)])
    outcome = _children(outcome, current, wanted, replace)
    outcome = _put_agreements(user, summary_id, summary["agreements"], ids, outcome, undo,
                              pending)
    if outcome != "unchanged":
        pending.flush()  # the reminders are planned from the summary as stored
        undo.replacing(Delivery, (Delivery.ref == str(summary_id)) & (Delivery.status == "queued")
                       & Delivery.kind.in_(CONVERSATION_KINDS))
        sharing_notices.summary_changed(Summary.get_by_id(summary_id), now)
    return outcome


def _put_agreements(user, summary_id, agreements, ids, outcome, undo, pending):
    """The next steps agreed on a summary, as the file has them; a step accepted into a goal
    this account does not have (or the file does not bring) keeps its words, not the link."""
    fields = ("id", "text", "proposed_by", "status", "goal_id", "created_at", "decided_at")
    current = [tuple(row) for row in Agreement.select(*(getattr(Agreement, name) for name in (
        "id", "text", "proposed_by", "status", "goal", "created_at", "decided_at")))
        .where(Agreement.summary == summary_id).order_by(Agreement.created_at, Agreement.id)
        .tuples()]
    goal_ids = [ids(row["goal_id"]) for row in agreements if row["goal_id"]]
    own_goals = {goal.id for goal in Goal.select(Goal.id).where(
        Goal.id.in_(goal_ids) & (Goal.user == user.id))} if goal_ids else set()
    own_goals |= {goal_id for goal_id in goal_ids if goal_id in ids.goals_in_file}
    wanted = [tuple({**row, "id": ids(row["id"]),
                     "goal_id": ids(row["goal_id"]) if row["goal_id"] and ids(row["goal_id"])
                     in own_goals else None}[name] for name in fields) for row in agreements]

    def replace():
        undo.replacing(Agreement, Agreement.summary == summary_id)
        Agreement.delete().where(Agreement.summary == summary_id).execute()
        pending.add(Agreement, [
            {"summary": summary_id, "id": agreement_id, "text": text, "proposed_by": side,
             "status": status, "goal": goal_id, "created_at": created,
             "decided_at": decided}
            for agreement_id, text, side, status, goal_id, created, decided in wanted])
    return _children(outcome, current, wanted, replace)


def _sharing_state(summary, plan, moment):
    """A new summary's status: connections are between two people and are not imported, so
    one that was shared or withdrawn comes back withdrawn, shared with nobody."""
    state = {name: summary[name] for name in ("shared_at", "first_viewed_at", "withdrawn_at")}
    state["manager"] = None
    if summary["status"] == "draft":
        return {**state, "status": "draft"}
    if summary["status"] == "shared" or state["withdrawn_at"] is None:
        state["withdrawn_at"] = plan["exported_at"] or summary["shared_at"] or moment
    return {**state, "status": "withdrawn"}


def put_meeting_answer(user, answer, ids, existing, stamps, undo, pending, **_context):
    """One of the person's own team meeting answers, back in their journal. It keeps its team
    (and whether it was shared there) only when the person is still in that team."""
    in_team = answer["team_id"] is not None and TeamMember.select().where(
        (TeamMember.team == answer["team_id"]) & (TeamMember.user == user.id)).exists()
    fields = {"week": answer["week"], "question": answer["question"], "text": answer["text"],
              "team": answer["team_id"] if in_team else None,
              "shared_at": answer["shared_at"] if in_team else None}
    return upsert(MeetingAnswer, ids(answer["id"]), user, {**fields, **stamps}, existing, undo,
                  pending)


def put_checklist(user, checklist, ids, existing, stamps, undo, pending, **_context):
    """A leadership checklist."""
    fields = {name: checklist[name] for name in ("already_how", "will_achieve", "first_step")}
    fields["answers"] = json.dumps(checklist["answers"])
    return upsert(Checklist, ids(checklist["id"]), user, {**fields, **stamps}, existing, undo,
                  pending)


# The order objects are written in: goals first, since entries may point to them.
WRITERS = (("goals", Goal, put_goal), ("entries", Entry, put_entry),
           ("reviews", Review, put_review), ("summaries", Summary, put_summary),
           ("checklists", Checklist, put_checklist),
           ("meeting_answers", MeetingAnswer, put_meeting_answer))
