"""Earlier checklists, 20 at a time; "Latest" only on the newest."""
import html as html_lib
import re
import uuid
from datetime import datetime, timedelta

from journal.models import Checklist, User


def test_checklists_come_20_at_a_time(client, journal):
    user, moment = User.get(), datetime(2026, 11, 27, 9)
    Checklist.insert_many([{"id": uuid.uuid4(), "user": user.id,
                            "created_at": moment - timedelta(days=n // 2),
                            "updated_at": moment} for n in range(45)]).execute()
    pages, link, latest = [], "/checklist", 0
    while link:
        page = client.get(link).get_data(as_text=True)
        pages.append(re.findall(r'href="/checklist/([0-9a-f-]{36})"', page))
        latest += page.count('<span class="week-state">Latest</span>')
        found = re.search(r'<a class="button-link" href="([^"]*)">Earlier checklists</a>', page)
        link = html_lib.unescape(found.group(1)) if found else None
    expected = [str(row.id) for row in
                Checklist.of(user).order_by(Checklist.created_at.desc(), Checklist.id)]
    assert [len(ids) for ids in pages] == [20, 20, 5]
    assert [checklist_id for ids in pages for checklist_id in ids] == expected
    assert latest == 1
