"""My helping conversations, 20 at a time, in both roles."""
import html as html_lib
import re
import uuid
from datetime import datetime

from journal.models import HelpingConversation
from tests.conversations.test_helping_views import BASE, connect, people


def test_helping_conversations_come_20_at_a_time(journal, other):
    ana, bo = people()
    connect(ana, bo)
    moment = datetime(2026, 11, 20, 9)
    rows = [{"id": uuid.uuid4(), "asker": (ana if n % 2 else bo).id,
             "helper": (bo if n % 2 else ana).id, "topic": f"Topic {n}", "status": "closed",
             "created_at": moment, "updated_at": moment} for n in range(33)]
    HelpingConversation.insert_many(rows).execute()
    pages, link = [], BASE
    while link:
        page = journal.client.get(link).get_data(as_text=True)
        pages.append(re.findall(BASE + r'/([0-9a-f-]{36})"', page))
        found = re.search(r'<a class="button-link" href="([^"]*)">Earlier conversations</a>',
                          page)
        link = html_lib.unescape(found.group(1)) if found else None
    shown = [conversation_id for ids in pages for conversation_id in ids]
    assert [len(ids) for ids in pages] == [20, 13]
    assert shown == sorted(str(row["id"]) for row in rows)
