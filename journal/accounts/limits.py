"""Fair log-in limits in the database, so every worker process and both engines see the same
counts: how long an address must wait before trying an account again, and noting failures and
successes (journal.accounts.rules holds the rules)."""
from peewee import Case

from journal.accounts.rules import (
    FORGET_AFTER,
    PAIR,
    address_of,
    failure_keys,
    login_wait,
)
from journal.db import database
from journal.models.session import LoginFailure
from journal.models.user import normalize_email

STALE = max(FORGET_AFTER.values())


def wait_before_login(remote_addr, email, now):
    """How long (a timedelta, zero when it may try now) this client must wait before trying to
    log in to this e-mail address."""
    keys = failure_keys(address_of(remote_addr), normalize_email(email))
    kind_of = {key: kind for kind, key in keys.items()}
    rows = LoginFailure.select().where(LoginFailure.key.in_(list(keys.values())))
    counts = {kind_of[row.key]: (row.failures, row.last_failed_at) for row in rows}
    return login_wait(counts, now)


def note_failure(remote_addr, email, now):
    """Count one failed log-in under each of its keys (one atomic upsert each: two workers
    counting at once both count). A count quiet for long enough starts over."""
    keys = failure_keys(address_of(remote_addr), normalize_email(email))
    with database.atomic():
        for kind, key in keys.items():
            quiet = LoginFailure.last_failed_at <= now - FORGET_AFTER[kind]
            (LoginFailure.insert(key=key, failures=1, last_failed_at=now)
             .on_conflict(conflict_target=[LoginFailure.key],
                          update={LoginFailure.failures: Case(None, [(quiet, 1)],
                                                              LoginFailure.failures + 1),
                                  LoginFailure.last_failed_at: now})
             .execute())
        LoginFailure.delete().where(LoginFailure.last_failed_at < now - STALE).execute()


def note_success(remote_addr, email):
    """A correct password: this address starts over on this account. (The address's and the
    account's own counts stay: logging in to one's own account must not wipe out the traces
    of trying others.)"""
    keys = failure_keys(address_of(remote_addr), normalize_email(email))
    LoginFailure.delete().where(LoginFailure.key == keys[PAIR]).execute()
