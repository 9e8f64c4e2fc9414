"""Company sign-in on a phone (360×800), in Dutch and in English: from the login page through
the real provider's login and consent pages (oidc-provider's own) to the home page, then out
again with the offer of the provider's log-out. Screenshots of every step."""
import re
import socket
import threading

import pytest
from werkzeug.serving import make_server

from journal.models import User
from tests.browser.checks import fits
from tests.browser.conftest import screenshot
from tests.conftest import company_settings
from tests.oidc_provider import OidcProvider, ensure_installed

OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
WORDS = {"en": {"button": "Sign in with Corp", "home": "Welcome, Ana.",
                "offer": "Sign out of Corp"},
         "nl": {"button": "Aanmelden met Corp", "home": "Welkom, Ana.",
                "offer": "Afmelden bij Corp"}}


@pytest.fixture
def port():
    """The live server's port, known before the provider registers its callback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def provider(port):
    ensure_installed()
    base = f"http://127.0.0.1:{port}"
    with OidcProvider(redirect_uris=[f"{base}/login/oidc/callback"],
                      post_logout_redirect_uris=[f"{base}/login"]) as running:
        yield running


@pytest.fixture
def app_config(app_config, provider):
    return {**app_config, **company_settings(provider)}


@pytest.fixture
def live_server(app, port):
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=5)


def through_the_provider(page, login, screenshots=None):
    """The provider's own pages: its login form (any password), then its consent page. Its
    pages load a web font from the internet, which the tests never reach: those requests are
    refused at once instead of waiting for a network that is not there."""
    page.context.route(OUTSIDE, lambda route: route.abort())
    page.get_by_role("button", name="Sign-in").wait_for()
    if screenshots:
        screenshot(page, screenshots.format("login"))
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").wait_for()
    if screenshots:
        screenshot(page, screenshots.format("consent"))
    page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_from_the_login_page_through_the_provider_to_the_home_page(phone, provider, language):
    words = WORDS[language]
    provider.set_account(f"ana-{language}", email=f"ana.{language}@corp.test", name="Ana Corp")
    page = phone(locale={"nl": "nl-NL", "en": "en-GB"}[language])
    page.goto("/login")
    fits(page, f"company-login-{language}")

    page.get_by_role("link", name=words["button"]).click()
    through_the_provider(page, f"ana-{language}", f"company-provider-{{}}-{language}")

    page.wait_for_url(lambda url: url.rstrip("/").endswith(str(page.url).split("/")[2]))
    assert words["home"] in page.content()
    fits(page, f"company-home-{language}")
    user = User.by_email(f"ana.{language}@corp.test")
    assert (user.language, user.timezone) == (language, "Europe/Amsterdam")

    for path, name in (("/settings/password", "set-password"),
                       ("/settings/data/delete", "delete")):
        page.goto(path)
        fits(page, f"company-{name}-{language}")
    page.goto("/settings")
    fits(page, f"company-settings-{language}")
    page.locator("form.logout-form button").click()
    page.wait_for_url("**/login")
    assert words["offer"] in page.content()
    fits(page, f"company-logged-out-{language}")


def test_the_link_and_problem_pages_fit_a_phone(app, phone, provider):
    from tests.conftest import Journal
    Journal(app.test_client()).signup(email="kim@corp.test", name="Kim")
    provider.set_account("kim", email="kim@corp.test")
    page = phone(locale="nl-NL")
    page.goto("/login")
    page.get_by_role("link", name=WORDS["nl"]["button"]).click()
    through_the_provider(page, "kim")
    page.wait_for_url("**/login/oidc/link")
    fits(page, "company-link-nl")
    page.goto("/login/oidc/callback?state=forged&code=x")
    assert "niet meer geldig" in page.content()
    fits(page, "company-problem-nl")
