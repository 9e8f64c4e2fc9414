"""The team circle's pages without JavaScript: plain forms to add a note, take it, write and
tick its steps, move it in (dated, with who moved it) and back out, edit and delete it; the
message beside the field when something is refused; and no page for anyone outside the team."""
import re
from datetime import timedelta

import pytest
from flask import render_template

from journal.models import User
from journal.models.team import TeamMember, TeamNote
from journal.teams import circle_store
from tests.teams.test_circle_helpers import board_url, make_team, notes_url, person

NOTE = "New colleagues get a buddy"


@pytest.fixture
def team(journal, other):
    return make_team("ana@example.org", "bo@example.org")


def post(who, url, **data):
    return who.client.post(url, data={"csrf_token": who.token("/"), **data})


def page(who, url):
    response = who.client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def words(html):
    """The visible words of a page, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def add(who, team, text=NOTE, ring="outer", theme="Onboarding"):
    response = post(who, f"{board_url(team)}/notes", text=text, ring=ring, theme=theme)
    assert response.status_code == 302
    return TeamNote.get(TeamNote.text == text)


def note_url(team, note, action=""):
    return f"{board_url(team)}/notes/{note.id}{action}"


def test_a_member_adds_a_note_and_sees_it_in_the_outer_circle(team, journal, other):
    response = post(journal, f"{board_url(team)}/notes?theme=Onboarding", text=NOTE,
                    ring="outer", theme="Onboarding")
    note = TeamNote.get()
    assert response.headers["Location"].endswith(f"/circle?theme=Onboarding#note-{note.id}")
    text = words(page(other, board_url(team)))
    assert "Team circle" in text and "Outer circle: still to achieve" in text
    assert NOTE in text and "Added by Ana" in text and "Onboarding" in text
    assert "Inner circle: already achieved" in text


def test_a_refused_note_is_said_beside_the_field_and_nothing_is_written(team, journal):
    response = post(journal, f"{board_url(team)}/notes", text=" ", ring="outer",
                    theme="t" * 81)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="text-error"' in html and 'id="theme-error"' in html
    assert 'aria-invalid="true"' in html and "t" * 81 in html, "what was typed stays"
    assert TeamNote.select().count() == 0


def test_a_pair_takes_the_note_writes_steps_ticks_them_and_moves_it_in(team, journal, other,
                                                                         clock):
    note = add(journal, team)
    assert post(journal, note_url(team, note, "/take"), taken="1").status_code == 302
    assert post(other, note_url(team, note, "/take"), taken="1").status_code == 302
    assert "Taken by Ana and Bo" in words(page(other, board_url(team)))
    post(other, note_url(team, note, "/steps"), text="Ask who wants to be a buddy")
    post(other, note_url(team, note, "/steps"), text="Put the buddy on the card")
    post(journal, note_url(team, note, "/steps/0/tick"), step="Ask who wants to be a buddy")
    html = page(journal, board_url(team))
    assert 'class="step done" aria-pressed="true"' in html
    assert "Put the buddy on the card" in html
    clock.now += timedelta(days=6)
    response = post(other, note_url(team, note, "/move"), ring="inner")
    assert response.status_code == 302
    text = words(page(journal, board_url(team)))
    assert "Moved in by Ana and Bo on 3 December 2026" in text
    inner = text.split("Inner circle: already achieved", 1)[1]
    assert NOTE in inner


def test_moving_back_out_is_remembered_on_the_board(team, journal, other, clock):
    note = add(journal, team)
    post(journal, note_url(team, note, "/move"), ring="inner")
    clock.now += timedelta(days=1)
    post(other, note_url(team, note, "/move"), ring="outer")
    text = words(page(journal, board_url(team)))
    assert "Moved back out by Bo on 28 November 2026" in text
    assert post(journal, note_url(team, note, "/move"), ring="middle").status_code == 400


def test_letting_go_takes_the_name_off(team, journal):
    note = add(journal, team)
    post(journal, note_url(team, note, "/take"), taken="1")
    post(journal, note_url(team, note, "/take"), taken="0")
    assert "Taken by" not in words(page(journal, board_url(team)))


def test_a_step_changed_meanwhile_is_not_ticked_or_removed_blindly(team, journal, other):
    note = add(journal, team)
    post(journal, note_url(team, note, "/steps"), text="First")
    post(other, note_url(team, note, "/steps/0/remove"), step="First")
    post(other, note_url(team, note, "/steps"), text="Second")
    response = post(journal, note_url(team, note, "/steps/0/tick"), step="First")
    assert response.status_code == 422
    assert "Someone changed these steps just now" in response.get_data(as_text=True)
    assert circle_store.view_of(TeamNote.get_by_id(note.id))["steps"] == [
        {"text": "Second", "done": False}]


def test_an_empty_step_is_said_beside_its_field(team, journal):
    note = add(journal, team)
    response = post(journal, note_url(team, note, "/steps"), text="  ")
    assert response.status_code == 422
    assert f'id="step-{note.id}-error"' in response.get_data(as_text=True)
    assert circle_store.view_of(TeamNote.get_by_id(note.id))["steps"] == []


def test_the_author_or_the_organiser_edits_and_deletes(team, journal, other, app):
    cy = person(app, "cy@example.org", "Cy")
    TeamMember.create(team=team, user=User.by_email("cy@example.org"), role="member",
                      joined_at=team.created_at)
    note = add(other, team)
    assert "/edit" in page(other, board_url(team))
    assert note_url(team, note, "/edit") not in page(cy, board_url(team))
    assert cy.client.get(note_url(team, note, "/edit")).status_code == 403
    assert post(cy, note_url(team, note, "/edit"), text="Mine", theme="").status_code == 403
    assert post(cy, note_url(team, note, "/delete")).status_code == 403
    refused = post(other, note_url(team, note, "/edit"), text="", theme="Welcome")
    assert refused.status_code == 422 and 'id="text-error"' in refused.get_data(as_text=True)
    assert post(other, note_url(team, note, "/edit"), text="A buddy for everyone",
                theme="Welcome").status_code == 302
    assert TeamNote.get_by_id(note.id).text == "A buddy for everyone"
    assert page(journal, note_url(team, note, "/edit")).count("A buddy for everyone") >= 1
    assert post(journal, note_url(team, note, "/delete")).status_code == 302
    assert TeamNote.select().count() == 0


def test_the_theme_filter_shows_one_board(team, journal):
    add(journal, team, text="Buddy", theme="Onboarding")
    add(journal, team, text="Shorter handovers", theme="Handover")
    text = words(page(journal, board_url(team) + "?theme=Handover"))
    assert "Shorter handovers" in text and "Buddy" not in text
    assert "Team circle: Handover" in text


def test_nobody_outside_the_team_finds_its_pages(team, journal, other, app):
    cy = person(app, "cy@example.org", "Cy")
    note = add(other, team)
    TeamMember.delete().where(TeamMember.user == User.by_email("bo@example.org")).execute()
    for who in (cy, other):
        assert who.client.get(board_url(team)).status_code == 404
        assert who.client.get(f"{board_url(team)}/notes").status_code == 404
        assert who.client.get(note_url(team, note, "/edit")).status_code == 404
        for action, data in (("", {"text": "x"}), ("/take", {"taken": "1"}), ("/steps", {"text": "x"}),
                             ("/move", {"ring": "inner"}), ("/delete", {})):
            url = note_url(team, note, action) if action else f"{board_url(team)}/notes"
            assert post(who, url, **data).status_code == 404, url
    stored = TeamNote.get_by_id(note.id)
    assert TeamNote.select().count() == 1 and stored.ring == "outer"
    anonymous = app.test_client()
    assert "/login" in anonymous.get(board_url(team)).headers["Location"]


def test_the_rings_alone_for_the_script(team, journal):
    add(journal, team)
    html = page(journal, f"{board_url(team)}/notes")
    assert "<html" not in html and 'id="circle-rings"' in html and NOTE in html
    version = re.search(r'id="circle-rings" data-version="([^"]+)"', html).group(1)
    assert journal.api("GET", notes_url(team)).headers["ETag"] == f'"{version}"'


def test_the_team_page_card(team, journal, app, clock):
    add(journal, team, text="Buddy", theme="Onboarding")
    note = add(journal, team, text="Handover notes", theme="Handover")
    add(journal, team, text="No theme", theme="")
    post(journal, note_url(team, note, "/move"), ring="inner")
    card = circle_store.card_of(team, User.by_email("ana@example.org"))
    assert card["inner"] == 1 and card["outer"] == 2
    assert [row["theme"] for row in card["themes"]] == ["Handover", "Onboarding", ""]
    assert [moved["text"] for moved in card["last_moves"]] == ["Handover notes"]
    with app.test_request_context():
        html = render_template("teams/_circle_card.html", team=team, circle_card=card)
    text = words(html)
    assert "Team circle" in text and "Handover notes" in text and "Without a theme" in text
    assert "1 already achieved" in text and "?theme=Onboarding" in html


def test_the_board_in_dutch_writes_dates_the_dutch_way(team, journal, clock):
    User.update(language="nl").where(User.email == "ana@example.org").execute()
    note = add(journal, team)
    post(journal, note_url(team, note, "/move"), ring="inner")
    html = page(journal, board_url(team))
    assert "27 november 2026" in html and 'lang="nl"' in html


def test_export_and_forgetting_a_person(team, journal, other):
    note = add(journal, team)
    mine = add(other, team, text="Bo's own note")
    post(other, note_url(team, note, "/take"), taken="1")
    post(other, note_url(team, note, "/move"), ring="inner")
    bo = User.by_email("bo@example.org")
    assert [item["text"] for item in circle_store.notes_by(bo)] == ["Bo's own note"]
    assert circle_store.notes_by(bo)[0]["team_id"] == str(team.id)
    circle_store.forget(bo)
    assert TeamNote.get_or_none(TeamNote.id == mine.id) is None
    stored = TeamNote.get_by_id(note.id)
    assert str(bo.id) not in stored.taken_by + stored.moves
    view = circle_store.view_of(stored)
    assert view["taken_by"] == [] and view["moves"][0]["by"] is None
