"""Values over a person's whole journal, kept in this process until their journal changes.

Days with progress and tag uses are counted over every entry a person ever wrote: at twenty
years that is tens of thousands of rows read on every page. user.journal_version goes up in the
same transaction as every change to their entries (User.journal_changed), so a value kept under
the version this request's own user row carries is what counting afresh would give."""
import threading
from collections import OrderedDict

KEPT_PEOPLE = 5000  # the most recently seen people; about a hundred bytes each and value


class KeptPerPerson:
    """`kept(user)` is `compute(user)`, computed again only when user.journal_version moved.

    `kept(user, key, compute)` keeps the value of another computation that depends on nothing
    but the person's entries and `key` (today's date, say): computed again when either moved."""

    def __init__(self, compute=None, size=KEPT_PEOPLE):
        self.compute, self.size = compute, size
        self._kept, self._lock = OrderedDict(), threading.Lock()

    def __call__(self, user, key=None, compute=None):
        version = (user.journal_version, key)
        with self._lock:
            found = self._kept.get(user.id)
            if found is not None and found[0] == version:
                self._kept.move_to_end(user.id)
                return found[1]
        value = compute() if compute else self.compute(user)
        with self._lock:
            self._kept[user.id] = (version, value)
            self._kept.move_to_end(user.id)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value
