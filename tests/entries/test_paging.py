"""Bounded lists of entries: the home page shows today's latest 20 and a link to the rest; a
timeline page holds at most 14 days and at most 50 entries, and its "Earlier entries" link goes
on exactly where it stopped (nothing skipped or repeated, many entries at one moment or not)."""
import html as html_lib
import re
import uuid
from datetime import date, datetime, timedelta

from journal.entries import timeline
from journal.models import Entry, EntryTag, User

TODAY = date(2026, 11, 27)
MOMENT = datetime(2026, 11, 27, 12, 0)


def add(day, count, *, prefix=None, at=MOMENT, tags=(), step=timedelta(0)):
    """`count` entries of Ana's on `day`, made at `at` (+ n * `step`); returns their texts."""
    user = User.get()
    prefix = prefix or day.isoformat()
    rows = [{"id": uuid.uuid4(), "user": user.id, "day": day, "text": f"{prefix} #{n:03d}",
             "search_text": f"{prefix} #{n:03d}", "created_at": at + n * step,
             "updated_at": at + n * step} for n in range(count)]
    Entry.insert_many(rows).execute()
    if tags:
        EntryTag.insert_many([{"entry": row["id"], "user": user.id, "name": tag}
                              for row in rows for tag in tags]).execute()
    return [row["text"] for row in rows]


def texts(page):
    return re.findall(r'<p class="entry-text">([^<]*)</p>', page)


def next_link(page, label="Earlier entries"):
    found = re.search(r'<a class="button-link" href="([^"]*)">%s</a>' % label, page)
    return html_lib.unescape(found.group(1)) if found else None


def newest_first():
    return [entry.text for entry in Entry.of(User.get())]


def walk(client, start):
    """Every page from `start` on, following "Earlier entries": [[texts of each page]]."""
    pages, link = [], start
    while link:
        page = client.get(link).get_data(as_text=True)
        pages.append(texts(page))
        link = next_link(page)
        assert len(pages) < 50, "the pages never end"
    return pages


def test_home_shows_todays_latest_20_and_the_rest_is_a_link_away(client, journal):
    add(TODAY, 45)  # all at one moment: only the id tells them apart
    add(TODAY - timedelta(days=1), 3)
    page = client.get("/").get_data(as_text=True)
    shown = texts(page)
    assert shown == newest_first()[:20]
    more = next_link(page, "More from today")
    assert more.startswith("/timeline?cursor=")
    rest = walk(client, more)
    assert [text for texts_ in rest for text in texts_] == newest_first()[20:]


def test_home_without_more_than_20_has_no_link(client, journal):
    add(TODAY, 20)
    page = client.get("/").get_data(as_text=True)
    assert len(texts(page)) == 20 and next_link(page, "More from today") is None


def test_a_timeline_page_holds_at_most_50_entries_and_the_next_goes_on_exactly(client, journal):
    add(TODAY, 130)  # one heavy day, every entry at the same moment
    add(TODAY - timedelta(days=1), 30, step=timedelta(seconds=1))
    add(TODAY - timedelta(days=3), 2)
    pages = walk(client, "/timeline")
    assert [len(page) for page in pages] == [50, 50, 50, 12]
    assert [text for page in pages for text in page] == newest_first()


def test_a_timeline_page_holds_at_most_14_days(client, journal):
    for offset in range(30):
        add(TODAY - timedelta(days=offset), 2)
    page = client.get("/timeline").get_data(as_text=True)
    assert len(texts(page)) == 28
    assert next_link(page) == "/timeline?before=2026-11-14"  # a whole day: the plain link
    pages = walk(client, "/timeline")
    assert [len(page) for page in pages] == [28, 28, 4]
    assert [text for page in pages for text in page] == newest_first()


def test_the_next_page_keeps_the_filters(client, journal):
    add(TODAY, 60, prefix="tagged", tags=["r&d team"])
    add(TODAY, 10, prefix="untagged")
    first = client.get("/timeline?tag=r%26d+team").get_data(as_text=True)
    link = next_link(first)
    assert "tag=r%26d+team" in link and "cursor=" in link
    pages = walk(client, "/timeline?tag=r%26d+team")
    assert [len(page) for page in pages] == [50, 10]
    assert all(text.startswith("tagged") for page in pages for text in page)
    assert len({text for page in pages for text in page}) == 60


def test_an_entry_added_meanwhile_does_not_shift_the_next_page(client, journal):
    add(TODAY, 70, step=timedelta(seconds=1))
    first = client.get("/timeline").get_data(as_text=True)
    add(TODAY, 5, prefix="newer", at=MOMENT + timedelta(hours=1))
    second = texts(client.get(next_link(first)).get_data(as_text=True))
    assert texts(first) + second == [t for t in newest_first() if not t.startswith("newer")]


def test_a_broken_cursor_shows_the_first_page(client, journal):
    add(TODAY, 3)
    for cursor in ("nonsense", "%%%", "W10=", "x" * 500):
        response = client.get("/timeline", query_string={"cursor": cursor})
        assert response.status_code == 200
        assert texts(response.get_data(as_text=True)) == newest_first()


def test_cursors_read_back_what_they_wrote(journal):
    add(TODAY, 1)
    entry = Entry.get()
    assert timeline.parse_cursor(timeline.cursor_of(entry)) == (
        entry.day, entry.created_at, entry.id)
    for broken in (None, "", "e30", "W10", "WyIyMDI2LTEzLTAxIiwgIngiLCAieSJd"):
        assert timeline.parse_cursor(broken) is None
