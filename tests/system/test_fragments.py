"""Parts of pages kept once rendered (journal.fragments): the layout's head, header and tabs are
rendered once per language, address and open tab, and each page still shows its own."""
import re
import shutil
from datetime import date

import pytest
from flask import render_template_string
from jinja2 import ChoiceLoader, DictLoader
from markupsafe import escape

from journal import assets
from journal.fragments import freeze, kept_fragment
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


def test_a_fresh_entry_form_is_kept_and_reads_as_the_included_one(app, journal):
    created = journal.api("POST", "/api/v1/goals", {"title": "Lead the <intake> meeting",
                                                     "ring": "outer"})
    assert created.status_code == 201
    html = journal.client.get("/").get_data(as_text=True)
    assert "Lead the &lt;intake&gt; meeting</option>" in html
    with app.test_request_context("/"):
        from journal.models import Goal
        goals = list(Goal.select())
        values = {"action": "/entries", "question": "Q?", "submit_label": "Save", "today": None,
                  "form": {}, "errors": {}, "goals": goals}
        included = render_template_string('{% include "entries/_form.html" %}', **values)
        kept = render_template_string('{% include "entries/_form.html" %}', **values,
                                      goal_choices=[{"id": str(g.id), "title": g.title}
                                                    for g in goals])
        token = re.search(r'name="csrf_token" value="([^"]+)"', kept).group(1)
        assert token in included, "the token is the request's own, outside what is kept"
        assert squeezed(kept) == squeezed(included)
        assert "Lead the &lt;intake&gt; meeting" in kept


def squeezed(html):
    return re.sub(r"\s+", " ", html).strip()


def test_a_form_with_what_was_typed_is_never_kept(app, journal):
    kept = app.extensions["kept_fragments"]
    sizes = []
    for helped in ("A quiet morning", "Sam's advice"):
        response = journal.client.post("/entries", data={
            "csrf_token": journal.token("/"), "text": "", "helped": helped})
        assert response.status_code == 422
        assert escape(helped) in response.get_data(as_text=True)
        sizes.append(kept.cache_info().currsize)
    assert sizes[0] == sizes[1], "what was typed is no part of anything kept"


def test_only_plain_data_is_part_of_a_key(app, journal):
    from journal.models import User
    with app.test_request_context("/"):
        assert freeze({"weeks": [{"days": 3}], "on": date(2026, 12, 2)}) == \
            {"weeks": ({"days": 3},), "on": date(2026, 12, 2)}
        hash(freeze({"weeks": [{"days": 3}]}))
        with pytest.raises(TypeError):
            freeze({"person": User.get()})
        with pytest.raises(TypeError):
            freeze({"days": 3})["days"] = 4


def test_a_kept_part_cannot_carry_the_csrf_token(app, journal):
    app.jinja_env.loader = ChoiceLoader([
        DictLoader({"with_token.html": '<input value="{{ csrf_token() }}">'}),
        app.jinja_env.loader])
    with app.test_request_context("/"), pytest.raises(RuntimeError):
        kept_fragment("with_token.html")



def test_a_new_release_of_the_static_files_renders_the_layout_again(app, journal, tmp_path):
    static_copy = tmp_path / "static"
    shutil.copytree(app.static_folder, static_copy)
    app.static_folder = str(static_copy)
    assets.refresh(app)
    before = re.search(r'href="(/static/css/app.css\?v=\w+)"',
                       journal.client.get("/").get_data(as_text=True)).group(1)
    css = static_copy / "css" / "app.css"
    css.write_text(css.read_text() + "\n:root { --release-marker: 2; }\n")
    assets.refresh(app)
    after = re.search(r'href="(/static/css/app.css\?v=\w+)"',
                      journal.client.get("/").get_data(as_text=True)).group(1)
    assert after != before and after == asset_link(app, "css/app.css")


def asset_link(app, name):
    with app.test_request_context("/"):
        return assets.asset_url(name)
