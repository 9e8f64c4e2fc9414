"""Starting with each mail setting: the development outbox, mail off in production, a wrong
MAIL_URL, and `flask mail test` against a real SMTP server."""
import email
import email.policy
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from journal import create_app
from journal.config import PROJECT_ROOT
from journal.db import database
from journal.mail import store
from journal.mail.rules import MailSettingsError
from journal.mail.sending import send_due
from journal.models import OutgoingMail
from journal.refusal import Refusal


def test_in_development_without_a_server_mail_goes_to_private_eml_files(app, clock, caplog):
    with app.app_context(), caplog.at_level(logging.INFO, "journal.mail"):
        store.queue(to="ana@example.org", kind="verify", subject="Confirm your address",
                    text="Open https://localhost:5000/verify/abc to confirm.", html="<p>Hi</p>",
                    now=clock.now)
        assert send_due(clock.now)["sent"] == 1
    outbox = app.instance_path + "/mail"
    files = list(Path(outbox).glob("*.eml"))
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700
    written = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert written["Subject"] == "Confirm your address" and written.get_body(("html",))
    assert "https://localhost:5000/verify/abc" in caplog.text


def test_in_production_without_mail_url_mail_is_off_and_the_app_starts(app_config, caplog):
    with caplog.at_level(logging.WARNING, "journal.mail"):
        app = create_app({**app_config, "JOURNAL_ENV": "production",
                          "VAPID_SUBJECT": "mailto:ops@example.org"})
    assert "mail is off" in caplog.text
    assert not store.mail_is_on(app)
    with app.test_request_context(), pytest.raises(Refusal) as refused:
        store.queue(to="ana@example.org", kind="test", subject="Hi", text="x",
                    now=app.config["CLOCK"]())
    assert refused.value.code == "mail_off" and "ask whoever runs the app" in str(
        refused.value.message)
    assert app.test_client().get("/login").status_code == 200
    with app.app_context():
        assert OutgoingMail.select().count() == 0
    database.close()


@pytest.mark.parametrize("settings, says", [
    ({"MAIL_URL": "smtp://ana:pw@mail.example.org"}, "never sent unencrypted"),
    ({"MAIL_URL": "mailto:me@example.org"}, "must start with"),
    ({"MAIL_URL": "smtp://mail.example.org", "JOURNAL_ENV": "production"}, "PUBLIC_URL"),
    ({"MAIL_CONNECTIONS": 0}, "MAIL_CONNECTIONS must be 1 or more"),
])
def test_a_setting_that_cannot_work_stops_the_start_saying_why(app_config, settings, says):
    with pytest.raises(MailSettingsError, match=says):
        create_app({**app_config, **settings})


@pytest.fixture
def smtp_app(app_config, mail_server):
    app = create_app({**app_config, "MAIL_URL": mail_server.url})
    yield app
    with app.app_context():
        OutgoingMail.delete().execute()
    database.close()


def test_flask_mail_test_sends_a_mail_to_the_real_server(smtp_app, mail_server):
    result = smtp_app.test_cli_runner().invoke(args=["mail", "test", "ops@example.org"])
    assert result.exit_code == 0, result.output
    assert "Test mail sent to ops@example.org" in result.output
    assert [m["To"] for m in mail_server.received] == ["ops@example.org"]
    assert "mail works" in mail_server.received[0].get_content()


def test_flask_mail_test_says_what_the_server_answered(smtp_app, mail_server):
    mail_server.answer = mail_server.PERMANENT
    result = smtp_app.test_cli_runner().invoke(args=["mail", "test", "ops@example.org"])
    assert result.exit_code == 1 and "550 5.1.1 No such mailbox here" in result.output
    mail_server.stop()
    result = smtp_app.test_cli_runner().invoke(args=["mail", "test", "ops@example.org"])
    assert result.exit_code == 1 and "retry" in result.output and "Connection" in result.output


def test_flask_mail_test_refuses_what_is_not_an_address(smtp_app):
    result = smtp_app.test_cli_runner().invoke(args=["mail", "test", "ops\r\nBcc: x@example.org"])
    assert result.exit_code == 1 and "is not an e-mail address" in result.output


def test_make_run_shows_each_outbox_mail_and_its_links_in_the_terminal(tmp_path):
    """Without any logging set up (as under `flask run`), the outbox's line still shows."""
    env = {**os.environ, "JOURNAL_INSTANCE_PATH": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'journal.sqlite3'}"}
    env.pop("MAIL_URL", None)
    env.pop("JOURNAL_ENV", None)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True,
                   cwd=PROJECT_ROOT, timeout=120)
    done = subprocess.run([*flask, "mail", "test", "dev@example.org"], env=env, text=True,
                          capture_output=True, cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"mail written to {tmp_path / 'mail'}" in done.stderr
    assert "Progress Journal test mail; links:" in done.stderr
