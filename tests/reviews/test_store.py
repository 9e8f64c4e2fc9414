"""What the weekly review reads beyond one week."""
from datetime import date, datetime

from journal.models import Entry, Review, User
from journal.reviews.store import further_back_rows, journal_start, needs_history
from tests.conftest import STORED_NOW


def add_entry(user, day, text="A small step", kind="progress"):
    return Entry.create_for(user, {"day": day, "text": text, "kind": kind, "meaning": None,
                                   "tags": []}, now=STORED_NOW)


def test_the_journal_starts_on_the_local_sign_up_day_or_an_older_first_entry(journal):
    ana = User.get()
    assert journal_start(ana) == date(2026, 11, 27)
    User.update(created_at=datetime(2026, 11, 26, 23, 30)).execute()  # 00:30 in Amsterdam
    assert journal_start(User.get()) == date(2026, 11, 27)
    add_entry(ana, date(2026, 11, 28))
    assert journal_start(User.get()) == date(2026, 11, 27), "a later entry changes nothing"
    add_entry(ana, date(2025, 3, 4), "Imported")
    assert journal_start(User.get()) == date(2025, 3, 4)


def test_further_back_rows_are_the_persons_own_of_those_weeks(journal, other):
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    Review.save_week(ana, "2025-W48", {"improved": ["Mine"]}, now=STORED_NOW)
    Review.save_week(bo, "2025-W46", {"improved": ["Bo's"]}, now=STORED_NOW)
    add_entry(ana, date(2025, 11, 30), "Sunday of 2025-W48")
    add_entry(ana, date(2025, 12, 1), "Monday after")
    add_entry(bo, date(2025, 11, 11), "Bo's entry")
    improved, entries = further_back_rows(ana, ["2025-W48", "2025-W46"])
    assert improved == {"2025-W48": ["Mine"]}
    assert [entry.text for entry in entries] == ["Sunday of 2025-W48"]


def test_needs_history_is_every_review_before_the_week(journal):
    ana = User.get()
    Review.save_week(ana, "2026-W46", {"competence": 2, "autonomy": None}, now=STORED_NOW)
    Review.save_week(ana, "2026-W48", {"competence": 5}, now=STORED_NOW)
    assert needs_history(ana, "2026-W48") == [
        ("2026-W46", {"autonomy": None, "competence": 2, "relatedness": None})]
