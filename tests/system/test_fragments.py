"""Parts of pages kept once rendered (journal.fragments): the layout's head, header and tabs are
rendered once per language, address and open tab, and each page still shows its own."""
import re

from flask import render_template_string

from journal.fragments import kept_fragment
from tests.conftest import Journal


def open_links(html):
    """The labels of the links marked as the open one."""
    return re.findall(r'aria-current="page">.*?<span>([^<]+)</span>', html, re.S)


def test_each_page_marks_its_own_tab_or_header_link(journal):
    pages = {"/": ["Today"], "/timeline": ["Timeline"], "/reviews": ["Review"],
             "/goals": ["Goals"], "/settings": ["Settings"], "/conversations": ["Conversations"],
             "/settings/notifications": ["Settings"]}
    for path, expected in pages.items():
        html = journal.client.get(path).get_data(as_text=True)
        assert open_links(html) == expected, path


def test_the_layout_is_rendered_once_then_kept(app, journal):
    kept = app.extensions["kept_fragments"]
    journal.client.get("/timeline")
    before = kept.cache_info()
    journal.client.get("/timeline")
    after = kept.cache_info()
    assert after.misses == before.misses, "nothing was rendered again"
    assert after.hits - before.hits == 3, "head, header and tabs came from what was kept"


def test_each_language_has_its_own_layout(app, journal):
    english = journal.client.get("/").get_data(as_text=True)
    bas = Journal(app.test_client())
    bas.signup(email="bas@example.org", name="Bas", language="nl")
    dutch = bas.client.get("/").get_data(as_text=True)
    assert "<span>Timeline</span>" in english and "<span>Tijdlijn</span>" not in english
    assert "<span>Tijdlijn</span>" in dutch and "<span>Timeline</span>" not in dutch
    assert 'lang="nl"' in dutch and "Naar de inhoud" in dutch


def test_a_kept_part_knows_nothing_of_the_person(app, journal):
    with app.test_request_context("/"):
        text = render_template_string("{{ kept_fragment('layout/header.html', signed_in=True, "
                                      "current=None) }}")
        assert "Ana" not in text and "ana@example.org" not in text
        assert kept_fragment("layout/header.html", signed_in=True, current=None) == text


def test_the_address_is_part_of_the_key(client):
    mounted = client.get("/login", base_url="http://localhost/journal/").get_data(as_text=True)
    plain = client.get("/login").get_data(as_text=True)
    assert 'href="/journal/static/css/app.css?v=' in mounted
    assert 'href="/static/css/app.css?v=' in plain and "/journal/" not in plain
