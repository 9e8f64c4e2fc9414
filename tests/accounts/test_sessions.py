"""Server-side sessions: each signed-in device is a row; logging out, "log out everywhere else"
and a password change end rows, and with them every copy of their cookies."""
from datetime import timedelta

import pytest

from journal.accounts.store import end_all_sessions
from journal.db import database
from journal.models import LoginFailure, User, UserSession
from journal.models.session import session_secret_hash
from tests.conftest import PASSWORD, Journal

IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1")
LAPTOP = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/124.0 Safari/537.36")
COOKIES = ("session", "remember_token")


def cookies_of(client):
    """The session and remember-me cookies a browser holds, as an attacker would copy them."""
    return {name: client.get_cookie(name).value for name in COOKIES if client.get_cookie(name)}


def replayed(app, cookies):
    """A fresh browser that presents copied cookies."""
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client


def logged_in(client):
    return client.get("/").status_code == 200


@pytest.fixture
def phone(app, journal):
    """Ana, logged in on her phone too (remembered)."""
    person = Journal(app.test_client())
    assert person.login(headers={"User-Agent": IPHONE}).status_code == 302
    return person


def test_logging_in_makes_a_row_with_a_hash_of_the_secret(app, journal, clock):
    rows = list(UserSession.select())
    assert len(rows) == 1
    secret = journal.client.get_cookie("remember_token").value.split("|")[0]
    assert rows[0].secret_hash == session_secret_hash(secret) != secret
    assert rows[0].remember and rows[0].device == "|"
    assert str(User.get().id) not in journal.client.get_cookie("remember_token").value


def test_copied_cookies_do_not_log_in_after_logout(app, journal):
    cookies = cookies_of(journal.client)
    assert set(cookies) == set(COOKIES)
    assert logged_in(replayed(app, cookies)), "the copies work while the session lives"
    journal.logout()
    assert not logged_in(journal.client)
    assert not logged_in(replayed(app, cookies))
    assert not logged_in(replayed(app, {"session": cookies["session"]}))
    assert not logged_in(replayed(app, {"remember_token": cookies["remember_token"]}))
    assert UserSession.select().count() == 0


def test_the_remember_cookie_alone_logs_in_until_logout(app, journal, phone):
    remember = {"remember_token": cookies_of(phone.client)["remember_token"]}
    assert logged_in(replayed(app, remember))
    phone.logout()
    assert not logged_in(replayed(app, remember))
    assert logged_in(journal.client), "logging out the phone leaves the laptop logged in"


def test_a_session_survives_a_change_of_address(app, journal):
    journal.client.environ_base["REMOTE_ADDR"] = "10.20.30.40"
    assert logged_in(journal.client)
    journal.client.environ_base["REMOTE_ADDR"] = "2001:db8::7"
    assert logged_in(journal.client)
    remember = {"remember_token": cookies_of(journal.client)["remember_token"]}
    elsewhere = replayed(app, remember)
    elsewhere.environ_base["REMOTE_ADDR"] = "198.51.100.3"
    assert logged_in(elsewhere)


def test_a_password_change_ends_the_other_devices_and_keeps_this_one(app, journal, phone):
    copies = cookies_of(phone.client)
    response = journal.client.post("/settings/password", data={
        "csrf_token": journal.token("/settings/password"), "current_password": PASSWORD,
        "new_password": "a brand new secret", "confirm": "a brand new secret"})
    assert response.status_code == 302
    assert logged_in(journal.client)
    assert not logged_in(phone.client)
    assert not logged_in(replayed(app, {"remember_token": copies["remember_token"]}))
    assert UserSession.select().count() == 1


def test_logging_out_everywhere_else_from_the_settings_page(app, journal, phone, other):
    page = journal.client.get("/settings/sessions").get_data(as_text=True)
    assert "Safari on iPhone" in page and "this device" in page
    assert "Log out everywhere else" in page
    response = journal.client.post("/settings/sessions/end-others",
                                   data={"csrf_token": journal.token("/settings/sessions")})
    assert response.status_code == 302
    assert "logged out everywhere else" in journal.client.get("/settings/sessions").get_data(
        as_text=True)
    assert logged_in(journal.client)
    assert not logged_in(phone.client)
    assert logged_in(other.client), "nobody else is logged out"


def test_logging_out_one_device_from_the_settings_page(app, journal, phone):
    laptop = Journal(app.test_client())
    assert laptop.login(headers={"User-Agent": LAPTOP}).status_code == 302
    phone_row = UserSession.get(UserSession.device == "Safari|iPhone")
    response = journal.client.post(f"/settings/sessions/{phone_row.id}/end",
                                   data={"csrf_token": journal.token("/settings/sessions")})
    assert response.status_code == 302
    assert not logged_in(phone.client)
    assert logged_in(laptop.client) and logged_in(journal.client)


def test_someone_elses_device_is_not_found(journal, phone, other):
    phone_row = UserSession.get(UserSession.device == "Safari|iPhone")
    response = other.client.post(f"/settings/sessions/{phone_row.id}/end",
                                 data={"csrf_token": other.token("/settings/sessions")})
    assert response.status_code == 404
    assert logged_in(phone.client)


def test_the_page_shows_times_in_the_persons_language_and_time_zone(journal, clock):
    journal.client.post("/settings", data={
        "csrf_token": journal.token("/settings"), "display_name": "Ana",
        "timezone": "Asia/Tokyo", "language": "nl", "review_weekday": "5"})
    page = journal.client.get("/settings/sessions").get_data(as_text=True)
    # 12:00 UTC is 21:00 in Tokyo. (The words around the date are translated at the end.)
    assert "27 november 2026" in page and "21:00" in page and "12:00" not in page
    assert "dit apparaat" in page
    assert "Onbekend apparaat" in page, "signed in on an English page, named in Dutch"
    assert "Unknown device" not in page


def test_devices_are_named_from_their_browser_and_system(app):
    phone = Journal(app.test_client())
    phone.client.environ_base["HTTP_USER_AGENT"] = (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0 Mobile Safari/537.36")
    phone.signup()
    items = phone.api("GET", "/api/v1/sessions").get_json()["items"]
    assert [item["device"] for item in items] == ["Chrome on Android"]
    with app.app_context():
        assert UserSession.get().device == "Chrome|Android"


def test_the_settings_page_leads_to_the_devices(journal):
    assert "/settings/sessions" in journal.client.get("/settings").get_data(as_text=True)


def test_last_active_is_written_at_most_once_a_minute(journal, clock):
    def last_seen():
        return UserSession.get().last_seen_at
    first = last_seen()
    clock.now += timedelta(seconds=50)
    assert logged_in(journal.client) and last_seen() == first
    clock.now += timedelta(seconds=20)
    assert logged_in(journal.client) and last_seen() == first + timedelta(seconds=70)


def test_a_session_not_kept_ends_after_a_day_unused(app, journal, clock):
    journal.logout()
    assert journal.login(remember="").status_code == 302
    assert "remember_token" not in cookies_of(journal.client)
    clock.now += timedelta(hours=23)
    assert logged_in(journal.client)
    clock.now += timedelta(days=1, seconds=1)
    assert not logged_in(journal.client)
    assert UserSession.select().count() == 0


def test_a_kept_session_lasts_while_used_and_ends_after_ninety_days_unused(journal, clock):
    clock.now += timedelta(days=89)
    assert logged_in(journal.client), "back from a long holiday"
    clock.now += timedelta(days=89)
    assert logged_in(journal.client), "each visit starts the ninety days again"
    clock.now += timedelta(days=90, seconds=1)
    assert not logged_in(journal.client)


def test_the_remember_cookie_is_renewed_with_use_at_most_once_a_minute(journal, clock):
    def renewed():
        cookies = journal.client.get("/").headers.getlist("Set-Cookie")
        return any(c.startswith("remember_token=") for c in cookies)
    clock.now += timedelta(minutes=2)
    assert renewed()
    assert not renewed(), "not again within the minute"
    clock.now += timedelta(days=3)
    assert renewed()


def test_ending_all_sessions_logs_out_every_device(app, journal, phone):
    with app.app_context():
        assert end_all_sessions(User.get()) == 2
    assert not logged_in(journal.client) and not logged_in(phone.client)


def test_deleting_the_account_removes_its_sessions(journal, phone, other):
    response = journal.api("DELETE", "/api/v1/account", {"password": PASSWORD})
    assert response.status_code == 204
    assert UserSession.select().count() == 1  # Bo's
    assert not logged_in(phone.client)


@pytest.mark.parametrize("model", [UserSession, LoginFailure])
def test_the_migrated_tables_match_the_models(app, model):
    columns = {column.name for column in database.get_columns(model._meta.table_name)}
    assert columns == {field.column_name for field in model._meta.sorted_fields}


def test_the_database_itself_cascades_a_deleted_user_to_the_sessions(journal, phone):
    User.delete().execute()  # not through delete_account: the foreign key alone
    assert UserSession.select().count() == 0
