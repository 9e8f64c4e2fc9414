"""Team meetings that start in pairs, in the database: the team's open meeting, who joined and
the pairs, and each person's own answers (private to their journal; the team sees an answer
only while its writer shares it, and a teammate asked for help sees that help answer). The
caller has checked membership through journal.teams.membership; what is allowed when is
decided in journal.teams.meeting_rules."""
import json

from journal.db import database, parse_uuid
from journal.models.team import MeetingAnswer, MeetingAttendee, TeamMeeting, TeamMember
from journal.models.user import User
from journal.notifications import notices
from journal.refusal import Refusal
from journal.teams import meeting_rules as rules

Author = User.alias("author")


def open_meeting(team):
    """The team's meeting still going on, or None."""
    return (TeamMeeting.select()
            .where((TeamMeeting.team == team.id) & TeamMeeting.ended_at.is_null())
            .order_by(TeamMeeting.started_at.desc()).first())


def meeting_of(team, meeting_id):
    """One of the team's meetings, or None."""
    meeting_uuid = parse_uuid(meeting_id)
    if meeting_uuid is None:
        return None
    return TeamMeeting.get_or_none((TeamMeeting.id == meeting_uuid)
                                   & (TeamMeeting.team == team.id))


def attendees_of(meeting):
    """Who joined the meeting and is still in the team, as users, by name."""
    return list(User.select()
                .join(MeetingAttendee, on=(MeetingAttendee.user == User.id))
                .join(TeamMember, on=((TeamMember.user == User.id)
                                      & (TeamMember.team == meeting.team_id)))
                .where(MeetingAttendee.meeting == meeting.id)
                .order_by(User.display_name, User.id))


def has_joined(meeting, user):
    """Whether the user joined this meeting."""
    return (MeetingAttendee.select()
            .where((MeetingAttendee.meeting == meeting.id) & (MeetingAttendee.user == user.id))
            .exists())


def start(team, organiser, timer_minutes, now):
    """The organiser starts a meeting (and joins it); a meeting already going on is a
    refusal: one at a time."""
    with database.atomic():
        if open_meeting(team) is not None:
            raise Refusal("conflict", rules.ALREADY_STARTED)
        meeting = TeamMeeting.create(team=team.id, started_by=organiser.id,
                                     timer_minutes=timer_minutes, started_at=now)
        MeetingAttendee.create(meeting=meeting, user=organiser.id, joined_at=now)
    return meeting


def join(meeting, user, now):
    """The user joins a meeting still going on; joining twice changes nothing."""
    _check_going_on(meeting)
    (MeetingAttendee.insert(meeting=meeting.id, user=user.id, joined_at=now)
     .on_conflict_ignore().execute())
    return meeting


def pair(meeting, now):
    """The organiser pairs the people who joined: pairs of two, a trio when odd; pairs that
    already talk stay together when someone joined late."""
    _check_going_on(meeting)
    people = [str(person.id) for person in attendees_of(meeting)]
    groups = rules.pair_up(people, seed=f"{meeting.id}:{len(people)}",
                           keep=pairs_of(meeting))
    (TeamMeeting.update(pairs=json.dumps(groups))
     .where(TeamMeeting.id == meeting.id).execute())
    meeting.pairs = json.dumps(groups)
    return meeting


def end(meeting, now):
    """The organiser ends the meeting; the answers stay in each person's journal."""
    _check_going_on(meeting)
    (TeamMeeting.update(ended_at=now)
     .where((TeamMeeting.id == meeting.id) & TeamMeeting.ended_at.is_null()).execute())
    meeting.ended_at = now
    return meeting


def _check_going_on(meeting):
    if meeting.ended_at is not None:
        raise Refusal("conflict", rules.ALREADY_ENDED)


def pairs_of(meeting):
    """The pairs as lists of user id strings (empty until the organiser paired)."""
    try:
        groups = json.loads(meeting.pairs or "[]")
    except ValueError:
        return []
    return [[str(person) for person in group] for group in groups if isinstance(group, list)]


def people_of(meeting):
    """{user id string: User} of the people named in the meeting's pairs, still in the team."""
    ids = [parse_uuid(person) for group in pairs_of(meeting) for person in group]
    ids = [person for person in ids if person is not None]
    if not ids:
        return {}
    return {str(person.id): person for person in
            User.select().join(TeamMember, on=((TeamMember.user == User.id)
                                               & (TeamMember.team == meeting.team_id)))
            .where(User.id.in_(ids))}


def named_pairs(meeting):
    """The pairs as lists of users, each by name (people no longer in the team left out)."""
    people = people_of(meeting)
    groups = [sorted((people[person] for person in group if person in people),
                     key=lambda person: (person.display_name.casefold(), str(person.id)))
              for group in pairs_of(meeting)]
    return [group for group in groups if group]


def my_pair(meeting, user):
    """The people the user talks with (their pair or trio, themselves left out), or None when
    they are not paired yet."""
    for group in named_pairs(meeting):
        if any(person.id == user.id for person in group):
            return [person for person in group if person.id != user.id]
    return None


def answers_of(meeting, user):
    """{question: MeetingAnswer} of the user's own answers in this meeting."""
    return {answer.question: answer for answer in
            MeetingAnswer.select().where((MeetingAnswer.meeting == meeting.id)
                                         & (MeetingAnswer.user == user.id))}


def save_answers(meeting, user, values, now):
    """Write the user's answers (clean values from meeting_rules.clean_answers): an empty
    answer is removed, sharing follows `share`, and a teammate newly asked for help hears of
    it. The week is the meeting's week in the user's own time zone. A teammate who is not in
    the team (or is the user) is a refusal about `help_to`."""
    if values.get("help_to") is not None:
        help_to = parse_uuid(values["help_to"]) if isinstance(values["help_to"], str) else None
        if help_to is None or help_to == user.id or not _is_member(meeting.team_id, help_to):
            raise Refusal("invalid", rules.NOT_A_TEAMMATE, "help_to")
        values = {**values, "help_to": help_to}
    if not has_joined(meeting, user):
        raise Refusal("conflict", rules.JOIN_FIRST)
    week = rules.meeting_week(meeting.started_at, user.timezone)
    with database.atomic():
        existing = answers_of(meeting, user)
        for question in rules.QUESTION_KEYS:
            _save_one(meeting, user, question, existing.get(question), values, week, now)
    return answers_of(meeting, user)


def _save_one(meeting, user, question, answer, values, week, now):
    text = values[question]
    if not text:
        if answer is not None:
            answer.delete_instance()
        return
    shared_at = rules.shared_since(answer.shared_at if answer else None,
                                   question in values["share"], now)
    help_to = values.get("help_to") if question == "help" else None
    if answer is None:
        answer = MeetingAnswer.create(user=user.id, team=meeting.team_id, meeting=meeting.id,
                                      week=week, question=question, text=text,
                                      shared_at=shared_at, help_to=help_to, created_at=now,
                                      updated_at=now)
        asked_before = None
    else:
        asked_before = answer.help_to_id
        (MeetingAnswer.update(text=text, shared_at=shared_at, help_to=help_to, updated_at=now)
         .where(MeetingAnswer.id == answer.id).execute())
        answer.text, answer.shared_at, answer.help_to = text, shared_at, help_to
    if help_to is not None and help_to != asked_before:
        notices.team_help(answer, now)


def _is_member(team_id, user_id):
    return TeamMember.select().where((TeamMember.team == team_id)
                                     & (TeamMember.user == user_id)).exists()


def _visible_answers(team):
    """The team's answers whose writer is still in the team, with the writer loaded."""
    return (MeetingAnswer
            .select(MeetingAnswer, Author)
            .join(Author, on=(MeetingAnswer.user == Author.id))
            .join(TeamMember, on=((TeamMember.user == MeetingAnswer.user)
                                  & (TeamMember.team == team.id)))
            .where(MeetingAnswer.team == team.id))


def shared_with(team):
    """The answers members share with the team right now, newest first."""
    return list(_visible_answers(team)
                .where(MeetingAnswer.shared_at.is_null(False))
                .order_by(MeetingAnswer.shared_at.desc(), MeetingAnswer.id))


def help_asked_of(team, user):
    """The help answers teammates addressed to the user, newest first (addressing one is
    showing it to that teammate, shared with the team or not)."""
    return list(_visible_answers(team)
                .where((MeetingAnswer.question == "help") & (MeetingAnswer.help_to == user.id))
                .order_by(MeetingAnswer.updated_at.desc(), MeetingAnswer.id))


def my_latest(team, user):
    """{question: MeetingAnswer} of the user's answers in the team's latest meeting they
    answered in."""
    latest = (MeetingAnswer.select()
              .where((MeetingAnswer.team == team.id) & (MeetingAnswer.user == user.id))
              .order_by(MeetingAnswer.created_at.desc()).first())
    if latest is None or latest.meeting_id is None:
        return {}
    return {answer.question: answer for answer in
            MeetingAnswer.select().where((MeetingAnswer.meeting == latest.meeting_id)
                                         & (MeetingAnswer.user == user.id))}


def card_of(team, user):
    """What the team page's meeting card shows to `user` (a member): the meeting going on and
    whether they joined it, the answers shared with the team, the help teammates asked of them,
    and their own latest answers (which only they see)."""
    meeting = open_meeting(team)
    return {
        "meeting": meeting,
        "joined": bool(meeting and has_joined(meeting, user)),
        "shared": shared_with(team),
        "asked_of_me": help_asked_of(team, user),
        "mine": my_latest(team, user),
        "timer_choices": rules.TIMER_CHOICES,
    }
