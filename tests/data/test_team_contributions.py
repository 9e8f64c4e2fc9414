"""The person's own part of their teams in the export (meeting answers, circle notes, cases,
contributions), and the meeting answers back with an import: to the team only while the person
is still in it, otherwise into their own journal alone."""
from journal.models import (
    Consultation,
    Contribution,
    MeetingAnswer,
    Team,
    TeamMember,
    TeamNote,
    User,
)
from tests.conftest import PASSWORD, STORED_NOW
from tests.data.test_export import export
from tests.data.test_importer import imported


def _team_life(ana, bo):
    team = Team.create(name="Intake team", created_at=STORED_NOW, updated_at=STORED_NOW)
    for person, role in ((ana, "organiser"), (bo, "member")):
        TeamMember.create(team=team, user=person, role=role, joined_at=STORED_NOW)
    MeetingAnswer.create(user=ana, team=team, week="2026-W48", question="progress",
                         text="Ran the intake alone", shared_at=STORED_NOW,
                         created_at=STORED_NOW, updated_at=STORED_NOW)
    MeetingAnswer.create(user=ana, team=team, week="2026-W48", question="help",
                         text="A second look at the form", created_at=STORED_NOW,
                         updated_at=STORED_NOW)
    MeetingAnswer.create(user=bo, team=team, week="2026-W48", question="progress",
                         text="Bo's answer", created_at=STORED_NOW, updated_at=STORED_NOW)
    TeamNote.create(team=team, author=ana, text="Shorter intakes", theme="Onboarding",
                    steps='[{"text": "Time one", "done": true}]', created_at=STORED_NOW,
                    updated_at=STORED_NOW)
    case = Consultation.create(team=team, owner=bo, case="Bo's case", created_at=STORED_NOW,
                               updated_at=STORED_NOW)
    Contribution.create(consultation=case, author=ana, step=1, text="What would be better?",
                        created_at=STORED_NOW)
    return team


def test_the_export_holds_my_part_of_my_teams_and_nothing_of_the_others(journal, other):
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    _team_life(ana, bo)
    part = export(journal)["team_contributions"]
    assert sorted((a["question"], a["text"], a["shared_at"] is not None)
                  for a in part["meeting_answers"]) == [
        ("help", "A second look at the form", False), ("progress", "Ran the intake alone", True)]
    assert {a["team"]["name"] for a in part["meeting_answers"]} == {"Intake team"}
    assert [(n["text"], n["theme"], n["steps"]) for n in part["circle_notes"]] == [
        ("Shorter intakes", "Onboarding", [{"text": "Time one", "done": True}])]
    assert part["cases"] == []
    assert [c["text"] for c in part["contributions"]] == ["What would be better?"]
    text = journal.api("GET", "/api/v1/export").get_data(as_text=True)
    assert "Bo's answer" not in text and "Bo's case" not in text


def test_answers_come_back_into_the_journal_and_to_the_team_only_while_a_member(
        journal, other):
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    team = _team_life(ana, bo)
    document = export(journal)
    assert journal.api("DELETE", "/api/v1/account", {"password": PASSWORD}).status_code == 204
    assert journal.signup().status_code == 302
    report = imported(journal, document)
    assert report["meeting_answers"]["added"] == 2
    again = User.by_email("ana@example.org")
    answers = list(MeetingAnswer.select().where(MeetingAnswer.user == again)
                   .order_by(MeetingAnswer.created_at, MeetingAnswer.text))
    assert [(a.text, a.team_id, a.shared_at) for a in answers] == [
        ("A second look at the form", None, None), ("Ran the intake alone", None, None)], \
        "no longer in the team: nothing goes back to it"
    assert imported(journal, document)["meeting_answers"] == {
        "added": 0, "updated": 0, "unchanged": 2}

    TeamMember.create(team=team, user=again, role="member", joined_at=STORED_NOW)
    imported(journal, document)
    shared = MeetingAnswer.get((MeetingAnswer.user == again)
                               & (MeetingAnswer.text == "Ran the intake alone"))
    assert (shared.team_id, shared.shared_at is not None) == (team.id, True)


def test_a_bad_answer_in_the_file_is_named_and_nothing_is_imported(journal):
    document = export(journal)
    document["team_contributions"]["meeting_answers"] = [
        {"id": "7d5e9c8a-1111-4222-8333-944445555666", "week": "2026-W99", "question": "why",
         "text": "", "created_at": "2026-11-27T12:00:00+00:00"}]
    response = journal.api("POST", "/api/v1/import", document)
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert {"meeting_answers[0].text", "meeting_answers[0].week",
            "meeting_answers[0].question"} <= set(fields)
    assert not MeetingAnswer.select().exists()
