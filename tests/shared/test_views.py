"""The manager's pages: what people shared with me, the guide, my notes and my reply."""
import json
import re
from datetime import UTC, date, datetime

import pytest

from journal.models import (
    Connection,
    Delivery,
    Summary,
    SummaryItem,
    SummaryResponse,
    User,
)
from journal.sharing import end_connection
from tests.conftest import STORED_NOW

NOTES = "Ask about the Monday intakes; she seemed tired"


def people():
    """Ana (the employee) and Bo (the manager), as signed up by the fixtures."""
    return User.by_email("ana@example.org"), User.by_email("bo@example.org")


def share(ana, manager, *, status="shared", connect=True, shared_at=datetime(2026, 11, 26, 9),
          items=("Ran the intake with Sam",), **fields):
    """A summary of Ana's, shared (or drafted, or withdrawn) with `manager`, with its items."""
    if connect:
        Connection.get_or_create(defaults={"created_at": STORED_NOW}, employee=ana, manager=manager)
    values = {"period_from": date(2026, 11, 16), "period_to": date(2026, 11, 27),
              "achieved": "Calmer intakes", "want": "Fewer call-backs",
              "how": "A checklist with Sam", "help_from_manager": "Time on Friday"}
    values.update(fields)
    summary = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, 
        user=ana, status=status, manager=None if status == "draft" else manager,
        shared_at=None if status == "draft" else shared_at,
        withdrawn_at=datetime(2026, 11, 26, 10) if status == "withdrawn" else None, **values)
    for position, text in enumerate(items):
        SummaryItem.create(summary=summary, position=position, text=text, source="own")
    return summary


def page(person, path):
    response = person.client.get(path)
    return response.status_code, response.get_data(as_text=True)


def respond(person, summary, **form):
    return person.client.post(f"/shared/{summary.id}/response",
                              data={"csrf_token": person.token("/"), **form})


def test_the_list_shows_whats_shared_newest_first_with_new_marked(journal, other):
    ana, bo = people()
    journal.post_entry("A private entry Bo must never see")
    older = share(ana, bo, shared_at=datetime(2026, 11, 10, 9), achieved="Older summary",
                  first_viewed_at=datetime(2026, 11, 11, 9))
    newer = share(ana, bo, achieved="Newer summary")
    share(ana, bo, status="draft", achieved="Draft text")
    status, html = page(other, "/shared")
    assert status == 200
    links = re.findall(r'href="/shared/([0-9a-f-]+)"', html)
    assert links == [str(newer.id), str(older.id)]
    first, second = html.split('class="card shared-item')[1:3]
    assert "New" in first and "New" not in second
    assert "Shared on 26 November 2026" in first
    assert "People who share with you" in html and "<li>Ana</li>" in html
    for hidden in ("A private entry Bo must never see", "Draft text"):
        assert hidden not in html


def test_empty_states_explain_how_sharing_starts(journal, other):
    status, html = page(other, "/shared")
    assert status == 200 and "Nobody shares with you yet" in html
    assert "invite you" in html
    ana, bo = people()
    Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)
    html = page(other, "/shared")[1]
    assert "Nothing shared with you right now" in html and "<li>Ana</li>" in html


def test_the_summary_card_and_the_guide(journal, other):
    ana, bo = people()
    journal.post_entry("A private entry Bo must never see")
    summary = share(ana, bo, items=("Ran the intake with Sam", "Asked for help early"))
    status, html = page(other, f"/shared/{summary.id}")
    assert status == 200
    assert "Progress of Ana" in html and "Ran the intake with Sam" in html
    assert "Asked for help early" in html and "Time on Friday" in html
    assert "A private entry Bo must never see" not in html
    assert "What meaningful progress have you achieved?" in html
    assert "What do you want to achieve?" in html and "How will you go about it?" in html
    steps = html.split('class="guide-steps"')[1].split("</ol>")[0]
    assert steps.count("<li>") == 7 and "How can this conversation be as useful" in steps
    for quality in ("Honest", "Positive and clear", "Giving room"):
        assert f"<dt>{quality}</dt>" in html
    assert html.count("<details") == 3 and "Only you see these notes." in html
    assert "<script>" not in html


def test_the_first_opening_is_recorded_once(journal, other, clock):
    ana, bo = people()
    summary = share(ana, bo)
    page(other, f"/shared/{summary.id}")
    assert Summary.get_by_id(summary.id).first_viewed_at == datetime(2026, 11, 27, 12)
    clock.now = datetime(2026, 11, 28, 8, tzinfo=UTC)
    page(other, f"/shared/{summary.id}")
    assert Summary.get_by_id(summary.id).first_viewed_at == datetime(2026, 11, 27, 12)
    first = page(other, "/shared")[1].split('class="card shared-item')[1]
    assert "New" not in first


def test_the_employee_opening_her_own_summary_here_does_not_count(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    assert page(journal, f"/shared/{summary.id}")[0] == 404
    assert Summary.get_by_id(summary.id).first_viewed_at is None


@pytest.mark.parametrize("case", ["draft", "withdrawn", "unconnected", "someone_else",
                                  "ended", "deleted_connection", "not_an_id"])
def test_anything_not_shared_with_me_right_now_is_404(journal, other, case):
    ana, bo = people()
    if case == "someone_else":
        summary = share(ana, User.create(created_at=STORED_NOW, email="cy@example.org",
                                         password_hash="-",
                                         display_name="Cy"))
    elif case == "unconnected":
        summary = share(ana, bo, connect=False)
    elif case in ("draft", "withdrawn"):
        summary = share(ana, bo, status=case)
    else:
        summary = share(ana, bo)
    if case == "ended":
        end_connection(Connection.get(), datetime(2026, 11, 27, 11))
    if case == "deleted_connection":
        Connection.delete().execute()
    summary_id = "nope" if case == "not_an_id" else summary.id
    assert page(other, f"/shared/{summary_id}")[0] == 404
    assert other.client.post(f"/shared/{summary_id}/response", data={
        "csrf_token": other.token("/"), "private_notes": "x", "reply": "y"}).status_code == 404
    for method, body in (("GET", None), ("PUT", {"reply": "y"})):
        path = f"/api/v1/shared/{summary_id}" + ("/response" if method == "PUT" else "")
        assert other.api(method, path, body).status_code == 404
    assert SummaryResponse.select().count() == 0
    assert Summary.select().where(Summary.first_viewed_at.is_null(False)).count() == 0
    if case != "not_an_id":
        assert "shared-item" not in page(other, "/shared")[1]


def test_notes_and_reply_are_saved_and_shown_to_me(journal, other, clock):
    ana, bo = people()
    summary = share(ana, bo)
    response = respond(other, summary, private_notes=NOTES, reply="I like how you set it up.")
    assert response.status_code == 302
    assert response.location == f"/shared/{summary.id}#response"
    saved = SummaryResponse.get()
    assert (saved.manager_id, saved.private_notes, saved.reply) == (
        bo.id, NOTES, "I like how you set it up.")
    assert saved.replied_at == datetime(2026, 11, 27, 12)
    html = page(other, f"/shared/{summary.id}")[1]
    assert "Saved. Ana can read your reply." in html and NOTES in html
    assert 'class="praise-hint"' not in html

    clock.now = datetime(2026, 11, 28, 8, tzinfo=UTC)
    respond(other, summary, private_notes="Changed notes", reply="I like how you set it up.")
    saved = SummaryResponse.get()
    assert SummaryResponse.select().count() == 1 and saved.private_notes == "Changed notes"
    assert saved.replied_at == datetime(2026, 11, 27, 12), "an unchanged reply keeps its date"
    respond(other, summary, private_notes="Changed notes", reply="")
    assert SummaryResponse.get().replied_at is None


def test_trait_praise_gets_a_gentle_hint_and_is_saved_as_written(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    respond(other, summary, private_notes="", reply="You are so talented!")
    assert SummaryResponse.get().reply == "You are so talented!"
    html = page(other, f"/shared/{summary.id}")[1]
    hint = html.split('class="praise-hint"')[1].split("</p>")[0]
    assert "praise for the approach" in hint and "You are so talented" in hint
    assert "saved as written" in hint
    assert html.index('id="reply"') < html.index('class="praise-hint"'), "beside the reply"
    assert 'class="praise-hint"' not in page(other, f"/shared/{summary.id}")[1], "shown once"


def test_too_long_notes_are_refused_and_nothing_is_saved(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    response = respond(other, summary, private_notes="x" * 4001, reply="Thanks")
    assert response.status_code == 422
    assert "Please keep it under 4000 characters." in response.get_data(as_text=True)
    assert SummaryResponse.select().count() == 0


def test_my_notes_never_reach_the_employee(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    respond(other, summary, private_notes=NOTES, reply="I like how you prepared it.")
    assert journal.api("GET", f"/api/v1/shared/{summary.id}").status_code == 404
    assert NOTES not in journal.client.get("/shared").get_data(as_text=True)
    for path in (f"/summaries/{summary.id}", f"/api/v1/summaries/{summary.id}",
                 "/api/v1/summaries", "/summaries"):
        response = journal.client.get(path)
        assert response.status_code == 200, path
        assert NOTES not in response.get_data(as_text=True), path


def test_anonymous_people_are_sent_to_log_in(client, journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    anonymous = client.application.test_client()
    for path in ("/shared", f"/shared/{summary.id}"):
        assert anonymous.get(path).location.startswith("/login")


def forms_of(html):
    """The forms on the page that post my response, each as its HTML."""
    forms = re.findall(r"<form .*?</form>", html, re.DOTALL)
    return [form for form in forms if "/response" in form]


def test_notes_and_reply_are_two_forms_and_the_reply_is_coached_as_it_is_typed(journal, other):
    ana, bo = people()
    summary = share(ana, bo, items=("Still to achieve: Run it alone", "Ran the intake with Sam"))
    html = page(other, f"/shared/{summary.id}")[1]
    seen, notes, reply = forms_of(html)
    assert 'name="observations"' in seen and 'name="reply"' not in seen
    assert 'name="private_notes"' in notes and 'name="reply"' not in notes
    assert ">Save notes</button>" in notes
    assert 'name="reply"' in reply and 'name="private_notes"' not in reply
    assert ">Send reply</button>" in reply and "Ana sees it once you send it." in reply
    assert 'data-sent=""' in reply and f'data-draft-key="reply-draft:{bo.id}:{summary.id}"' in reply
    assert "js/reply-coach.js" in html
    coach = json.loads(html.split('<script type="application/json" id="reply-coach">')[1]
                       .split("</script>")[0])
    assert coach["suggestions"]["trait_praise"] == (
        "I like how you went about “Ran the intake with Sam”. How did you do it?")
    assert coach["patterns"]["consoling"] and coach["tips"]["consoling"]


def test_saving_notes_never_sends_or_changes_the_reply(journal, other, clock):
    ana, bo = people()
    summary = share(ana, bo)
    sent = respond(other, summary, reply="I like how you prepared the intake.")
    assert sent.location == f"/shared/{summary.id}#response"
    assert "Saved. Ana can read your reply." in page(other, f"/shared/{summary.id}")[1]
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 1
    clock.now = datetime(2026, 11, 28, 8, tzinfo=UTC)
    saved = respond(other, summary, private_notes=NOTES)
    assert saved.location == f"/shared/{summary.id}#notes"
    response = SummaryResponse.get()
    assert (response.private_notes, response.reply, response.replied_at) == (
        NOTES, "I like how you prepared the intake.", datetime(2026, 11, 27, 12))
    html = page(other, f"/shared/{summary.id}")[1]
    assert "Your notes are saved." in html
    assert 'data-sent="I like how you prepared the intake."' in html
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 1


def test_sending_a_reply_keeps_my_notes_and_an_empty_one_says_so(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    respond(other, summary, private_notes=NOTES)
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 0
    respond(other, summary, reply="")
    assert SummaryResponse.get().private_notes == NOTES
    assert "Ana sees no reply from you" in page(other, f"/shared/{summary.id}")[1]
    respond(other, summary, reply="Niet iedereen kan hier goed in zijn.")
    html = page(other, f"/shared/{summary.id}")[1]
    hint = html.split('class="praise-hint"')[1].split("</p>")[0]
    assert "Niet iedereen kan hier goed in zijn" in hint and "Not yet" in hint
    assert SummaryResponse.get().private_notes == NOTES


def test_the_reply_coaching_speaks_dutch(journal, other):
    """Waits for the lead to merge /tmp/work/nl-summaries.json into the catalogue."""
    ana, bo = people()
    User.update(language="nl").where(User.id == bo.id).execute()
    summary = share(ana, bo, items=("Nog te bereiken: de intake alleen doen",
                                    "Bereikt: Rustige intakes"))
    html = page(other, f"/shared/{summary.id}")[1]
    assert ">Notities opslaan</button>" in html and ">Antwoord versturen</button>" in html
    assert "Ana ziet het zodra je het verstuurt." in html
    coach = json.loads(html.split('<script type="application/json" id="reply-coach">')[1]
                       .split("</script>")[0])
    assert coach["suggestions"]["trait_praise"] == (
        "Mooi hoe je “Rustige intakes” hebt aangepakt. Hoe heb je dat gedaan?")
    assert coach["tips"]["consoling"].startswith("Een tip voor je verstuurt:")
