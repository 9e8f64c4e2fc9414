"""The installable app: manifest, service worker script, shell pages, session endpoint."""
import gzip
import json
import re
from pathlib import Path

import brotli

from journal.models import User
from tests.conftest import Journal


def test_manifest_has_what_installation_needs(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    for key in ("name", "short_name", "description", "start_url", "scope", "theme_color",
                "background_color"):
        assert manifest[key], key
    assert manifest["display"] == "standalone" and manifest["scope"] == "/"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert manifest["shortcuts"][0]["name"] == "Log progress"
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200 and image.mimetype == "image/png"
        width, height = int.from_bytes(image.data[16:20], "big"), int.from_bytes(image.data[20:24], "big")
        assert f"{width}x{height}" == icon["sizes"]


def test_manifest_speaks_dutch_for_dutch_browsers(client):
    manifest = client.get("/manifest.webmanifest", headers={"Accept-Language": "nl"}).get_json()
    assert manifest["name"] == "Progressiedagboek" and manifest["lang"] == "nl"


def test_every_page_links_the_manifest_and_ios_icons(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'rel="apple-touch-icon"' in html and 'apple-mobile-web-app-capable' in html


def test_worker_is_served_at_the_root_without_http_caching(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    assert "__VERSION__" not in body and "__PRECACHE__" not in body
    precache = re.search(r"const PRECACHE_URLS = (\[.*?\]);", body).group(1)
    assert '"/quick"' in precache and '"/offline"' in precache
    assert re.search(r'"/static/css/app.css\?v=[0-9a-f]{12}"', precache)


def test_worker_version_changes_with_its_source(app, client):
    def version():
        return re.search(r'const VERSION = "(\w+)"', client.get("/sw.js").get_data(as_text=True))[1]
    before = version()
    app.extensions["worker_source"] += "\n// next release\n"
    assert version() != before


def test_versioned_static_files_are_cached_for_good(client):
    html = client.get("/login").get_data(as_text=True)
    css_url = re.search(r'href="(/static/css/app.css\?v=\w+)"', html).group(1)
    response = client.get(css_url)
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_pages_and_assets_are_compressed(client):
    response = client.get("/login", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    response = client.get("/static/css/app.css", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"


def test_static_files_are_compressed_once_at_the_best_level(app, client):
    raw = (Path(app.static_folder) / "css" / "app.css").read_bytes()
    first = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip, br"})
    assert brotli.decompress(first.data) == raw
    assert len(first.data) == len(brotli.compress(raw, quality=11)), "brotli at its best"
    assert first.headers["Content-Length"] == str(len(first.data))
    assert "Accept-Encoding" in first.headers["Vary"]
    kept = dict(app.extensions["compressed_static"][0])
    again = client.get("/static/css/app.css", headers={"Accept-Encoding": "br"})
    assert again.data == first.data and app.extensions["compressed_static"][0] == kept
    zipped = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip" and gzip.decompress(zipped.data) == raw
    assert zipped.headers["ETag"] != first.headers["ETag"], "each encoding its own validator"
    plain = client.get("/static/css/app.css", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.data == raw
    unchanged = client.get("/static/css/app.css", headers={
        "Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304 and not unchanged.data


def test_pages_are_compressed_fast(client):
    """Made anew for every request, a page is compressed at brotli's fastest level."""
    response = client.get("/login", headers={"Accept-Encoding": "br"})
    html = brotli.decompress(response.data)
    assert response.data == brotli.compress(html, quality=1)


def test_shell_pages_hold_no_user_data(client, journal):
    journal.post_entry("Private progress note")
    user = User.get()
    for path in ("/quick", "/offline"):
        html = client.get(path).get_data(as_text=True)
        assert str(user.id) not in html and "Private progress note" not in html
        assert "Ana" not in html and "ana@example.org" not in html
        assert "Saved. Small steps count." not in html.split("journal-messages")[0], \
            "flash messages are not consumed or shown"


def test_session_endpoint_gives_the_user_and_a_fresh_token(client, journal):
    body = journal.api("GET", "/api/v1/session").get_json()
    assert body["user"]["id"] == str(User.get().id)
    assert body["csrf_token"]
    journal.logout()
    assert client.get("/api/v1/session").status_code == 401


def test_pages_carry_the_words_the_script_needs(client, journal):
    html = client.get("/").get_data(as_text=True)
    raw = re.search(r'<script type="application/json" id="journal-messages">(.*?)</script>',
                    html).group(1)
    words = json.loads(raw)
    assert words["saved_offline"] == "Saved on this phone — it will sync."
    assert words["waiting"] == ["{n} entry is waiting to sync.", "{n} entries are waiting to sync."]


def test_the_script_s_counted_words_are_dutch_on_a_dutch_page(client):
    """The offline queue's counts and the only warning about possible loss were English on
    Dutch pages (their words never reached the catalogue)."""
    Journal(client).signup(language="nl")
    html = client.get("/").get_data(as_text=True)
    raw = re.search(r'<script type="application/json" id="journal-messages">(.*?)</script>',
                    html).group(1)
    words = json.loads(raw)
    assert words["waiting"] == ["{n} notitie wacht om verstuurd te worden.",
                                "{n} notities wachten om verstuurd te worden."]
    assert all(form.endswith("Toch uitloggen?") and form.startswith("{n} notitie")
               for form in words["logout_waiting"])
