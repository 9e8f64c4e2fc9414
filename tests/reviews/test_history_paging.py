"""The review history shows half a year of weeks at a time; "Earlier weeks" goes on exactly
where it stopped."""
import html as html_lib
import re
from datetime import datetime

from journal.models import Review, User
from journal.weeks import previous_week, week_of
from tests.conftest import STORED_NOW


def test_the_review_history_is_paged_by_week(client, journal):
    user, week = User.get(), week_of(STORED_NOW.date())
    reviewed = []
    for _ in range(60):  # reviews of the last 60 weeks, some before the account began
        Review.create(user=user, week=week, created_at=datetime(2026, 1, 1),
                      updated_at=datetime(2026, 1, 1))
        reviewed.append(week)
        week = previous_week(week)
    pages, link = [], "/reviews"
    while link:
        page = client.get(link).get_data(as_text=True)
        pages.append(re.findall(r'<a href="/reviews/(\d{4}-W\d\d)">', page))
        found = re.search(r'<a class="button-link" href="([^"]*)">Earlier weeks</a>', page)
        link = html_lib.unescape(found.group(1)) if found else None
    assert [len(weeks) for weeks in pages] == [26, 26, 8]
    assert [week for weeks in pages for week in weeks] == reviewed
    assert client.get("/reviews?before=nonsense").status_code == 200
