"""JSON API /api/v1/tokens, and `Authorization: Bearer` on the rest of the API."""
from datetime import timedelta

import pytest

from journal.db import database
from journal.models import ApiToken, Entry
from journal.models.token import api_token_hash


def make_token(person, name="Weekly export", **more):
    response = person.api("POST", "/api/v1/tokens", {"name": name, **more})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def script(app):
    """A script: a client with no cookies at all."""
    return app.test_client()


def test_create_list_and_revoke(journal):
    created = make_token(journal, "  Weekly export  ")
    assert set(created) == {"id", "name", "token", "hint", "scopes", "created_at", "expires_at"}
    assert created["name"] == "Weekly export"
    assert created["token"].startswith("pj_") and len(created["token"]) > 40
    assert created["hint"] == created["token"][:7]
    assert created["created_at"] == "2026-11-27T12:00:00+00:00"
    assert created["scopes"] == ["read", "write"], "read and write unless asked otherwise"
    assert created["expires_at"] == "2027-02-25T12:00:00+00:00", "90 days unless asked otherwise"

    listed = journal.api("GET", "/api/v1/tokens").get_json()
    assert listed == {"items": [{"id": created["id"], "name": "Weekly export",
                                 "hint": created["hint"], "scopes": ["read", "write"],
                                 "created_at": created["created_at"],
                                 "expires_at": created["expires_at"], "last_used_at": None}],
                      "next": None}

    assert journal.api("DELETE", f"/api/v1/tokens/{created['id']}").status_code == 204
    assert journal.api("GET", "/api/v1/tokens").get_json()["items"] == []
    assert ApiToken.select().count() == 0


def test_the_token_is_never_stored_in_plain_text(journal):
    created = make_token(journal)
    row = ApiToken.get_by_id(created["id"])
    assert row.token_hash == api_token_hash(created["token"]) != created["token"]
    cursor = database.execute_sql('SELECT * FROM "api_token"')
    stored = " ".join(str(value) for value in cursor.fetchone())
    assert created["token"] not in stored and created["token"][:12] not in stored


def test_the_list_never_shows_a_token_or_its_hash(journal):
    created = make_token(journal)
    body = journal.api("GET", "/api/v1/tokens").get_data(as_text=True)
    assert created["token"] not in body and api_token_hash(created["token"]) not in body


def test_tokens_are_listed_newest_first(journal, clock):
    first = make_token(journal, "First")
    clock.now += timedelta(hours=1)
    second = make_token(journal, "Second")
    items = journal.api("GET", "/api/v1/tokens").get_json()["items"]
    assert [t["id"] for t in items] == [second["id"], first["id"]]


def test_bearer_reads_and_writes_without_csrf(journal, script):
    token = make_token(journal)["token"]
    posted = script.post("/api/v1/entries", json={"text": "Sent from my script"},
                         headers=bearer(token))
    assert posted.status_code == 201
    assert "Set-Cookie" not in posted.headers, "a token never starts a session"
    assert Entry.get().user.email == "ana@example.org"
    listed = script.get("/api/v1/entries", headers=bearer(token))
    assert listed.status_code == 200
    assert [e["text"] for e in listed.get_json()["items"]] == ["Sent from my script"]


def test_the_token_decides_the_user_even_with_another_session(journal, other):
    token = make_token(journal)["token"]
    other.api("POST", "/api/v1/entries", {"text": "Bo's own"})
    listed = other.client.get("/api/v1/entries", headers=bearer(token)).get_json()["items"]
    assert listed == [], "Bo's cookie is ignored: the request is Ana's"


@pytest.mark.parametrize("header", [
    "Bearer pj_not-a-real-token", "Bearer ", "Bearer", "bearer nope", "Bearer pj_" + "x" * 200,
])
def test_a_wrong_token_gets_401_without_falling_back_to_the_session(journal, header):
    journal.api("POST", "/api/v1/entries", {"text": "Private"})
    response = journal.client.get("/api/v1/entries", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    write = journal.api("POST", "/api/v1/entries", {"text": "x"},
                        headers={"Authorization": header})
    assert write.status_code == 401 and Entry.select().count() == 1


def test_a_revoked_token_stops_working_at_once(journal, script):
    created = make_token(journal)
    assert script.get("/api/v1/entries", headers=bearer(created["token"])).status_code == 200
    journal.api("DELETE", f"/api/v1/tokens/{created['id']}")
    response = script.get("/api/v1/entries", headers=bearer(created["token"]))
    assert response.status_code == 401
    assert set(response.get_json()["error"]) == {"code", "message"}


def test_no_session_and_no_token_is_the_usual_401(script):
    response = script.get("/api/v1/tokens")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_another_users_token_is_404_and_stays(journal, other):
    theirs = make_token(other)
    assert journal.api("DELETE", f"/api/v1/tokens/{theirs['id']}").status_code == 404
    assert journal.api("DELETE", "/api/v1/tokens/not-a-uuid").status_code == 404
    assert journal.api("GET", "/api/v1/tokens").get_json()["items"] == []
    assert ApiToken.select().count() == 1


def test_a_token_cannot_list_make_or_revoke_tokens(journal, script):
    """A leaked token can't mint more tokens, revoke its owner's, or even learn of them."""
    created = make_token(journal, scopes=["read", "write", "data"], expires_in_days=None)
    headers = bearer(created["token"])
    attempts = [script.post("/api/v1/tokens", json={"name": "Another"}, headers=headers),
                script.delete(f"/api/v1/tokens/{created['id']}", headers=headers),
                script.get("/api/v1/tokens", headers=headers)]
    for response in attempts:
        assert response.status_code == 403
        error = response.get_json()["error"]
        assert error["code"] == "session_required"
        assert "in the app itself, while you are logged in" in error["message"]
        assert created["hint"] not in response.get_data(as_text=True)
    assert ApiToken.select().count() == 1


def test_cookie_session_writes_still_need_csrf(journal):
    response = journal.client.post("/api/v1/entries", json={"text": "No header"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "csrf_failed"
    response = journal.client.post("/api/v1/tokens", json={"name": "No header"})
    assert response.status_code == 400 and ApiToken.select().count() == 0
    basic = journal.client.post("/api/v1/entries", json={"text": "x"},
                                headers={"Authorization": "Basic YW5hOnB3"})
    assert basic.status_code == 400, "only a Bearer header skips the CSRF check"
    assert Entry.select().count() == 0


@pytest.mark.parametrize("body", [
    {}, {"name": ""}, {"name": "   "}, {"name": 12}, {"name": None}, {"name": "x" * 81},
])
def test_invalid_names_get_422_and_nothing_is_stored(journal, body):
    response = journal.api("POST", "/api/v1/tokens", body)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_error"
    assert "name" in response.get_json()["error"]["fields"]
    assert ApiToken.select().count() == 0


def test_a_long_name_of_80_characters_is_fine(journal):
    assert make_token(journal, "x" * 80)["name"] == "x" * 80


def test_a_body_that_is_not_an_object_is_400(journal):
    assert journal.api("POST", "/api/v1/tokens", ["name"]).status_code == 400


def test_at_most_twenty_tokens(journal, other):
    for number in range(20):
        make_token(journal, f"Script {number}")
    response = journal.api("POST", "/api/v1/tokens", {"name": "One more"})
    assert response.status_code == 422
    assert "20 tokens" in response.get_json()["error"]["fields"]["name"]
    assert ApiToken.select().where(ApiToken.name == "One more").count() == 0
    make_token(other, "Bo's first")


def test_last_used_is_written_at_most_once_a_minute(journal, script, clock):
    token = make_token(journal)["token"]

    def last_used():
        return journal.api("GET", "/api/v1/tokens").get_json()["items"][0]["last_used_at"]

    script.get("/api/v1/entries", headers=bearer(token))
    assert last_used() == "2026-11-27T12:00:00+00:00"
    clock.now += timedelta(seconds=59)
    script.get("/api/v1/entries", headers=bearer(token))
    assert last_used() == "2026-11-27T12:00:00+00:00"
    clock.now += timedelta(seconds=1)
    script.get("/api/v1/entries", headers=bearer(token))
    assert last_used() == "2026-11-27T12:01:00+00:00"


@pytest.mark.parametrize("scopes, kept", [
    (["read"], ["read"]), (["write"], ["write"]), (["data"], ["data"]),
    (["data", "read", "read"], ["read", "data"]),
    (["write", "data", "read"], ["read", "write", "data"]),
])
def test_scopes_are_kept_in_the_usual_order(journal, scopes, kept):
    assert make_token(journal, scopes=scopes)["scopes"] == kept
    assert journal.api("GET", "/api/v1/tokens").get_json()["items"][0]["scopes"] == kept


@pytest.mark.parametrize("days, expires_at", [
    (30, "2026-12-27T12:00:00+00:00"), (90, "2027-02-25T12:00:00+00:00"),
    (365, "2027-11-27T12:00:00+00:00"), (None, None),
])
def test_the_lifetime_can_be_chosen(journal, days, expires_at):
    assert make_token(journal, expires_in_days=days)["expires_at"] == expires_at
    assert journal.api("GET", "/api/v1/tokens").get_json()["items"][0]["expires_at"] == expires_at


@pytest.mark.parametrize("scopes", [
    [], None, "read", "read write", ["admin"], ["read", "admin"], [1], [["read"]], {"read": True},
    ["READ"],
])
def test_invalid_scopes_get_422_naming_the_field(journal, scopes):
    response = journal.api("POST", "/api/v1/tokens", {"name": "Script", "scopes": scopes})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"] == {"scopes": "Choose at least one thing the token may do."}
    assert ApiToken.select().count() == 0


@pytest.mark.parametrize("days", [0, 1, 7, 60, 366, -30, "90", "never", 90.0, 90.5, True, [90]])
def test_invalid_lifetimes_get_422_naming_the_field(journal, days):
    response = journal.api("POST", "/api/v1/tokens", {"name": "Script", "expires_in_days": days})
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert list(fields) == ["expires_in_days"] and "30, 90 or 365 days" in fields["expires_in_days"]
    assert ApiToken.select().count() == 0


def test_every_invalid_field_is_named_at_once(journal):
    response = journal.api("POST", "/api/v1/tokens",
                           {"name": "", "scopes": [], "expires_in_days": 7})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"name", "scopes", "expires_in_days"}
