"""Peer consultation (intervisie) in three browsers at once: Ana brings a case to her team; Bo
and Cy add questions and ideas at the steps while Ana moves the group through all six; Ana
closes with her next step, which lands in her own outer circle (not Bo's); when she brings her
next case the group first asks what went better since. The team is set up in the database.
Every page is checked at 360×800 and kept, in English and Dutch."""
from journal.clock import stored_utc, utcnow
from journal.conversations.steps import CONSULTATION_STEPS
from journal.models import Goal, User
from journal.models.team import Consultation, Contribution, Team, TeamMember
from tests.browser.checks import fits
from tests.browser.conftest import sign_up

CASE = "I want our Monday handovers to take less time"
NEXT = "Start Monday's handover at 8:50 with a timer"


def three(phone, languages):
    """Ana, Bo and Cy, each signed up in their own browser in their own language."""
    pages = []
    for (name, language) in zip(("Ana", "Bo", "Cy"), languages):
        page = phone(locale="nl-NL" if language == "nl" else "en-GB")
        sign_up(page, email=f"{name.lower()}@example.org", name=name, language=language)
        pages.append(page)
    return pages


def make_team(app):
    """Ana's team with Bo and Cy in it; its cases' address."""
    now = stored_utc(utcnow())
    with app.app_context():
        team = Team.create(name="Care team", created_at=now, updated_at=now)
        for index, name in enumerate(("ana", "bo", "cy")):
            TeamMember.create(team=team, user=User.by_email(f"{name}@example.org"),
                              role="member" if index else "organiser", joined_at=now)
    return f"/teams/{team.id}/consultations"


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.locator(selector).first.click()


def bring(page, cases, text):
    page.goto(cases)
    page.fill("#case", text)
    click_and_wait(page, "form#bring button[type=submit]")
    return page.url.split("#")[0]


def add(page, text):
    page.fill("textarea#text", text)
    click_and_wait(page, "form[action$='/contributions'] button[type=submit]")
    assert text in page.inner_text("main")


def move_on(page):
    click_and_wait(page, "form:has(input[name=direction][value='1']) button")


def test_a_consultation_through_six_steps_into_the_owners_circle(phone, app):
    ana, bo, cy = three(phone, ("en", "nl", "en"))
    cases = make_team(app)
    ana.goto(cases)
    click_and_wait(ana, "form#bring button[type=submit]")
    assert ana.locator("#case-error").is_visible(), "the case is required, said beside it"
    fits(ana, "consultation-bring-error-en")
    url = bring(ana, cases, CASE)
    fits(ana, "consultation-step-owner-en")

    for index, step in enumerate(CONSULTATION_STEPS):
        bo.goto(url)
        assert f"{index + 1}" in bo.locator("#step .meta").first.inner_text()
        add(bo, f"Bo asks at step {index + 1}")
        cy.goto(url)
        add(cy, f"Cy suggests at step {index + 1}")
        if index == 1:
            fits(bo, "consultation-step-member-nl")
            fits(cy, "consultation-step-member-en")
        ana.goto(url)
        assert str(step.question) in ana.inner_text("#step")
        assert f"Cy suggests at step {index + 1}" in ana.inner_text("#step")
        if index < len(CONSULTATION_STEPS) - 1:
            move_on(ana)

    fits(ana, "consultation-next-step-en")
    bo.goto(url)
    assert "Put it in my circle" not in bo.inner_text("main")
    fits(bo, "consultation-next-step-member-nl")
    ana.fill("#next_step", NEXT)
    click_and_wait(ana, "#next-step button.primary")
    assert "In your outer circle" in ana.inner_text("#next-step")
    fits(ana, "consultation-closed-en")
    bo.goto(url)
    shown = bo.inner_text("main")
    assert NEXT in shown and "Bo asks at step 1" in shown and "Cy suggests at step 6" in shown
    fits(bo, "consultation-closed-nl")
    with app.app_context():
        assert Consultation.get().status == "closed"
        assert Contribution.select().count() == 12
        goal = Goal.get()
        assert goal.user_id == User.by_email("ana@example.org").id and goal.ring == "outer"
    ana.goto("/goals")
    assert NEXT in ana.inner_text("main")
    bo.goto("/goals")
    assert NEXT not in bo.inner_text("main")

    team_page = cases.rsplit("/", 1)[0]
    ana.goto(team_page)
    assert "What went better since your last case?" in ana.inner_text("#consultations-heading + *")
    fits(ana, "consultation-team-card-en")

    second = bring(ana, cases, "Calmer intakes on Tuesdays")
    bo.goto(team_page)
    assert "Calmer intakes on Tuesdays" in bo.inner_text("main")
    fits(bo, "consultation-team-card-nl")
    cy.goto(second)
    assert "what went better since?" in cy.inner_text("#better-since").lower()
    assert NEXT in cy.inner_text("#better-since")
    fits(cy, "consultation-better-since-member-en")
    ana.goto(second)
    fits(ana, "consultation-better-since-owner-en")
    ana.fill("#better_since", "Two handovers took ten minutes")
    click_and_wait(ana, "#better-since button[type=submit]")
    bo.goto(second)
    assert "Two handovers took ten minutes" in bo.inner_text("#better-since")
    fits(bo, "consultation-better-since-member-nl")
    bo.goto(cases)
    fits(bo, "consultation-index-nl")


def test_the_pages_in_the_other_language(phone, app):
    """Ana in Dutch, Bo in English: the owner's pages in Dutch, the group's in English."""
    ana, bo, _cy = three(phone, ("nl", "en", "en"))
    cases = make_team(app)
    ana.goto(cases)
    fits(ana, "consultation-index-empty-nl")
    url = bring(ana, cases, CASE)
    bo.goto(url)
    add(bo, "Wat zou dit gesprek nuttig maken?")
    ana.goto(url)
    fits(ana, "consultation-step-owner-nl")
    for _ in range(len(CONSULTATION_STEPS) - 1):
        move_on(ana)
    fits(ana, "consultation-next-step-nl")
    bo.goto(url)
    fits(bo, "consultation-next-step-member-en")
    click_and_wait(ana, "#next-step button[name=circle][value=no]")
    fits(ana, "consultation-closed-nl")
    bo.goto(url)
    fits(bo, "consultation-closed-en")
    second = bring(ana, cases, "Rustiger intakes")
    ana.goto(second)
    fits(ana, "consultation-better-since-owner-nl")
    bo.goto(cases)
    fits(bo, "consultation-index-en")
    with app.app_context():
        assert Goal.select().count() == 0
