"""Configuration: environment variables with sane defaults, read once at start."""
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def default_instance_path():
    """Where the SQLite database and generated secrets live (`instance/` beside the code)."""
    return os.environ.get("JOURNAL_INSTANCE_PATH") or str(PROJECT_ROOT / "instance")


# What instance/ may hold that no one else on the machine should read: the database with its
# write-ahead log and shared memory, the secret key, the VAPID private key, backups, and mail
# written to the development outbox.
PRIVATE_FILES = ("journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm", "secret_key",
                 "vapid_private.pem")
PRIVATE_FOLDERS = ("backups", "mail")  # mail: the development outbox


def private_folder(path):
    """Create the folder (and its parents) if needed, and make it the owner's alone (0700)."""
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def private_file(path):
    """Make an existing file readable by its owner only (0600); a missing one is left alone."""
    try:
        os.chmod(path, 0o600)
    except FileNotFoundError:
        pass


def make_instance_private(instance_path):
    """instance/ 0700, and what it holds that is secret 0600, also when an older version left
    them readable by others (called at start)."""
    folder = private_folder(instance_path)
    for name in PRIVATE_FILES:
        private_file(folder / name)
    for name in PRIVATE_FOLDERS:
        if (folder / name).is_dir():
            private_folder(folder / name)
            for child in (folder / name).iterdir():
                if child.is_file():
                    private_file(child)


def load_secret_key(instance_path):
    """Return SECRET_KEY from the environment, or one generated once and kept in `instance/`."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        private_folder(key_file.parent)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def from_environment(instance_path):
    """Build the configuration mapping from environment variables."""
    production = os.environ.get("JOURNAL_ENV", "development") == "production"
    sqlite_path = Path(instance_path) / "journal.sqlite3"
    return {
        "JOURNAL_ENV": "production" if production else "development",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{sqlite_path}",
        "DATABASE_POOL_SIZE": int(os.environ.get("DATABASE_POOL_SIZE", "20")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024))),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        # A generous flood guard per address; wrong passwords are slowed down per address and
        # account (journal.accounts.rules), correct ones never.
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "100 per minute"),
        # Offices share addresses: generous, but no endless probing of which e-mails exist.
        "SIGNUP_RATE_LIMIT": os.environ.get("SIGNUP_RATE_LIMIT", "20 per hour"),
        "VAPID_PRIVATE_KEY": os.environ.get("VAPID_PRIVATE_KEY"),
        "VAPID_SUBJECT": os.environ.get("VAPID_SUBJECT"),
        "PUSH_TTL_SECONDS": int(os.environ.get("PUSH_TTL_SECONDS", str(6 * 3600))),
        "PUSH_TIMEOUT_SECONDS": float(os.environ.get("PUSH_TIMEOUT_SECONDS", "10")),
        # Pushes one dispatcher has out at once: its rate is about this / the service's answer
        # time (16 at 50 ms: ~320 a second).
        "PUSH_CONCURRENCY": int(os.environ.get("PUSH_CONCURRENCY", "16")),
        # Push services beyond the browsers' own that production may send to ("*.example.com").
        "PUSH_ALLOWED_HOSTS": os.environ.get("PUSH_ALLOWED_HOSTS", ""),
        "PUSH_TEST_RATE_LIMIT": os.environ.get("PUSH_TEST_RATE_LIMIT", "5 per minute"),
        "REMINDER_GRACE_SECONDS": int(os.environ.get("REMINDER_GRACE_SECONDS", "3600")),
        "REMINDER_LEASE_SECONDS": int(os.environ.get("REMINDER_LEASE_SECONDS", "300")),
        # Mail: smtp://host:port, smtp+starttls://user:pass@host:587 or smtps://user:pass@host:465;
        # unset: .eml files in instance/mail/ in development, no mail in production.
        "MAIL_URL": os.environ.get("MAIL_URL") or None,
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Progress Journal <journal@localhost>"),
        # SMTP connections one dispatcher sends over at once (providers allow a few).
        "MAIL_CONNECTIONS": int(os.environ.get("MAIL_CONNECTIONS", "4")),
        # The app's external address, for links in mails (required in production with mail).
        "PUBLIC_URL": os.environ.get("PUBLIC_URL") or None,
        # Mailed account links: asking for a reset link per address (over it: no mail, the
        # same answer) and per client (then 429); sending the confirmation link again and
        # changing the address, per account.
        "RESET_ADDRESS_RATE_LIMIT": os.environ.get("RESET_ADDRESS_RATE_LIMIT", "3 per hour"),
        "RESET_CLIENT_RATE_LIMIT": os.environ.get("RESET_CLIENT_RATE_LIMIT", "10 per hour"),
        "VERIFY_RESEND_RATE_LIMIT": os.environ.get("VERIFY_RESEND_RATE_LIMIT", "3 per hour"),
        "ADDRESS_CHANGE_RATE_LIMIT": os.environ.get("ADDRESS_CHANGE_RATE_LIMIT", "5 per hour"),
        # Company sign-in with OpenID Connect (journal.accounts.company); unset: passwords only.
        "OIDC_ISSUER": os.environ.get("OIDC_ISSUER") or None,
        "OIDC_CLIENT_ID": os.environ.get("OIDC_CLIENT_ID") or None,
        "OIDC_CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET") or None,
        "OIDC_NAME": os.environ.get("OIDC_NAME") or None,  # the button: "Sign in with <name>"
        "OIDC_SCOPES": os.environ.get("OIDC_SCOPES", "openid email profile"),
        "OIDC_TIMEOUT_SECONDS": float(os.environ.get("OIDC_TIMEOUT_SECONDS", "10")),
        # password, oidc or both; unset: both when OIDC_ISSUER is set, else password.
        "LOGIN_METHODS": os.environ.get("LOGIN_METHODS") or None,
        # The privacy page's words from whoever runs this server (journal.privacy); _NL
        # replaces them for Dutch readers.
        "PRIVACY_OPERATOR_TEXT": os.environ.get("PRIVACY_OPERATOR_TEXT", ""),
        "PRIVACY_OPERATOR_TEXT_NL": os.environ.get("PRIVACY_OPERATOR_TEXT_NL", ""),
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * 90,  # the idle limit of accounts.rules
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "WTF_CSRF_TIME_LIMIT": 3600,
        "WTF_I18N_ENABLED": True,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "LANGUAGES": ("en", "nl"),
        "COMPRESS_MIMETYPES": ["text/html", "text/css", "text/javascript", "application/json",
                               "application/manifest+json", "image/svg+xml"],
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        # Pages are made anew each time: brotli 1 took 0.05 ms for the home page against 0.19
        # at Flask-Compress's default of 4, for 4.0 KB instead of 3.5 (static files are
        # compressed once, at 11: journal.assets).
        "COMPRESS_BR_LEVEL": 1,
        # Pages carry no validators; the two answers that do handle If-None-Match themselves
        # (static files in journal.assets, the team circle's notes), so Flask-Compress need not
        # work out a conditional answer for every response.
        "COMPRESS_EVALUATE_CONDITIONAL_REQUEST": False,
        "COMPRESS_ALGORITHM_STREAMING": ["br", "gzip"],
    }
