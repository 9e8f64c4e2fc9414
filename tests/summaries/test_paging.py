"""The summaries list, 20 at a time (journal.paging): the next page goes on exactly where the
last stopped, also when many summaries were made at the same moment."""
import html as html_lib
import re
import uuid
from datetime import date, datetime, timedelta

from journal import paging
from journal.models import Summary, User

MOMENT = datetime(2026, 11, 27, 12)


def make(user, count, at=MOMENT, step=timedelta(0)):
    Summary.insert_many([{
        "id": uuid.uuid4(), "user": user.id, "period_from": date(2026, 11, 1),
        "period_to": date(2026, 11, 27), "status": "draft", "created_at": at + n * step,
        "updated_at": at + n * step} for n in range(count)]).execute()


def walk(client, link, label):
    pages = []
    while link:
        page = client.get(link).get_data(as_text=True)
        pages.append(re.findall(r'<a href="/summaries/([0-9a-f-]{36})">', page))
        found = re.search(r'<a class="button-link" href="([^"]*)">%s</a>' % label, page)
        link = html_lib.unescape(found.group(1)) if found else None
    return pages


def test_the_list_pages_without_gaps_or_repeats(client, journal):
    user = User.get()
    make(user, 30)  # one moment for all of them: only the id orders them
    make(user, 13, at=MOMENT - timedelta(days=40), step=timedelta(minutes=1))
    pages = walk(client, "/summaries", "Older summaries")
    expected = [str(summary.id) for summary in
                Summary.of(user).order_by(Summary.created_at.desc(), Summary.id)]
    assert [len(ids) for ids in pages] == [20, 20, 3]
    assert [summary_id for ids in pages for summary_id in ids] == expected


def test_twenty_or_fewer_have_no_link(client, journal):
    make(User.get(), 20)
    page = client.get("/summaries").get_data(as_text=True)
    assert "Older summaries" not in page and page.count('class="summary-row') == 20


def test_cursors_read_back_and_nonsense_starts_at_the_top(client, journal):
    make(User.get(), 3)
    rows, cursor = paging.page_after(Summary.of(User.get()), Summary.created_at, size=2)
    assert len(rows) == 2 and paging.parse_cursor(cursor) == (MOMENT, rows[-1].id)
    for broken in (None, "", "2026-11-27T12:00:00", "_", "x_y", "2026-13-01_" + str(rows[0].id)):
        assert paging.parse_cursor(broken) is None
    assert client.get("/summaries?cursor=%00nonsense").status_code in (200, 400)
    assert client.get("/summaries?cursor=nonsense").status_code == 200
