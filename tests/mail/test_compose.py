"""Mails as people read them (journal.mail.compose)."""
from types import SimpleNamespace

from journal.mail.compose import compose


def test_a_mail_greets_by_first_name(app):
    sanne = SimpleNamespace(display_name="Sanne de Vries")
    with app.test_request_context():
        for language, greeting in (("en", "Hello Sanne,"), ("nl", "Hallo Sanne,")):
            _, text, html = compose("password_changed", language, "Subject", person=sanne,
                                    forgot_link="https://journal.example.org/password/forgot")
            assert text.startswith(greeting + "\n") and greeting in html
            assert "Sanne de Vries" not in text + html
