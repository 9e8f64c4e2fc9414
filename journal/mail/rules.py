"""Pure rules of sending mail: what MAIL_URL means, when to try again, what is final, and
which addresses and header values can go into a mail at all."""
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from flask_babel import lazy_gettext as _l

from journal.refusal import Refusal

# scheme -> (how the connection is secured, the port when none is given)
SCHEMES = {"smtp": ("plain", 25), "smtp+starttls": ("starttls", 587), "smtps": ("tls", 465)}
# Minutes to wait after the 1st, 2nd, ... failed attempt; every later one waits the last.
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360, 720, 1440)
# A mail that could not be handed over for this long is given up (and recorded as failed).
GIVE_UP_AFTER = timedelta(days=5)
LEASE_SECONDS = 300  # a claim older than this was left by a dispatcher that stopped
STATUSES = ("queued", "claimed", "sent", "retry", "failed")
ERROR_LIMIT = 500
KIND_LIMIT = 32
ADDRESS_LIMIT = 254


class MailSettingsError(ValueError):
    """MAIL_URL, MAIL_FROM or PUBLIC_URL cannot work; the app refuses to start with this."""


@dataclass(frozen=True)
class Transport:
    """Where mail goes: `security` is plain, starttls or tls; no user means no login."""

    security: str
    host: str
    port: int
    username: str | None = None
    password: str | None = None

    def __repr__(self):  # never print the password in a log or traceback
        user = f"{self.username}@" if self.username else ""
        return f"Transport({self.security}://{user}{self.host}:{self.port})"


def parse_mail_url(url):
    """The Transport MAIL_URL describes; raises MailSettingsError saying what is wrong."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise MailSettingsError(f"MAIL_URL cannot be read: {error}") from None
    if parts.scheme not in SCHEMES:
        raise MailSettingsError(
            f"MAIL_URL must start with one of {', '.join(s + '://' for s in SCHEMES)}; "
            f"got {parts.scheme or 'no scheme'!r}")
    if not parts.hostname:
        raise MailSettingsError("MAIL_URL has no host name (smtp://host:port)")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise MailSettingsError("MAIL_URL takes no path or query: scheme://user:pass@host:port")
    if bool(parts.username) != bool(parts.password):
        raise MailSettingsError("MAIL_URL needs both a user name and a password, or neither")
    security, default_port = SCHEMES[parts.scheme]
    if parts.username and security == "plain":
        raise MailSettingsError(
            "MAIL_URL: a password is never sent unencrypted; use smtp+starttls:// or smtps://")
    return Transport(security, parts.hostname, port or default_port,
                     unquote(parts.username) if parts.username else None,
                     unquote(parts.password) if parts.password else None)


def host_of_public_url(public_url):
    """The host name of PUBLIC_URL (for Message-ID); raises MailSettingsError when absent."""
    parts = urlsplit(public_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MailSettingsError("PUBLIC_URL must be the app's address, such as "
                                "https://journal.example.org")
    return parts.hostname


def is_permanent(code):
    """Whether an SMTP reply code means the mail can never go (5xx) rather than not yet."""
    return code is not None and 500 <= code < 600


def next_attempt(attempts, created_at, now):
    """After `attempts` failed tries of a mail queued at `created_at`: when to try again, or
    None when it has waited long enough and is given up."""
    if now - created_at >= GIVE_UP_AFTER:
        return None
    index = min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1
    return now + timedelta(minutes=BACKOFF_MINUTES[index])


def check_header_value(value, field):
    """Refuse a header value (a subject, a kind) with a line break: it would start a header of
    its own (header injection)."""
    if "\r" in value or "\n" in value:
        raise Refusal("invalid", _l("This cannot contain a line break."), field,
                      code="header_injection")
    return value


def check_address(address, field="to_address"):
    """A single plain address (name@domain), stripped; refuses anything else."""
    address = check_header_value((address or "").strip(), field)
    local, at, domain = address.rpartition("@")
    if (not at or not local or "." not in domain or len(address) > ADDRESS_LIMIT
            or any(c.isspace() or c in '<>,;:"()[]\\' for c in address)):
        raise Refusal("invalid", _l("Enter an e-mail address such as name@example.org."), field,
                      code="invalid_address")
    return address
