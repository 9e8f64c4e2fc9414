"""The helping conversation's pages: asking from the hub, answering, the current step with its
question and notes, the next step taken into the asker's circle, and who sees what."""
import re

import pytest

from journal.conversations.steps import NEXT_STEP
from journal.models import Connection, Goal, HelpingConversation, HelpingNote, User
from journal.sharing import end_connection
from tests.conftest import STORED_NOW, Journal
from tests.conversations.test_helping_api import TOPIC, connect, people

BASE = "/conversations/helping"


def post(person, path, **form):
    return person.client.post(path, data={"csrf_token": person.token("/"), **form})


def page(person, path):
    response = person.client.get(path)
    return response.status_code, response.get_data(as_text=True)


@pytest.fixture
def asked(journal, other):
    ana, bo = people()
    connect(ana, bo)
    response = post(journal, BASE, helper_id=str(bo.id), topic=TOPIC)
    assert response.status_code == 302
    conversation = HelpingConversation.get()
    assert response.headers["Location"].endswith(f"{BASE}/{conversation.id}")
    return conversation


@pytest.fixture
def opened(asked, other):
    assert post(other, f"{BASE}/{asked.id}/answer", accept="yes").status_code == 302
    return asked


def move(person, conversation, times=1, direction="1"):
    for _ in range(times):
        assert post(person, f"{BASE}/{conversation.id}/step",
                    direction=direction).status_code == 302


def test_the_hub_invites_to_ask_once_you_are_connected(journal, other):
    html = page(journal, "/conversations")[1]
    assert "Helping conversations" in html and f'href="{BASE}/new"' not in html
    ana, bo = people()
    connect(ana, bo)
    html = page(journal, "/conversations")[1]
    assert f'href="{BASE}/new"' in html and "Ask for a helping conversation" in html
    assert f'href="{BASE}/new"' in page(other, "/conversations")[1], "either side may ask"


def test_the_form_offers_only_connected_people(journal, other, app):
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    ana, bo = people()
    connect(ana, bo)
    status, html = page(journal, f"{BASE}/new")
    assert status == 200
    assert re.findall(r'<option value="([^"]+)"', html) == [str(bo.id)]
    assert ">Cy<" not in html  # (a random token may hold "Cy")
    empty = page(cy, f"{BASE}/new")[1]
    assert "<select" not in empty and "once you are connected" in empty


def test_asking_with_missing_or_wrong_fields_shows_each_message_beside_it(journal, other, app):
    ana, bo = people()
    connect(ana, bo)
    response = post(journal, BASE, helper_id="", topic="  ")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="helper_id-error"' in html and 'id="topic-error"' in html
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    stranger = User.by_email("cy@example.org")
    response = post(journal, BASE, helper_id=str(stranger.id), topic="Kept text")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "connected with" in html and "Kept text" in html
    assert HelpingConversation.select().count() == 0


def test_the_helper_is_asked_and_accepts(journal, other, asked):
    status, html = page(other, "/conversations")
    assert "Someone would like your help." in html and f"{BASE}/{asked.id}" in html
    status, html = page(other, f"{BASE}/{asked.id}")
    assert status == 200 and TOPIC in html and "Would you like to help?" in html
    waiting = page(journal, f"{BASE}/{asked.id}")[1]
    assert "Waiting for an answer" in waiting and "Would you like to help?" not in waiting
    assert post(journal, f"{BASE}/{asked.id}/answer", accept="yes").status_code == 302
    assert HelpingConversation.get().status == "asked", "the asker cannot answer"
    post(other, f"{BASE}/{asked.id}/answer")
    assert HelpingConversation.get().status == "asked", "no answer is no decline"
    post(other, f"{BASE}/{asked.id}/answer", accept="yes")
    assert HelpingConversation.get().status == "open"
    html = page(other, f"{BASE}/{asked.id}")[1]
    assert "Step 1 of 7" in html and "How can this conversation be as useful" in html


def test_declining_is_told_kindly_and_the_asker_may_take_a_request_back(journal, other, asked):
    post(other, f"{BASE}/{asked.id}/answer", accept="no")
    html = page(journal, f"{BASE}/{asked.id}")[1]
    assert "Not this time" in html and "ask someone else" in html
    _ana, bo = people()
    post(journal, BASE, helper_id=str(bo.id), topic="Another one")
    second = HelpingConversation.get(HelpingConversation.topic == "Another one")
    response = post(journal, f"{BASE}/{second.id}/delete")
    assert response.status_code == 302 and response.headers["Location"].endswith(BASE)
    assert not HelpingConversation.select().where(HelpingConversation.id == second.id).exists()


def test_the_step_page_guides_the_helper_and_shows_both_notes(journal, other, opened):
    post(journal, f"{BASE}/{opened.id}/notes", text="Calm Mondays")
    helper = page(other, f"{BASE}/{opened.id}")[1]
    asker = page(journal, f"{BASE}/{opened.id}")[1]
    assert "For you as helper:" in helper and "For you as helper:" not in asker
    assert "Calm Mondays" in helper and "Calm Mondays" in asker
    assert 'name="direction"' in helper and 'name="direction"' not in asker
    move(other, opened)
    html = page(journal, f"{BASE}/{opened.id}")[1]
    assert "Step 2 of 7" in html and "Earlier steps" in html and "Calm Mondays" in html


def test_an_empty_note_is_refused_beside_the_field(journal, opened):
    response = post(journal, f"{BASE}/{opened.id}/notes", text="  ")
    assert response.status_code == 422
    assert 'id="text-error"' in response.get_data(as_text=True)
    assert HelpingNote.select().count() == 0


def test_the_asker_moving_steps_is_told_it_is_the_helpers_part(journal, opened):
    response = post(journal, f"{BASE}/{opened.id}/step", direction="1")
    assert response.status_code == 302
    assert HelpingConversation.get().step == 0
    assert "The helper moves through the steps." in page(journal, f"{BASE}/{opened.id}")[1]


def test_the_next_step_goes_into_the_askers_outer_circle_as_they_word_it(journal, other,
                                                                         opened):
    move(other, opened, NEXT_STEP)
    assert "Propose a next step" in page(other, f"{BASE}/{opened.id}")[1]
    post(other, f"{BASE}/{opened.id}/next_step", next_step="Ask Sam to observe")
    html = page(journal, f"{BASE}/{opened.id}")[1]
    assert "Put it in my outer circle" in html and 'value="Ask Sam to observe"' in html
    bad = post(journal, f"{BASE}/{opened.id}/accept", next_step="")
    assert bad.status_code == 422 and 'id="next_step-error"' in bad.get_data(as_text=True)
    assert Goal.select().count() == 0
    post(journal, f"{BASE}/{opened.id}/accept", next_step="Ask Sam to observe one intake")
    goal = Goal.get()
    assert (goal.title, goal.ring, goal.user_id) == ("Ask Sam to observe one intake", "outer",
                                                     User.by_email("ana@example.org").id)
    assert "Ask Sam to observe one intake" in page(journal, "/goals")[1]
    assert "put it in their outer circle" in page(other, f"{BASE}/{opened.id}")[1]


def test_the_asker_may_save_a_next_step_and_decide_later(journal, other, opened):
    move(other, opened, NEXT_STEP)
    post(journal, f"{BASE}/{opened.id}/next_step", next_step="Prepare with the checklist")
    assert HelpingConversation.get().next_step == "Prepare with the checklist"
    assert Goal.select().count() == 0
    html = page(other, f"{BASE}/{opened.id}")[1]
    assert "Prepare with the checklist" in html and "decides whether" in html


def test_through_the_last_step_it_closes_and_both_keep_the_notes(journal, other, opened):
    move(other, opened, 7)
    conversation = HelpingConversation.get()
    assert conversation.status == "closed" and conversation.closed_at == STORED_NOW
    for person in (journal, other):
        assert "You both keep the notes." in page(person, f"{BASE}/{opened.id}")[1]


def test_nobody_else_sees_it_and_the_helper_loses_it_when_the_connection_ends(
        journal, other, opened, app):
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    assert page(cy, f"{BASE}/{opened.id}")[0] == 404
    assert post(cy, f"{BASE}/{opened.id}/notes", text="Hi").status_code == 404
    assert page(journal, f"{BASE}/nonsense")[0] == 404
    post(journal, f"{BASE}/{opened.id}/notes", text="Kept for me")
    end_connection(Connection.get(), STORED_NOW)
    assert page(other, f"{BASE}/{opened.id}")[0] == 404
    assert TOPIC not in page(other, BASE)[1]
    status, html = page(journal, f"{BASE}/{opened.id}")
    assert status == 200 and "Kept for me" in html and "no longer connected" in html
    assert 'name="text"' not in html
    post(journal, f"{BASE}/{opened.id}/delete")
    assert HelpingConversation.select().count() == 0


def test_the_list_shows_mine_in_both_roles(journal, other, asked):
    ana, _bo = people()
    post(other, BASE, helper_id=str(ana.id), topic="Bo's own question")
    html = page(journal, BASE)[1]
    assert "With Bo" in html and "Helping Bo" in html


def test_the_pages_speak_dutch(journal, other, opened):
    User.update(language="nl").where(User.email == "ana@example.org").execute()
    status, html = page(journal, f"{BASE}/{opened.id}")
    assert status == 200 and 'lang="nl"' in html
    assert "Maak het nuttig" in html, "the step's words come from the shared seven steps"
