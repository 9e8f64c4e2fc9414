"""Deleting an account takes what the person put into teams with it: their meeting answers,
circle notes, cases and contributions. A team they organised passes to its longest-standing
member, and a team left with nobody goes."""
from datetime import timedelta

from journal.models import (
    Consultation,
    Contribution,
    MeetingAnswer,
    MeetingAttendee,
    Team,
    TeamMeeting,
    TeamMember,
    TeamNote,
    User,
)
from tests.accounts.test_deletion import delete, traces_of
from tests.conftest import PASSWORD, STORED_NOW

MARK = "ANA-TEAM"


def _team(name, members):
    team = Team.create(name=name, created_at=STORED_NOW, updated_at=STORED_NOW)
    for order, (person, role) in enumerate(members):
        TeamMember.create(team=team, user=person, role=role,
                          joined_at=STORED_NOW + timedelta(minutes=order))
    return team


def test_what_the_person_put_into_teams_goes_and_the_team_stays_organised(journal, other, app):
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    shared = _team("Intake team", [(ana, "organiser"), (bo, "member")])
    alone = _team(f"{MARK} solo", [(ana, "organiser")])
    meeting = TeamMeeting.create(team=shared, started_by=ana, started_at=STORED_NOW)
    MeetingAttendee.create(meeting=meeting, user=ana, joined_at=STORED_NOW)
    MeetingAttendee.create(meeting=meeting, user=bo, joined_at=STORED_NOW)
    for person, text in ((ana, f"{MARK} answer"), (bo, "Bo's answer")):
        MeetingAnswer.create(user=person, team=shared, meeting=meeting, week="2026-W48",
                             question="help", text=text, help_to=ana if person == bo else bo,
                             created_at=STORED_NOW, updated_at=STORED_NOW)
    TeamNote.create(team=shared, author=ana, text=f"{MARK} note", created_at=STORED_NOW,
                    updated_at=STORED_NOW)
    TeamNote.create(team=shared, author=bo, text="Bo's note", moved_by=ana,
                    taken_by=f'["{ana.id}", "{bo.id}"]', created_at=STORED_NOW,
                    updated_at=STORED_NOW)
    case = Consultation.create(team=shared, owner=ana, case=f"{MARK} case",
                               created_at=STORED_NOW, updated_at=STORED_NOW)
    Contribution.create(consultation=case, author=bo, step=0, text="Bo's idea",
                        created_at=STORED_NOW)
    bos_case = Consultation.create(team=shared, owner=bo, case="Bo's case",
                                   created_at=STORED_NOW, updated_at=STORED_NOW)
    Contribution.create(consultation=bos_case, author=ana, step=0, text=f"{MARK} idea",
                        created_at=STORED_NOW)
    needles = [str(ana.id), ana.id.hex, MARK]
    assert {table for table, _c, _v in traces_of(needles)} >= {
        "team_member", "meeting_answer", "team_note", "consultation", "contribution", "team"}

    assert delete(journal, {"password": PASSWORD}).status_code == 204

    assert traces_of(needles) == []
    assert [(m.user_id, m.role) for m in TeamMember.select()] == [(bo.id, "organiser")]
    assert Team.get_or_none(Team.id == alone.id) is None
    assert [n.text for n in TeamNote.select()] == ["Bo's note"]
    assert [a.text for a in MeetingAnswer.select()] == ["Bo's answer"]
    assert [c.case for c in Consultation.select()] == ["Bo's case"]
    assert not Contribution.select().exists()
