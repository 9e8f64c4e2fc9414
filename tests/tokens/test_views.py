"""The settings page for personal API tokens."""
import re
from datetime import timedelta

import pytest

from journal.models import ApiToken, User
from tests.conftest import STORED_NOW


def make_token(person, name="Weekly export", scopes=("read", "write"), expires_in_days="90"):
    """Send the form as a browser does, with what the person ticked and chose."""
    return person.client.post("/settings/tokens", data={
        "csrf_token": person.token("/settings/tokens"), "name": name, "scopes": list(scopes),
        "expires_in_days": expires_in_days})


def shown_token(response):
    match = re.search(r'<input id="new-token"[^>]* readonly value="(pj_[^"]+)"',
                      response.get_data(as_text=True))
    assert match, "the new token is shown in a read-only input"
    return match.group(1)


def test_settings_link_to_the_tokens_page(journal):
    html = journal.client.get("/settings").get_data(as_text=True)
    assert 'href="/settings/tokens"' in html and "Personal API tokens" in html


def test_an_empty_page_explains_what_tokens_are_for(journal):
    html = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert "For your own scripts and tools" in html and "No tokens yet" in html
    assert 'name="name"' in html


def test_making_a_token_shows_it_once(journal):
    response = make_token(journal, "Weekly export")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    token = shown_token(response)
    html = response.get_data(as_text=True)
    assert "Copy it now: it won" in html and "t be shown again." in html
    assert "Weekly export" in html
    assert ApiToken.get().token_hash != token

    listing = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert token not in listing
    assert f"{token[:7]}…" in listing and "Weekly export" in listing
    assert "Made on 27 November 2026" in listing and "not used yet" in listing


def test_the_list_shows_when_a_token_was_last_used(journal, app, clock):
    token = shown_token(make_token(journal))
    clock.now += timedelta(days=1)
    app.test_client().get("/api/v1/entries", headers={"Authorization": f"Bearer {token}"})
    listing = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert "last used on 28 November 2026" in listing


def test_a_name_is_needed(journal):
    response = make_token(journal, "  ")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in html and "Give the token a name" in html
    assert ApiToken.select().count() == 0


def test_a_long_name_is_kept_for_correcting(journal):
    response = make_token(journal, "y" * 81)
    assert response.status_code == 422
    assert "y" * 81 in response.get_data(as_text=True)


def test_the_form_gives_way_at_twenty_tokens(journal):
    for number in range(20):
        make_token(journal, f"Script {number}")
    html = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert "You have 20 tokens" in html and 'name="name"' not in html
    assert make_token(journal, "One more").status_code == 422
    assert ApiToken.select().count() == 20


def test_revoking_a_token_after_confirming(journal, app):
    token = shown_token(make_token(journal))
    html = journal.client.get("/settings/tokens").get_data(as_text=True)
    action = re.search(r'action="(/settings/tokens/[^"]+/revoke)"', html).group(1)
    assert "Yes, revoke it" in html
    assert journal.client.get(action).status_code == 405, "revoking needs the form"
    response = journal.client.post(action, data={"csrf_token": journal.token("/settings/tokens")})
    assert response.status_code == 302 and response.headers["Location"] == "/settings/tokens"
    assert ApiToken.select().count() == 0
    assert "The token is revoked" in journal.client.get("/settings/tokens").get_data(as_text=True)
    script = app.test_client()
    assert script.get("/api/v1/entries",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_revoking_needs_the_csrf_token(journal):
    make_token(journal)
    response = journal.client.post(f"/settings/tokens/{ApiToken.get().id}/revoke")
    assert response.status_code == 400 and ApiToken.select().count() == 1


def test_another_users_token_cannot_be_revoked(journal, other):
    make_token(other, "Bo's backup")
    theirs = ApiToken.get().id
    response = journal.client.post(f"/settings/tokens/{theirs}/revoke",
                                   data={"csrf_token": journal.token("/settings/tokens")})
    assert response.status_code == 404 and ApiToken.select().count() == 1
    assert "backup" not in journal.client.get("/settings/tokens").get_data(as_text=True)


def test_a_token_does_not_open_pages(journal, app):
    token = shown_token(make_token(journal))
    browser = app.test_client()
    for path in ("/settings/tokens", "/", "/settings"):
        response = browser.get(path, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    response = browser.post("/settings/tokens", data={"name": "Sneaky"},
                            headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400, "no session, so no CSRF token: refused"
    assert ApiToken.select().count() == 1


def test_logged_out_people_are_sent_to_log_in(client):
    response = client.get("/settings/tokens")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_form_offers_scopes_and_lifetimes_with_safe_defaults(journal):
    html = journal.client.get("/settings/tokens").get_data(as_text=True)
    for scope, words in (("read", "Read your journal"), ("write", "Add and change"),
                         ("data", "Export and import")):
        assert words in html
        box = re.search(rf'<input type="checkbox" name="scopes" value="{scope}"[^>]*>', html)
        assert box, scope
        assert ("checked" in box.group(0)) == (scope != "data"), "read and write ticked"
    options = re.findall(r'<option value="([^"]+)"( selected)?>([^<]+)</option>', html)
    assert options == [("30", "", "After 30 days"), ("90", " selected", "After 90 days"),
                       ("365", "", "After a year"), ("never", "", "Never (until you revoke it)")]


def test_a_token_is_made_with_the_chosen_scopes_and_lifetime(journal):
    response = make_token(journal, scopes=["read", "data"], expires_in_days="30")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "May: Read your journal · Export and import" in html
    assert "Works until 27 December 2026" in html
    token = ApiToken.get()
    assert token.scope_list == ("read", "data") and str(token.expires_at) == "2026-12-27 12:00:00"
    listing = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert "May: Read your journal · Export and import" in listing
    assert "Works until 27 December 2026" in listing


def test_a_token_that_never_expires_says_so(journal):
    make_token(journal, expires_in_days="never")
    assert ApiToken.get().expires_at is None
    assert "Never expires" in journal.client.get("/settings/tokens").get_data(as_text=True)


def test_the_list_says_when_a_token_expired(journal):
    make_token(journal, expires_in_days="30")
    # Expired a day ago (moving the clock a month on could end the browser session too).
    ApiToken.update(expires_at=STORED_NOW - timedelta(days=1)).execute()
    html = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert "Expired on 26 November 2026: it no longer works." in html


def test_no_scope_ticked_is_explained_beside_the_boxes(journal):
    response = make_token(journal, "Script", scopes=[], expires_in_days="365")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<p class="error" id="scopes-error">Choose at least one thing the token may do.' in html
    assert 'aria-describedby="scopes-error"' in html
    assert 'value="Script"' in html and '<option value="365" selected>' in html
    assert not re.search(r'name="scopes" value="\w+"[^>]*checked', html), "as the person left it"
    assert ApiToken.select().count() == 0


@pytest.mark.parametrize("days", ["7", "", "forever", "-30"])
def test_a_lifetime_not_offered_is_refused(journal, days):
    response = make_token(journal, expires_in_days=days)
    assert response.status_code == 422
    assert "30, 90 or 365 days, or with no end date" in response.get_data(as_text=True)
    assert ApiToken.select().count() == 0


def test_a_post_without_a_lifetime_gets_ninety_days(journal):
    journal.client.post("/settings/tokens", data={
        "csrf_token": journal.token("/settings/tokens"), "name": "Old form",
        "scopes": ["read"]})
    assert str(ApiToken.get().expires_at) == "2027-02-25 12:00:00"


def test_revoke_all_after_confirming(journal, other, app):
    tokens = [shown_token(make_token(journal, f"Script {n}")) for n in range(3)]
    make_token(other, "Bo's backup")
    html = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert 'action="/settings/tokens/revoke-all"' in html and "Revoke all 3 tokens?" in html
    assert journal.client.get("/settings/tokens/revoke-all").status_code == 405
    response = journal.client.post("/settings/tokens/revoke-all",
                                   data={"csrf_token": journal.token("/settings/tokens")})
    assert response.status_code == 302 and response.headers["Location"] == "/settings/tokens"
    page = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert "All 3 tokens are revoked." in page and "revoke-all" not in page
    script = app.test_client()
    for token in tokens:
        assert script.get("/api/v1/entries",
                          headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert [t.name for t in ApiToken.select()] == ["Bo's backup"], "only one's own"


def test_revoke_all_of_one_token_reads_right(journal):
    make_token(journal)
    html = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert 'id="revoke-all"' in html, "a password change can link to /settings/tokens#revoke-all"
    assert "Revoke your token? Every script that uses it stops working at once." in html
    response = journal.client.post("/settings/tokens/revoke-all", follow_redirects=True,
                                   data={"csrf_token": journal.token("/settings/tokens")})
    assert "Your token is revoked." in response.get_data(as_text=True)


def test_revoke_all_needs_the_csrf_token(journal):
    make_token(journal)
    assert journal.client.post("/settings/tokens/revoke-all").status_code == 400
    assert ApiToken.select().count() == 1


def test_revoke_all_with_nothing_to_revoke(journal):
    response = journal.client.post("/settings/tokens/revoke-all", follow_redirects=True,
                                   data={"csrf_token": journal.token("/settings/tokens")})
    assert "nothing to revoke" in response.get_data(as_text=True)


def test_revoke_all_is_the_models_own(journal, other):
    make_token(journal, "One")
    make_token(journal, "Two")
    make_token(other, "Bo's")
    ana = User.by_email("ana@example.org")
    assert ApiToken.revoke_all(ana) == 2
    assert ApiToken.revoke_all(ana) == 0
    assert [t.name for t in ApiToken.select()] == ["Bo's"]
