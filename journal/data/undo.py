"""What an import wrote, remembered so that it can be taken back.

An import writes in short transactions, so that nobody else's write waits long for it
(journal.data.importer). When a later transaction fails, the earlier ones are already committed:
this log takes them back, newest first. Each step keeps what was there before: an added row is
deleted, an updated row gets its previous values again, and rows that were deleted or replaced
(an entry's tags, a goal's steps, a review of the same week) come back as they were, ids
included."""
import time

from journal.db import database

UNDO_CHUNK = 200  # steps per transaction when taking an import back, and rows per step


class UndoLog:
    """The steps that take back what an import committed, in the order they were written."""

    def __init__(self):
        self.steps = []

    def added(self, model, row_id):
        """A row the import inserted: taking it back deletes it (its children cascade)."""
        last = self.steps[-1] if self.steps else None
        if last and last[0] == "added" and last[1] is model and len(last[2]) < UNDO_CHUNK:
            last[2].append(row_id)
        else:
            self.steps.append(("added", model, [row_id]))

    def updated(self, model, row):
        """A row the import is about to update: its values now are the ones to restore."""
        self.steps.append(("updated", model, dict(row.__data__)))

    def removed(self, model, rows):
        """Rows the import is about to delete: taking it back inserts them again."""
        if rows:
            self.steps.append(("removed", model, [dict(row.__data__) for row in rows]))

    def replacing(self, model, where):
        """The rows matching `where` are about to be replaced (children of one object):
        taking it back deletes what matches then and inserts these rows again."""
        rows = [dict(row.__data__) for row in model.select().where(where)]
        self.steps.append(("replaced", model, where, rows))

    def revert(self, pause=0.0):
        """Take every step back, newest first, in short transactions with `pause` seconds
        between them (the same courtesy to other writers as the import itself)."""
        steps = list(reversed(self.steps))
        for start in range(0, len(steps), UNDO_CHUNK):
            if start and pause:
                time.sleep(pause)
            with database.atomic():
                for step in steps[start:start + UNDO_CHUNK]:
                    _take_back(step)
        self.steps = []


def _take_back(step):
    kind, model = step[0], step[1]
    if kind == "added":
        model.delete().where(model.id.in_(step[2])).execute()
    elif kind == "updated":
        values = {name: value for name, value in step[2].items() if name != "id"}
        model.update(**values).where(model.id == step[2]["id"]).execute()
    elif kind == "removed":
        model.insert_many(step[2]).execute()
    else:  # "replaced"
        model.delete().where(step[2]).execute()
        if step[3]:
            model.insert_many(step[3]).execute()
