"""The pure rules of team meetings that start in pairs: pairing (pairs of two, a trio when odd,
alone only when nobody else joined; the same seed, the same pairs; pairs already talking stay
together when someone joins late), the timer, the week of a meeting and checking answers."""
from datetime import datetime

import pytest

from journal.refusal import Refusal
from journal.teams.meeting_rules import (
    QUESTION_KEYS,
    check_organiser,
    clean_answers,
    clean_timer,
    meeting_week,
    pair_up,
    question_words,
    shared_since,
)

PEOPLE = [f"person-{number}" for number in range(1, 8)]


@pytest.mark.parametrize("count, sizes", [
    (1, [1]), (2, [2]), (3, [3]), (4, [2, 2]), (5, [2, 3]), (7, [2, 2, 3])])
def test_pairs_of_two_a_trio_when_odd_alone_only_when_nobody_else_joined(count, sizes):
    people = PEOPLE[:count]
    groups = pair_up(people, seed="meeting-1")
    assert [len(group) for group in groups] == sizes
    assert sorted(person for group in groups for person in group) == sorted(people)


def test_nobody_joined_means_no_pairs():
    assert pair_up([], seed="meeting-1") == []


def test_the_same_seed_gives_the_same_pairs_and_another_seed_may_not():
    first = pair_up(PEOPLE, seed="meeting-1")
    assert pair_up(list(reversed(PEOPLE)), seed="meeting-1") == first, "order of joining aside"
    others = {str(pair_up(PEOPLE, seed=f"meeting-{n}")) for n in range(2, 12)}
    assert others - {str(first)}, "the seed changes who talks with whom"


def test_someone_counted_twice_is_paired_once():
    assert [len(group) for group in pair_up(["a", "b", "a"], seed="s")] == [2]


def test_a_late_joiner_joins_a_pair_and_the_pairs_already_talking_stay():
    earlier = [["a", "b"], ["c", "d"]]
    groups = pair_up(["a", "b", "c", "d", "e"], seed="s", keep=earlier)
    assert groups[0] == ["a", "b", "e"] and groups[1] == ["c", "d"]


def test_two_late_joiners_make_a_pair_of_their_own():
    groups = pair_up(["a", "b", "x", "y"], seed="s", keep=[["a", "b"]])
    assert groups[0] == ["a", "b"] and sorted(groups[1]) == ["x", "y"]


def test_a_late_joiner_next_to_a_trio_makes_two_pairs():
    groups = pair_up(["a", "b", "c", "d"], seed="s", keep=[["a", "b", "c"]])
    assert [len(group) for group in groups] == [2, 2]
    assert ["a", "b"] in groups


def test_someone_who_left_frees_their_partner_for_a_new_pair():
    groups = pair_up(["a", "c", "d", "e"], seed="s", keep=[["a", "b"], ["c", "d"]])
    assert ["c", "d"] in groups
    assert sorted(next(group for group in groups if "a" in group)) == ["a", "e"]


@pytest.mark.parametrize("sent, minutes", [(None, None), ("", None), ("none", None), (0, None),
                                           (3, 3), ("3", 3), (10, 10)])
def test_the_timer_is_a_few_minutes_per_question_or_none(sent, minutes):
    assert clean_timer(sent) == (minutes, None)


@pytest.mark.parametrize("sent", [1, 60, -3, "soon", True, 3.5, [3]])
def test_other_timers_are_refused_kindly(sent):
    minutes, error = clean_timer(sent)
    assert minutes is None and "minutes per question" in str(error)


def test_the_week_of_a_meeting_is_the_persons_own():
    sunday_night_utc = datetime(2026, 11, 29, 23, 30)  # Monday already in Amsterdam
    assert meeting_week(sunday_night_utc, "Europe/Amsterdam") == "2026-W49"
    assert meeting_week(sunday_night_utc, "America/New_York") == "2026-W48"


def test_the_three_questions_in_order():
    assert QUESTION_KEYS == ("progress", "next", "help")
    assert question_words()["help"] == "What help would I like with that?"


def test_only_the_organiser_starts_pairs_and_ends():
    check_organiser("organiser")
    with pytest.raises(Refusal) as refused:
        check_organiser("member")
    assert refused.value.kind == "forbidden"


def test_sharing_keeps_its_first_moment_and_taking_it_back_is_at_once():
    earlier, now = datetime(2026, 11, 27, 12), datetime(2026, 11, 27, 13)
    assert shared_since(None, True, now) == now
    assert shared_since(earlier, True, now) == earlier
    assert shared_since(earlier, False, now) is None


def test_answers_are_cleaned():
    values, errors = clean_answers({"progress": "  Calmer intakes ", "next": "", "help": "Sam",
                                    "help_to": "someone", "share": ["progress", "help"]})
    assert errors == {}
    assert values == {"progress": "Calmer intakes", "next": "", "help": "Sam",
                      "help_to": "someone", "share": {"progress", "help"}}


@pytest.mark.parametrize("sent, field, words", [
    ({"progress": "x" * 2001}, "progress", "under 2000"),
    ({"next": 5}, "next", "as text"),
    ({"share": ["progress"]}, "progress", "before sharing"),
    ({"share": ["all"]}, "share", "progress, next or help"),
    ({"share": "progress"}, "share", "progress, next or help"),
    ({"help_to": "someone"}, "help", "before asking someone"),
])
def test_bad_answers_are_told_next_to_their_field(sent, field, words):
    _values, errors = clean_answers(sent)
    assert words in str(errors[field])
