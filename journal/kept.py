"""Values over a person's whole journal, kept in this process until their journal changes.

Days with progress and tag uses are counted over every entry a person ever wrote: at twenty
years that is tens of thousands of rows read on every page. user.journal_version goes up in the
same transaction as every change to their entries (User.journal_changed), so a value kept under
the version this request's own user row carries is what counting afresh would give."""
import threading
from collections import OrderedDict

KEPT_PEOPLE = 5000  # the most recently seen people; about a hundred bytes each and value


class KeptPerPerson:
    """`kept(user)` is `compute(user)`, computed again only when user.journal_version moved."""

    def __init__(self, compute, size=KEPT_PEOPLE):
        self.compute, self.size = compute, size
        self._kept, self._lock = OrderedDict(), threading.Lock()

    def __call__(self, user):
        version = user.journal_version
        with self._lock:
            found = self._kept.get(user.id)
            if found is not None and found[0] == version:
                self._kept.move_to_end(user.id)
                return found[1]
        value = self.compute(user)
        with self._lock:
            self._kept[user.id] = (version, value)
            self._kept.move_to_end(user.id)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value
