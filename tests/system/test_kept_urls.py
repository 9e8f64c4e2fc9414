"""Links every page carries (tabs, header, static files) are built once per app and script root,
and are exactly what url_for builds, also when the app is mounted under a prefix."""
from flask import url_for

from journal.assets import asset_url
from journal.web import kept_url_for


def test_kept_links_equal_url_for_under_any_prefix(app):
    for prefix in ("", "/journal"):
        with app.test_request_context("/", base_url=f"http://localhost{prefix}/"):
            assert kept_url_for("entries.timeline") == url_for("entries.timeline")
            assert kept_url_for("entries.timeline") == f"{prefix}/timeline"
            assert kept_url_for("entries.timeline", tag="a b") == url_for("entries.timeline",
                                                                           tag="a b")
            version = app.extensions["asset_hashes"]["css/app.css"]
            assert asset_url("css/app.css") == f"{prefix}/static/css/app.css?v={version}"


def test_a_page_mounted_under_a_prefix_links_under_it(client):
    html = client.get("/login", base_url="http://localhost/journal/").get_data(as_text=True)
    assert 'href="/journal/static/css/app.css?v=' in html
    html = client.get("/login").get_data(as_text=True)
    assert 'href="/static/css/app.css?v=' in html
