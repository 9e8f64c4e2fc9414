"""The pure rules of teams: names, the join link's life, leaving, handing over."""
from datetime import datetime, timedelta

import pytest

from journal.teams.rules import (
    NAME_LIMIT,
    clean_name,
    hand_over_problem,
    join_expiry,
    join_problem,
    leave_outcome,
    link_is_active,
    organiser_only,
    problem_message,
)

NOW = datetime(2026, 11, 27, 12, 0)


@pytest.mark.parametrize("value, name", [("Intake team", "Intake team"),
                                         ("  Ward 3  ", "Ward 3"), ("x", "x"),
                                         ("Ward\n  3\t", "Ward 3"),
                                         ("é" * NAME_LIMIT, "é" * NAME_LIMIT)])
def test_a_name_of_one_to_eighty_characters_is_kept_trimmed(value, name):
    assert clean_name(value) == (name, {})


@pytest.mark.parametrize("value", ["", "   ", None, 42, ["Ward"], "x" * (NAME_LIMIT + 1)])
def test_an_empty_too_long_or_odd_name_is_refused_on_the_name_field(value):
    name, errors = clean_name(value)
    assert name is None and set(errors) == {"name"} and str(errors["name"])


def test_too_long_says_how_long_it_may_be():
    assert "80" in str(clean_name("x" * 81)[1]["name"])


def test_a_join_link_works_for_seven_days():
    assert join_expiry(NOW) == NOW + timedelta(days=7)
    assert join_expiry(NOW, 0) == NOW + timedelta(days=1), "never a link that is dead at once"


def test_a_link_is_active_only_with_a_hash_and_before_it_expires():
    later = NOW + timedelta(days=7)
    assert link_is_active(join_hash="abc", expires_at=later, now=NOW)
    assert not link_is_active(join_hash="abc", expires_at=later, now=later)
    assert not link_is_active(join_hash=None, expires_at=later, now=NOW), "revoked"
    assert not link_is_active(join_hash="abc", expires_at=None, now=NOW)


def test_joining_is_refused_when_expired_and_a_no_op_for_a_member():
    later = NOW + timedelta(seconds=1)
    assert join_problem(expires_at=later, now=NOW, already_member=False) is None
    assert join_problem(expires_at=later, now=NOW, already_member=True) == "member"
    assert join_problem(expires_at=NOW, now=NOW, already_member=False) == "expired"
    assert join_problem(expires_at=NOW, now=NOW, already_member=True) == "member", \
        "a member opening an old link is told they are in"
    assert join_problem(expires_at=None, now=NOW, already_member=False) == "expired"


def test_only_the_organiser_may_organise():
    assert organiser_only("organiser") is None
    assert organiser_only("member") == "organiser_only"


@pytest.mark.parametrize("role, count, outcome", [
    ("member", 3, "left"), ("organiser", 2, "hand_over_first"), ("organiser", 1, "deleted"),
    ("member", 1, "deleted")])
def test_leaving(role, count, outcome):
    assert leave_outcome(role=role, member_count=count) == outcome


@pytest.mark.parametrize("role, new_id, is_member, problem", [
    ("organiser", "b", True, None), ("member", "b", True, "organiser_only"),
    ("organiser", "b", False, "not_member"), ("organiser", "a", True, "already_organiser")])
def test_handing_over(role, new_id, is_member, problem):
    assert hand_over_problem(role=role, own_id="a", new_id=new_id,
                             new_is_member=is_member) == problem


def test_every_problem_has_words_and_names_the_team_where_it_helps(app):
    with app.test_request_context():
        for problem in ("no_team", "unknown_link", "member", "organiser_only", "hand_over_first",
                        "not_member", "already_organiser", "no_such_member"):
            assert str(problem_message(problem, "Ward 3"))
        assert "Ward 3" in str(problem_message("expired", "Ward 3"))
        assert "Ward 3" in str(problem_message("member", "Ward 3"))
