"""The notifications page: devices, a test notification, and the reminders a person chooses."""
import re
import uuid
from datetime import datetime

import pytest

from journal.models import User
from journal.models.push import PushSubscription, Reminder
from journal.push.devices import device_label
from tests.conftest import STORED_NOW

PAGE = "/settings/notifications"
ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/131.0 Mobile Safari/537.36")
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")


def add_device(email, agent, endpoint=None):
    """A device row for the user, as POST /api/v1/push/subscriptions would store it."""
    return PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, 
        user=User.get(User.email == email), device=agent,
        endpoint=endpoint or f"https://push.example.org/{uuid.uuid4()}",
        p256dh="B" + "A" * 86, auth="A" * 22)


def form(journal, **changes):
    """The reminders form as a browser sends it (unticked checkboxes are left out)."""
    data = {"csrf_token": journal.token(PAGE), "daily_enabled": "y", "daily_time": "18:30",
            "daily_weekdays": ["1", "2", "3", "4", "5"], "weekly_review_enabled": "y",
            "weekly_review_time": "16:00", "paused_until": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def error_next_to(html, field):
    """The message shown right after the field, or None."""
    match = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    return match.group(1) if match else None


def test_the_page_explains_and_shows_only_this_users_devices(client, journal, other):
    add_device("ana@example.org", ANDROID)
    add_device("bo@example.org", IPHONE)
    html = client.get(PAGE).get_data(as_text=True)
    assert "Reminders are invitations you choose, at times you choose." in html
    assert "Turn on notifications on this device" in html
    assert "Chrome on Android" in html
    assert "Safari on iPhone" not in html
    assert html.count('class="device"') == 1
    assert f'href="{PAGE}"' in client.get("/settings").get_data(as_text=True)


def test_hints_for_devices_without_push_are_on_the_page_for_the_script(client, journal):
    html = client.get(PAGE).get_data(as_text=True)
    for hint_id in ("push-hint-ios", "push-hint-unsupported", "push-hint-blocked"):
        assert re.search(rf'<p id="{hint_id}"[^>]* hidden>', html), hint_id
    assert "first add Progress Journal to your Home Screen" in html


def test_the_page_needs_a_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_saved_settings_are_stored_and_scheduled(client, journal, clock):
    # Friday 27 November 2026, 13:00 in Amsterdam (UTC+1).
    response = client.post(PAGE, data=form(journal, details="y", daily_skip_if_logged=None,
                                           daily_weekdays=["1", "5", "7"]))
    assert response.status_code == 302
    daily = Reminder.get(Reminder.kind == "daily")
    weekly = Reminder.get(Reminder.kind == "weekly_review")
    assert (daily.enabled, daily.time, daily.weekday_set(), daily.skip_if_logged) == \
        (True, "18:30", [1, 5, 7], False)
    assert daily.next_fire_at == datetime(2026, 11, 27, 17, 30)  # today, 18:30 local
    assert weekly.next_fire_at == datetime(2026, 11, 27, 15, 0)  # Friday is the review day
    user = User.get(User.email == "ana@example.org")
    assert user.notification_details is True and user.reminders_paused_until is None
    html = client.get(PAGE).get_data(as_text=True)
    assert "Your reminders are saved." in html
    assert re.search(r'name="daily_weekdays" value="7"[^>]* checked', html)
    assert not re.search(r'name="daily_skip_if_logged" value="y" checked', html)


def test_a_pause_is_stored_and_shown(client, journal):
    assert client.post(PAGE, data=form(journal, paused_until="2026-12-06")).status_code == 302
    assert str(User.get().reminders_paused_until) == "2026-12-06"
    assert "Reminders are paused until 6 December 2026." in client.get(PAGE).get_data(as_text=True)


def test_turning_a_reminder_off_unschedules_it(client, journal):
    client.post(PAGE, data=form(journal))
    client.post(PAGE, data=form(journal, daily_enabled=None))
    daily = Reminder.get(Reminder.kind == "daily")
    assert daily.enabled is False and daily.next_fire_at is None


@pytest.mark.parametrize("field, changes, message", [
    ("daily_time", {"daily_time": "25:00"}, "Use a time like 18:30."),
    ("daily_weekdays", {"daily_weekdays": []}, "Choose at least one day, or turn the reminder off."),
    ("paused_until", {"paused_until": "2026-11-20"}, "Choose today or a later day."),
    ("paused_until", {"paused_until": "someday"}, "Choose a real date (YYYY-MM-DD)."),
    ("weekly_review_time", {"weekly_review_time": "16h"}, "Use a time like 18:30."),
])
def test_a_mistake_is_explained_next_to_its_field_and_nothing_is_stored(
        client, journal, field, changes, message):
    response = client.post(PAGE, data=form(journal, details="y", **changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert error_next_to(html, field) == message
    typed = changes[field]
    if typed:
        assert f'name="{field}" value="{typed}"' in html
        assert re.search(rf'name="{field}" value="{re.escape(typed)}"[^>]*aria-invalid="true"', html)
    assert 'name="details" value="y" aria-describedby="details-hint" checked' in html
    assert Reminder.select().count() == 0
    user = User.get()
    assert user.notification_details is False and user.reminders_paused_until is None


def test_several_mistakes_at_once_each_get_their_message(client, journal):
    response = client.post(PAGE, data=form(journal, daily_time="25:00", daily_weekdays=[],
                                           paused_until="2026-11-01"))
    html = response.get_data(as_text=True)
    assert [error_next_to(html, f) for f in ("daily_time", "daily_weekdays", "paused_until")] == \
        ["Use a time like 18:30.", "Choose at least one day, or turn the reminder off.",
         "Choose today or a later day."]
    assert 'value="25:00"' in html and 'value="2026-11-01"' in html
    assert not re.search(r'name="daily_weekdays" value="\d"[^>]* checked', html)
    assert Reminder.select().count() == 0


def test_a_device_can_be_removed(client, journal):
    device = add_device("ana@example.org", ANDROID)
    response = client.post(f"{PAGE}/devices/{device.id}/remove",
                           data={"csrf_token": journal.token(PAGE)})
    assert response.status_code == 302
    assert PushSubscription.select().count() == 0
    assert "That device will no longer get notifications." in client.get(PAGE).get_data(as_text=True)


@pytest.mark.parametrize("action", ["remove", "test"])
def test_another_users_device_is_not_found(client, journal, other, action):
    device = add_device("bo@example.org", IPHONE)
    response = client.post(f"{PAGE}/devices/{device.id}/{action}",
                           data={"csrf_token": journal.token(PAGE)})
    assert response.status_code == 404
    assert PushSubscription.select().count() == 1


@pytest.mark.parametrize("device_id", [uuid.uuid4(), "not-a-device"])
def test_testing_a_device_the_user_does_not_have_is_not_found(client, journal, device_id):
    response = client.post(f"{PAGE}/devices/{device_id}/test",
                           data={"csrf_token": journal.token(PAGE)})
    assert response.status_code == 404


def test_device_actions_need_the_csrf_token(client, journal):
    device = add_device("ana@example.org", ANDROID)
    assert client.post(f"{PAGE}/devices/{device.id}/remove").status_code == 400
    assert PushSubscription.select().count() == 1


def test_the_api_test_without_devices_sends_nothing(journal):
    response = journal.api("POST", "/api/v1/push/test")
    assert response.status_code == 200 and response.get_json() == {"sent": 0, "failed": 0}


@pytest.fixture
def pushing(app, push_service):
    """The app sending to the local push service (which checks VAPID and decrypts)."""
    app.config["VAPID_SUBJECT"] = "mailto:admin@example.org"
    return push_service


def add_real_device(push_service):
    """One of Ana's devices, subscribed at the local push service."""
    subscription = push_service.subscription()
    device = PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, 
        user=User.get(User.email == "ana@example.org"), device=ANDROID,
        endpoint=subscription["endpoint"], p256dh=subscription["keys"]["p256dh"],
        auth=subscription["keys"]["auth"])
    return subscription, device


def test_a_test_notification_reaches_only_that_device(client, journal, pushing):
    subscription, device = add_real_device(pushing)
    other_subscription, _ = add_real_device(pushing)
    response = client.post(f"{PAGE}/devices/{device.id}/test",
                           data={"csrf_token": journal.token(PAGE)}, follow_redirects=True)
    assert "A test notification is on its way." in response.get_data(as_text=True)
    [message] = pushing.messages_for(subscription)
    assert message.payload == {"title": "Progress Journal", "url": "/", "tag": "test",
                               "body": "Notifications work on this device."}
    assert pushing.messages_for(other_subscription) == []


def test_a_device_the_push_service_has_forgotten_is_removed(client, journal, pushing):
    subscription, device = add_real_device(pushing)
    pushing.answer(subscription, 410)
    response = client.post(f"{PAGE}/devices/{device.id}/test",
                           data={"csrf_token": journal.token(PAGE)}, follow_redirects=True)
    assert "no longer accepts notifications, so it was removed" in response.get_data(as_text=True)
    assert PushSubscription.select().count() == 0


def test_a_refused_test_says_it_was_not_delivered_and_keeps_the_device(client, journal, pushing):
    subscription, device = add_real_device(pushing)
    pushing.answer(subscription, 403)
    response = client.post(f"{PAGE}/devices/{device.id}/test",
                           data={"csrf_token": journal.token(PAGE)}, follow_redirects=True)
    assert "could not be delivered just now" in response.get_data(as_text=True)
    assert PushSubscription.select().count() == 1


def test_the_api_test_uses_the_same_sending(journal, pushing):
    add_real_device(pushing)
    add_real_device(pushing)
    response = journal.api("POST", "/api/v1/push/test")
    assert response.get_json() == {"sent": 2, "failed": 0}
    assert len(pushing.received) == 2


@pytest.mark.parametrize("agent, label", [
    (ANDROID, "Chrome on Android"),
    (IPHONE, "Safari on iPhone"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
     "Firefox on Windows"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Mac"),
    ("", "Unknown device"),
])
def test_devices_get_names_people_recognise(app, agent, label):
    with app.test_request_context():
        assert device_label(agent) == label


def test_the_review_day_is_lower_case_inside_a_dutch_sentence(client, journal):
    User.update(language="nl").execute()
    for page in (PAGE, "/settings/notifications/mail"):
        html = client.get(page).get_data(as_text=True)
        assert "Op je terugblikdag: vrijdag." in html, page
        assert "terugblikdag: Vrijdag" not in html, page
