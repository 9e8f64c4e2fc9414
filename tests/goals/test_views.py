"""The goal pages: the circle, steps, moving in and out."""
import re
from datetime import datetime, timezone

from journal.models import Entry, Goal, GoalStep


def add_goal(client, journal, title="Run calm intakes", ring="outer", why="Less stress"):
    return client.post("/goals/new", data={"csrf_token": journal.token("/"), "title": title,
                                           "why": why, "ring": ring})


def test_adding_a_goal_and_seeing_it_outside_the_circle(client, journal):
    response = add_goal(client, journal)
    goal = Goal.get()
    assert response.status_code == 302 and response.location == f"/goals/{goal.id}"
    assert (goal.title, goal.why, goal.ring, goal.moved_inner_at) == (
        "Run calm intakes", "Less stress", "outer", None)
    html = client.get("/goals").get_data(as_text=True)
    still = html.split('id="outer-heading"')[1].split('id="inner-heading"')[0]
    assert "Run calm intakes" in still
    assert "1 goal still to achieve in the outer circle" in html
    assert 'role="group"' in html and "<title id=\"circle-title\">" in html


def test_a_goal_without_a_title_is_refused(client, journal):
    response = add_goal(client, journal, title=" ")
    assert response.status_code == 422
    assert "Give the goal a short title." in response.get_data(as_text=True)
    assert Goal.select().count() == 0


def test_add_the_next_step_from_the_circle_and_tick_it(client, journal):
    add_goal(client, journal)
    goal = Goal.get()
    token = journal.token("/")
    response = client.post(f"/goals/{goal.id}/steps", data={"csrf_token": token,
                                                            "text": "Ask Sam", "from": "circle"})
    assert response.location == "/goals"
    assert "Next step: Ask Sam" in client.get("/goals").get_data(as_text=True)
    empty = client.post(f"/goals/{goal.id}/steps", data={"csrf_token": token, "text": "",
                                                         "from": "circle"})
    assert empty.status_code == 422 and "Write the next step" in empty.get_data(as_text=True)
    step = GoalStep.get()
    client.post(f"/goals/{goal.id}/steps/{step.id}/toggle", data={"csrf_token": token})
    assert GoalStep.get().done is True


def test_moving_inward_records_the_date_and_back_out_clears_it(client, journal, clock):
    add_goal(client, journal)
    goal = Goal.get()
    token = journal.token("/")
    clock.now = datetime(2026, 11, 27, 15, tzinfo=timezone.utc)
    client.post(f"/goals/{goal.id}/move", data={"csrf_token": token, "ring": "inner"})
    goal = Goal.get()
    assert goal.ring == "inner" and goal.moved_inner_at == datetime(2026, 11, 27, 15)
    html = client.get("/goals").get_data(as_text=True)
    assert "Achieved on 27 November 2026" in html
    client.post(f"/goals/{goal.id}/move", data={"csrf_token": token, "ring": "outer"})
    goal = Goal.get()
    assert goal.ring == "outer" and goal.moved_inner_at is None
    assert "not yet" in client.get(f"/goals/{goal.id}").get_data(as_text=True).lower()


def test_entries_link_to_a_goal_and_survive_its_deletion(client, journal, other):
    add_goal(client, journal)
    goal = Goal.get()
    journal.post_entry("Linked progress", goal_id=str(goal.id))
    assert Entry.get().goal_id == goal.id
    assert "Linked progress" in client.get(f"/goals/{goal.id}").get_data(as_text=True)
    response = other.post_entry("Sneaky link", goal_id=str(goal.id))
    assert response.status_code == 422 and "Choose one of your goals." in response.get_data(
        as_text=True)
    client.post(f"/goals/{goal.id}/delete", data={"csrf_token": journal.token("/")})
    assert Goal.select().count() == 0 and Entry.get().goal_id is None


def test_someone_elses_goal_is_not_found(client, journal, other):
    add_goal(other.client, other, title="Bo's goal")
    goal = Goal.get()
    token = journal.token("/")
    assert client.get(f"/goals/{goal.id}").status_code == 404
    for path in (f"/goals/{goal.id}/move", f"/goals/{goal.id}/steps", f"/goals/{goal.id}/delete",
                 f"/goals/{goal.id}/edit"):
        assert client.post(path, data={"csrf_token": token, "ring": "inner",
                                       "text": "x", "title": "x"}).status_code == 404
    assert "Bo&#39;s goal" not in client.get("/goals").get_data(as_text=True)
    assert Goal.get().ring == "outer"


# -- issue 14: the dots open their goal, "not yet → now", a wanted goal's own badge -----------

def test_each_dot_in_the_circle_is_a_link_to_its_goal(client, journal):
    add_goal(client, journal, title="Calm intakes")
    add_goal(client, journal, title="Shorter meetings", ring="inner")
    html = client.get("/goals").get_data(as_text=True)
    svg = html[html.index('<svg viewBox="0 0 320 320"'):]
    svg = svg[:svg.index("</svg>")]
    for goal in Goal.select():
        ring = "achieved" if goal.ring == "inner" else "still to achieve"
        link = re.search(rf'<a class="dot-link" href="/goals/{goal.id}" aria-label="([^"]+)">',
                         svg)
        assert link and link.group(1).endswith(f"{goal.title}, {ring}")
    assert svg.count('class="dot-hit"') == 2 and 'r="24"' in svg, "a 48 px target per dot"
    assert 'role="img"' not in svg, "an image's children could not be reached"


def test_moving_a_goal_inward_shows_its_earlier_not_yet(client, journal, clock):
    add_goal(client, journal, title="Calm demos")
    goal = Goal.get()
    journal.post_entry("The demo did not work yet", kind="setback", goal_id=str(goal.id),
                       day="2026-11-04")
    html = client.get(f"/goals/{goal.id}").get_data(as_text=True)
    assert "then-now" not in html, "not while it is still to achieve"
    response = client.post(f"/goals/{goal.id}/move", data={"csrf_token": journal.token("/"),
                                                            "ring": "inner"})
    html = client.get(response.location).get_data(as_text=True)
    card = html[html.index('class="card then-now"'):]
    card = card[:card.index("</section>")]
    assert "On 4 November you wrote:" in card
    assert '<blockquote class="then">The demo did not work yet</blockquote>' in card
    assert "Now it is in your inner circle:" in card
    assert '<blockquote class="now">Calm demos</blockquote>' in card


def test_a_goal_still_to_achieve_is_not_badged_like_a_setback(client, journal):
    add_goal(client, journal)
    html = client.get(f"/goals/{Goal.get().id}").get_data(as_text=True)
    assert '<p class="badge ring-badge outer">Still to achieve</p>' in html
    css = client.get("/static/css/app.css").get_data(as_text=True)
    rules = dict(re.findall(r"^(\.[\w.-]+(?:::before)?) \{([^}]*)\}", css, re.MULTILINE))
    assert "var(--accent)" in rules[".ring-badge.outer"].split("border:")[-1]
    assert "var(--warm)" not in rules[".badge.not-yet"].split("color:")[-1].split(";")[0]
    assert "var(--muted)" in rules[".badge.unsynced"]
    looks = {rules[name] for name in (".ring-badge.outer", ".badge.not-yet", ".badge.unsynced")}
    assert len(looks) == 3, "three meanings, three looks"
