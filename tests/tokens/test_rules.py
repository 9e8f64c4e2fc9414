"""The token rules: scopes, lifetimes, and which scope each API call needs."""
from datetime import datetime

import pytest

from journal.tokens.rules import (
    SESSION,
    clean_expiry,
    clean_scopes,
    expires_at_for,
    expiry_from_form,
    has_expired,
    parse_scopes,
    scope_needed,
    stored_scopes,
)

NOW = datetime(2026, 11, 27, 12)


@pytest.mark.parametrize("endpoint, method, needed", [
    ("entries_api.list_entries", "GET", "read"),
    ("entries_api.list_entries", "HEAD", "read"),
    ("entries_api.create_entry", "POST", "write"),
    ("goals_api.update", "PATCH", "write"),
    ("goals_api.update", "PUT", "write"),
    ("push_api.delete", "DELETE", "write"),
    ("session_api.session_info", "GET", "read"),
    ("ownership_api.export_journal", "GET", "data"),
    ("ownership_api.import_journal", "POST", "data"),
    ("ownership_api.delete_own_account", "DELETE", SESSION),
    ("tokens_api.list_tokens", "GET", SESSION),
    ("tokens_api.create", "POST", SESSION),
    ("tokens_api.revoke", "DELETE", SESSION),
    ("sessions_api.list_sessions", "GET", SESSION),
    ("sessions_api.end_session", "DELETE", SESSION),
    ("sessions_api.end_others", "DELETE", SESSION),
    ("teams_api.anything_new", "GET", "read"),
    ("teams_api.anything_new", "POST", "write"),
    ("teams_api.anything_new", "get", "read"),
])
def test_the_scope_each_call_needs(endpoint, method, needed):
    assert scope_needed(endpoint, method) == needed


def test_an_endpoint_named_like_a_blueprint_is_not_mistaken_for_it():
    assert scope_needed("tokens_api_extra.view", "GET") == "read"
    assert scope_needed("other.tokens_api", "GET") == "read"


@pytest.mark.parametrize("value, scopes", [
    (["read"], ("read",)), (("read", "write"), ("read", "write")),
    (["data", "write", "data"], ("write", "data")),
])
def test_clean_scopes(value, scopes):
    assert clean_scopes(value) == (scopes, {})


@pytest.mark.parametrize("value", [None, [], "read", ["admin"], [None], {"read": 1}, ["Read"]])
def test_clean_scopes_refuses(value):
    scopes, errors = clean_scopes(value)
    assert scopes is None and set(errors) == {"scopes"}


def test_scopes_are_stored_as_words_and_read_back():
    assert stored_scopes(("data", "read")) == "read data"
    assert parse_scopes("read data") == ("read", "data")
    assert parse_scopes("read write admin") == ("read", "write"), "unknown words grant nothing"
    assert parse_scopes("") == () and parse_scopes(None) == ()


@pytest.mark.parametrize("value", [30, 90, 365, None])
def test_clean_expiry(value):
    assert clean_expiry(value) == (value, {})


@pytest.mark.parametrize("value", [0, 29, 91, 364, 366, -90, 90.0, True, False, "90", [90]])
def test_clean_expiry_refuses(value):
    days, errors = clean_expiry(value)
    assert days is None and set(errors) == {"expires_in_days"}


def test_expiry_from_a_form():
    assert expiry_from_form("never") is None
    assert expiry_from_form("30") == 30
    assert expiry_from_form("") == "" and clean_expiry("")[1]
    assert expiry_from_form("-30") == "-30" and clean_expiry("-30")[1]


def test_a_token_expires_at_the_moment_its_days_are_up():
    expires_at = expires_at_for(30, NOW)
    assert expires_at == datetime(2026, 12, 27, 12)
    assert not has_expired(expires_at, datetime(2026, 12, 27, 11, 59, 59))
    assert has_expired(expires_at, datetime(2026, 12, 27, 12))
    assert expires_at_for(None, NOW) is None and not has_expired(None, datetime(2100, 1, 1))
