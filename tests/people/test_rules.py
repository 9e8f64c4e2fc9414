"""Who may invite whom, and when an invitation can still be accepted."""
from datetime import datetime, timedelta

import pytest

from journal.people.rules import (
    MAX_PENDING,
    PROBLEMS,
    acceptance_problem,
    clean_invitation,
    email_problem,
    expiry,
    is_open,
    mail_state,
    problem_message,
    proves_address,
)

NOW = datetime(2026, 11, 27, 12, 0)
ANA, BO = "ana-id", "bo-id"


def clean(email, own="ana@example.org", connected=None, pending=0):
    return clean_invitation(email, own_email=own, connected_names=connected or {},
                            pending_count=pending)


@pytest.mark.parametrize("email", ["bo@example.org", " Bo@Example.ORG ", "a.b+c@sub.example.nl"])
def test_good_addresses_pass(email):
    assert email_problem(email) is None


@pytest.mark.parametrize("email", ["", "  ", "bo", "bo@", "@example.org", "bo@example",
                                   "bo @example.org", "bo@@example.org", "bo@example.org.",
                                   "bo@.org", "x" * 250 + "@a.nl", None, 42, ["bo@x.nl"],
                                   # what a To header would read as more than one address
                                   "bo@example.org,cy@example.org", "Bo <bo@example.org>",
                                   "bo@example.org;", "bo\x00@example.org", '"bo"@example.org'])
def test_bad_addresses_are_refused(email):
    assert str(email_problem(email)) == "Enter an e-mail address like name@example.org."


def test_an_address_invitation_is_normalized_and_a_link_has_no_address():
    assert clean(" Bo@Example.org ") == ("bo@example.org", {})
    assert clean(None) == ("", {})


def test_inviting_yourself_is_refused_whatever_the_case():
    address, errors = clean("ANA@example.org ")
    assert address is None and "your own address" in str(errors["email"])


def test_inviting_someone_you_already_share_with_is_refused():
    address, errors = clean("bo@example.org", connected={"bo@example.org": "Bo"})
    assert address is None and str(errors["email"]) == "You already share with Bo."


def test_too_many_open_invitations_are_refused_even_for_a_link():
    assert clean(None, pending=MAX_PENDING - 1) == ("", {})
    address, errors = clean(None, pending=MAX_PENDING)
    assert address is None and f"{MAX_PENDING} invitations waiting" in str(errors["email"])


def test_expiry_is_some_days_later_and_at_least_one():
    assert expiry(NOW) == NOW + timedelta(days=7)
    assert expiry(NOW, 2) == NOW + timedelta(days=2)
    assert expiry(NOW, 0) == NOW + timedelta(days=1)


def test_open_means_unused_and_before_expiry():
    later = NOW + timedelta(days=7)
    assert is_open(accepted_at=None, expires_at=later, now=NOW)
    assert not is_open(accepted_at=NOW, expires_at=later, now=NOW)
    assert not is_open(accepted_at=None, expires_at=later, now=later)


def problem(**changes):
    facts = dict(employee_id=ANA, email="", expires_at=NOW + timedelta(days=7), accepted_at=None,
                 accepter_id=BO, accepter_email="bo@example.org", accepter_verified=True,
                 through_mail=False, now=NOW, connected=False)
    facts.update(changes)
    return acceptance_problem(**facts)


def test_an_open_link_can_be_accepted_by_anyone_else():
    assert problem() is None
    assert problem(accepter_id="cy-id", accepter_email="cy@example.org") is None


def test_an_address_invitation_only_by_that_address_in_any_case():
    assert problem(email="bo@example.org", accepter_email="BO@Example.org") is None
    assert problem(email="bo@example.org", accepter_email="cy@example.org") == "other_address"


def test_an_address_invitation_needs_a_verified_address_or_its_mail():
    to_bo = dict(email="bo@example.org", accepter_verified=False)
    assert problem(**to_bo) == "unverified"
    assert problem(**to_bo, through_mail=True) is None, "the mail's link reached the address"
    assert problem(**to_bo, connected=True) == "unverified"
    assert problem(**to_bo, through_mail=True, connected=True) == "connected"
    # Another address stays another address, verified or not, mailed or not.
    assert problem(email="cy@example.org", through_mail=True) == "other_address"


def test_a_link_needs_no_verified_address():
    assert problem(accepter_verified=False) is None


def test_only_the_mailed_link_to_the_same_address_proves_it():
    assert proves_address(email="bo@example.org", accepter_email="BO@example.org",
                          through_mail=True)
    assert not proves_address(email="bo@example.org", accepter_email="bo@example.org",
                              through_mail=False)
    assert not proves_address(email="", accepter_email="bo@example.org", through_mail=True)
    assert not proves_address(email="cy@example.org", accepter_email="bo@example.org",
                              through_mail=True)


@pytest.mark.parametrize("status, state", [
    ("queued", "sending"), ("claimed", "sending"), ("retry", "sending"), ("sent", "sent"),
    ("failed", "failed"), (None, None)])
def test_the_inviter_reads_the_mail_in_three_states(status, state):
    assert mail_state(status) == state


@pytest.mark.parametrize("changes, expected", [
    ({"accepted_at": NOW}, "used"),
    ({"expires_at": NOW}, "expired"),
    ({"expires_at": NOW - timedelta(seconds=1)}, "expired"),
    ({"accepter_id": ANA, "accepter_email": "ana@example.org"}, "own"),
    ({"connected": True}, "connected"),
    # A used invitation says "used" first, even when it has expired since.
    ({"accepted_at": NOW, "expires_at": NOW - timedelta(days=1)}, "used"),
])
def test_problems_are_named_in_order(changes, expected):
    assert problem(**changes) == expected


@pytest.mark.parametrize("code", PROBLEMS + ("not_found",))
def test_every_problem_has_a_message_with_the_name_where_it_helps(code):
    message = str(problem_message(code, "Ana"))
    assert message.endswith(".")
    if code in ("used", "expired", "connected"):
        assert "Ana" in message
