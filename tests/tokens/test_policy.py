"""What a personal API token may do: each scope allows its calls and refuses the others, some
calls need the browser session whatever the token, and an expired token stops working."""
from datetime import timedelta

import pytest
from flask import Blueprint, jsonify

from journal.models import ApiToken, Entry, User
from tests.conftest import PASSWORD, STORED_NOW

ENTRY = {"text": "Sent from my script"}


def make_token(person, scopes, expires_in_days=90):
    response = person.api("POST", "/api/v1/tokens", {
        "name": "Script", "scopes": scopes, "expires_in_days": expires_in_days})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


@pytest.fixture
def script(app):
    """A script: a client with no cookies at all."""
    return app.test_client()


class Token:
    """Calls as a script holding one token."""

    def __init__(self, client, token):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def __call__(self, method, path, json=None):
        return self.client.open(path, method=method, json=json, headers=self.headers)


@pytest.fixture
def token_for(journal, script):
    """A script using a new token of Ana's with these scopes."""
    return lambda scopes, **more: Token(script, make_token(journal, scopes, **more))


def assert_refused(response, scope):
    assert response.status_code == 403, response.get_json()
    assert response.get_json()["error"]["code"] == "insufficient_scope"
    assert response.headers["WWW-Authenticate"] == (
        f'Bearer error="insufficient_scope", scope="{scope}"')


def test_a_read_token_reads_but_cannot_post_an_entry(journal, token_for):
    journal.api("POST", "/api/v1/entries", {"text": "Written in the app"})
    read = token_for(["read"])
    assert read("GET", "/api/v1/entries").status_code == 200
    assert read("GET", "/api/v1/goals").status_code == 200
    refused = read("POST", "/api/v1/entries", ENTRY)
    assert_refused(refused, "write")
    assert "may not add or change anything" in refused.get_json()["error"]["message"]
    assert "in your settings" in refused.get_json()["error"]["message"]
    assert Entry.select().count() == 1


def test_a_read_token_cannot_change_or_delete_an_entry(journal, token_for):
    entry = journal.api("POST", "/api/v1/entries", {"text": "Written in the app"}).get_json()
    read = token_for(["read"])
    assert_refused(read("PATCH", f"/api/v1/entries/{entry['id']}", {"text": "Changed"}), "write")
    assert_refused(read("DELETE", f"/api/v1/entries/{entry['id']}"), "write")
    assert Entry.get().text == "Written in the app"


def test_a_write_token_posts_but_cannot_read_or_export(journal, token_for):
    write = token_for(["write"])
    assert write("POST", "/api/v1/entries", ENTRY).status_code == 201
    assert_refused(write("GET", "/api/v1/entries"), "read")
    assert_refused(write("GET", "/api/v1/export"), "data")
    assert Entry.select().count() == 1


def test_a_read_and_write_token_cannot_export_or_import(journal, token_for):
    document = journal.api("GET", "/api/v1/export").get_json()
    token = token_for(["read", "write"])
    exported = token("GET", "/api/v1/export?format=csv")
    assert_refused(exported, "data")
    assert "may not export or import" in exported.get_json()["error"]["message"]
    assert_refused(token("POST", "/api/v1/import", document), "data")


def test_a_data_token_exports_and_imports_but_cannot_read_entries(journal, token_for):
    journal.api("POST", "/api/v1/entries", {"text": "Finished the intake checklist"})
    data = token_for(["data"])
    exported = data("GET", "/api/v1/export")
    assert exported.status_code == 200
    document = exported.get_json()
    assert document["entries"][0]["text"] == "Finished the intake checklist"
    imported = data("POST", "/api/v1/import", document)
    assert imported.status_code == 200, imported.get_json()
    assert_refused(data("GET", "/api/v1/entries"), "read")
    assert_refused(data("POST", "/api/v1/entries", ENTRY), "write")
    assert Entry.select().count() == 1


def test_a_read_and_data_token_reads_and_exports(journal, token_for):
    token = token_for(["read", "data"])
    assert token("GET", "/api/v1/entries").status_code == 200
    assert token("GET", "/api/v1/export").status_code == 200


@pytest.mark.parametrize("scopes", [["read"], ["write"], ["data"], ["read", "write", "data"]])
def test_no_token_deletes_the_account_even_with_the_password(journal, token_for, scopes):
    token = token_for(scopes, expires_in_days=None)
    response = token("DELETE", "/api/v1/account", {"password": PASSWORD})
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["code"] == "session_required"
    assert "while you are logged in" in error["message"]
    assert User.select().count() == 1
    assert token("GET", "/api/v1/tokens").status_code == 403, "nor see the tokens"


def test_the_session_still_deletes_the_account(journal):
    response = journal.api("DELETE", "/api/v1/account", {"password": PASSWORD})
    assert response.status_code == 204 and User.select().count() == 0


def test_a_token_expires_after_its_days(journal, token_for, clock):
    token = token_for(["read", "write"], expires_in_days=30)
    clock.now += timedelta(days=30, seconds=-1)
    assert token("GET", "/api/v1/entries").status_code == 200
    used = ApiToken.get().last_used_at
    clock.now += timedelta(seconds=1)
    for response in (token("GET", "/api/v1/entries"), token("POST", "/api/v1/entries", ENTRY),
                     token("GET", "/api/v1/no-such-thing")):
        assert response.status_code == 401
        error = response.get_json()["error"]
        assert error == {"code": "unauthorized", "message": (
            "This API token has expired. You can make a new one in your settings, under "
            "Personal API tokens.")}
        assert response.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
    assert Entry.select().count() == 0
    assert ApiToken.get().last_used_at == used, "an expired token's tries are not a use"


def test_a_token_that_never_expires_works_years_later(journal, token_for, clock):
    token = token_for(["read"], expires_in_days=None)
    clock.now += timedelta(days=3650)
    assert token("GET", "/api/v1/entries").status_code == 200


def test_an_expired_token_is_listed_until_revoked(journal, token_for):
    token_for(["read"], expires_in_days=30)
    # Expired an hour ago (moving the clock a month on could end the browser session too).
    ApiToken.update(expires_at=STORED_NOW - timedelta(hours=1)).execute()
    items = journal.api("GET", "/api/v1/tokens").get_json()["items"]
    assert items[0]["expires_at"] == "2026-11-27T11:00:00+00:00"
    assert journal.api("DELETE", f"/api/v1/tokens/{items[0]['id']}").status_code == 204


@pytest.fixture
def new_api(app):
    """An API endpoint added after the policy was written, under a blueprint it doesn't name."""
    bp = Blueprint("probe_api", __name__, url_prefix="/api/v1/probe")
    bp.add_url_rule("", "look", lambda: jsonify({"ok": True}), methods=["GET"])
    bp.add_url_rule("", "change", lambda: jsonify({"ok": True}), methods=["POST", "PUT"])
    app.register_blueprint(bp)


def test_an_endpoint_the_policy_does_not_name_needs_what_its_method_implies(new_api, token_for):
    read, write = token_for(["read"]), token_for(["write"])
    assert read("GET", "/api/v1/probe").status_code == 200
    assert_refused(read("POST", "/api/v1/probe", {}), "write")
    assert_refused(read("PUT", "/api/v1/probe", {}), "write")
    assert write("POST", "/api/v1/probe", {}).status_code == 200
    assert_refused(write("GET", "/api/v1/probe"), "read")


def test_the_session_is_not_limited_by_any_scope(journal):
    assert journal.api("GET", "/api/v1/export").status_code == 200
    assert journal.api("POST", "/api/v1/entries", ENTRY).status_code == 201
