"""What the weekly review reads beyond one week: where the person's journal starts, the weeks it
looks further back to, the needs of earlier reviews, and the person's own answers from team
meetings that week."""
from datetime import UTC, timedelta

from journal.clock import local_today
from journal.kept import KeptPerPerson
from journal.models.entry import Entry
from journal.models.review import Review
from journal.models.team import MeetingAnswer
from journal.reviews.rules import NEEDS
from journal.weeks import parse_week


def journal_start(user):
    """The person's first day: the earlier of the day they signed up (in their own time zone)
    and the day of their first entry (imported history can be older than the account)."""
    signed_up = local_today(user.created_at.replace(tzinfo=UTC), user.timezone)
    first = _kept_first_day(user)
    return min(signed_up, first) if first else signed_up


def first_entry_day(user):
    """The day of the user's first entry, or None."""
    first = Entry.select(Entry.day).where(Entry.user == user).order_by(Entry.day).first()
    return first.day if first else None


_kept_first_day = KeptPerPerson(first_entry_day)  # on every home page; entries alone move it


def reviews_before(user, before, limit):
    """The user's reviews of the ISO weeks before `before` (all weeks when None), newest week
    first, at most `limit` of them."""
    query = Review.of(user)
    if before:
        query = query.where(Review.week < before)
    return list(query.limit(limit))


def further_back_rows(user, weeks):
    """({ISO week: the review's improved items}, [entries]) of these ISO weeks."""
    weeks = sorted(set(weeks))
    improved = {review.week: review.improved_items()
                for review in Review.select().where((Review.user == user)
                                                    & Review.week.in_(weeks))}
    entries = []
    for week in weeks:
        monday = parse_week(week)
        entries.extend(Entry.matching(user, day_from=monday, day_to=monday + timedelta(days=6)))
    return improved, entries


def needs_history(user, before):
    """[(ISO week, {need: 1–5 or None})] of the person's reviews of the weeks before `before`."""
    columns = [Review.week, *(getattr(Review, need) for need in NEEDS)]
    rows = Review.select(*columns).where((Review.user == user) & (Review.week < before)).tuples()
    return [(week, dict(zip(NEEDS, values, strict=True))) for week, *values in rows]


MEETING_QUESTIONS = ("progress", "next", "help")


def meeting_answers(user, week):
    """The person's own answers from team meetings in this ISO week, meeting by meeting in the
    questions' order (theirs alone: shared or not, only they see them here)."""
    answers = list(MeetingAnswer.select()
                   .where((MeetingAnswer.user == user) & (MeetingAnswer.week == week))
                   .order_by(MeetingAnswer.created_at, MeetingAnswer.id))
    meetings = list(dict.fromkeys(answer.meeting_id for answer in answers))
    return sorted(answers, key=lambda answer: (
        meetings.index(answer.meeting_id), MEETING_QUESTIONS.index(answer.question)
        if answer.question in MEETING_QUESTIONS else len(MEETING_QUESTIONS)))
