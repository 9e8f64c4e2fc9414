"""VAPID keys for web push: from the environment, or generated once into instance/ (0600)."""
import os
import re
from pathlib import Path

import click
from cryptography.hazmat.primitives import serialization
from flask import current_app
from flask.cli import with_appcontext
from py_vapid import Vapid
from py_vapid.utils import b64urlencode

SUBJECT_PATTERN = re.compile(r"^(mailto:[^@\s]+@[^@\s]+\.[^@\s]+|https://[^\s/]+\S*)$")


class PushConfigError(RuntimeError):
    """Web push is misconfigured (for example, no VAPID subject in production)."""


def load_vapid(instance_path, from_env=None):
    """The app's VAPID key: VAPID_PRIVATE_KEY (raw 32-byte key in base64url) or instance file."""
    if from_env:
        return Vapid.from_raw(from_env.strip().encode())
    key_file = Path(instance_path) / "vapid_private.pem"
    if not key_file.exists():
        vapid = Vapid()
        vapid.generate_keys()
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(vapid.private_pem())
        return vapid
    return Vapid.from_file(str(key_file))


def public_key(vapid):
    """The browser's applicationServerKey: the uncompressed P-256 point in base64url."""
    raw = vapid.public_key.public_bytes(serialization.Encoding.X962,
                                        serialization.PublicFormat.UncompressedPoint)
    return b64urlencode(raw)


def check_subject(subject, production):
    """The VAPID subject must be a mailto: or https: URL; in production it must be set."""
    if not subject:
        if production:
            raise PushConfigError("Set VAPID_SUBJECT to mailto:you@example.org or an https: URL; "
                                  "push services reject messages without it.")
        return "mailto:admin@progress-journal.invalid"
    if not SUBJECT_PATTERN.match(subject) or subject.endswith("@localhost"):
        raise PushConfigError(f"VAPID_SUBJECT {subject!r} is not a mailto: or https: URL.")
    return subject


def init_app(app):
    """Load the key pair and check the subject once, at start."""
    app.extensions["vapid"] = load_vapid(app.instance_path, app.config.get("VAPID_PRIVATE_KEY"))
    app.config["VAPID_SUBJECT"] = check_subject(app.config.get("VAPID_SUBJECT"),
                                                app.config["JOURNAL_ENV"] == "production")
    app.cli.add_command(push_command)


@click.group("push")
def push_command():
    """Web push commands."""


@push_command.command("public-key")
@with_appcontext
def print_public_key():
    """Print the VAPID public key (the browser's applicationServerKey)."""
    click.echo(public_key(current_app.extensions["vapid"]))
