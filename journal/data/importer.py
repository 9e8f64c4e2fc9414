"""Importing an export document (journal.data.export) into an account, all or nothing.

Every object keeps its id, so importing the same file again changes nothing: an object already
here is brought up to date, a new one added, and what the account has that the file lacks stays.
When an id in the file already belongs to someone else (say, the original account still exists
and this is a second one), every id is replaced by uuid5(account id, old id): the same file then
always gets the same new ids, and importing stays idempotent.

The whole file is checked before the first write. Then it is written in short transactions (at
most CHUNK_OBJECTS objects or about CHUNK_SECONDS each), with a pause between them on SQLite:
SQLite has one write lock for everyone, and another person's write must never wait long for an
import. What each transaction changed is kept in an UndoLog; when a later one fails, everything
already committed is taken back, so a failed import still leaves nothing behind."""
import json
import logging
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from peewee import IntegrityError, SqliteDatabase

from journal.clock import stored_utc
from journal.data.rules import SECTIONS, check_document
from journal.data.undo import UndoLog
from journal.data.writes import CHANGED_MEANWHILE, WRITERS, Pending
from journal.db import database, parse_uuid
from journal.models.checklist import Checklist
from journal.models.conversation import Agreement
from journal.models.entry import Entry
from journal.models.goal import Goal
from journal.models.review import Review
from journal.models.summary import Summary
from journal.models.team import MeetingAnswer
from journal.models.user import User
from journal.notifications.store import reschedule, save_settings, settings_for
from journal.refusal import Refusal
from journal.web import storable

log = logging.getLogger(__name__)

MODELS = {"entries": Entry, "reviews": Review, "goals": Goal, "summaries": Summary,
          "checklists": Checklist, "meeting_answers": MeetingAnswer}
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024
CHUNK = 500  # ids per IN (...) query, well under every engine's limit
CHUNK_OBJECTS = 200  # objects per write transaction at most
CHUNK_SECONDS = 0.08  # and a transaction stops taking new objects after this long
# After each transaction on SQLite, the write lock stays free this long. SQLite's busy handler
# looks again at most every 100 ms, so any writer waiting for the lock gets its turn.
SQLITE_PAUSE_SECONDS = 0.11
PAUSE_AFTER_SECONDS = 0.02
REMINDER_KEYS = {"daily": ("enabled", "time", "weekdays", "skip_if_logged"),
                 "weekly_review": ("enabled", "weekday", "time")}

_running = set()  # ids of the people whose import runs in this process right now
_running_lock = threading.Lock()


class ImportStopped(Refusal):
    """An import that failed after it began writing: everything is taken back. `done` of
    `total` objects had been written when it stopped."""

    def __init__(self, kind, message, *, done, total):
        super().__init__(kind, message)
        self.done, self.total = done, total


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
    """Import the document into the user's account; return what happened per section
    ({"added", "updated", "unchanged"}), whether settings changed, whether ids were replaced,
    and `progress` ({"done", "total"} objects). Raises Refusal, with nothing stored, when any
    object is invalid, and ImportStopped, with everything taken back, when writing fails."""
    with _one_import_at_a_time(user):
        plan = check_document(data, latest_day=now.date() + timedelta(days=1),
                              languages=languages)
        ids = IdMap(user, plan)
        _check_goal_links(user, plan, ids)
        return _apply(user, plan, ids, now)


@contextmanager
def _one_import_at_a_time(user):
    with _running_lock:
        if user.id in _running:
            raise Refusal("conflict", _l("An import into your journal is still running. Wait "
                                         "until it has finished, then try again."))
        _running.add(user.id)
    try:
        yield
    finally:
        with _running_lock:
            _running.discard(user.id)


def _apply(user, plan, ids, now):
    total = sum(len(plan[section]) for section in SECTIONS)
    report = {section: {"added": 0, "updated": 0, "unchanged": 0} for section in SECTIONS}
    try:
        return _write_all(user, plan, ids, now, (UndoLog(), Pace()), report, total)
    finally:  # entries written (or written and taken back): counts kept over them are stale
        if report["entries"]["added"] or report["entries"]["updated"]:
            with database.atomic():
                User.journal_changed(user)


def _write_all(user, plan, ids, now, progress, report, total):
    (undo, pace), done = progress, 0
    try:
        for section, model, put in WRITERS:
            items, start = plan[section], 0
            while start < len(items):
                with pace:
                    start += _write_chunk(user, plan, ids, now, undo, (section, model, put),
                                          items[start:start + CHUNK_OBJECTS], report)
                done = _written(section, start, plan)
        with pace, database.atomic():  # last: a failure here is rolled back with it
            report["settings"] = _put_settings(user, plan, now)
    except (Refusal, IntegrityError) as error:
        _take_back(undo, done, total)
        raise ImportStopped("conflict", _stopped_message(done, total), done=done,
                            total=total) from error
    except Exception:
        _take_back(undo, done, total)
        raise
    report["ids_changed"] = ids.remap
    report["progress"] = {"done": total, "total": total}
    return report


def _write_chunk(user, plan, ids, now, undo, writer, batch, report):
    """Write up to len(batch) objects in one transaction; returns how many were written."""
    section, model, put = writer
    moment, started, count, pending = stored_utc(now), time.monotonic(), 0, Pending()
    with database.atomic():
        existing = _existing(model, [ids(item["id"]) for item in batch])
        for item in batch:
            outcome = put(user, item, ids, existing.get(ids(item["id"])), _stamps(item, moment),
                          undo, pending, plan=plan, now=now)
            report[section][outcome] += 1
            count += 1
            if time.monotonic() - started > CHUNK_SECONDS:
                break
        pending.flush()
    return count


def _written(section, start, plan):
    """Objects written so far: the sections before this one, and this one up to `start`."""
    order = [name for name, _model, _put in WRITERS]
    return sum(len(plan[name]) for name in order[:order.index(section)]) + start


class Pace:
    """Around each write transaction of an import: on SQLite, once the import has held the write
    lock for PAUSE_AFTER_SECONDS since it last let go, it waits SQLITE_PAUSE_SECONDS before
    taking it again, so whoever waits for the lock gets it. Small imports never wait."""

    def __init__(self):
        self.held = 0.0
        self.sqlite = isinstance(database.obj, SqliteDatabase)

    def __enter__(self):
        if self.sqlite and self.held >= PAUSE_AFTER_SECONDS:
            time.sleep(SQLITE_PAUSE_SECONDS)
            self.held = 0.0
        self.started = time.monotonic()

    def __exit__(self, *_exc):
        self.held += time.monotonic() - self.started


def _take_back(undo, done, total):
    log.warning("Import stopped after %s of %s objects; taking back what was written.",
                done, total)
    undo.revert(SQLITE_PAUSE_SECONDS if isinstance(database.obj, SqliteDatabase) else 0)


def _stopped_message(done, total):
    if done == 0:
        return CHANGED_MEANWHILE
    return _l("The import stopped after %(done)s of %(total)s, because something in your "
              "journal changed at the same moment. Nothing was kept. Please try again.",
              done=done, total=total)


class IdMap:
    """The id each object gets in this account: its own, or a stable new one when any id in the
    file belongs to someone else (or was given a new one by an earlier import)."""

    def __init__(self, user, plan):
        self.namespace = user.id
        self.remap = self._must_remap(user, plan)
        # Goals the file brings (a next step agreed on a summary may point to one).
        self.goals_in_file = {self(goal["id"]) for goal in plan["goals"]}

    def _must_remap(self, user, plan):
        for section, model in MODELS.items():
            old = [item["id"] for item in plan[section]]
            if self._someone_elses(model, old, user) or _owned(model, self._mapped(old), user):
                return True
        agreements = [row["id"] for summary in plan["summaries"]
                      for row in summary["agreements"]]
        return any(row.summary.user_id != user.id
                   for row in _existing(Agreement, agreements).values())

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
    """The largest import accepted, in bytes: IMPORT_MAX_CONTENT_LENGTH, 10 MiB by default. Far
    above the app's usual MAX_CONTENT_LENGTH (1 MiB), which years of journal easily exceed, and
    about twice the export of 10 years of daily entries with notes."""
    return config.get("IMPORT_MAX_CONTENT_LENGTH", DEFAULT_UPLOAD_LIMIT)
