"""The pure mail rules: MAIL_URL, back-off, what is permanent, addresses and header values."""
from datetime import datetime, timedelta

import pytest

from journal.mail.rules import (
    MailSettingsError,
    Transport,
    check_address,
    check_header_value,
    host_of_public_url,
    is_permanent,
    next_attempt,
    parse_mail_url,
)
from journal.refusal import Refusal

T0 = datetime(2026, 11, 27, 12, 0)


@pytest.mark.parametrize("url, expected", [
    ("smtp://127.0.0.1:2525", Transport("plain", "127.0.0.1", 2525)),
    ("smtp://mail.internal", Transport("plain", "mail.internal", 25)),
    ("smtp+starttls://ana:s%40cret@smtp.example.org:587",
     Transport("starttls", "smtp.example.org", 587, "ana", "s@cret")),
    ("smtp+starttls://ana:pw@smtp.example.org", Transport("starttls", "smtp.example.org", 587,
                                                          "ana", "pw")),
    ("smtps://ana:pw@smtp.example.org:465", Transport("tls", "smtp.example.org", 465, "ana", "pw")),
    ("smtps://ana:pw@smtp.example.org", Transport("tls", "smtp.example.org", 465, "ana", "pw")),
])
def test_each_scheme_is_read(url, expected):
    assert parse_mail_url(url) == expected


@pytest.mark.parametrize("url, says", [
    ("http://smtp.example.org", "must start with"),
    ("smtp.example.org:25", "must start with"),
    ("smtp://", "no host name"),
    ("smtp://host:notaport", "cannot be read"),
    ("smtp://host:25/path", "no path"),
    ("smtp+starttls://ana@host", "both a user name and a password"),
    ("smtp://ana:pw@host:25", "never sent unencrypted"),
])
def test_a_bad_mail_url_is_refused_saying_why(url, says):
    with pytest.raises(MailSettingsError, match=says):
        parse_mail_url(url)


def test_the_password_never_shows_in_a_log_line():
    assert "pw" not in repr(parse_mail_url("smtps://ana:pw@smtp.example.org"))


def test_public_url_gives_the_message_id_host():
    assert host_of_public_url("https://journal.example.org/app") == "journal.example.org"
    with pytest.raises(MailSettingsError, match="PUBLIC_URL"):
        host_of_public_url(None)


def test_back_off_grows_to_a_day_and_gives_up_after_five_days():
    waits = [next_attempt(n, T0, T0) - T0 for n in (1, 2, 3, 4, 8, 20)]
    assert waits == [timedelta(minutes=m) for m in (1, 5, 15, 60, 1440, 1440)]
    assert next_attempt(30, T0, T0 + timedelta(days=5)) is None


def test_only_5xx_replies_are_permanent():
    assert is_permanent(550) and is_permanent(554)
    assert not is_permanent(451) and not is_permanent(421) and not is_permanent(None)


@pytest.mark.parametrize("bad", ["Hi\r\nBcc: all@example.org", "Hi\nthere", "Hi\rthere"])
def test_a_line_break_in_a_header_value_is_refused(bad):
    with pytest.raises(Refusal) as refused:
        check_header_value(bad, "subject")
    assert refused.value.code == "header_injection" and refused.value.field == "subject"


@pytest.mark.parametrize("bad", ["ana@example.org\r\nBcc: x@example.org", "ana", "ana@host",
                                 "Ana <ana@example.org>", "a@example.org, b@example.org", ""])
def test_only_one_plain_address_is_taken(bad):
    with pytest.raises(Refusal):
        check_address(bad)


def test_an_address_is_stripped():
    assert check_address("  ana@example.org ") == "ana@example.org"
