"""The team pages: my teams, making one, the team page with its join link (shown once, renewed,
switched off), the page a join link opens (for a visitor too), and the members page (leave,
remove, hand over, rename). Anyone not in the team finds nothing (404)."""
import re
from datetime import timedelta

import pytest

from journal.models import User
from journal.models.team import Team, TeamMember, join_token_hash
from tests.conftest import Journal

LINK = re.compile(r'id="join-link"[^>]*>http://localhost(/teams/join/[A-Za-z0-9_-]+)<')


def page(person, path):
    return person.client.get(path).get_data(as_text=True)


def post(person, path, **data):
    return person.client.post(path, data={"csrf_token": person.token("/teams"), **data})


def make_team(person, name="Ward 3"):
    """Make a team through the form; returns (team id, the join link's path)."""
    response = post(person, "/teams", name=name)
    assert response.status_code == 302
    team_id = response.location.rsplit("/", 1)[1]
    match = LINK.search(page(person, response.location))
    return team_id, match.group(1) if match else None


def user_id(email):
    return str(User.by_email(email).id)


@pytest.fixture
def cy(app):
    person = Journal(app.test_client())
    assert person.signup(email="cy@example.org", name="Cy").status_code == 302
    return person


@pytest.fixture
def ward(journal, other):
    """Ward 3: Ana organises it, Bo joined through its link. (team id, link path)"""
    team_id, link = make_team(journal)
    assert post(other, link).status_code == 302
    return team_id, link


def test_no_teams_yet_says_what_to_do(journal):
    html = page(journal, "/teams")
    assert "You are not in a team yet." in html and 'href="/teams/new"' in html


def test_making_a_team_shows_its_link_once(journal):
    assert "Name of the team" in page(journal, "/teams/new")
    team_id, link = make_team(journal, "  Ward 3 ")
    assert link and Team.get().join_hash == join_token_hash(link.rsplit("/", 1)[1])
    html = page(journal, f"/teams/{team_id}")
    assert LINK.search(html) is None, "shown only right after it was made"
    assert "The join link works until 4 December 2026." in html
    assert f"/teams/{team_id}/join_link/revoke" in html
    assert "Ward 3" in page(journal, "/teams")
    assert "You organise this team" in page(journal, "/teams")


@pytest.mark.parametrize("name, message", [("  ", "Give the team a name"),
                                           ("x" * 81, "80 characters or fewer")])
def test_a_bad_name_is_told_beside_the_field_and_nothing_is_made(journal, name, message):
    response = post(journal, "/teams", name=name)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'<p class="error" id="name-error">[^<]*' + message, html)
    assert 'aria-invalid="true"' in html and Team.select().count() == 0


def test_opening_the_link_shows_team_and_organiser_and_only_the_button_joins(journal, other):
    _team_id, link = make_team(journal)
    html = page(other, link)
    assert "Ana invites you to join the team Ward 3." in html
    assert f'action="{link}"' in html and "Join Ward 3" in html
    assert TeamMember.select().count() == 1, "opening the link joins nobody"
    response = post(other, link)
    assert response.location == f"/teams/{Team.get().id}"
    team_page = page(other, response.location)
    assert "Welcome to Ward 3." in team_page
    assert "Ana" in team_page and "Bo" in team_page
    assert "@example.org" not in team_page.split("<main", 1)[1]


def test_joining_twice_changes_nothing(ward, other):
    team_id, link = ward
    assert "You are already in Ward 3." in page(other, link)
    assert post(other, link).location == f"/teams/{team_id}"
    assert "You are already in Ward 3." in page(other, f"/teams/{team_id}")
    assert TeamMember.select().count() == 2


def test_a_visitor_logs_in_or_signs_up_and_comes_back(app, journal):
    team_id, link = make_team(journal)
    visitor = Journal(app.test_client())
    html = page(visitor, link)
    assert "Ana invites you to join the team Ward 3." in html
    assert f'href="/login?next={link}"' in html
    assert f'href="/signup?next={link}"' in html
    refused = visitor.client.post(link, data={"csrf_token": visitor.token(link)})
    assert refused.status_code == 302 and refused.location.startswith("/login")
    assert TeamMember.select().count() == 1
    signed_up = visitor.client.post(f"/signup?next={link}", data={
        "csrf_token": visitor.token("/signup"), "email": "cy@example.org",
        "password": "correct horse battery", "display_name": "Cy",
        "timezone": "Europe/Amsterdam", "language": "en"})
    assert signed_up.location == link
    assert post(visitor, link).location == f"/teams/{team_id}"
    assert TeamMember.select().count() == 2


def test_an_expired_link_is_a_friendly_410_for_everyone(app, journal, cy, clock):
    _team_id, link = make_team(journal)
    clock.now += timedelta(days=7)
    for person in (cy, Journal(app.test_client())):
        response = person.client.get(link)
        html = response.get_data(as_text=True)
        assert response.status_code == 410
        assert "This join link has expired. Ask the organiser of Ward 3 for a new one." in html
        assert "Join Ward 3" not in html
    assert post(cy, link).status_code == 410 and TeamMember.select().count() == 1
    assert "The join link expired on 4 December 2026." in page(journal, f"/teams/{_team_id}")


def test_a_renewed_link_replaces_the_old_one(journal, cy):
    team_id, old = make_team(journal)
    response = post(journal, f"/teams/{team_id}/join_link")
    assert response.location == f"/teams/{team_id}#join-link-heading"
    new = LINK.search(page(journal, f"/teams/{team_id}")).group(1)
    assert new != old
    response = cy.client.get(old)
    assert response.status_code == 404
    assert "This join link does not work." in response.get_data(as_text=True)
    assert post(cy, old).status_code == 404 and TeamMember.select().count() == 1
    assert post(cy, new).status_code == 302 and TeamMember.select().count() == 2


def test_a_switched_off_link_opens_nothing(journal, cy):
    team_id, link = make_team(journal)
    post(journal, f"/teams/{team_id}/join_link/revoke")
    html = page(journal, f"/teams/{team_id}")
    assert "The join link is switched off." in html and "/join_link/revoke" not in html
    assert cy.client.get(link).status_code == 404
    assert post(cy, link).status_code == 404 and TeamMember.select().count() == 1


def test_an_unknown_link_is_404(cy):
    response = cy.client.get("/teams/join/made-up")
    assert response.status_code == 404
    assert "Nothing has changed" in response.get_data(as_text=True)


def test_a_member_sees_no_join_link_nor_its_buttons(ward, other):
    team_id, _link = ward
    html = page(other, f"/teams/{team_id}")
    assert "Join link" not in html and "/join_link" not in html
    assert post(other, f"/teams/{team_id}/join_link").location == f"/teams/{team_id}/members"
    assert "Only the organiser of the team can do this." in page(other, f"/teams/{team_id}")
    assert Team.get().join_hash == join_token_hash(_link.rsplit("/", 1)[1])


def test_a_stranger_finds_nothing(ward, cy):
    team_id, _link = ward
    for path in (f"/teams/{team_id}", f"/teams/{team_id}/members"):
        assert cy.client.get(path).status_code == 404
    for path in ("join_link", "join_link/revoke", "leave", "name", "organiser",
                 f"members/{user_id('bo@example.org')}/remove"):
        assert post(cy, f"/teams/{team_id}/{path}", name="Mine",
                    user_id=user_id("cy@example.org")).status_code == 404, path
    assert TeamMember.select().count() == 2 and Team.get().name == "Ward 3"
    assert "Ward 3" not in page(cy, "/teams")


def test_a_member_leaves_and_then_finds_nothing(ward, other):
    team_id, _link = ward
    assert "Leave Ward 3?" in page(other, f"/teams/{team_id}/members")
    response = post(other, f"/teams/{team_id}/leave")
    assert response.location == "/teams"
    assert "You left Ward 3." in page(other, "/teams")
    assert other.client.get(f"/teams/{team_id}").status_code == 404
    assert other.client.get(f"/teams/{team_id}/members").status_code == 404


def test_the_organiser_removes_a_member(ward, journal, other):
    team_id, _link = ward
    bo = user_id("bo@example.org")
    assert "Remove Bo from Ward 3?" in page(journal, f"/teams/{team_id}/members")
    response = post(journal, f"/teams/{team_id}/members/{bo}/remove")
    assert response.location == f"/teams/{team_id}/members"
    assert "Bo is no longer in the team." in page(journal, response.location)
    assert other.client.get(f"/teams/{team_id}").status_code == 404
    assert post(other, f"/teams/{team_id}/leave").status_code == 404


def test_a_member_cannot_remove_the_organiser(ward, other):
    team_id, _link = ward
    members = page(other, f"/teams/{team_id}/members")
    assert "/remove" not in members and "Hand over" not in members
    post(other, f"/teams/{team_id}/members/{user_id('ana@example.org')}/remove")
    assert TeamMember.select().count() == 2


def test_the_organiser_hands_over_before_leaving(ward, journal, other):
    team_id, _link = ward
    html = page(journal, f"/teams/{team_id}/members")
    assert "Hand it over to another member first, then you can leave." in html
    response = post(journal, f"/teams/{team_id}/leave")
    assert response.location == f"/teams/{team_id}/members"
    assert "Hand it over to another member first" in page(journal, response.location)
    assert TeamMember.select().count() == 2

    response = post(journal, f"/teams/{team_id}/organiser", user_id=user_id("bo@example.org"))
    assert response.location == f"/teams/{team_id}"
    assert "Bo now organises the team." in page(journal, response.location)
    assert "Join link" not in page(journal, f"/teams/{team_id}")
    assert "Join link" in page(other, f"/teams/{team_id}")
    assert post(journal, f"/teams/{team_id}/leave").location == "/teams"
    assert [m.user.display_name for m in TeamMember.select()] == ["Bo"]


def test_handing_over_to_nobody_is_told_beside_the_field(ward, journal, cy):
    team_id, _link = ward
    for value in ("", user_id("cy@example.org")):
        response = post(journal, f"/teams/{team_id}/organiser", user_id=value)
        assert response.status_code == 422
        assert '<p class="error" id="user_id-error">Choose a member of this team.' in (
            response.get_data(as_text=True))
    assert TeamMember.get(TeamMember.role == "organiser").user.display_name == "Ana"


def test_the_last_member_leaving_deletes_the_team(journal):
    team_id, _link = make_team(journal)
    assert "You are the last member." in page(journal, f"/teams/{team_id}/members")
    assert post(journal, f"/teams/{team_id}/leave").location == "/teams"
    assert "You were the last member, so Ward 3 is deleted." in page(journal, "/teams")
    assert Team.select().count() == 0


def test_the_organiser_renames(ward, journal, other):
    team_id, _link = ward
    bad = post(journal, f"/teams/{team_id}/name", name="")
    assert bad.status_code == 422
    assert '<p class="error" id="name-error">' in bad.get_data(as_text=True)
    assert post(journal, f"/teams/{team_id}/name", name="Ward 4").location == f"/teams/{team_id}"
    assert "Ward 4" in page(other, f"/teams/{team_id}")
    post(other, f"/teams/{team_id}/name", name="Bo's ward")
    assert Team.get().name == "Ward 4"


def test_the_hub_shows_my_teams_and_how_to_make_one(ward, other, cy):
    team_id, _link = ward
    hub = page(other, "/conversations")
    assert f'href="/teams/{team_id}"' in hub and 'href="/teams/new"' in hub
    assert "Ward 3" not in page(cy, "/conversations")
    assert 'href="/teams/new"' in page(cy, "/conversations")


def test_a_member_opening_an_old_link_is_told_they_are_in(ward, other, clock):
    team_id, link = ward
    clock.now += timedelta(days=8)
    html = page(other, link)
    assert "You are already in Ward 3." in html and f'href="/teams/{team_id}"' in html
