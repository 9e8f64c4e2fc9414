"""The Conversations hub and the home page's invitation to prepare a conversation."""
from datetime import date, datetime, timedelta

from journal.models import Connection, Summary, User
from tests.conftest import STORED_NOW


def share(ana_email="ana@example.org", bo_email="bo@example.org", **fields):
    ana, bo = User.get(User.email == ana_email), User.get(User.email == bo_email)
    Connection.get_or_create(defaults={"created_at": STORED_NOW}, employee=ana, manager=bo)
    return Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=ana,
                          period_from=date(2026, 11, 1), period_to=date(2026, 11, 27),
                          achieved="Calmer intakes", status="shared", manager=bo,
                          shared_at=datetime(2026, 11, 27, 9), **fields)


def test_the_hub_marks_what_is_new_for_a_manager_until_it_is_opened(journal, other):
    summary = share()
    page = other.client.get("/conversations").get_data(as_text=True)
    assert "1 new" in page
    assert other.client.get(f"/shared/{summary.id}").status_code == 200
    assert "1 new" not in other.client.get("/conversations").get_data(as_text=True)
    mine = journal.client.get("/conversations").get_data(as_text=True)
    assert "You share with 1 person" in mine and " new<" not in mine


def test_the_home_page_invites_preparation_in_the_days_before_the_conversation(
        journal, other, clock):
    share(conversation_on=date(2026, 11, 30))  # today is Friday 27 November
    home = journal.client.get("/").get_data(as_text=True)
    assert "Your progress conversation is on Monday 30 November" in home
    assert "Prepare your summary" not in other.client.get("/").get_data(as_text=True)
    clock.now += timedelta(days=4)  # the conversation has passed
    assert "Prepare your summary" not in journal.client.get("/").get_data(as_text=True)


def test_no_invitation_for_a_conversation_further_away_or_withdrawn(journal, other):
    share(conversation_on=date(2026, 12, 10))
    share(conversation_on=date(2026, 11, 28)).delete_instance()
    withdrawn = share(conversation_on=date(2026, 11, 29))
    Summary.update(status="withdrawn").where(Summary.id == withdrawn.id).execute()
    assert "Prepare your summary" not in journal.client.get("/").get_data(as_text=True)
