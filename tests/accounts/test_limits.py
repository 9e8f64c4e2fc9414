"""Fair log-in limits (only failures count, per address and account, growing waits, in the
database) and the sign-up limit per address."""
import socket
import uuid
from datetime import timedelta

import pytest

from journal import create_app
from journal.db import close_database, database
from journal.models import LoginFailure, User
from tests.conftest import PASSWORD, Journal

ATTACKER = "198.51.100.66"
OWNER = "203.0.113.10"


def browser(app, address):
    """A browser at this client address."""
    person = Journal(app.test_client())
    person.client.environ_base["REMOTE_ADDR"] = address
    return person


@pytest.fixture
def ana(app, journal):
    """Ana's account exists; she is logged out."""
    journal.logout()
    return journal


def wrong(person, email="ana@example.org"):
    return person.login(email=email, password="guess " + email)


def test_five_failures_then_a_wait_that_doubles_up_to_fifteen_minutes(app, ana, clock):
    attacker = browser(app, ATTACKER)
    assert [wrong(attacker).status_code for _ in range(5)] == [422] * 5
    waits = []
    for _ in range(8):
        refused = wrong(attacker)
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        clock.now += timedelta(seconds=waits[-1])
        assert wrong(attacker).status_code == 422, "after the wait, one more real try"
    assert waits == [30, 60, 120, 240, 480, 900, 900, 900]


def test_the_wait_is_explained_calmly_on_the_login_page(app, ana):
    attacker = browser(app, ATTACKER)
    for _ in range(5):
        wrong(attacker)
    response = wrong(attacker)
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "please wait 30 seconds and try again" in html
    assert 'value="ana@example.org"' in html, "what was typed is kept"


def test_while_waiting_even_the_right_password_is_not_tried_from_that_address(app, ana, clock):
    attacker = browser(app, ATTACKER)
    for _ in range(5):
        wrong(attacker)
    assert attacker.login().status_code == 429
    clock.now += timedelta(seconds=30)
    assert attacker.login().status_code == 302


def test_thirty_wrong_passwords_from_elsewhere_never_lock_the_owner_out(app, ana, clock):
    attacker = browser(app, ATTACKER)
    for _ in range(30):
        wrong(attacker)
        clock.now += timedelta(minutes=15)  # each one a real failure, past every wait
    assert wrong(attacker).status_code in (422, 429)
    assert wrong(attacker).status_code == 429
    owner = browser(app, OWNER)
    response = owner.login()
    assert response.status_code == 302 and response.location == "/"
    assert owner.client.get("/").status_code == 200


def test_wrong_passwords_from_many_addresses_never_lock_the_owner_out(app, ana):
    for n in range(30):
        assert wrong(browser(app, f"192.0.2.{n + 1}")).status_code == 422
    assert browser(app, OWNER).login().status_code == 302


def test_many_addresses_on_one_account_wait_once_each_has_failed(app, ana):
    for n in range(20):
        wrong(browser(app, f"192.0.2.{n + 1}"))
    newcomer = browser(app, "192.0.2.200")
    assert wrong(newcomer).status_code == 422, "a first try from a new address is tried"
    assert wrong(newcomer).status_code == 429, "then the account's own count applies"


def test_one_address_trying_many_accounts_is_slowed_down(app, ana):
    sprayer = browser(app, ATTACKER)
    statuses = [wrong(sprayer, f"person{n}@example.org").status_code for n in range(51)]
    assert statuses[:50] == [422] * 50 and statuses[50] == 429


def test_a_correct_password_clears_that_addresses_failures(app, ana):
    owner = browser(app, OWNER)
    for _ in range(4):
        assert wrong(owner).status_code == 422
    assert owner.login().status_code == 302
    owner.logout()
    assert [wrong(owner).status_code for _ in range(5)] == [422] * 5
    assert wrong(owner).status_code == 429


def test_an_unknown_address_waits_just_like_a_known_one(app, ana):
    attacker = browser(app, ATTACKER)
    for email in ("ana@example.org", "nobody@example.org"):
        for _ in range(5):
            wrong(attacker, email)
    known, unknown = wrong(attacker), wrong(attacker, "nobody@example.org")
    assert known.status_code == unknown.status_code == 429
    assert known.headers["Retry-After"] == unknown.headers["Retry-After"]


def test_the_table_holds_no_address_or_email(app, ana):
    wrong(browser(app, ATTACKER))
    stored = " ".join(str(row) for row in LoginFailure.select().tuples())
    assert ATTACKER not in stored and "ana@" not in stored
    assert LoginFailure.select().count() == 3


def test_counts_are_shared_by_every_worker(app, app_config, ana):
    """A second app on the same database stands for another gunicorn worker: its own
    in-memory rate limiter knows nothing, yet the wait holds."""
    attacker = browser(app, ATTACKER)
    for _ in range(5):
        wrong(attacker)
    second_worker = create_app(app_config)
    try:
        assert wrong(browser(second_worker, ATTACKER)).status_code == 429
    finally:  # the database proxy goes back to the first app's connection (or pool)
        close_database(second_worker.extensions["journal_db"])
        database.initialize(app.extensions["journal_db"])


def test_old_failures_are_forgotten(app, ana, clock):
    attacker = browser(app, ATTACKER)
    for _ in range(5):
        wrong(attacker)
    clock.now += timedelta(days=1)
    assert [wrong(attacker).status_code for _ in range(5)] == [422] * 5


class TestFloodGuard:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "LOGIN_RATE_LIMIT": "3 per minute"}

    def test_a_flood_from_one_address_is_stopped(self, app, ana):
        flood = browser(app, ATTACKER)
        statuses = [wrong(flood, f"p{n}@example.org").status_code for n in range(4)]
        assert statuses == [422, 422, 422, 429]
        assert browser(app, OWNER).login().status_code == 302


class TestSignup:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "SIGNUP_RATE_LIMIT": "3 per hour"}

    def test_sign_up_is_limited_per_address_and_still_logs_in(self, app):
        office = [browser(app, "203.0.113.50") for _ in range(4)]
        for n, person in enumerate(office[:3]):
            assert person.signup(email=f"p{n}@example.org").status_code == 302
            assert person.client.get("/").status_code == 200, "logged in at once"
        response = office[3].signup(email="p3@example.org")
        assert response.status_code == 429
        assert "Please try again in" in response.get_data(as_text=True)
        assert 0 < int(response.headers["Retry-After"]) <= 3600
        assert User.select().count() == 3
        assert browser(app, "203.0.113.51").signup(email="p3@example.org").status_code == 302

    def test_probing_for_taken_addresses_runs_into_the_same_limit(self, app, journal):
        prober = browser(app, ATTACKER)
        answers = [prober.signup(email="ana@example.org").status_code for _ in range(4)]
        assert answers == [422, 422, 422, 429]


def test_the_default_sign_up_limit_is_twenty_an_hour(app):
    assert app.config["SIGNUP_RATE_LIMIT"] == "20 per hour"
    people = [browser(app, "203.0.113.60") for _ in range(21)]
    statuses = [person.signup(email=f"s{n}@example.org").status_code
                for n, person in enumerate(people)]
    assert statuses == [302] * 20 + [429]


def test_right_password_logins_are_not_counted(app, ana):
    owner = browser(app, OWNER)
    for _ in range(12):
        assert owner.login().status_code == 302
        owner.logout()
    assert LoginFailure.select().count() == 0
    assert owner.login(password=PASSWORD).status_code == 302


def redis_is_running(host="127.0.0.1", port=6379):
    """Whether a Redis server answers on this machine (CI's machine kind runs one)."""
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_running(), reason="no Redis on 127.0.0.1:6379")
class TestSharedLimiterStore:
    """With RATELIMIT_STORAGE_URI on a real Redis, as docs/deploy.md advises for several
    workers, the sign-up limit holds across workers (a second app stands for the second)."""

    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "SIGNUP_RATE_LIMIT": "2 per hour",
                "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
                "RATELIMIT_KEY_PREFIX": f"journal-test-{uuid.uuid4().hex}"}

    def test_the_sign_up_limit_holds_across_workers(self, app, app_config):
        for n in range(2):
            assert browser(app, ATTACKER).signup(email=f"p{n}@example.org").status_code == 302
        second_worker = create_app(app_config)
        try:
            late = browser(second_worker, ATTACKER).signup(email="p2@example.org")
            assert late.status_code == 429
        finally:
            close_database(second_worker.extensions["journal_db"])
            database.initialize(app.extensions["journal_db"])
