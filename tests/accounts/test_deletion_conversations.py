"""Deleting an account takes the conversations the person was part of with it: the agreed steps
on their summaries, helping conversations either way (with every note, whoever wrote it),
steering conversations either way, and the notices still waiting about them."""
from datetime import date

from journal.models import (
    Agreement,
    Connection,
    Delivery,
    Goal,
    HelpingConversation,
    HelpingNote,
    SteeringConversation,
    Summary,
    User,
)
from journal.notifications import notices
from tests.accounts.test_deletion import delete, traces_of
from tests.conftest import PASSWORD, STORED_NOW

MARK = "ANA-CONVERSATION"


def _conversations(ana, bo, now):
    Connection.create(employee=ana, manager=bo, created_at=STORED_NOW)
    summary = Summary.create(user=ana, manager=bo, status="shared", shared_at=STORED_NOW,
                             period_from=date(2026, 11, 1), period_to=date(2026, 11, 27),
                             better_since=f"{MARK} better", created_at=STORED_NOW,
                             updated_at=STORED_NOW)
    goal = Goal.create(user=ana, title=f"{MARK} goal", created_at=STORED_NOW,
                       updated_at=STORED_NOW)
    Agreement.create(summary=summary, text=f"{MARK} step", proposed_by="manager",
                     status="accepted", goal=goal, created_at=STORED_NOW, decided_at=STORED_NOW)
    proposed = Agreement.create(summary=summary, text=f"{MARK} proposed", proposed_by="employee",
                                created_at=STORED_NOW)
    notices.agreement_proposed(proposed, summary, bo.id, now)
    asked = HelpingConversation.create(asker=ana, helper=bo, topic=f"{MARK} topic",
                                       created_at=STORED_NOW, updated_at=STORED_NOW)
    notices.helping_asked(asked, now)
    given = HelpingConversation.create(asker=bo, helper=ana, topic="Bo's topic", status="open",
                                       created_at=STORED_NOW, updated_at=STORED_NOW)
    HelpingNote.create(conversation=given, author=ana, step=0, text=f"{MARK} note",
                       created_at=STORED_NOW)
    HelpingNote.create(conversation=given, author=bo, step=0, text="Bo's note",
                       created_at=STORED_NOW)
    steering = SteeringConversation.create(manager=bo, employee=ana, status="answered",
                                           expectation="Log intakes", plan=f"{MARK} plan",
                                           created_at=STORED_NOW, updated_at=STORED_NOW)
    notices.steering_shared(steering, now)
    SteeringConversation.create(manager=ana, employee=bo, expectation=f"{MARK} expectation",
                                created_at=STORED_NOW, updated_at=STORED_NOW)


def test_every_conversation_of_the_person_goes(journal, other, clock):
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    _conversations(ana, bo, clock())
    waiting = [str(row.id) for row in HelpingConversation.select()] + [
        str(row.id) for row in SteeringConversation.select()]
    assert Delivery.select().where(Delivery.user == bo).exists()
    needles = [str(ana.id), ana.id.hex, MARK]
    assert {table for table, _c, _v in traces_of(needles)} >= {
        "agreement", "helping_conversation", "helping_note", "steering_conversation", "summary"}

    assert delete(journal, {"password": PASSWORD}).status_code == 204

    assert traces_of(needles) == []
    assert not HelpingNote.select().exists(), "Bo's note was in a conversation with Ana"
    assert not (HelpingConversation.select().exists() or SteeringConversation.select().exists()
                or Agreement.select().exists())
    assert not Delivery.select().where(Delivery.ref.in_(waiting)).exists()
    assert User.by_email("bo@example.org") is not None


def test_the_export_holds_the_conversations_with_the_other_person_by_name(journal, other, clock):
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    _conversations(ana, bo, clock())
    document = journal.api("GET", "/api/v1/export").get_json()
    [summary] = document["summaries"]
    assert sorted((a["text"], a["proposed_by"], a["status"]) for a in summary["agreements"]) == [
        (f"{MARK} proposed", "employee", "proposed"), (f"{MARK} step", "manager", "accepted")]
    assert summary["better_since"] == f"{MARK} better"
    helping = {row["role"]: row for row in document["helping_conversations"]}
    assert helping["asker"]["topic"] == f"{MARK} topic"
    assert helping["helper"]["with"] == {"display_name": "Bo"}
    assert [(n["text"], n["mine"]) for n in helping["helper"]["notes"]] == [
        (f"{MARK} note", True), ("Bo's note", False)]
    steering = {row["role"]: row for row in document["steering_conversations"]}
    assert steering["employee"]["plan"] == f"{MARK} plan"
    assert steering["manager"]["expectation"] == f"{MARK} expectation"
    text = journal.api("GET", "/api/v1/export").get_data(as_text=True)
    assert "bo@example.org" not in text and str(bo.id) not in text


def test_a_draft_expectation_is_not_in_the_employees_export(journal, other):
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    SteeringConversation.create(manager=bo, employee=ana, expectation="BO-DRAFT",
                                created_at=STORED_NOW, updated_at=STORED_NOW)
    assert "BO-DRAFT" not in journal.api("GET", "/api/v1/export").get_data(as_text=True)
    assert "BO-DRAFT" in other.api("GET", "/api/v1/export").get_data(as_text=True)
