"""The pure rules of sessions and fair log-in limits."""
from datetime import datetime, timedelta

import pytest

from journal.accounts.rules import (
    ACCOUNT,
    ADDRESS,
    MAX_DELAY,
    PAIR,
    address_of,
    delay_after,
    device_name,
    failure_keys,
    is_due_a_touch,
    is_expired,
    login_wait,
    wait_to_show,
)

NOW = datetime(2026, 11, 27, 12, 0)


@pytest.mark.parametrize("failures, seconds", [
    (0, 0), (4, 0), (5, 30), (6, 60), (7, 120), (8, 240), (9, 480), (10, 900), (11, 900),
    (10_000, 900),
])
def test_the_delay_doubles_after_five_failures_up_to_fifteen_minutes(failures, seconds):
    assert delay_after(failures, PAIR) == timedelta(seconds=seconds)


def test_an_address_and_an_account_alone_get_more_free_failures():
    assert delay_after(19, ACCOUNT) == delay_after(49, ADDRESS) == timedelta(0)
    assert delay_after(20, ACCOUNT) == delay_after(50, ADDRESS) == timedelta(seconds=30)


def test_no_failures_means_no_wait():
    assert login_wait({}, NOW) == timedelta(0)


def test_the_wait_counts_from_the_last_failure():
    counts = {PAIR: (6, NOW - timedelta(seconds=20))}
    assert login_wait(counts, NOW) == timedelta(seconds=40)
    assert login_wait(counts, NOW + timedelta(seconds=40)) == timedelta(0)


def test_a_count_quiet_for_a_day_is_forgotten():
    counts = {PAIR: (30, NOW - timedelta(days=1))}
    assert login_wait(counts, NOW) == timedelta(0)


def test_the_accounts_count_never_slows_an_address_that_has_not_failed_on_it():
    hammered = {ACCOUNT: (500, NOW)}
    assert login_wait(hammered, NOW) == timedelta(0)
    assert login_wait({**hammered, PAIR: (1, NOW)}, NOW) == MAX_DELAY


def test_an_address_trying_many_accounts_is_slowed_on_all_of_them():
    assert login_wait({ADDRESS: (53, NOW)}, NOW) == timedelta(minutes=4)


@pytest.mark.parametrize("remote, address", [
    ("192.0.2.7", "192.0.2.7"),
    ("::ffff:192.0.2.7", "192.0.2.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
    ("fe80::1%eth0", "fe80::/64"),
    ("", "unknown"),
    (None, "unknown"),
    ("not an address", "unknown"),
])
def test_addresses_are_counted_as_a_network_hands_them_out(remote, address):
    assert address_of(remote) == address


def test_keys_hold_neither_the_address_nor_the_email():
    keys = failure_keys("192.0.2.7", "ana@example.org")
    assert set(keys) == {PAIR, ADDRESS, ACCOUNT}
    assert all(len(key) == 64 and "ana" not in key and "192" not in key for key in keys.values())
    assert failure_keys("192.0.2.8", "ana@example.org")[ACCOUNT] == keys[ACCOUNT]
    assert failure_keys("192.0.2.7", "bo@example.org")[ADDRESS] == keys[ADDRESS]


def test_last_seen_is_due_once_a_minute():
    assert not is_due_a_touch(NOW - timedelta(seconds=59), NOW)
    assert is_due_a_touch(NOW - timedelta(seconds=60), NOW)


def test_a_remembered_session_lasts_thirty_unused_days_and_another_one_day():
    assert not is_expired(True, NOW - timedelta(days=90), NOW)
    assert is_expired(True, NOW - timedelta(days=90, seconds=1), NOW)
    assert not is_expired(False, NOW - timedelta(hours=23), NOW)
    assert is_expired(False, NOW - timedelta(days=1, seconds=1), NOW)


def test_a_device_name_fits_its_column():
    assert device_name("x" * 200) == "x" * 80


@pytest.mark.parametrize("seconds, shown", [
    (0.2, 1), (29.5, 30), (30, 30), (60, 60), (61, 120), (70, 120), (899.9, 900),
])
def test_a_wait_is_shown_rounded_up(seconds, shown):
    assert wait_to_show(timedelta(seconds=seconds)) == timedelta(seconds=shown)
