"""/api/v1/teams/<team_id>/notes: members list, add, change and move notes; who may change
words or delete; 304 when nothing changed; and nothing of the team for anyone outside it."""
from datetime import timedelta

import pytest

from journal.models import User
from journal.models.team import TeamMember, TeamNote
from journal.teams import circle_store
from tests.conftest import Journal
from tests.teams.test_circle_helpers import make_team, notes_url, person

NOTE = {"text": "New colleagues get a buddy", "ring": "outer", "theme": "Onboarding"}


@pytest.fixture
def team(journal, other):
    """Ana organises, Bo is a member."""
    return make_team("ana@example.org", "bo@example.org")


@pytest.fixture
def cy(app):
    return person(app, "cy@example.org", "Cy")


def add(who, team, **fields):
    response = who.api("POST", notes_url(team), {**NOTE, **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def later(clock, minutes=1):
    clock.now += timedelta(minutes=minutes)


def test_a_member_adds_a_note_everyone_in_the_team_sees(team, journal, other):
    note = add(other, team)
    assert note["text"] == NOTE["text"] and note["ring"] == "outer"
    assert note["theme"] == "Onboarding" and note["steps"] == []
    assert note["author"]["display_name"] == "Bo"
    assert note["moved_in_at"] is None and note["moved_by"] is None
    assert note["created_at"] == note["updated_at"] == "2026-11-27T12:00:00+00:00"
    body = journal.api("GET", notes_url(team)).get_json()
    assert [item["id"] for item in body["items"]] == [note["id"]]
    assert body["themes"] == ["Onboarding"]
    assert set(body["items"][0]) >= {"id", "text", "ring", "theme", "steps", "author",
                                      "moved_in_at", "moved_by", "created_at", "updated_at"}


def test_a_note_added_in_the_inner_circle_counts_as_moved_in_by_its_author(team, journal):
    note = add(journal, team, ring="inner", theme="")
    assert note["moved_in_at"] == "2026-11-27T12:00:00+00:00"
    assert note["moved_by"]["display_name"] == "Ana"


def test_the_board_shows_one_theme_or_the_notes_without_one(team, journal):
    add(journal, team, text="Buddy", theme="Onboarding")
    add(journal, team, text="Shorter handovers", theme="Handover")
    add(journal, team, text="No theme", theme="")
    texts = lambda query: [item["text"] for item in
                           journal.api("GET", notes_url(team) + query).get_json()["items"]]
    assert texts("?theme=Onboarding") == ["Buddy"]
    assert texts("?theme=") == ["No theme"]
    assert len(texts("")) == 3
    assert journal.api("GET", notes_url(team)).get_json()["themes"] == ["Handover", "Onboarding"]


@pytest.mark.parametrize("body, field", [
    ({"text": ""}, "text"), ({"ring": "outer"}, "text"), ({"text": "x" * 301}, "text"),
    ({"text": "a", "ring": "middle"}, "ring"), ({"text": "a", "theme": "t" * 81}, "theme"),
    ({"text": "a", "steps": [{"text": ""}]}, "steps"),
])
def test_a_refused_note_says_why_beside_the_field_and_writes_nothing(team, journal, body, field):
    response = journal.api("POST", notes_url(team), body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error" and field in error["fields"]
    assert TeamNote.select().count() == 0


def test_a_body_that_is_no_json_object_is_malformed(team, journal):
    assert journal.api("POST", notes_url(team), ["text"]).status_code == 400
    assert TeamNote.select().count() == 0


def test_a_pair_takes_a_note_writes_steps_and_moves_it_in_dated(team, journal, other, clock):
    note = add(journal, team)
    assert other.api("PATCH", notes_url(team, note["id"]), {"taken": True}).status_code == 200
    changed = journal.api("PATCH", notes_url(team, note["id"]), {"taken": True}).get_json()
    assert [p["display_name"] for p in changed["taken_by"]] == ["Bo", "Ana"]
    steps = [{"text": "Ask who wants to be a buddy", "done": True},
             {"text": "Put the buddy on the welcome card", "done": False}]
    changed = other.api("PATCH", notes_url(team, note["id"]), {"steps": steps}).get_json()
    assert changed["steps"] == steps and changed["ring"] == "outer"
    later(clock, 60)
    moved = other.api("PATCH", notes_url(team, note["id"]), {"ring": "inner"}).get_json()
    assert moved["ring"] == "inner" and moved["moved_in_at"] == "2026-11-27T13:00:00+00:00"
    assert moved["moved_by"]["display_name"] == "Bo" and moved["steps"] == steps
    listed = journal.api("GET", notes_url(team)).get_json()["items"][0]
    assert listed["moved_in_at"] == "2026-11-27T13:00:00+00:00"


def test_moving_back_out_is_allowed_and_remembered(team, journal, other, clock):
    note = add(journal, team)
    journal.api("PATCH", notes_url(team, note["id"]), {"ring": "inner"})
    later(clock, 60 * 24)
    out = other.api("PATCH", notes_url(team, note["id"]), {"ring": "outer"}).get_json()
    assert out["ring"] == "outer" and out["moved_in_at"] is None and out["moved_by"] is None
    assert [(m["ring"], m["at"], m["by"]["display_name"]) for m in out["moves"]] == [
        ("inner", "2026-11-27T12:00:00+00:00", "Ana"),
        ("outer", "2026-11-28T12:00:00+00:00", "Bo")]
    again = journal.api("PATCH", notes_url(team, note["id"]), {"ring": "outer"}).get_json()
    assert len(again["moves"]) == 2, "staying out is no move"


def test_letting_go_and_a_fourth_taker(team, journal, other, cy, app):
    dee = person(app, "dee@example.org", "Dee")
    for email in ("cy@example.org", "dee@example.org"):
        TeamMember.create(team=team, user=User.by_email(email), role="member",
                          joined_at=team.created_at)
    note = add(journal, team)
    for who in (journal, other, cy):
        assert who.api("PATCH", notes_url(team, note["id"]), {"taken": True}).status_code == 200
    full = dee.api("PATCH", notes_url(team, note["id"]), {"taken": True, "ring": "inner"})
    assert full.status_code == 422 and "taken" in full.get_json()["error"]["fields"]
    stored = TeamNote.get_by_id(note["id"])
    assert stored.ring == "outer" and stored.moved_in_at is None, "nothing half-written"
    left = other.api("PATCH", notes_url(team, note["id"]), {"taken": False}).get_json()
    assert [p["display_name"] for p in left["taken_by"]] == ["Ana", "Cy"]


def test_only_the_author_or_the_organiser_changes_words_or_deletes(team, journal, other, cy):
    TeamMember.create(team=team, user=User.by_email("cy@example.org"), role="member",
                      joined_at=team.created_at)
    note = add(other, team)
    refused = cy.api("PATCH", notes_url(team, note["id"]), {"text": "Mine now", "ring": "inner"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    assert TeamNote.get_by_id(note["id"]).ring == "outer", "nothing half-written"
    assert cy.api("DELETE", notes_url(team, note["id"])).status_code == 403
    assert other.api("PATCH", notes_url(team, note["id"]),
                     {"text": "A buddy for every newcomer"}).get_json()["text"] \
        == "A buddy for every newcomer"
    assert journal.api("PATCH", notes_url(team, note["id"]),
                       {"theme": "Welcome"}).get_json()["theme"] == "Welcome"
    assert journal.api("DELETE", notes_url(team, note["id"])).status_code == 204
    mine = add(cy, team)
    assert cy.api("DELETE", notes_url(team, mine["id"])).status_code == 204
    assert TeamNote.select().count() == 0


def test_a_refused_change_says_why_and_changes_nothing(team, journal):
    note = add(journal, team)
    response = journal.api("PATCH", notes_url(team, note["id"]),
                           {"ring": "inner", "steps": "do it", "text": ""})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"steps", "text"}
    assert TeamNote.get_by_id(note["id"]).ring == "outer"


def test_nothing_changed_answers_304_and_any_change_a_new_etag(team, journal, other, clock):
    note = add(journal, team)
    first = journal.api("GET", notes_url(team))
    tag = first.headers["ETag"]
    assert tag and "no-cache" in first.headers["Cache-Control"]
    same = journal.api("GET", notes_url(team), headers={"If-None-Match": tag})
    assert same.status_code == 304 and same.get_data() == b""
    later(clock)
    other.api("PATCH", notes_url(team, note["id"]), {"taken": True})
    changed = journal.api("GET", notes_url(team), headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    tag = changed.headers["ETag"]
    journal.api("DELETE", notes_url(team, note["id"]))
    gone = journal.api("GET", notes_url(team), headers={"If-None-Match": tag})
    assert gone.status_code == 200 and gone.get_json()["items"] == []


def test_a_compressed_answers_tag_answers_304_too(team, journal, monkeypatch):
    for _ in range(12):  # enough notes for the answer to be compressed
        add(journal, team, text="A note long enough to be worth compressing, with some words")
    first = journal.api("GET", notes_url(team), headers={"Accept-Encoding": "br"})
    assert first.headers["Content-Encoding"] == "br"
    tag = first.headers["ETag"]
    assert tag.endswith(':br"'), "Flask-Compress marks the tag of a compressed answer"
    reads = []
    monkeypatch.setattr(circle_store, "notes_of", lambda *args: reads.append(args) or [])
    same = journal.api("GET", notes_url(team), headers={"If-None-Match": tag,
                                                          "Accept-Encoding": "br"})
    assert same.status_code == 304 and same.get_data() == b""
    assert reads == [], "answered before reading the notes again"


def test_since_gives_the_notes_changed_since_and_every_id_still_there(team, journal, clock):
    old = add(journal, team, text="Old")
    later(clock, 10)
    new = add(journal, team, text="New")
    body = journal.api("GET", notes_url(team) + "?since=2026-11-27T12:05:00%2B00:00").get_json()
    assert [item["text"] for item in body["items"]] == ["New"]
    assert set(body["ids"]) == {old["id"], new["id"]}
    bad = journal.api("GET", notes_url(team) + "?since=yesterday")
    assert bad.status_code == 422 and "since" in bad.get_json()["error"]["fields"]


def test_a_note_of_another_team_is_not_found_here(team, journal, other):
    elsewhere = make_team("bo@example.org", "ana@example.org", name="Other team")
    note = add(journal, elsewhere)
    for method, body in (("PATCH", {"ring": "inner"}), ("DELETE", None)):
        response = journal.api(method, notes_url(team, note["id"]), body)
        assert response.status_code == 404
    assert journal.api("PATCH", notes_url(team, "not-a-uuid"), {}).status_code == 404
    assert TeamNote.get_by_id(note["id"]).ring == "outer"


def requests_of(team, note_id):
    return [("GET", notes_url(team), None), ("POST", notes_url(team), NOTE),
            ("PATCH", notes_url(team, note_id), {"ring": "inner"}),
            ("DELETE", notes_url(team, note_id), None)]


def test_a_stranger_and_a_former_member_find_no_team(team, journal, other, cy):
    note = add(other, team)
    TeamMember.delete().where(TeamMember.user == User.by_email("bo@example.org")).execute()
    for who in (cy, other):
        for method, url, body in requests_of(team, note["id"]):
            response = who.api(method, url, body)
            assert response.status_code == 404, (method, url)
            assert response.get_json()["error"]["code"] == "not_found"
    assert journal.api("GET", "/api/v1/teams/not-a-uuid/notes").status_code == 404
    stored = TeamNote.get_by_id(note["id"])
    assert stored.ring == "outer" and TeamNote.select().count() == 1


def test_someone_not_logged_in_is_asked_to_log_in(team, journal, app):
    note = add(journal, team)
    anonymous = Journal(app.test_client())  # with a CSRF token, but logged in as nobody
    for method, url, body in requests_of(team, note["id"]):
        headers = {"X-CSRFToken": anonymous.token("/login")} if method != "GET" else {}
        response = anonymous.client.open(url, method=method, json=body, headers=headers)
        assert response.status_code == 401, (method, url)
        assert response.get_json()["error"]["code"] == "unauthorized"
    assert TeamNote.get_by_id(note["id"]).ring == "outer" and TeamNote.select().count() == 1
