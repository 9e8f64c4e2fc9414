"""Password hashing with argon2id (argon2-cffi's defaults, above OWASP's minimum)."""
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app


def _hasher():
    return current_app.extensions["password_hasher"]


def hash_password(password):
    """An argon2id hash of the password."""
    return _hasher().hash(password)


def verify_password(password_hash, password):
    """True when the password matches the hash."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_against_nothing(password):
    """Spend the time of one verification, so an unknown e-mail answers as slowly as a known one."""
    verify_password(current_app.extensions["password_dummy_hash"], password)


def needs_rehash(password_hash):
    """True when the hash was made with weaker parameters than today's."""
    return _hasher().check_needs_rehash(password_hash)


def init_app(app):
    """One hasher per app; ARGON2_PARAMETERS may tune it (the tests make it cheaper)."""
    hasher = PasswordHasher(**app.config.get("ARGON2_PARAMETERS", {}))
    app.extensions["password_hasher"] = hasher
    app.extensions["password_dummy_hash"] = hasher.hash(secrets.token_urlsafe(16))
