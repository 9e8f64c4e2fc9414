"""JSON API: /api/v1/invitations and /api/v1/connections."""
from datetime import date, datetime, timedelta

import pytest

from journal.models import Connection, Invitation, OutgoingMail, Summary, User
from journal.models.sharing import token_hash
from tests.conftest import STORED_NOW, Journal
from tests.people.mailed import mailed_token, verify


def link(person, body=None):
    response = person.api("POST", "/api/v1/invitations", {} if body is None else body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def accept(person, token):
    return person.api("POST", f"/api/v1/invitations/{token}/accept")


def error_code(response):
    return response.get_json()["error"]["code"]


@pytest.fixture
def cy(app):
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


def test_anonymous_callers_get_json_401(client):
    headers = {"X-CSRFToken": Journal(client).token("/login")}
    for method, path in (("GET", "/api/v1/connections"), ("POST", "/api/v1/invitations"),
                         ("GET", "/api/v1/invitations"), ("POST", "/api/v1/invitations/x/accept"),
                         ("DELETE", f"/api/v1/connections/{'0' * 8}-0000-0000-0000-{'0' * 12}")):
        response = client.open(path, method=method, json={}, headers=headers)
        assert response.status_code == 401 and error_code(response) == "unauthorized"


def test_a_link_invitation_is_made_and_accepted_once(journal, other, cy):
    made = link(journal)
    assert set(made) >= {"id", "token", "url", "expires_at", "email"}
    assert made["url"] == f"http://localhost/invite/{made['token']}"
    assert made["email"] is None and made["expires_at"] == "2026-12-04T12:00:00+00:00"
    assert Invitation.get().token_hash == token_hash(made["token"])

    accepted = accept(other, made["token"])
    assert accepted.status_code == 201
    connection = accepted.get_json()
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    assert connection["employee"] == {"id": str(ana.id), "display_name": "Ana"}
    assert connection["manager"] == {"id": str(bo.id), "display_name": "Bo"}
    assert connection["role"] == "manager" and connection["created_at"].startswith("2026-11-27")

    again = accept(cy, made["token"])
    assert again.status_code == 409 and error_code(again) == "invitation_used"
    assert "already been used" in again.get_json()["error"]["message"]
    assert Connection.select().count() == 1


def test_connections_are_listed_from_both_sides(journal, other):
    accept(other, link(journal)["token"])
    accept(journal, link(other)["token"])  # Bo also shares with Ana: a second, separate one
    mine = journal.api("GET", "/api/v1/connections").get_json()
    assert mine["next"] is None and len(mine["items"]) == 2
    roles = {item["role"]: (item["employee"]["display_name"], item["manager"]["display_name"])
             for item in mine["items"]}
    assert roles == {"employee": ("Ana", "Bo"), "manager": ("Bo", "Ana")}
    theirs = other.api("GET", "/api/v1/connections").get_json()["items"]
    assert {item["id"] for item in theirs} == {item["id"] for item in mine["items"]}


def test_an_expired_invitation_is_410_and_stores_nothing(journal, other, clock):
    token = link(journal)["token"]
    clock.now += timedelta(days=7, seconds=1)
    response = accept(other, token)
    assert response.status_code == 410 and error_code(response) == "invitation_expired"
    assert Connection.select().count() == 0 and Invitation.get().accepted_at is None
    assert journal.api("GET", "/api/v1/invitations").get_json()["items"] == []


def test_the_day_before_expiry_it_still_works(journal, other, clock):
    token = link(journal)["token"]
    clock.now += timedelta(days=6, hours=23)
    assert accept(other, token).status_code == 201


@pytest.mark.parametrize("token", ["nope", "x" * 300, "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_token_is_404(journal, other, token):
    link(journal)
    response = accept(other, token)
    assert response.status_code == 404 and error_code(response) == "not_found"
    assert Connection.select().count() == 0


def test_your_own_invitation_and_another_address_are_422(journal, other):
    own = accept(journal, link(journal)["token"])
    assert own.status_code == 422 and error_code(own) == "own_invitation"
    link(journal, {"email": "cy@example.org"})
    verify("bo@example.org")
    for_cy = accept(other, mailed_token("cy@example.org"))
    assert for_cy.status_code == 422 and error_code(for_cy) == "invitation_for_another_address"
    assert Connection.select().count() == 0
    assert Invitation.select().where(Invitation.accepted_at.is_null(False)).count() == 0


def test_already_connected_is_409_marks_it_used_and_adds_no_row(journal, other):
    accept(other, link(journal)["token"])
    second = link(journal)["token"]
    response = accept(other, second)
    assert response.status_code == 409 and error_code(response) == "already_connected"
    assert Connection.select().count() == 1
    assert Invitation.get(Invitation.token_hash == token_hash(second)).accepted_at is not None


@pytest.mark.parametrize("body, message", [
    ({"email": "bo@"}, "Enter an e-mail address"), ({"email": ""}, "Enter an e-mail address"),
    ({"email": 7}, "Enter an e-mail address"), ({"email": "Ana@Example.org"}, "your own address"),
])
def test_bad_invitations_are_422_and_nothing_is_stored(journal, body, message):
    response = journal.api("POST", "/api/v1/invitations", body)
    assert response.status_code == 422 and error_code(response) == "validation_error"
    assert message in response.get_json()["error"]["fields"]["email"]
    assert Invitation.select().count() == 0


def test_a_body_that_is_not_an_object_is_400(journal):
    response = journal.api("POST", "/api/v1/invitations", [])
    assert response.status_code == 400 and error_code(response) == "malformed"


def test_an_address_invitation_is_received_and_accepted_by_id(journal, other, cy):
    made = link(journal, {"email": "BO@example.org"})
    assert made["email"] == "bo@example.org"
    verify("bo@example.org")
    verify("cy@example.org")
    assert cy.api("GET", "/api/v1/invitations/received").get_json()["items"] == []
    received = other.api("GET", "/api/v1/invitations/received").get_json()["items"]
    assert [(r["id"], r["employee"]["display_name"]) for r in received] == [(made["id"], "Ana")]
    assert accept(cy, made["id"]).status_code == 404, "an id only works for its addressee"
    assert accept(other, made["id"]).status_code == 201
    assert other.api("GET", "/api/v1/invitations/received").get_json()["items"] == []


def test_own_invitations_are_listed_without_tokens_and_can_be_cancelled(journal, other):
    made = link(journal, {"email": "bo@example.org"})
    listed = journal.api("GET", "/api/v1/invitations").get_json()
    assert listed["items"] == [{"id": made["id"], "email": "bo@example.org",
                                "created_at": "2026-11-27T12:00:00+00:00",
                                "expires_at": made["expires_at"], "mail": "sending"}]
    assert other.api("GET", "/api/v1/invitations").get_json()["items"] == []
    token = mailed_token("bo@example.org")
    assert journal.api("DELETE", f"/api/v1/invitations/{made['id']}").status_code == 204
    assert not OutgoingMail.select().where(OutgoingMail.kind == "invitation").exists(), \
        "a mail not sent yet is not sent at all"
    assert accept(other, token).status_code == 404
    assert journal.api("DELETE", f"/api/v1/invitations/{made['id']}").status_code == 404


def test_an_addressee_may_decline_but_nobody_else_may_delete(journal, other, cy):
    made = link(journal, {"email": "bo@example.org"})
    verify("bo@example.org")
    verify("cy@example.org")
    assert cy.api("DELETE", f"/api/v1/invitations/{made['id']}").status_code == 404
    assert other.api("DELETE", f"/api/v1/invitations/{made['id']}").status_code == 204
    assert Invitation.select().count() == 0 and Connection.select().count() == 0


def test_ending_a_connection_withdraws_what_was_shared(journal, other, cy):
    connection = accept(other, link(journal)["token"]).get_json()
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    summary = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=ana, manager=bo,
                             period_from=date(2026, 11, 1),
                             period_to=date(2026, 11, 27), status="shared",
                             shared_at=datetime(2026, 11, 27, 12))
    path = f"/api/v1/connections/{connection['id']}"
    assert cy.api("DELETE", path).status_code == 404, "not Cy's"
    assert journal.api("DELETE", "/api/v1/connections/not-a-uuid").status_code == 404
    assert other.api("DELETE", path).status_code == 204, "the manager may end it too"
    assert other.api("DELETE", path).status_code == 404
    assert Summary.get_by_id(summary.id).status == "withdrawn"
    assert journal.api("GET", "/api/v1/connections").get_json()["items"] == []
