"""Installing and updating: the manifest in a browser, and a new version offered, not forced."""
import shutil

from journal import assets
from tests.browser.conftest import screenshot, sign_up, wait_for_worker


def test_the_manifest_and_its_icons_load_in_the_browser(phone):
    page = phone()
    page.goto("/login")
    href = page.get_attribute("link[rel=manifest]", "href")
    manifest = page.request.get(href).json()
    assert manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        response = page.request.get(icon["src"])
        assert response.ok and response.headers["content-type"] == "image/png"
    loaded = page.evaluate("""() => new Promise(resolve => {
        const img = new Image();
        img.onload = () => resolve([img.naturalWidth, img.naturalHeight]);
        img.onerror = () => resolve(null);
        img.src = document.querySelector("link[rel=apple-touch-icon]").href;
    })""")
    assert loaded == [180, 180]


def test_a_new_version_asks_before_it_reloads_and_then_brings_new_assets(phone, app, tmp_path):
    static_copy = tmp_path / "static"
    shutil.copytree(app.static_folder, static_copy)
    app.static_folder = str(static_copy)
    assets.refresh(app)

    page = phone()
    sign_up(page)
    wait_for_worker(page)
    old_css = page.get_attribute("link[rel=stylesheet]", "href")
    banner = page.locator("#update-banner")
    assert banner.is_hidden()

    # The next release: a changed stylesheet (so a new asset hash and a new worker version).
    css = static_copy / "css" / "app.css"
    css.write_text(css.read_text() + "\n:root { --release-marker: 2; }\n")
    assets.refresh(app)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    banner.wait_for(state="visible", timeout=15000)
    assert "A new version is ready." in banner.inner_text()
    screenshot(page, "update-prompt-en")
    marker = "getComputedStyle(document.documentElement).getPropertyValue('--release-marker')"
    assert page.evaluate(marker).strip() == "", "nothing is swapped under the open page"

    with page.expect_navigation():
        banner.get_by_role("button", name="Reload").click()
    assert page.get_attribute("link[rel=stylesheet]", "href") != old_css
    page.wait_for_function(f"() => {marker}.trim() === '2'")
    caches = page.evaluate("caches.keys()")
    assert len(caches) == 1, "the old version's cache is deleted on activate"
