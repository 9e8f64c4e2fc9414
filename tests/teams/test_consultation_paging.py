"""A team's cases: the open ones first, then the closed ones 20 at a time; the next page goes
on exactly where the last stopped."""
import html as html_lib
import re
import uuid
from datetime import datetime

from journal.models import Consultation, User
from tests.teams.test_consultation_pages import index, team  # noqa: F401 (a fixture)


def test_closed_cases_come_20_at_a_time_after_the_open_ones(journal, team):  # noqa: F811
    ana, moment = User.by_email("ana@example.org"), datetime(2026, 11, 20, 9)
    rows = [{"id": uuid.uuid4(), "team": team.id, "owner": ana.id, "case": f"Case {n}",
             "status": "closed" if n >= 3 else "open", "created_at": moment,
             "updated_at": moment, "closed_at": moment} for n in range(48)]
    Consultation.insert_many(rows).execute()
    pages, link = [], index(team)
    while link:
        page = journal.client.get(link).get_data(as_text=True)
        pages.append(re.findall(r'/consultations/([0-9a-f-]{36})"', page))
        found = re.search(r'<a class="button-link" href="([^"]*)">Earlier cases</a>', page)
        link = html_lib.unescape(found.group(1)) if found else None
    by_id = {str(row["id"]): row for row in rows}
    shown = [case_id for ids in pages for case_id in ids]
    assert [len(ids) for ids in pages] == [23, 20, 5]
    assert [by_id[case_id]["status"] for case_id in pages[0][:3]] == ["open"] * 3
    assert sorted(shown) == sorted(by_id) and len(set(shown)) == len(shown)
    assert shown[3:] == sorted(shown[3:])  # one moment: closed cases by id
