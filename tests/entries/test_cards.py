"""Entry cards (journal/entries/cards.py, offered to templates by templates/entries/_entry.html):
their fixed words are translated once per page, their tag and edit links come from addresses
worked out once per page, quoted exactly as url_for quotes them, and what a person wrote is
escaped wherever it shows."""
import html as html_lib
import re

import pytest
from babel.support import Translations
from flask import url_for
from markupsafe import escape
from werkzeug.routing import MapAdapter

from journal.entries import cards
from journal.models import Entry
from journal.models.entry import with_tags

AWKWARD_TAGS = ["two words", "c#", "r&d", "a/b", "café", "x+y", "100%", "q?=1", "日本",
                "it's", "<b>"]


def hrefs(page, css_class=None):
    pattern = (r'<a class="%s" href="([^"]*)"' % css_class if css_class
               else r'<li><a href="([^"]*)">#')
    return [html_lib.unescape(link) for link in re.findall(pattern, page)]


def test_tag_links_are_quoted_as_url_for_quotes_them_and_lead_to_the_tag(app, client, journal):
    assert journal.api("POST", "/api/v1/entries",
                       json={"text": "Awkward tags", "tags": AWKWARD_TAGS}).status_code == 201
    assert journal.api("POST", "/api/v1/entries", json={
        "text": "Plain tags", "tags": ["two"], "day": "2026-11-26"}).status_code == 201
    links = hrefs(client.get("/timeline").get_data(as_text=True))
    with app.test_request_context("/"):
        expected = [url_for("entries.timeline", tag=tag) for tag in AWKWARD_TAGS]
    assert links[:len(AWKWARD_TAGS)] == expected
    assert "/timeline?tag=two+words" in links and "/timeline?tag=c%23" in links
    assert "/timeline?tag=r%26d" in links and "/timeline?tag=caf%C3%A9" in links
    for tag, link in zip(AWKWARD_TAGS, links, strict=False):
        page = client.get(link).get_data(as_text=True)
        assert "Awkward tags" in page and "Plain tags" not in page, tag
        assert f'<option value="{escape(tag)}" selected>' in page, tag


def test_the_edit_link_is_the_one_url_for_writes(app, client, journal):
    journal.post_entry("Edit me")
    entry = Entry.get()
    with app.test_request_context("/"):
        expected = url_for("entries.edit", entry_id=entry.id)
    for path in ("/", "/timeline"):
        assert hrefs(client.get(path).get_data(as_text=True), "edit-link") == [expected]
    assert client.get(expected).status_code == 200


def test_the_cards_words_in_english_and_dutch(app, client, journal):
    journal.post_entry("A setback", kind="setback", meaning="4", learned="L", try_next="T",
                       helped="H", hindered="G")
    english = client.get("/timeline").get_data(as_text=True)
    for words in ("Not yet", "Meaningful: 4 of 5", "<dt>Learned</dt>", "<dt>Next try</dt>",
                  "<dt>Helped</dt>", "<dt>Got in the way</dt>", ">Edit<span"):
        assert words in english
    client.post("/settings", data={"csrf_token": journal.token("/settings"),
                                   "display_name": "Ana", "timezone": "Europe/Amsterdam",
                                   "language": "nl", "review_weekday": "5"})
    dutch = client.get("/timeline").get_data(as_text=True)
    for words in ("Nog niet", "Betekenisvol: 4 van 5", "<dt>Geleerd</dt>",
                  "<dt>Volgende poging</dt>", "<dt>Hielp</dt>", "<dt>Wat je in de weg zat</dt>",
                  ">Bewerken<span"):
        assert words in dutch
    assert set(app.extensions["entry_card_words"]) == {"en", "nl"}


def counting(monkeypatch, cls, name):
    """Count the calls of the method `name` of `cls` (patched on the class: templates keep the
    functions they were given, imported macros too)."""
    calls = []
    original = getattr(cls, name)

    def counted(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


@pytest.mark.parametrize("path", ["/", "/timeline"])
def test_more_cards_cost_no_more_translations_or_url_for(app, client, journal, monkeypatch,
                                                          path):
    def calls_with(entries):
        while Entry.select().count() < entries:
            journal.api("POST", "/api/v1/entries", json={
                "text": "Card", "kind": "setback", "meaning": 3, "learned": "L",
                "try_next": "T", "helped": "H", "hindered": "G", "tags": ["a", "b c"]})
        client.get(path)  # warm: the words are cached per app and language after this
        translations = counting(monkeypatch, Translations, "ugettext")
        links = counting(monkeypatch, MapAdapter, "build")
        assert client.get(path).status_code == 200
        monkeypatch.undo()
        return len(translations), len(links)

    assert calls_with(1) == calls_with(6)


def test_a_template_that_passes_no_card_still_gets_the_pages_one(app, journal):
    journal.post_entry("Alone")
    with app.test_request_context("/"):
        first, second = cards.entry_cards(), cards.entry_cards()
    assert first is second


def test_what_was_written_is_escaped_on_every_card(app, client, journal):
    hostile = '<script>alert("x")</script> & more words to make the text longer than forty'
    journal.post_entry(hostile, kind="setback", learned="<b>bold</b>", try_next="a & b",
                       helped="it's", hindered='"quoted"', tags="<i>")
    page = client.get("/timeline").get_data(as_text=True)
    assert "<script>alert" not in page and "<b>bold" not in page and "<i>" not in page
    assert f'<p class="entry-text">{escape(hostile)}</p>' in page
    for note in ("<b>bold</b>", "a & b", "it's", '"quoted"'):
        assert f"<dd>{escape(note)}</dd>" in page
    assert f">#{escape('<i>')}</a>" in page
    with app.test_request_context("/"):
        short = app.jinja_env.from_string("{{ text|truncate(40) }}").render(text=hostile)
    assert f'<span class="visually-hidden">: {short}</span>' in page, "as Jinja shortens"


def test_pages_that_show_cards_through_the_macro_show_the_same_card(app, client, journal):
    journal.post_entry("Reviewed with Sam", tags="team")
    timeline = client.get("/timeline").get_data(as_text=True)
    card = re.search(r'<article class="entry">.*?</article>', timeline, re.S).group(0)
    with app.test_request_context("/"):
        macro = app.jinja_env.from_string(
            '{% from "entries/_entry.html" import entry_card %}{{ entry_card(entry) }}')
        [entry] = with_tags([Entry.get()])
        assert macro.render(entry=entry).strip() == card
