"""DELETE /api/v1/account: with the password, every row of the person goes (on each engine the
`app` fixture runs on); what others shared with them goes back to its author."""
import pytest

from journal.db import database
from journal.models import MODELS, Delivery, Invitation, Summary, SummaryItem, User
from tests.conftest import PASSWORD, Journal
from tests.data.test_export import MARKER, fill_journal, ok

EMAIL = "ana@example.org"


def traces_of(needles):
    """Every (table, column, value) in the whole database that holds one of the needles."""
    found = []
    for model in MODELS:
        cursor = database.execute_sql(f'SELECT * FROM "{model._meta.table_name}"')
        columns = [column[0] for column in cursor.description]
        for row in cursor.fetchall():
            for column, value in zip(columns, row):
                if value is not None and any(needle in str(value) for needle in needles):
                    found.append((model._meta.table_name, column, str(value)))
    return found


def delete(person, body):
    return person.api("DELETE", "/api/v1/account", body)


@pytest.fixture
def cy(app):
    """Cy, who invited Ana by her address and someone else too."""
    person = Journal(app.test_client())
    person.signup(email="cy@example.org", name="Cy")
    ok(person, "POST", "/api/v1/invitations", {"email": EMAIL})
    ok(person, "POST", "/api/v1/invitations", {"email": "dee@example.org"})
    return person


def test_no_row_of_the_person_is_left_anywhere(journal, other, cy):
    made = fill_journal(journal, other)
    ok(journal, "POST", "/api/v1/invitations", {"email": "eve@example.org"})
    ana = User.by_email(EMAIL)
    needles = [str(ana.id), ana.id.hex, EMAIL, MARKER]
    tables = {table for table, _column, _value in traces_of(needles)}
    assert tables >= {"user", "entry", "entry_tag", "goal", "goal_step", "review", "summary",
                      "summary_item", "summary_response", "checklist", "connection",
                      "invitation", "push_subscription", "reminder", "delivery", "api_token"}
    own_summaries = [str(s.id) for s in Summary.select().where(Summary.user == ana)]
    assert Delivery.select().where(Delivery.ref.in_(own_summaries)
                                   & (Delivery.user != ana)).exists()

    assert delete(journal, {"password": PASSWORD}).status_code == 204

    assert traces_of(needles) == []
    assert not Delivery.select().where(Delivery.ref.in_(own_summaries)).exists()
    assert Summary.select().where(Summary.user == ana.id).count() == 0
    # Bo's summary that was shared with Ana is his again: withdrawn, shared with nobody.
    bos = Summary.get_by_id(made["bos"]["id"])
    assert (bos.status, bos.manager_id, bos.withdrawn_at is not None) == ("withdrawn", None, True)
    assert SummaryItem.select().where(SummaryItem.summary == bos).exists()
    assert not Delivery.select().where((Delivery.ref == str(bos.id))
                                       & (Delivery.status == "queued")).exists()
    assert [e["text"] for e in ok(other, "GET", "/api/v1/entries")["items"]] == [
        "Bo's private entry"]
    assert ok(other, "GET", "/api/v1/connections")["items"] == []
    # Cy's other invitation stays.
    assert [i.email for i in Invitation.select()] == ["dee@example.org"]


def test_a_manager_loses_access_at_once(journal, other):
    made = fill_journal(journal, other)
    shared_id = made["shared"]["id"]
    assert other.api("GET", f"/api/v1/shared/{shared_id}").status_code == 200
    delete(journal, {"password": PASSWORD})
    assert other.api("GET", f"/api/v1/shared/{shared_id}").status_code == 404
    assert ok(other, "GET", "/api/v1/shared")["items"] == []


def test_the_session_and_tokens_end_and_the_password_no_longer_works(journal, app):
    token = ok(journal, "POST", "/api/v1/tokens", {"name": "Script"})["token"]
    assert delete(journal, {"password": PASSWORD}).status_code == 204
    assert journal.api("GET", "/api/v1/entries").status_code == 401
    script = app.test_client().get("/api/v1/entries",
                                   headers={"Authorization": f"Bearer {token}"})
    assert script.status_code == 401
    assert journal.login().status_code == 422
    assert User.select().count() == 0


@pytest.mark.parametrize("body", [{"password": "not my password"}, {}, {"password": 42}])
def test_without_the_right_password_nothing_is_deleted(journal, body):
    journal.post_entry(f"Finished the intake checklist {MARKER}")
    response = delete(journal, body)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "password": "That is not your password. Your account is still here."}
    assert journal.api("GET", "/api/v1/entries").get_json()["items"][0]["text"].endswith(MARKER)


def test_a_body_that_is_not_json_is_malformed(journal):
    response = journal.api("DELETE", "/api/v1/account", data="password",
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 400 and User.select().count() == 1


def test_anonymous_callers_get_401(client):
    headers = {"X-CSRFToken": Journal(client).token("/login")}
    response = client.delete("/api/v1/account", json={"password": PASSWORD}, headers=headers)
    assert response.status_code == 401


def test_a_personal_token_cannot_delete_even_with_the_password(journal, app):
    token = ok(journal, "POST", "/api/v1/tokens",
               {"name": "Script", "scopes": ["read", "write", "data"]})["token"]
    response = app.test_client().delete("/api/v1/account", json={"password": PASSWORD},
                                        headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403 and User.select().count() == 1
    assert response.get_json()["error"]["code"] == "session_required"


def test_the_same_address_can_sign_up_again_with_an_empty_journal(journal):
    journal.post_entry("Finished the intake checklist with Sam")
    delete(journal, {"password": PASSWORD})
    assert journal.signup().status_code == 302
    assert ok(journal, "GET", "/api/v1/entries")["items"] == []
