"""The settings page: name, time zone, language."""
from journal.models import User


def save(client, journal, **fields):
    data = {"csrf_token": journal.token("/settings"), "display_name": "Ana",
            "timezone": "Europe/Amsterdam", "language": "en", **fields}
    return client.post("/settings", data=data)


def test_settings_are_saved(client, journal):
    response = save(client, journal, display_name="Ana K.", timezone="Asia/Tokyo", language="nl")
    assert response.status_code == 302
    user = User.get()
    assert (user.display_name, user.timezone, user.language) == ("Ana K.", "Asia/Tokyo", "nl")
    assert "Je instellingen zijn opgeslagen." in client.get("/settings").get_data(as_text=True)


def test_bad_settings_are_explained_and_nothing_changes(client, journal):
    response = save(client, journal, display_name="", timezone="Nowhere/Land")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tell us what to call you." in html
    assert "Choose a time zone from the list." in html
    assert User.get().timezone == "Europe/Amsterdam"


def test_a_new_review_day_or_time_zone_moves_the_reminders_that_hang_on_it(client, journal):
    """STORED_NOW is Friday 2026-11-27 12:00 UTC; the weekly reminder is on the review day."""
    put = journal.api("PUT", "/api/v1/reminders", json={
        "weekly_review": {"enabled": True, "weekday": 5, "time": "16:00"}})
    assert put.status_code == 200
    assert put.get_json()["next"]["weekly_review"] == "2026-11-27T15:00:00+00:00"

    assert save(client, journal, review_weekday="1", timezone="Asia/Tokyo").status_code == 302

    after = journal.api("GET", "/api/v1/reminders").get_json()
    assert after["next"]["weekly_review"] == "2026-11-30T07:00:00+00:00"  # Monday 16:00 Tokyo
