"""The checklist pages: fill it in, look back, edit the latest, see what moved."""
import json
import re
from datetime import datetime, timezone

from journal.models import Checklist


def fill(person, path="/checklist/new", **fields):
    return person.client.post(path, data={"csrf_token": person.token("/"), **fields})


def checked(html, key):
    """The value of the checked radio button of an item."""
    match = re.search(rf'name="{key}" value="([a-z]*)" checked', html)
    return match and match.group(1)


def test_anonymous_people_are_asked_to_log_in(client):
    for path in ("/checklist", "/checklist/new", "/checklist/compare"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.startswith("/login")


def test_the_form_has_every_item_as_its_own_group_with_the_right_columns(client, journal):
    html = client.get("/checklist/new").get_data(as_text=True)
    assert html.count('<fieldset class="check-item">') == 44
    item = html.split("<legend>I know which meaningful progress I want to make.</legend>")[1]
    item = item.split("</fieldset>")[0]
    assert 'name="p1a_know_progress" value="already"' in item
    assert "I already do this" in item and "I want to do more of this" in item
    avoid = html.split("<legend>Making people feel guilty.</legend>")[1].split("</fieldset>")[0]
    assert "I already manage not to do this" in avoid and "I want to do less of this" in avoid
    tool = html.split("<legend>The circle technique.</legend>")[1].split("</fieldset>")[0]
    assert "I already use this" in tool and "I want to try this" in tool
    assert checked(html, "p4_circle") == ""
    for question in ("What will you do first?", 'name="already_how"', 'name="will_achieve"'):
        assert question in html


def test_saving_a_checklist_with_its_date(client, journal, clock):
    clock.now = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)
    response = fill(journal, p1a_notice_small="already", p2b_guilt="more", p4_circle="",
                    p9_made_up="already", p1b_help="sometimes", first_step="Ask about successes")
    checklist = Checklist.get()
    assert response.status_code == 302 and response.location == f"/checklist/{checklist.id}"
    assert json.loads(checklist.answers) == {"p1a_notice_small": "already", "p2b_guilt": "more"}
    assert checklist.first_step == "Ask about successes"
    assert checklist.created_at == datetime(2026, 11, 27, 9, 30)
    html = client.get(response.location).get_data(as_text=True)
    assert "27 November 2026" in html and "Ask about successes" in html
    already = html.split("I already do this")[1].split("</ul>")[0]
    assert "I notice small steps forward." in already
    less = html.split("I want to do less of this")[1].split("</ul>")[0]
    assert "Making people feel guilty." in less
    assert "Left open this time." in html  # part 4: nothing chosen


def test_an_empty_checklist_is_not_saved(client, journal):
    response = fill(journal, p4_circle="", already_how=" ", p9_made_up="already")
    assert response.status_code == 422
    assert "Choose a column for at least one item, or write a reflection" in response.get_data(
        as_text=True)
    assert Checklist.select().count() == 0


def test_a_rejected_form_keeps_what_was_chosen(client, journal):
    response = fill(journal, p4_circle="more", first_step="x" * 2001)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and checked(html, "p4_circle") == "more"
    assert "Please keep it under 2000 characters." in html


def test_a_new_checklist_starts_from_the_latest_answers(client, journal, clock):
    fill(journal, p1a_notice_small="more", p4_circle="already", first_step="Old plan")
    html = client.get("/checklist/new").get_data(as_text=True)
    assert checked(html, "p1a_notice_small") == "more" and checked(html, "p4_circle") == "already"
    assert "Your answers of 27 November 2026 are filled in." in html
    assert "Old plan" not in html, "reflections start fresh"


def test_the_list_is_newest_first_and_only_the_latest_can_be_edited(client, journal, clock):
    fill(journal, p4_circle="more")
    clock.now = datetime(2027, 2, 3, 12, tzinfo=timezone.utc)
    fill(journal, p4_circle="already")
    older, latest = Checklist.select().order_by(Checklist.created_at)
    html = client.get("/checklist").get_data(as_text=True)
    assert html.index("3 February 2027") < html.index("27 November 2026")
    assert f"/checklist/{latest.id}/edit" in client.get(f"/checklist/{latest.id}").get_data(
        as_text=True)
    assert f"/checklist/{older.id}/edit" not in client.get(f"/checklist/{older.id}").get_data(
        as_text=True)

    response = fill(journal, f"/checklist/{latest.id}/edit", p4_circle="more", p3a_not_yet="more")
    assert response.status_code == 302
    assert json.loads(Checklist.get_by_id(latest.id).answers) == {"p3a_not_yet": "more",
                                                                  "p4_circle": "more"}
    assert Checklist.get_by_id(latest.id).created_at == datetime(2027, 2, 3, 12)
    response = fill(journal, f"/checklist/{older.id}/edit", p4_circle="already")
    assert response.status_code == 302 and response.location == f"/checklist/{older.id}"
    assert json.loads(Checklist.get_by_id(older.id).answers) == {"p4_circle": "more"}
    assert "Only your latest checklist can be changed" in client.get(
        response.location).get_data(as_text=True)


def test_someone_elses_checklist_is_not_found(client, journal, other):
    fill(other, p4_circle="more", first_step="Bo's plan")
    checklist = Checklist.get()
    for path in (f"/checklist/{checklist.id}", f"/checklist/{checklist.id}/edit",
                 f"/checklist/compare?from={checklist.id}&to={checklist.id}", "/checklist/nope"):
        assert client.get(path).status_code == 404
    assert fill(journal, f"/checklist/{checklist.id}/edit", p4_circle="already").status_code == 404
    assert "Bo's plan" not in client.get("/checklist").get_data(as_text=True)
    assert json.loads(Checklist.get().answers) == {"p4_circle": "more"}


def test_comparing_the_latest_two_shows_progress_warmly(client, journal, clock):
    assert "Fill in the checklist twice" in client.get("/checklist/compare").get_data(
        as_text=True)
    fill(journal, p1a_notice_small="more", p2b_guilt="more", p1b_help="already",
         first_step="Notice one small step a day")
    clock.now = datetime(2027, 1, 15, 12, tzinfo=timezone.utc)
    fill(journal, p1a_notice_small="already", p2b_guilt="already", p1b_help="more",
         p4_circle="more")
    html = client.get("/checklist/compare").get_data(as_text=True)
    now_part = html.split("Now part of how you work")[1].split("</section>")[0]
    assert "I notice small steps forward." in now_part
    assert "Making people feel guilty." in now_part
    assert "I already manage not to do this" in now_part
    back = html.split("Back on your list to work on")[1].split("</section>")[0]
    assert "I help when help is needed." in back
    new = html.split("New on your checklist")[1].split("</section>")[0]
    assert "The circle technique." in new and "I want to try this" in new
    assert "Notice one small step a day" in html
    assert "%" not in html.split("<main")[1] and "point" not in html.lower()


def test_comparing_chosen_checklists_in_date_order(client, journal, clock):
    fill(journal, p4_circle="more")
    clock.now = datetime(2027, 1, 15, 12, tzinfo=timezone.utc)
    fill(journal, p4_circle="more", p3a_not_yet="more")
    clock.now = datetime(2027, 3, 1, 12, tzinfo=timezone.utc)
    fill(journal, p4_circle="already")
    first, _, last = Checklist.select().order_by(Checklist.created_at)
    html = client.get(f"/checklist/compare?from={last.id}&to={first.id}").get_data(as_text=True)
    assert "From your checklist of 27 November 2026 to the one of 1 March 2027." in html
    assert "The circle technique." in html.split("Now part of how you work")[1]
    assert f'<option value="{first.id}" selected>' in html
    same = client.get(f"/checklist/compare?from={last.id}&to={last.id}")
    assert same.status_code == 422 and "Choose two different checklists." in same.get_data(
        as_text=True)
    default = client.get("/checklist/compare").get_data(as_text=True)
    assert "Nothing moved" not in default and "New on your checklist" not in default
