"""Mail: MAIL_URL and MAIL_FROM, the queue the dispatcher sends from, the development outbox,
and `flask mail test ADDRESS`."""
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailSettings:
    """What the app sends mail with: a transport (None: mail is off) and the host name
    Message-IDs are made under."""

    transport: object
    host: str


def init_app(app):
    """Check the mail settings (a wrong MAIL_URL stops the start with a clear message), choose
    the transport, and register the `mail` command."""
    from journal.mail import cli
    from journal.mail.transport import OutboxTransport

    app.extensions["mail"] = settings_for(app.config, app.instance_path)
    if isinstance(app.extensions["mail"].transport, OutboxTransport):
        _show_outbox_links()
    if app.extensions["mail"].transport is None:
        log.warning("mail is off: MAIL_URL is not set, so no mail is sent (password reset and "
                    "mail reminders are not available)")
    app.cli.add_command(cli.mail_command)


def settings_for(config, instance_path):
    """MailSettings from the app's configuration; raises MailSettingsError when they cannot
    work."""
    from journal.mail.rules import MailSettingsError, host_of_public_url, parse_mail_url
    from journal.mail.transport import OutboxTransport, SmtpTransport

    production = config["JOURNAL_ENV"] == "production"
    if config.get("MAIL_CONNECTIONS", 1) < 1:
        raise MailSettingsError("MAIL_CONNECTIONS must be 1 or more")
    url = (config.get("MAIL_URL") or "").strip()
    if url:
        transport = SmtpTransport(parse_mail_url(url))
    elif production:
        transport = None
    else:
        transport = OutboxTransport(Path(instance_path) / "mail")
    public_url = config.get("PUBLIC_URL")
    if transport is not None and (production or public_url):
        return MailSettings(transport, host_of_public_url(public_url))
    return MailSettings(transport, "localhost")


def _show_outbox_links():
    """In development the outbox's log lines carry the links to follow; show them in the
    terminal even when nothing configured logging (as werkzeug does for its request lines)."""
    outbox_log = logging.getLogger("journal.mail.transport")
    if not logging.root.handlers and not outbox_log.handlers:
        outbox_log.addHandler(logging.StreamHandler())
        outbox_log.setLevel(logging.INFO)
