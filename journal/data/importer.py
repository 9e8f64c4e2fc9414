"""Importing an export document (journal.data.export) into an account, all or nothing.

Every object keeps its id, so importing the same file again changes nothing: an object already
here is brought up to date, a new one added, and what the account has that the file lacks stays.
When an id in the file already belongs to someone else (say, the original account still exists
and this is a second one), every id is replaced by uuid5(account id, old id): the same file then
always gets the same new ids, and importing stays idempotent."""
import json
import uuid
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from journal.clock import stored_utc
from journal.data.rules import SECTIONS, check_document
from journal.db import database, parse_uuid
from journal.models.checklist import Checklist
from journal.models.entry import Entry, EntryTag
from journal.models.goal import Goal, GoalStep
from journal.models.review import Review
from journal.models.summary import Summary, SummaryItem
from journal.notifications import notices as sharing_notices
from journal.notifications.store import reschedule, save_settings, settings_for
from journal.refusal import Refusal
from journal.reviews.rules import NEEDS
from journal.web import storable

MODELS = {"entries": Entry, "reviews": Review, "goals": Goal, "summaries": Summary,
          "checklists": Checklist}
DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024
CHUNK = 500  # ids per IN (...) query, well under every engine's limit
REMINDER_KEYS = {"daily": ("enabled", "time", "weekdays", "skip_if_logged"),
                 "weekly_review": ("enabled", "weekday", "time")}


def parse_upload(raw):
    """The JSON object in an uploaded file's bytes, or Refusal (400) when it is not JSON text."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if data is None or not storable(data):
        raise Refusal("malformed", _l("This file is not a Progress Journal export. Choose "
                                      "the .json file you downloaded from your journal."))
    return data


def import_document(user, data, now, *, languages):
    """Import the document into the user's account in one transaction; return what happened per
    section ({"added", "updated", "unchanged"}), whether settings changed, and whether ids were
    replaced. Raises Refusal, with nothing stored, when any object is invalid."""
    plan = check_document(data, latest_day=now.date() + timedelta(days=1), languages=languages)
    moment = stored_utc(now)
    try:
        return _apply(user, plan, now, moment)
    except IntegrityError as error:  # another import or request wrote the same rows meanwhile
        raise Refusal("conflict", _l("Something changed while importing. Please try "
                                     "again.")) from error


def _apply(user, plan, now, moment):
    with database.atomic():
        ids = IdMap(user, plan)
        _check_goal_links(user, plan, ids)
        report = {section: {"added": 0, "updated": 0, "unchanged": 0} for section in SECTIONS}
        for section, put in (("goals", _put_goal), ("entries", _put_entry),
                             ("reviews", _put_review), ("summaries", _put_summary),
                             ("checklists", _put_checklist)):
            existing = _existing(MODELS[section], [ids(item["id"]) for item in plan[section]])
            for item in plan[section]:
                stamps = _stamps(item, moment)
                outcome = put(user, item, ids, existing.get(ids(item["id"])), stamps,
                              plan=plan, now=now)
                report[section][outcome] += 1
        report["settings"] = _put_settings(user, plan, now)
        report["ids_changed"] = ids.remap
    return report


class IdMap:
    """The id each object gets in this account: its own, or a stable new one when any id in the
    file belongs to someone else (or was given a new one by an earlier import)."""

    def __init__(self, user, plan):
        self.namespace = user.id
        self.remap = False
        for section, model in MODELS.items():
            old = [item["id"] for item in plan[section]]
            if self._someone_elses(model, old, user) or _owned(model, self._mapped(old), user):
                self.remap = True
                return

    def _mapped(self, ids):
        return [uuid.uuid5(self.namespace, str(old)) for old in ids]

    @staticmethod
    def _someone_elses(model, ids, user):
        return any(row.user_id != user.id for row in _existing(model, ids).values())

    def __call__(self, old):
        return uuid.uuid5(self.namespace, str(old)) if self.remap else old

    def source(self, source_id):
        """A highlight's `source_id` (an entry, review or goal id) mapped like the ids."""
        parsed = parse_uuid(source_id) if source_id else None
        return str(self(parsed)) if parsed and self.remap else source_id


def _existing(model, ids):
    rows = {}
    for start in range(0, len(ids), CHUNK):
        rows.update({row.id: row for row in model.select().where(
            model.id.in_(ids[start:start + CHUNK]))})
    return rows


def _owned(model, ids, user):
    return any(row.user_id == user.id for row in _existing(model, ids).values())


def _check_goal_links(user, plan, ids):
    """An entry may point only to a goal in the file or one the account already has."""
    in_file = {ids(goal["id"]) for goal in plan["goals"]}
    wanted = {ids(e["goal_id"]) for e in plan["entries"] if e["goal_id"]} - in_file
    own = {goal_id for goal_id, goal in _existing(Goal, list(wanted)).items()
           if goal.user_id == user.id}
    errors = {f"{entry['at']}.goal_id": _l("This goal is not in the file or in your journal.")
              for entry in plan["entries"]
              if entry["goal_id"] and ids(entry["goal_id"]) not in in_file | own}
    if errors:
        raise Refusal("invalid", _l("Nothing was imported: some things in the file "
                                    "need another look."), fields=errors)


def _stamps(item, moment):
    created = item["created_at"] or moment
    return {"created_at": created, "updated_at": item["updated_at"] or created}


def _upsert(model, row_id, user, fields, existing):
    """Insert the row, or update only the fields that differ: "added", "updated", "unchanged"."""
    if existing is None:
        model.insert(id=row_id, user=user.id, **fields).execute()
        return "added"
    if existing.user_id != user.id:  # claimed by someone else a moment ago
        raise Refusal("conflict", _l("Something changed while importing. Please try again."))
    changed = {name: value for name, value in fields.items() if existing.__data__[name] != value}
    if changed:
        model.update(**changed).where(model.id == row_id).execute()
        return "updated"
    return "unchanged"


def _children(outcome, current, wanted, replace):
    if current == wanted:
        return outcome
    replace()
    return "updated" if outcome == "unchanged" else outcome


def _put_goal(user, goal, ids, existing, stamps, **_context):
    goal_id = ids(goal["id"])
    fields = {name: goal[name] for name in ("title", "why", "ring", "moved_inner_at")}
    outcome = _upsert(Goal, goal_id, user, {**fields, **stamps}, existing)
    current = [(step.text, step.done) for step in GoalStep.select()
               .where(GoalStep.goal == goal_id).order_by(GoalStep.position, GoalStep.id)]
    wanted = [(step["text"], step["done"]) for step in goal["steps"]]

    def replace():
        GoalStep.delete().where(GoalStep.goal == goal_id).execute()
        if wanted:
            GoalStep.insert_many([{"goal": goal_id, "text": text, "done": done, "position": i}
                                  for i, (text, done) in enumerate(wanted)]).execute()
    return _children(outcome, current, wanted, replace)


def _put_entry(user, entry, ids, existing, stamps, **_context):
    entry_id = ids(entry["id"])
    fields = {name: entry[name] for name in ("day", "text", "kind", "meaning", "helped",
                                             "hindered", "learned", "try_next")}
    fields["goal"] = ids(entry["goal_id"]) if entry["goal_id"] else None
    fields["search_text"] = Entry(**fields).searchable(entry["tags"])
    outcome = _upsert(Entry, entry_id, user, {**fields, **stamps}, existing)
    current = [tag.name for tag in EntryTag.select(EntryTag.name)
               .where(EntryTag.entry == entry_id).order_by(EntryTag.id)]

    def replace():
        EntryTag.delete().where(EntryTag.entry == entry_id).execute()
        if entry["tags"]:
            EntryTag.insert_many([{"entry": entry_id, "user": user.id, "name": name}
                                  for name in entry["tags"]]).execute()
    return _children(outcome, current, entry["tags"], replace)


def _put_review(user, review, ids, existing, stamps, **_context):
    review_id = ids(review["id"])
    # The file's review of a week replaces one this account wrote for the same week.
    (Review.delete()
     .where((Review.user == user) & (Review.week == review["week"]) & (Review.id != review_id))
     .execute())
    fields = {name: review[name] for name in ("week", "next_week", "help_wanted", "scale", *NEEDS)}
    fields["improved"] = json.dumps(review["improved"])
    return _upsert(Review, review_id, user, {**fields, **stamps}, existing)


def _put_summary(user, summary, ids, existing, stamps, *, plan, now):
    summary_id = ids(summary["id"])
    if existing is not None and existing.user_id == user.id and existing.status == "shared":
        return "unchanged"  # shared right now from this account: a snapshot someone reads
    fields = {name: summary[name] for name in ("period_from", "period_to", "achieved", "want",
                                               "how", "help_from_manager", "conversation_on")}
    if existing is None:
        fields.update(_sharing_state(summary, plan, stored_utc(now)))
    outcome = _upsert(Summary, summary_id, user, {**fields, **stamps}, existing)
    current = [(item.text, item.source, item.source_id) for item in SummaryItem.select()
               .where(SummaryItem.summary == summary_id)
               .order_by(SummaryItem.position, SummaryItem.id)]
    wanted = [(item["text"], item["source"], ids.source(item["source_id"]))
              for item in summary["items"]]

    def replace():
        SummaryItem.delete().where(SummaryItem.summary == summary_id).execute()
        if wanted:
            SummaryItem.insert_many([
                {"summary": summary_id, "position": i, "text": text, "source": source,
                 "source_id": source_id}
                for i, (text, source, source_id) in enumerate(wanted)]).execute()
    outcome = _children(outcome, current, wanted, replace)
    if outcome != "unchanged":
        sharing_notices.summary_changed(Summary.get_by_id(summary_id), now)
    return outcome


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


def _put_checklist(user, checklist, ids, existing, stamps, **_context):
    fields = {name: checklist[name] for name in ("already_how", "will_achieve", "first_step")}
    fields["answers"] = json.dumps(checklist["answers"])
    return _upsert(Checklist, ids(checklist["id"]), user, {**fields, **stamps}, existing)


def _put_settings(user, plan, now):
    """The profile and reminder settings from the file: "updated" or "unchanged"."""
    profile = {name: value for name, value in plan["user"].items()
               if getattr(user, name) != value}
    for name, value in profile.items():
        setattr(user, name, value)
    if profile:
        user.save()
    reminders = plan["reminders"]
    if "weekly_review" in reminders and "review_weekday" in plan["user"]:
        reminders["weekly_review"]["weekday"] = plan["user"]["review_weekday"]
    current = settings_for(user)
    changed = {section: {key: values[key] for key in REMINDER_KEYS[section]}
               for section, values in reminders.items()
               if any(current[section][key] != values[key] for key in REMINDER_KEYS[section])}
    if changed:
        save_settings(user, changed, now)
    elif profile:
        reschedule(user, now)
    return "updated" if profile or changed else "unchanged"


def upload_limit(config):
    """The largest import accepted, in bytes: IMPORT_MAX_CONTENT_LENGTH, 20 MiB by default. Far
    above the app's usual MAX_CONTENT_LENGTH (1 MiB), which years of journal easily exceed."""
    return config.get("IMPORT_MAX_CONTENT_LENGTH", DEFAULT_UPLOAD_LIMIT)
