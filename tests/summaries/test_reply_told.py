"""The employee is told of the manager's reply (issue 14, item 4): saving a reply queues the
reply notice for the employee, and the list of summaries shows which ones have a reply, never
the manager's private notes."""
from journal.models import Connection, Delivery, User
from tests.conftest import STORED_NOW
from tests.notifications.test_notices import shared_summary


def shared_with_bo():
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    bo.display_name = "Bo"
    bo.save()
    Connection.create(created_at=STORED_NOW, employee=ana, manager=bo)
    return ana, shared_summary(ana, bo)


def respond(manager, summary, **fields):
    return manager.client.post(f"/shared/{summary.id}/response", data={
        "csrf_token": manager.token(f"/shared/{summary.id}"), "reply": "",
        "private_notes": "", **fields})


def test_a_saved_reply_is_told_and_shows_in_the_list_of_summaries(journal, other):
    ana, summary = shared_with_bo()
    assert "replied" not in journal.client.get("/summaries").get_data(as_text=True)
    assert respond(other, summary, private_notes="Ask about Sam").status_code == 302
    assert Delivery.select().where(Delivery.kind == "summary_reply").count() == 0, \
        "notes alone are not a reply"
    assert "replied" not in journal.client.get("/summaries").get_data(as_text=True)
    assert respond(other, summary, reply="I like how you set up the intake.",
                   private_notes="Ask about Sam").status_code == 302
    [told] = Delivery.select().where(Delivery.kind == "summary_reply")
    assert told.user_id == ana.id and told.ref == str(summary.id) and told.status == "queued"
    listed = journal.client.get("/summaries").get_data(as_text=True)
    assert 'class="summary-replied"' in listed and "Bo replied on" in listed
    assert "Ask about Sam" not in listed


def test_an_emptied_reply_leaves_the_list(journal, other):
    _ana, summary = shared_with_bo()
    respond(other, summary, reply="Thank you for sharing.")
    respond(other, summary, reply="")
    assert "summary-replied" not in journal.client.get("/summaries").get_data(as_text=True)
