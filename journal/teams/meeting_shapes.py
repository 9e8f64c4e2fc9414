"""Team meetings as the API shows them: the meeting (who joined, the pairs, the viewer's own
pair and own answers, never anyone else's), and what members share with the team."""
from journal.clock import iso_utc
from journal.teams import meeting_store as store
from journal.teams.meeting_rules import QUESTION_KEYS, QUESTIONS


def _when(moment):
    return iso_utc(moment) if moment else None


def answer_to_api(answer):
    """One of the viewer's own answers."""
    return {"text": answer.text, "shared": answer.shared_at is not None,
            "shared_at": _when(answer.shared_at), "week": answer.week,
            "help_to": (answer.help_to.to_person() if answer.help_to_id else None)}


def answers_to_api(answers):
    """{question: answer or None} of the viewer's own answers."""
    return {key: (answer_to_api(answers[key]) if key in answers else None)
            for key in QUESTION_KEYS}


def meeting_to_api(meeting, user):
    """The meeting as `user` (a member) sees it: their own answers only."""
    pair = store.my_pair(meeting, user)
    return {
        "id": str(meeting.id),
        "team_id": str(meeting.team_id),
        "started_at": _when(meeting.started_at),
        "ended_at": _when(meeting.ended_at),
        "timer_minutes": meeting.timer_minutes,
        "questions": [{"key": key, "text": str(words)} for key, words in QUESTIONS],
        "attendees": [person.to_person() for person in store.attendees_of(meeting)],
        "joined": store.has_joined(meeting, user),
        "pairs": [[person.to_person() for person in group]
                  for group in store.named_pairs(meeting)],
        "my_pair": [person.to_person() for person in pair] if pair is not None else None,
        "my_answers": answers_to_api(store.answers_of(meeting, user)),
    }


def _shared_item(answer):
    return {"id": str(answer.id), "question": answer.question, "text": answer.text,
            "author": answer.user.to_person(),
            "help_to": (answer.help_to.to_person() if answer.help_to_id else None),
            "meeting_id": str(answer.meeting_id) if answer.meeting_id else None,
            "shared_at": _when(answer.shared_at)}


def shared_to_api(team, user):
    """{"items": what members share with the team, "asked_of_me": help answers addressed to
    `user`}."""
    return {"items": [_shared_item(answer) for answer in store.shared_with(team)],
            "asked_of_me": [_shared_item(answer) for answer in store.help_asked_of(team, user)]}
