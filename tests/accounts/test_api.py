"""JSON API /api/v1/sessions: the devices where a person is logged in, ending one or all others.
The session only: a personal API token gets 403 `session_required`."""
from datetime import timedelta

import pytest

from journal.models import UserSession
from tests.accounts.test_sessions import IPHONE, cookies_of, logged_in, replayed
from tests.conftest import Journal


@pytest.fixture
def phone(app, journal, clock):
    """Ana, logged in on her phone a minute after her laptop."""
    clock.now += timedelta(minutes=1)
    person = Journal(app.test_client())
    assert person.login(headers={"User-Agent": IPHONE}).status_code == 302
    return person


def sessions_of(person):
    response = person.api("GET", "/api/v1/sessions")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_list_shows_each_device_and_which_one_is_this(journal, phone, other):
    body = sessions_of(journal)
    assert body["next"] is None
    items = body["items"]
    assert [item["device"] for item in items] == ["Safari on iPhone", "Unknown device"]
    assert all(set(item) == {"id", "device", "created_at", "last_seen_at", "current"}
               for item in items)
    assert [item["current"] for item in items] == [False, True]
    assert items[0]["created_at"] == "2026-11-27T12:01:00+00:00"
    assert [item["current"] for item in sessions_of(phone)["items"]] == [True, False]


def test_ending_one_device(app, journal, phone):
    copies = cookies_of(phone.client)
    phone_id = sessions_of(journal)["items"][0]["id"]
    assert journal.api("DELETE", f"/api/v1/sessions/{phone_id}").status_code == 204
    assert not logged_in(phone.client)
    assert not logged_in(replayed(app, copies))
    assert [item["current"] for item in sessions_of(journal)["items"]] == [True]


def test_ending_this_device_logs_it_out(journal):
    this_id = sessions_of(journal)["items"][0]["id"]
    assert journal.api("DELETE", f"/api/v1/sessions/{this_id}").status_code == 204
    assert journal.client.get("/api/v1/sessions").status_code == 401


def test_ending_all_others(journal, phone, other):
    assert journal.api("DELETE", "/api/v1/sessions").status_code == 204
    assert not logged_in(phone.client)
    assert logged_in(journal.client) and logged_in(other.client)
    assert len(sessions_of(journal)["items"]) == 1


@pytest.mark.parametrize("session_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_session_is_404(journal, session_id):
    response = journal.api("DELETE", f"/api/v1/sessions/{session_id}")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_someone_elses_session_is_404_and_stays(journal, phone, other):
    phone_id = sessions_of(journal)["items"][0]["id"]
    response = other.api("DELETE", f"/api/v1/sessions/{phone_id}")
    assert response.status_code == 404
    assert logged_in(phone.client)
    assert "Safari on iPhone" not in str(sessions_of(other))


def test_a_token_may_not_see_or_end_sessions(app, journal, phone):
    created = journal.api("POST", "/api/v1/tokens", {"name": "Script"})
    assert created.status_code == 201
    script = app.test_client()
    headers = {"Authorization": f"Bearer {created.get_json()['token']}"}
    phone_id = str(UserSession.get(UserSession.device == "Safari|iPhone").id)
    for method, path in [("GET", "/api/v1/sessions"), ("DELETE", "/api/v1/sessions"),
                         ("DELETE", f"/api/v1/sessions/{phone_id}")]:
        response = script.open(path, method=method, headers=headers)
        assert response.status_code == 403, (method, path)
        assert response.get_json()["error"]["code"] == "session_required"
    assert logged_in(phone.client) and logged_in(journal.client)


def test_anonymous_callers_get_401(client):
    assert client.get("/api/v1/sessions").status_code == 401


def test_ending_sessions_needs_the_csrf_token(journal, phone):
    response = journal.client.delete("/api/v1/sessions")
    assert response.status_code == 400
    assert logged_in(phone.client)
