"""A team meeting that starts in pairs, in three browsers at once: Ana (English) organises and
starts it with a gentle timer, Bo (Dutch) and Cy (English) join, Ana pairs them (a trio), each
writes their own answers; Ana shares her help answer and asks Cy for it, and Cy sees it on the
team page (and has a notice waiting). Bo's unshared answers are on nobody else's page; Ana's
weekly review shows her own answers. Every page is checked at 360×800 and kept."""
from journal.clock import local_today, utcnow
from journal.models import Delivery, User
from journal.models.team import Team, TeamMeeting, TeamMember
from journal.weeks import week_of
from tests.browser.checks import fits
from tests.browser.conftest import sign_up

BO_SECRET = "BO-UNSHARED-ANSWER-MARKER"
ANA_HELP = "Someone to look at my intake planning"


def make_team(app):
    """Ana organises the Care team; Bo and Cy are in it."""
    with app.app_context():
        now = utcnow().replace(tzinfo=None)
        team = Team.create(name="Care team", created_at=now, updated_at=now)
        for email, role in (("ana@example.org", "organiser"), ("bo@example.org", "member"),
                            ("cy@example.org", "member")):
            TeamMember.create(team=team, user=User.by_email(email), role=role, joined_at=now)
        return str(team.id)


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.locator(selector).first.click()


def answer(page, progress, next_step, help_text=""):
    page.fill("textarea#progress", progress)
    page.fill("textarea#next", next_step)
    page.fill("textarea#help", help_text)


def test_a_team_meeting_in_pairs_with_private_answers_and_a_shared_help_request(phone, app):
    ana = phone(locale="en-GB")
    sign_up(ana, email="ana@example.org", name="Ana")
    bo = phone(locale="nl-NL")
    sign_up(bo, email="bo@example.org", name="Bo", language="nl")
    cy = phone(locale="en-GB")
    sign_up(cy, email="cy@example.org", name="Cy")
    team_id = make_team(app)
    team_page = f"/teams/{team_id}"

    ana.goto(team_page)
    fits(ana, "team-meeting-card-organiser-en")
    ana.select_option("#timer_minutes", "3")
    click_and_wait(ana, "form[action$='/meetings'] button[type=submit]")
    with app.app_context():
        meeting_id = str(TeamMeeting.get().id)
    meeting_page = f"{team_page}/meetings/{meeting_id}"
    assert ana.url.endswith(meeting_page)

    for page, language in ((bo, "nl"), (cy, "en")):
        page.goto(team_page)
        assert page.locator(f"form[action$='/meetings/{meeting_id}/join'] button").is_visible()
        fits(page, f"team-meeting-started-{language}")
        click_and_wait(page, f"form[action$='/meetings/{meeting_id}/join'] button")
        assert page.url.endswith(meeting_page)
    fits(bo, "team-meeting-joined-nl")

    ana.goto(meeting_page)
    assert "3 people joined" in ana.inner_text("#organise-heading + p")
    fits(ana, "team-meeting-organiser-en")
    click_and_wait(ana, "form[action$='/pairs'] button")
    assert ana.inner_text(".pair-names") == "You talk with Bo and Cy."
    bo.goto(meeting_page)
    assert "Ana" in bo.inner_text(".pair-names") and "Cy" in bo.inner_text(".pair-names")
    cy.goto(meeting_page)
    assert "Ana" in cy.inner_text(".pair-names") and "Bo" in cy.inner_text(".pair-names")

    # The gentle timer: a calm countdown, one question at a time if you like.
    timer = ana.locator("[data-meeting-timer]")
    assert timer.is_visible() and ana.inner_text("[data-timer-time]") == "3:00"
    ana.locator("[data-timer-toggle]").click()
    ana.wait_for_timeout(1500)
    assert ana.inner_text("[data-timer-time]") != "3:00", "it counts down"
    ana.locator("[data-timer-toggle]").click()  # paused
    paused_at = ana.inner_text("[data-timer-time]")
    ana.wait_for_timeout(1300)
    assert ana.inner_text("[data-timer-time]") == paused_at, "paused stays paused"
    color = ana.evaluate("getComputedStyle(document.querySelector('.timer-time')).color")
    assert color != "rgb(179, 38, 30)", "no red"
    ana.locator("[data-timer-view]").click()
    assert ana.locator("textarea#progress").is_visible()
    assert not ana.locator("textarea#next").is_visible(), "one question at a time"
    ana.locator("[data-timer-next]").click()
    assert ana.locator("textarea#next").is_visible()
    fits(ana, "team-meeting-one-question-en")
    ana.locator("[data-timer-view]").click()  # all three again

    answer(ana, "The intake checklist works for the whole ward", "Train Sam on it", ANA_HELP)
    with app.app_context():
        cy_id = str(User.by_email("cy@example.org").id)
    ana.select_option("#help_to", cy_id)
    ana.check("input[name=share_help]")
    click_and_wait(ana, "form[action$='/answers'] button[type=submit]")
    assert ana.locator("textarea#help").input_value() == ANA_HELP
    fits(ana, "team-meeting-answered-en")

    answer(bo, BO_SECRET, f"{BO_SECRET} next", "")
    click_and_wait(bo, "form[action$='/answers'] button[type=submit]")
    fits(bo, "team-meeting-answered-nl")
    answer(cy, "Calmer handovers", "Write the handover list", "")
    click_and_wait(cy, "form[action$='/answers'] button[type=submit]")

    cy.goto(team_page)
    assert f"Ana would like your help with: {ANA_HELP}" in cy.inner_text("main")
    assert BO_SECRET not in cy.content() and "Train Sam on it" not in cy.content()
    fits(cy, "team-meeting-help-for-cy-en")
    with app.app_context():
        notice = Delivery.get(Delivery.kind == "team_help")
        assert notice.user_id == User.by_email("cy@example.org").id
    bo.goto(team_page)
    assert ANA_HELP in bo.inner_text("main"), "Ana shared it with the team"
    assert "would like your help" not in bo.inner_text("main")
    fits(bo, "team-meeting-shared-nl")
    for page in (ana, cy):
        for path in (team_page, meeting_page):
            page.goto(path)
            assert BO_SECRET not in page.content()

    week = week_of(local_today(utcnow(), "Europe/Amsterdam"))
    ana.goto(f"/reviews/{week}")
    block = ana.inner_text("section[aria-labelledby=meeting-answers-heading]")
    assert "The intake checklist works for the whole ward" in block and ANA_HELP in block
    assert BO_SECRET not in ana.content()
    ana.locator("#meeting-answers-heading").scroll_into_view_if_needed()
    fits(ana, "team-meeting-review-en")
    bo.goto(f"/reviews/{week}")
    assert BO_SECRET in bo.inner_text("section[aria-labelledby=meeting-answers-heading]")
    fits(bo, "team-meeting-review-nl")

    ana.goto(meeting_page)
    ana.locator("details.end-meeting summary").click()
    click_and_wait(ana, "details.end-meeting button")
    assert ana.url.endswith(team_page)
    with app.app_context():
        assert TeamMeeting.get().ended_at is not None
    fits(ana, "team-meeting-ended-en")
