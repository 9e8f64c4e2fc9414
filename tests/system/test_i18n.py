"""English and Dutch: a complete catalogue, and Dutch pages without English left in them."""
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import STORED_NOW

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "journal/translations/nl/LC_MESSAGES/messages.po"


def catalog():
    with open(PO, "rb") as handle:
        return read_po(handle)


def translated_pairs():
    """(English, Dutch) for every message whose Dutch differs from its English."""
    pairs = []
    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(en, nl) for en, nl in zip(ids, strings) if en != nl]
    return pairs


def test_every_message_has_a_dutch_translation():
    missing = []
    for message in catalog():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "fuzzy" in message.flags or not all(strings):
            missing.append(message.id)
    assert missing == []


def test_the_catalogue_holds_every_string_in_the_source(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                    "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "journal", "templates"],
                   cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as handle:
        in_source = {m.id for m in read_po(handle) if m.id}
    in_catalogue = {m.id for m in catalog() if m.id}
    assert len(in_source) > 100, "extraction found the strings"
    assert in_source - in_catalogue == set(), "run `make translations` and translate"


class VisibleText(HTMLParser):
    """Collects what a person sees or hears: text nodes and labelling attributes."""

    def __init__(self):
        super().__init__()
        self.chunks, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("placeholder", "aria-label", "title", "alt") and value:
                self.chunks.append(value)
            if name == "content" and dict(attrs).get("name") == "description":
                self.chunks.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(" ".join(data.split()))


def english_left_in(html):
    """English messages that appear untranslated in a page."""
    parser = VisibleText()
    parser.feed(html)
    chunks = set(parser.chunks)
    text = " | ".join(parser.chunks)
    found = set()
    for english, _dutch in translated_pairs():
        fragments = [f.strip(" .:,?") for f in re.split(r"%\(\w+\)s", english)]
        if english in chunks:
            found.add(english)
        for fragment in fragments:
            if len(fragment.split()) >= 2 and fragment in text:
                found.add(english)
    return found


@pytest.fixture
def dutch(client, journal):
    client.post("/settings", data={"csrf_token": journal.token("/settings"),
                                   "display_name": "Ana", "timezone": "Europe/Amsterdam",
                                   "language": "nl"})
    journal.post_entry("Intakegesprek rustiger gevoerd", tags="intake", meaning="4",
                       helped="Sam", hindered="Telefoon")
    journal.post_entry("Deadline gemist", kind="setback", learned="Eerder beginnen",
                       try_next="Plan maken", day="2026-11-20")
    return journal


def test_dutch_pages_have_no_english_left(client, dutch):
    from journal.models import Entry
    entry = Entry.get(Entry.kind == "setback")
    token = dutch.token("/")
    client.post("/goals/new", data={"csrf_token": token, "title": "Rustiger overleg",
                                    "ring": "outer"})
    client.post("/goals/new", data={"csrf_token": token, "title": "Archief op orde",
                                    "ring": "inner"})
    from journal.models import Goal
    goal = Goal.get(Goal.title == "Rustiger overleg")
    client.post(f"/goals/{goal.id}/steps", data={"csrf_token": token, "text": "Agenda sturen"})
    client.post("/reviews/2026-W47", data={"csrf_token": token, "improved": ["Rust"]})
    pages = ["/", "/timeline", "/timeline?q=niets", "/settings", "/settings/password",
             f"/entries/{entry.id}/edit", "/does-not-exist", "/reviews", "/reviews/2026-W48",
             "/reviews/2026-W47", "/reviews/2026-W60", "/goals", "/goals/new",
             f"/goals/{goal.id}", f"/goals/{goal.id}/edit", "/quick", "/offline",
             "/settings/notifications", "/charts", "/charts?range=1y"]
    for path in pages:
        html = client.get(path).get_data(as_text=True)
        assert english_left_in(html) == set(), path
    bad = dutch.post_entry("", day="2030-01-01").get_data(as_text=True)
    assert english_left_in(bad) == set()
    bad_review = client.post("/reviews/2026-W48", data={"csrf_token": token, "scale": "11"})
    assert english_left_in(bad_review.get_data(as_text=True)) == set()
    assert "Schrijf een paar woorden over je vooruitgang." in bad


def test_dutch_dates_are_in_dutch(client, dutch):
    html = client.get("/timeline").get_data(as_text=True)
    assert "vrijdag 20 november 2026" in html
    assert ">Vandaag<" in html
    assert '<html lang="nl">' in html


def test_public_pages_follow_the_browser_language(client):
    for path in ("/login", "/signup"):
        html = client.get(path, headers={"Accept-Language": "nl-NL,nl;q=0.9"}).get_data(
            as_text=True)
        assert english_left_in(html) == set(), path
        assert "Inloggen" in html


def test_the_language_can_be_chosen_on_public_pages(client):
    client.get("/language/nl?next=/signup")
    assert "Begin je dagboek" in client.get("/signup").get_data(as_text=True)
    client.get("/language/en")
    assert "Create your journal" in client.get("/signup").get_data(as_text=True)


def test_english_pages_are_english(client, journal):
    html = client.get("/").get_data(as_text=True)
    assert "What meaningful progress did you make today?" in html
    assert '<html lang="en">' in html
    assert "What meaningful progress did you make today?" in english_left_in(html), \
        "the detector used on Dutch pages does find English"


def test_dutch_sharing_pages_have_no_english_left(app, client, dutch):
    """The pages around progress conversations, on both sides, in Dutch."""
    from datetime import date, datetime

    from journal.models import Checklist, Connection, Summary, SummaryItem, User
    from tests.conftest import Journal
    bas = Journal(app.test_client())
    bas.signup(email="bas@example.org", name="Bas", language="nl")
    ana = User.get(User.email == "ana@example.org")
    manager = User.get(User.email == "bas@example.org")
    Connection.create(created_at=STORED_NOW, employee=ana, manager=manager)
    shared = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=ana,
                            period_from=date(2026, 11, 1), period_to=date(2026, 11, 27),
                            achieved="Rustiger intakes", conversation_on=date(2026, 11, 30),
                            status="shared", manager=manager, shared_at=datetime(2026, 11, 27))
    SummaryItem.create(summary=shared, text="Intake zelf gedaan")
    draft = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=ana,
                           period_from=date(2026, 11, 1), period_to=date(2026, 11, 27),
                           want="Maandag zelf")
    for when, column in ((datetime(2026, 10, 1), "more"), (datetime(2026, 11, 27), "already")):
        Checklist.create(updated_at=STORED_NOW, user=manager, created_at=when,
                         first_step="Vragen stellen",
                         answers=f'{{"p4_circle": "{column}"}}')
    token = dutch.token("/")
    dutch.client.post("/people/invitations", data={"csrf_token": token, "kind": "link"})
    employee_pages = ["/", "/conversations", "/people", "/summaries", "/summaries/new",
                      f"/summaries/{shared.id}", f"/summaries/{draft.id}",
                      f"/summaries/{draft.id}/preview", "/meeting", "/settings/data",
                      "/settings/data/delete", "/settings/tokens"]
    for path in employee_pages:
        html = client.get(path).get_data(as_text=True)
        assert english_left_in(html) == set(), path
    checklist = Checklist.select().where(Checklist.user == manager).order_by(
        Checklist.created_at.desc()).first()
    manager_pages = ["/conversations", "/people", "/shared", f"/shared/{shared.id}", "/checklist",
                     "/checklist/new", f"/checklist/{checklist.id}", "/checklist/compare",
                     f"/checklist/{checklist.id}/edit"]
    for path in manager_pages:
        html = bas.client.get(path).get_data(as_text=True)
        assert english_left_in(html) == set(), path
    bad = bas.client.post("/people/invitations", data={
        "csrf_token": bas.token("/"), "email": "bas@example.org"}).get_data(as_text=True)
    assert english_left_in(bad) == set()


# -- Issue 14: names, dates and words ----------------------------------------------------------

@pytest.mark.parametrize("name, first", [("Sanne de Vries", "Sanne"), ("Ana", "Ana"),
                                          ("  Bo  Jansen ", "Bo"), ("Jan-Willem van Dijk",
                                                                    "Jan-Willem")])
def test_people_are_greeted_by_the_first_word_of_their_name(name, first):
    from journal.i18n import first_name
    assert first_name(name) == first


@pytest.mark.parametrize("locale, long, weekday, full, week", [
    ("en", "30 November 2026", "Monday 30 November", "Monday 30 November 2026",
     "23\u2009–\u200929 Nov 2026"),
    ("nl", "30 november 2026", "maandag 30 november", "maandag 30 november 2026",
     "23\u2009–\u200929 nov 2026")])
def test_dates_read_day_before_month_in_both_languages(locale, long, weekday, full, week):
    from datetime import date

    from journal.i18n import day_text, range_text
    day = date(2026, 11, 30)
    assert day_text(day, "long", locale) == long
    assert day_text(day, "weekday", locale) == weekday
    assert day_text(day, "full", locale) == full
    assert range_text(date(2026, 11, 23), date(2026, 11, 29), locale).replace(
        "\u2009", "") == week.replace("\u2009", "")


def test_english_pages_write_dates_day_before_month(client, journal):
    journal.post_entry("Older", day="2026-11-20")
    home = client.get("/").get_data(as_text=True)
    assert '<span class="date">27 November 2026</span>' in home  # the clock: 27 November
    assert "Friday 20 November 2026" in client.get("/timeline").get_data(as_text=True)
    week = client.get("/reviews/2026-W48").get_data(as_text=True)
    assert "23\u2009–\u200929 Nov 2026" in week


def test_dutch_words_of_issue_14(client, dutch):
    """These wait for the lead to merge /tmp/work/nl-words.json into the catalogue."""
    home = client.get("/").get_data(as_text=True)
    assert "Wat zat je in de weg?" in home
    assert "Wat probeer je hierna? Dat het nog niet lukt, hoort bij leren." in home
    assert "Wat je in de weg zat" in client.get("/timeline").get_data(as_text=True)
    assert "Eigen periode" in client.get("/summaries/new").get_data(as_text=True)
