"""The steering conversation's pages: Bo (the manager, `other`) prepares an expectation of Ana
(`journal`, who shares with him), sees hints about its wording, and shares it; Ana answers.
Nobody else sees it; a draft is Bo's alone; an ended connection closes it for Bo."""
import re

import pytest

from journal.models import Connection, Delivery, User
from journal.models.conversation import SteeringConversation
from journal.sharing import end_connection
from tests.conftest import STORED_NOW, Journal

EXPECTATION = ("From March, I need every intake logged in the new registration system, so the "
               "whole team can see who is waiting for a call back")
ROOM = "How you fit it into your day is up to you"


@pytest.fixture
def cy(app):
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


def people():
    return User.by_email("ana@example.org"), User.by_email("bo@example.org")


def connect():
    ana, bo = people()
    return Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)


def page(person, path):
    response = person.client.get(path)
    return response.status_code, response.get_data(as_text=True)


def post(person, path, **form):
    return person.client.post(path, data={"csrf_token": person.token("/"), **form})


def prepare(bo, **fields):
    ana, _bo = people()
    form = {"employee_id": str(ana.id), "expectation": EXPECTATION, "reason": "",
            "room": ROOM, "held_on": "", **fields}
    response = post(bo, "/conversations/steering/new", **form)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def test_the_hub_invites_a_manager_to_prepare_one(journal, other):
    assert "Prepare a steering conversation" not in page(other, "/conversations")[1]
    assert 'id="steering-heading"' not in page(journal, "/conversations")[1]
    connect()
    status, html = page(other, "/conversations")
    assert status == 200 and "Prepare a steering conversation" in html
    assert 'href="/conversations/steering/new"' in html
    assert "Prepare a steering conversation" not in page(journal, "/conversations")[1], \
        "Ana shares with Bo; nobody shares with Ana"
    where = prepare(other)
    html = page(other, "/conversations")[1]
    assert f'<a href="{where}">For Ana</a> <span class="meta">· Draft</span>' in html
    assert 'href="/conversations/steering">All steering conversations' in html
    assert 'id="steering-heading"' not in page(journal, "/conversations")[1], "a draft is Bo's"


def test_preparing_shows_the_principles_and_the_people_who_share(journal, other, cy):
    connect()
    status, html = page(other, "/conversations/steering/new")
    assert status == 200
    for words in ("Honest", "Positive and clear", "Giving room", "What do you expect?",
                  "Room for how", "Day of the conversation (optional)"):
        assert words in html
    ana, _bo = people()
    assert f'<option value="{ana.id}"' in html and ">Cy<" not in html  # (a token may hold "Cy")
    status, html = page(cy, "/conversations/steering/new")
    assert status == 200 and "Nobody shares with you yet" in html and "<form" not in html


def test_a_draft_shows_hints_after_saving_and_only_to_the_manager(journal, other, cy):
    connect()
    where = prepare(other, expectation="Don't forget to log every intake. You are so careless.")
    status, html = page(other, where)
    assert status == 200
    assert "Saved as a draft. Only you see it until you share it." in html
    hints = re.findall(r'<p class="praise-hint steering-hint" role="status">(.*?)</p>', html,
                       re.DOTALL)
    assert len(hints) == 2
    assert "You are so careless" in hints[0] and "Don&#39;t forget" in hints[1]
    assert "Share with Ana" in html and "Delete the draft" in html
    for person in (journal, cy):
        assert page(person, where)[0] == 404
    assert "From Bo" not in page(journal, "/conversations/steering")[1]
    steering = SteeringConversation.get()
    post(other, f"/conversations/steering/{steering.id}/edit", expectation=EXPECTATION,
         reason="", room=ROOM, held_on="2026-12-03")
    html = page(other, where)[1]
    assert "steering-hint" not in html and "Once you share it, Ana can read it" in html
    assert "Conversation on 3 December 2026" in html


def test_bad_input_is_shown_beside_each_field_and_nothing_is_saved(journal, other, cy):
    connect()
    cy_user = User.by_email("cy@example.org")
    response = post(other, "/conversations/steering/new", employee_id=str(cy_user.id),
                    expectation=" ", reason="x" * 1001, room="", held_on="2030-01-01")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    for field in ("employee_id", "expectation", "reason", "held_on"):
        assert f'id="{field}-error"' in html, field
    assert 'id="room-error"' not in html
    assert "x" * 1001 in html, "what was typed is kept"
    assert SteeringConversation.select().count() == 0
    assert other.client.post("/conversations/steering/new", data={
        "employee_id": str(people()[0].id), "expectation": "x"}).status_code == 400
    assert SteeringConversation.select().count() == 0


def test_sharing_then_answering_both_keep_the_record(journal, other):
    connect()
    where = prepare(other)
    steering = SteeringConversation.get()
    response = post(other, f"{where}/share")
    assert response.status_code == 302
    assert "Shared with Ana" in page(other, where)[1]
    assert Delivery.select().where(Delivery.kind == "steering_shared").count() == 1
    status, html = page(journal, "/conversations")
    assert "1 expectation is waiting for your answer." in html and "From Bo" in html
    status, html = page(journal, where)
    assert status == 200 and EXPECTATION in html and ROOM in html
    assert "What Bo expects" in html and "steering-hint" not in html
    assert "Share with" not in html and "/edit" not in html
    response = post(journal, f"{where}/answer", plan=" ", view="I doubt it")
    assert response.status_code == 422 and 'id="plan-error"' in response.get_data(as_text=True)
    assert "I doubt it" in response.get_data(as_text=True)
    post(journal, f"{where}/answer", plan="I log right after each call",
         view="The system is slow on Mondays")
    steering = SteeringConversation.get_by_id(steering.id)
    assert (steering.status, steering.plan) == ("answered", "I log right after each call")
    status, html = page(other, where)
    assert "The answer of Ana" in html and "I log right after each call" in html
    assert "The system is slow on Mondays" in html and "<form" not in html.split("answer-heading")[1]
    html = page(journal, where)[1]
    assert "Change your answer" in html
    post(journal, f"{where}/answer", plan="I log at noon", view="")
    assert "I log at noon" in page(other, where)[1]
    assert "expectation is waiting" not in page(journal, "/conversations")[1]


def test_after_sharing_the_record_stays_as_it_is(journal, other):
    connect()
    where = prepare(other)
    post(other, f"{where}/share")
    response = other.client.get(f"{where}/edit")
    assert response.status_code == 302 and response.headers["Location"].endswith(where)
    post(other, f"{where}/edit", expectation="Something else", room="", reason="", held_on="")
    post(other, f"{where}/delete")
    status, html = page(other, where)
    assert status == 200 and EXPECTATION in html and "It is shared, so it stays as it is" in html
    assert SteeringConversation.get().expectation == EXPECTATION


def test_each_role_is_refused_the_others_actions(journal, other, cy):
    connect()
    where = prepare(other)
    for tail in ("/edit", "/share", "/delete", "/answer"):
        assert post(journal, f"{where}{tail}", plan="x", expectation="x").status_code == 404
        assert post(cy, f"{where}{tail}", plan="x", expectation="x").status_code == 404
    post(other, f"{where}/share")
    for tail in ("/edit", "/share", "/delete"):
        assert post(journal, f"{where}{tail}", expectation="x").status_code == 404
    assert post(other, f"{where}/answer", plan="x").status_code == 404
    assert page(cy, where)[0] == 404 and page(other, "/conversations/steering/nope")[0] == 404
    assert SteeringConversation.get().plan == ""


def test_a_draft_can_be_deleted(journal, other):
    connect()
    where = prepare(other)
    response = post(other, f"{where}/delete")
    assert response.status_code == 302
    assert SteeringConversation.select().count() == 0 and page(other, where)[0] == 404


def test_an_ended_connection_closes_it_for_the_manager(journal, other):
    connection = connect()
    where = prepare(other)
    post(other, f"{where}/share")
    end_connection(connection, STORED_NOW)
    assert page(other, where)[0] == 404
    html = page(other, "/conversations/steering")[1]
    assert "For Ana" not in html and "Prepare a steering conversation" not in html
    status, html = page(journal, where)
    assert status == 200 and EXPECTATION in html
    assert "From Bo" in page(journal, "/conversations/steering")[1]


def test_the_list_shows_both_sides(journal, other):
    connect()
    prepare(other, expectation="Send the rota by Friday")
    shared = prepare(other)
    post(other, f"{shared}/share")
    html = page(other, "/conversations/steering")[1]
    assert html.count("For Ana") == 2 and "Draft" in html and "Waiting for an answer" in html
    html = page(journal, "/conversations/steering")[1]
    assert html.count("From Bo") == 1 and "Send the rota" not in html
