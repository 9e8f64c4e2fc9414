"""Handing mail over: to an SMTP server (MAIL_URL), to `.eml` files in instance/mail/ (in
development without MAIL_URL), or nowhere (in production without MAIL_URL: mail is off)."""
import logging
import os
import re
import smtplib
import ssl
from contextlib import contextmanager
from pathlib import Path

from journal.config import private_folder
from journal.mail.rules import ERROR_LIMIT, is_permanent

log = logging.getLogger(__name__)
TIMEOUT = 10  # seconds per SMTP operation: a stuck server must not hold the dispatcher
LINK = re.compile(r"https?://\S+")


class SmtpTransport:
    """Sends through one SMTP server; `session()` opens one connection for a batch."""

    def __init__(self, settings, *, timeout=TIMEOUT, tls_context=None):
        self.settings, self.timeout = settings, timeout
        self.tls_context = tls_context or ssl.create_default_context()

    @contextmanager
    def session(self):
        """A logged-in connection, closed afterwards; yields a send(message) function."""
        s = self.settings
        if s.security == "tls":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout,
                                    context=self.tls_context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
        try:
            if s.security == "starttls":
                smtp.starttls(context=self.tls_context)
            if s.username:
                smtp.login(s.username, s.password)
            yield smtp.send_message
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


class OutboxTransport:
    """Development without a server: each mail becomes an `.eml` file only its owner can read,
    and its links are logged so they can be followed from the terminal."""

    def __init__(self, folder):
        self.folder = Path(folder)

    @contextmanager
    def session(self):
        """Yields a send(message) function that writes the message to the outbox."""
        private_folder(self.folder)
        yield self._write

    def _write(self, message):
        name = message["Message-ID"].strip("<>").replace("/", "_") + ".eml"
        path = self.folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(message.as_bytes())
        os.chmod(path, 0o600)
        links = LINK.findall(message.get_body(("plain",)).get_content())
        log.info("mail written to %s: %s; links: %s", path, message["Subject"],
                 " ".join(links) or "none")


class Failure:
    """What went wrong handing a mail over: `permanent` (never try again) and the reply."""

    def __init__(self, permanent, detail, *, whole_batch=False):
        self.permanent, self.detail, self.whole_batch = permanent, detail[:ERROR_LIMIT], whole_batch


def failure_of(error):
    """Judge an error raised while sending one mail. A 5xx reply to this mail is permanent;
    a refused login, a lost connection or a 4xx is temporary and may concern the whole batch."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()))
        return Failure(is_permanent(code), f"{code} {_text(reply)}")
    if isinstance(error, smtplib.SMTPAuthenticationError):
        log.error("the SMTP server refused our login (%s): check MAIL_URL", error.smtp_code)
        return Failure(False, f"login refused: {error.smtp_code}", whole_batch=True)
    if isinstance(error, (smtplib.SMTPConnectError, smtplib.SMTPHeloError)):
        return Failure(False, f"{error.smtp_code} {_text(error.smtp_error)}", whole_batch=True)
    if isinstance(error, smtplib.SMTPResponseException):
        return Failure(is_permanent(error.smtp_code), f"{error.smtp_code} {_text(error.smtp_error)}")
    if isinstance(error, (smtplib.SMTPException, OSError)):
        return Failure(False, f"{type(error).__name__}: {error}", whole_batch=True)
    return Failure(True, f"cannot be sent: {type(error).__name__}: {error}")


def _text(reply):
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
