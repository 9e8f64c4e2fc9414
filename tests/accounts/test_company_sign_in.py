"""Company sign-in against a real OpenID provider on loopback: the first sign-in makes the
account, the next finds it by issuer and sub, and a password account with the same address is
linked only after its password."""
from urllib.parse import parse_qs, urlsplit

import pytest

from journal.models import CompanySignIn, User
from tests.accounts.company import company_sign_in, links_of, signed_in_as, start
from tests.conftest import PASSWORD, Journal, company_settings


@pytest.fixture
def app_config(app_config, oidc_provider):
    return {**app_config, **company_settings(oidc_provider)}


def test_the_first_sign_in_makes_the_account_from_the_providers_claims(client, oidc_provider):
    oidc_provider.set_account("ana-first", email="Ana.Jansen@Corp.test", name="Ana Jansen")

    response = company_sign_in(client, oidc_provider, "ana-first", language="nl-NL,nl;q=0.9")

    assert response.status_code == 302 and response.headers["Location"] == "/"
    user = User.by_email("ana.jansen@corp.test")
    assert (user.display_name, user.language, user.timezone) == (
        "Ana Jansen", "nl", "Europe/Amsterdam")
    assert user.email_verified and not user.has_password
    assert links_of(user.email) == [(oidc_provider.issuer, "ana-first")]
    assert signed_in_as(client) == "ana.jansen@corp.test"
    assert "Welkom, Ana. Je dagboek staat klaar." in client.get("/").get_data(as_text=True)


def test_the_flow_uses_pkce_a_nonce_and_asks_userinfo_for_what_the_id_token_lacks(
        client, oidc_provider):
    authorize = parse_qs(urlsplit(start(client)).query)
    assert authorize["code_challenge_method"] == ["S256"]
    assert len(authorize["code_challenge"][0]) >= 43 and authorize["nonce"][0]
    assert authorize["scope"] == ["openid email profile"]
    assert authorize["redirect_uri"] == ["http://localhost/login/oidc/callback"]
    seen = len(oidc_provider.requests)

    company_sign_in(client, oidc_provider, "userinfo-reader")

    paths = [path for _method, path in oidc_provider.requests[seen:]]
    assert any(path.startswith("/token") for path in paths)
    assert any(path.startswith("/me") for path in paths)  # email and name live there
    assert User.by_email("userinfo-reader@corp.test").display_name == "Userinfo-reader"


def test_the_next_sign_in_finds_the_account_by_issuer_and_sub_even_with_a_new_address(
        app, oidc_provider):
    first = app.test_client()
    company_sign_in(first, oidc_provider, "ana-next", email="ana@corp.test")
    account = User.by_email("ana@corp.test")
    oidc_provider.set_account("ana-next", email="ana.renamed@corp.test")

    again = app.test_client()
    response = company_sign_in(again, oidc_provider, "ana-next")

    assert response.status_code == 302
    assert signed_in_as(again) == "ana@corp.test"  # the same journal
    assert User.select().count() == 1 and User.by_email("ana@corp.test").id == account.id


def test_an_unverified_address_from_the_provider_is_not_verified_here(client, oidc_provider):
    oidc_provider.set_account("unsure", email="unsure@corp.test", email_verified=False)
    company_sign_in(client, oidc_provider, "unsure")
    assert not User.by_email("unsure@corp.test").email_verified


def test_a_password_account_with_the_address_is_linked_only_after_its_password(
        app, oidc_provider):
    Journal(app.test_client()).signup(email="kim@corp.test", name="Kim")
    oidc_provider.set_account("kim-corp", email="kim@corp.test", email_verified=True)
    browser = app.test_client()

    response = company_sign_in(browser, oidc_provider, "kim-corp")

    assert response.status_code == 302 and response.headers["Location"] == "/login/oidc/link"
    page = browser.get("/login/oidc/link").get_data(as_text=True)
    assert "kim@corp.test" in page and "Sign in with Corp" in page
    assert signed_in_as(browser) is None and links_of("kim@corp.test") == []
    token = Journal(browser).token("/login/oidc/link")

    wrong = browser.post("/login/oidc/link", data={"csrf_token": token, "password": "not it"})
    assert wrong.status_code == 422 and "do not match" in wrong.get_data(as_text=True)
    assert signed_in_as(browser) is None and links_of("kim@corp.test") == []

    right = browser.post("/login/oidc/link", data={"csrf_token": token, "password": PASSWORD})
    assert right.status_code == 302
    assert signed_in_as(browser) == "kim@corp.test"
    assert links_of("kim@corp.test") == [(oidc_provider.issuer, "kim-corp")]
    assert User.by_email("kim@corp.test").email_verified  # the provider proved the address
    assert User.select().count() == 1

    later = app.test_client()
    assert company_sign_in(later, oidc_provider, "kim-corp").headers["Location"] == "/"
    assert signed_in_as(later) == "kim@corp.test"


def test_the_link_page_offers_another_account_and_cancelling_links_nothing(app, oidc_provider):
    Journal(app.test_client()).signup(email="lee@corp.test", name="Lee")
    browser = app.test_client()
    company_sign_in(browser, oidc_provider, "lee", email="lee@corp.test")

    again = browser.get("/login/oidc", query_string={"again": "1"})
    assert parse_qs(urlsplit(again.headers["Location"]).query)["prompt"] == ["login"]
    assert browser.get("/login/oidc/cancel").headers["Location"] == "/login"
    assert browser.get("/login/oidc/link").status_code == 400  # nothing waits any more
    assert links_of("lee@corp.test") == [] and signed_in_as(browser) is None


def test_the_link_page_counts_wrong_passwords_like_the_login_page(app, oidc_provider):
    Journal(app.test_client()).signup(email="max@corp.test", name="Max")
    browser = app.test_client()
    company_sign_in(browser, oidc_provider, "max", email="max@corp.test")
    token = Journal(browser).token("/login/oidc/link")
    statuses = [browser.post("/login/oidc/link", data={"csrf_token": token, "password": "x"})
                .status_code for _ in range(12)]
    assert statuses[0] == 422 and 429 in statuses
    assert links_of("max@corp.test") == []


def test_the_session_api_and_settings_say_how_the_person_signs_in(client, oidc_provider):
    company_sign_in(client, oidc_provider, "sam", email="sam@corp.test")
    user = client.get("/api/v1/session").get_json()["user"]
    assert user["sign_in_methods"] == ["oidc"] and user["email_verified"] is True
    page = client.get("/settings").get_data(as_text=True)
    assert "With Corp (sam@corp.test)" in page and "Set a password" in page
    assert "With your e-mail address and password" not in page


def test_a_company_account_may_set_a_first_password_and_then_log_in_with_it(
        app, client, oidc_provider):
    company_sign_in(client, oidc_provider, "pat", email="pat@corp.test")
    person = Journal(client)
    page = client.get("/settings/password").get_data(as_text=True)
    assert "Current password" not in page
    short = client.post("/settings/password", data={
        "csrf_token": person.token("/settings/password"), "new_password": "short",
        "confirm": "short"})
    assert short.status_code == 422 and not User.by_email("pat@corp.test").has_password

    response = client.post("/settings/password", data={
        "csrf_token": person.token("/settings/password"), "new_password": PASSWORD,
        "confirm": PASSWORD})

    assert response.status_code == 302
    other_browser = Journal(app.test_client())
    assert other_browser.login(email="pat@corp.test").status_code == 302
    assert client.get("/api/v1/session").get_json()["user"]["sign_in_methods"] == [
        "password", "oidc"]


def test_an_account_without_a_password_never_logs_in_with_an_empty_one(app, oidc_provider):
    company_sign_in(app.test_client(), oidc_provider, "nopass", email="nopass@corp.test")
    person = Journal(app.test_client())
    for password in ("", " ", "x"):
        assert person.login(email="nopass@corp.test", password=password).status_code == 422
    assert signed_in_as(person.client) is None


def test_logging_out_offers_the_providers_own_log_out(client, oidc_provider):
    company_sign_in(client, oidc_provider, "leaving", email="leaving@corp.test")
    Journal(client).logout()

    page = client.get("/login").get_data(as_text=True)
    assert "Sign out of Corp" in page
    response = client.get("/logout/oidc")

    end = urlsplit(response.headers["Location"])
    assert f"{end.scheme}://{end.netloc}{end.path}" == (
        oidc_provider.discovery()["end_session_endpoint"])
    query = parse_qs(end.query)
    assert query["post_logout_redirect_uri"] == ["http://localhost/login"]
    assert query["client_id"] == [oidc_provider.client_id] and query["id_token_hint"][0]
    assert "Sign out of Corp" not in client.get("/login").get_data(as_text=True)  # once


def test_a_password_log_out_offers_no_provider_log_out(journal):
    journal.logout()
    assert "Sign out of" not in journal.client.get("/login").get_data(as_text=True)


def test_deleting_the_account_removes_its_links(app, client, oidc_provider):
    company_sign_in(client, oidc_provider, "gone", email="gone@corp.test")
    person = Journal(client)
    wrong = client.post("/settings/data/delete", data={"csrf_token": person.token("/settings/data/delete"),
                                              "password": "someone@corp.test"})
    assert wrong.status_code == 422 and CompanySignIn.select().count() == 1

    client.post("/settings/data/delete", data={"csrf_token": person.token("/settings/data/delete"),
                                      "password": "Gone@corp.test"})

    assert User.select().count() == 0 and CompanySignIn.select().count() == 0
    fresh = app.test_client()
    company_sign_in(fresh, oidc_provider, "gone")
    assert signed_in_as(fresh) == "gone@corp.test"  # a new, empty journal


def test_the_export_names_the_sign_ins_and_an_import_never_links_one(app, oidc_provider):
    """Attack: Eve imports a file naming Ana's company `sub`, hoping Ana's first company
    sign-in then opens Eve's journal. The import takes the journal, never the sign-in."""
    ana = app.test_client()
    company_sign_in(ana, oidc_provider, "ana-export", email="ana@corp.test")
    document = ana.get("/api/v1/export").get_json()
    assert document["user"]["sign_in"] == {"password": False, "company": [{
        "issuer": oidc_provider.issuer, "subject": "ana-export", "email": "ana@corp.test",
        "linked_at": document["user"]["sign_in"]["company"][0]["linked_at"]}]}
    document["user"]["sign_in"]["company"][0]["subject"] = "ana-victim"

    eve = Journal(app.test_client())
    eve.signup(email="eve@example.org", name="Eve")
    assert eve.api("POST", "/api/v1/import", json=document).status_code == 200

    assert links_of("eve@example.org") == []
    victim = app.test_client()
    company_sign_in(victim, oidc_provider, "ana-victim", email="ana.victim@corp.test")
    assert signed_in_as(victim) == "ana.victim@corp.test"


def test_the_api_deletes_an_account_without_a_password_on_its_address(app, client, oidc_provider):
    company_sign_in(client, oidc_provider, "api-gone", email="api-gone@corp.test")
    person = Journal(client)
    wrong = person.api("DELETE", "/api/v1/account", json={"password": ""})
    assert wrong.status_code == 422 and "email" in wrong.get_json()["error"]["fields"]
    assert person.api("DELETE", "/api/v1/account",
                      json={"email": "api-gone@corp.test"}).status_code == 204
    assert CompanySignIn.select().count() == 0


def test_a_page_fetched_meanwhile_does_not_lose_the_sign_in(client, oidc_provider):
    """The service worker fetches pages while the person taps the button, and a response of
    theirs that arrives last puts back the session cookie from before the tap. The sign-in
    keeps what it needs in a cookie of its own, so it still works (found in the browser test)."""
    client.get("/login")
    client.get("/offline")  # a session in which Flask-Login has marked itself
    before = client.get_cookie("session").value
    authorize = start(client)
    client.set_cookie("session", before)

    response = client.get(oidc_provider.sign_in(authorize, "racer"))

    assert response.status_code == 302 and signed_in_as(client) == "racer@corp.test"
