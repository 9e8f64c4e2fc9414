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
