"""The time zone <select> on /settings and /signup: its ~550 options are rendered once per
process (WTForms took 15-27 ms a page for them), the person's own zone is marked, the HTML is
exactly what WTForms' own Select writes, and validation is as strict as ever."""
import re

import pytest
from wtforms.widgets import Select

from journal.accounts import forms
from journal.accounts.forms import SignupForm, timezone_options
from journal.clock import timezone_names
from journal.models import User
from tests.conftest import Journal


def timezone_select(html):
    match = re.search(r'<select[^>]* id="timezone"[^>]*>.*?</select>', html, re.S)
    assert match, "no time zone <select> on the page"
    return match.group(0)


@pytest.mark.parametrize("value", ["Europe/Amsterdam", "UTC", "Africa/Abidjan",
                                   "Pacific/Wallis", "Nowhere/Land", "EST", "", None,
                                   '"><script>alert(1)</script>', "Europe/Amsterdam "])
def test_the_select_is_exactly_what_wtforms_writes(app, value):
    attrs = {"aria-describedby": "timezone-hint timezone-error", "aria-invalid": "true",
             "data-detect": "true"}
    with app.test_request_context("/signup"):
        form = SignupForm(data={"timezone": value}).fill_timezones()
        assert str(form.timezone(**attrs)) == str(Select()(form.timezone, **attrs))


def spy_on_wtforms_options(monkeypatch):
    """The values of every <option> WTForms' Select renders from now on."""
    rendered = []
    original = Select.render_option.__func__

    def render_option(cls, choice, **kwargs):
        rendered.append(choice.value)
        return original(cls, choice, **kwargs)

    monkeypatch.setattr(Select, "render_option", classmethod(render_option))
    return rendered


def test_the_options_are_rendered_once_per_process(app, client, journal, monkeypatch):
    assert client.get("/settings").status_code == 200  # the cache is warm from here on
    rendered = spy_on_wtforms_options(monkeypatch)
    misses = timezone_options.cache_info().misses
    for _ in range(3):
        html = client.get("/settings").get_data(as_text=True)
        assert timezone_select(html).count("<option") == len(timezone_names())
    signup = Journal(app.test_client()).client.get("/signup").get_data(as_text=True)
    assert timezone_select(signup).count("<option") == len(timezone_names())
    assert not set(rendered) & set(timezone_names())  # the language and weekday are WTForms'
    assert timezone_options.cache_info().misses == misses


def test_the_settings_page_marks_the_persons_own_zone(client, journal):
    User.update(timezone="Asia/Tokyo").execute()
    select = timezone_select(client.get("/settings").get_data(as_text=True))
    assert select.count("selected") == 1
    assert '<option selected value="Asia/Tokyo">Asia/Tokyo</option>' in select
    assert '<option value="Europe/Amsterdam">Europe/Amsterdam</option>' in select


def test_sign_up_marks_utc_until_the_device_says_otherwise(client):
    select = timezone_select(client.get("/signup").get_data(as_text=True))
    assert select.count("selected") == 1 and '<option selected value="UTC">UTC</option>' in select
    assert 'data-detect="true"' in select


def test_the_shared_options_never_keep_a_mark(client, journal):
    client.get("/settings")
    assert "selected" not in timezone_options()


@pytest.mark.parametrize("zone", ["Nowhere/Land", "Europe", "../etc/passwd", "europe/amsterdam",
                                  "Europe/Amsterdam "])
def test_an_unknown_zone_is_refused_next_to_the_field(client, journal, zone):
    response = client.post("/settings", data={
        "csrf_token": journal.token("/settings"), "display_name": "Ana", "timezone": zone,
        "language": "en", "review_weekday": "5"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert ('<p class="error" id="timezone-error">Choose a time zone from the list.</p>'
            in html)
    assert 'aria-invalid="true"' in timezone_select(html)
    assert "selected" not in timezone_select(html)
    assert User.get().timezone == "Europe/Amsterdam"


def test_sign_up_refuses_an_unknown_zone_too(client):
    response = Journal(client).signup(timezone="Mars/Olympus_Mons")
    assert response.status_code == 422
    assert "Choose a time zone from the list." in response.get_data(as_text=True)
    assert User.select().count() == 0


def test_the_zone_list_cannot_be_changed_by_a_caller():
    assert isinstance(timezone_names(), tuple)
    assert forms.timezone_names is timezone_names
