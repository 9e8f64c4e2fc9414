"""A goal's page lists the entries toward it 20 at a time; "Earlier entries" goes on exactly
where the page stopped, also when many entries share a moment."""
import html as html_lib
import re
import uuid
from datetime import date, datetime

from journal.models import Entry, Goal, User


def entry_texts(page):
    return re.findall(r'<p class="entry-text">([^<]*)</p>', page)


def earlier(page):
    found = re.search(r'<a class="button-link" href="([^"]*)">Earlier entries</a>', page)
    return html_lib.unescape(found.group(1)) if found else None


def test_entries_toward_a_goal_come_20_at_a_time_without_gaps_or_repeats(client, journal):
    goal = journal.api("POST", "/api/v1/goals", json={"title": "Calmer intakes"})
    goal_id = goal.get_json()["id"]
    user, moment = User.get(), datetime(2026, 11, 27, 12)
    rows = [{"id": uuid.uuid4(), "user": user.id, "day": date(2026, 11, 27 - n % 3),
             "text": f"Toward #{n:02d}", "goal": goal_id, "created_at": moment,
             "updated_at": moment} for n in range(47)]
    rows.append({**rows[0], "id": uuid.uuid4(), "goal": None, "text": "Not toward it"})
    Entry.insert_many(rows).execute()
    goal = Goal.get_by_id(goal_id)
    expected = [entry.text for entry in Entry.toward(goal)]
    pages, link = [], f"/goals/{goal_id}"
    while link:
        page = client.get(link).get_data(as_text=True)
        pages.append(entry_texts(page))
        link = earlier(page)
        assert link is None or link.endswith("#linked-heading")
    assert [len(texts) for texts in pages] == [20, 20, 7]
    assert [text for texts in pages for text in texts] == expected
    assert "Not toward it" not in expected
