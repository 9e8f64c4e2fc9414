"""The settings page for personal API tokens."""
import re
from datetime import timedelta

from journal.models import ApiToken


def make_token(person, name="Weekly export"):
    return person.client.post("/settings/tokens", data={
        "csrf_token": person.token("/settings/tokens"), "name": name})


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
    assert "Made on November 27, 2026" in listing and "not used yet" in listing


def test_the_list_shows_when_a_token_was_last_used(journal, app, clock):
    token = shown_token(make_token(journal))
    clock.now += timedelta(days=1)
    app.test_client().get("/api/v1/entries", headers={"Authorization": f"Bearer {token}"})
    listing = journal.client.get("/settings/tokens").get_data(as_text=True)
    assert "last used on November 28, 2026" in listing


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
