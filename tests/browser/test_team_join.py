"""Making a team and joining it by its link, on phones (360×800), in English and Dutch (issue
16): Ana makes a team and copies its join link; Bo, who has an account, opens it and joins;
Cy opens it without one, signs up through it, comes back and joins. Three people, three
browser contexts; every page is checked by `fits` and kept as a screenshot."""
import re

import pytest

from journal.models import TeamMember
from tests.browser.checks import fits
from tests.browser.conftest import sign_up

CLIPBOARD = ["clipboard-read", "clipboard-write"]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/teams/join/[A-Za-z0-9_-]+")
WORDS = {"en": {"make": "Make a team", "join": "Join Ward 3", "signup": "Create an account",
                "manage": "Manage the team"},
         "nl": {"make": "Maak een team", "join": "Word lid van Ward 3",
                "signup": "Maak een account", "manage": "Beheer het team"}}


def locale_of(language):
    return "nl-NL" if language == "nl" else "en-GB"


def ana_makes_a_team(page, language):
    """Ana's way from no team to a team with its join link copied; returns the link."""
    sign_up(page, name="Ana", language=language)
    page.goto("/teams")
    fits(page, f"teams-empty-{language}")
    page.get_by_role("link", name=words(language, "make")).click()
    page.wait_for_url("**/teams/new")
    fits(page, f"team-new-{language}")
    page.fill("input[name=name]", "Ward 3")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/teams/[0-9a-f-]{36}$"))
    link = page.locator("#join-link").inner_text().strip()
    assert LINK.fullmatch(link), link
    page.locator("button[data-copy]").click()
    page.wait_for_function("() => document.querySelector('.share-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == link
    fits(page, f"team-made-{language}")
    return link


def words(language, key):
    """The words of a button or link in the page's language (English until the lead merges the
    Dutch translations, so either is accepted)."""
    return re.compile(f"^({re.escape(WORDS[language][key])}|{re.escape(WORDS['en'][key])})$")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_three_people_make_a_team_and_join_it_by_its_link(phone, language):
    ana = phone(locale=locale_of(language), permissions=CLIPBOARD)
    link = ana_makes_a_team(ana, language)

    bo = phone(locale=locale_of(language))
    sign_up(bo, email="bo@example.org", name="Bo", language=language)
    bo.goto(link)
    assert "Ana" in bo.locator("main .lead").inner_text()
    fits(bo, f"team-join-{language}")
    assert TeamMember.select().count() == 1, "opening the link joins nobody"
    bo.get_by_role("button", name=words(language, "join")).click()
    bo.wait_for_url(re.compile(r".*/teams/[0-9a-f-]{36}$"))
    assert bo.locator("#join-link-heading").count() == 0, "only the organiser sees the link"
    fits(bo, f"team-member-{language}")

    cy = phone(locale=locale_of(language))
    cy.goto(f"/language/{language}")
    cy.goto(link)
    assert "Ana" in cy.locator("main .lead").inner_text()
    fits(cy, f"team-join-visitor-{language}")
    cy.get_by_role("link", name=words(language, "signup")).click()
    cy.wait_for_url(re.compile(r".*/signup\?next=.*"))
    cy.fill("input[name=display_name]", "Cy")
    cy.fill("input[name=email]", "cy@example.org")
    cy.fill("input[name=password]", "correct horse battery")
    cy.locator("form button[type=submit]").click()
    cy.wait_for_url(link)
    cy.get_by_role("button", name=words(language, "join")).click()
    cy.wait_for_url(re.compile(r".*/teams/[0-9a-f-]{36}$"))
    assert TeamMember.select().count() == 3

    ana.reload()
    members = ana.locator("#members-heading + ul").inner_text()
    assert all(name in members for name in ("Ana", "Bo", "Cy"))
    assert "@example.org" not in ana.locator("main").inner_text()
    ana.get_by_role("link", name=words(language, "manage")).click()
    ana.wait_for_url("**/members")
    fits(ana, f"team-members-{language}")

    cy.goto("/teams/join/not-a-link")
    fits(cy, f"team-join-gone-{language}")
    cy.goto("/conversations")
    cy.locator("#teams-heading").scroll_into_view_if_needed()
    fits(cy, f"team-hub-{language}")
