"""What people shared with a manager, 20 at a time, newest first; the next page goes on exactly
where the last stopped."""
import html as html_lib
import re
from datetime import datetime

from journal.models import Summary
from tests.shared.test_views import people, share


def test_the_shared_list_pages_without_gaps_or_repeats(journal, other):
    ana, bo = people()
    moment = datetime(2026, 11, 26, 9)
    for n in range(25):
        share(ana, bo, shared_at=moment if n < 15 else datetime(2026, 10, 1 + n, 9))
    share(ana, bo, status="draft")
    pages, link = [], "/shared"
    while link:
        page = other.client.get(link).get_data(as_text=True)
        pages.append(re.findall(r'href="/shared/([0-9a-f-]{36})"', page))
        found = re.search(r'<a class="button-link" href="([^"]*)">Older summaries</a>', page)
        link = html_lib.unescape(found.group(1)) if found else None
    expected = [str(summary.id) for summary in Summary.select().where(Summary.status == "shared")
                .order_by(Summary.shared_at.desc(), Summary.id)]
    assert [len(ids) for ids in pages] == [20, 5]
    assert [summary_id for ids in pages for summary_id in ids] == expected
