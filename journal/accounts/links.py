"""Mailed account links and the security mails around them: a link that proves an address is
the person's (at sign-up, again on request, or a new address), a link to choose a new password,
and the notices "your password was changed" and "your address was changed".

Every mail is queued in the caller's transaction (or the function's own); the caller sends the
returned mails once it has committed (journal.mail.sending.send_now_after_commit). `now` is
aware UTC, as the mail queue takes it; the tables get it as stored (naive UTC)."""
from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from journal.accounts.rules import LINK_LIFETIMES, link_problem
from journal.accounts.store import end_all_sessions
from journal.clock import stored_utc
from journal.db import database
from journal.mail import store as mail_store
from journal.mail.compose import external_url, queue_for
from journal.models import ApiToken, User
from journal.models.account_token import AccountToken
from journal.models.user import normalize_email
from journal.refusal import Refusal

SUBJECTS = {
    "verify": _l("Please confirm your e-mail address"),
    "reset": _l("Choose a new password for your journal"),
    "password_changed": _l("Your password was changed"),
    "address_changed": _l("Your journal's e-mail address was changed"),
}
LINK_USED = _l("This link was already used. Each link works only once.")
WRONG_PASSWORD = _l("That is not your current password.")
SAME_ADDRESS = _l("This is already your address.")
ADDRESS_TAKEN = _l("Another account already uses this address, so it cannot be yours here.")
ADDRESS_TAKEN_SINCE = _l("Since this link was sent, another account started using this "
                         "address, so it cannot become yours. Your journal's address has not "
                         "changed.")


def hours_of(purpose):
    """How many hours a link of this purpose works (what the mail and pages say)."""
    return int(LINK_LIFETIMES[purpose].total_seconds() // 3600)


def _issue(user, purpose, address, now):
    """A new link; the person's older open links of this purpose stop working."""
    stamp = stored_utc(now)
    AccountToken.close_open(user, purpose, stamp)
    _row, token = AccountToken.issue(user, purpose, email=address, now=stamp,
                                     expires_at=stamp + LINK_LIFETIMES[purpose])
    return token


def mail_verify_link(user, now, address=None):
    """Queue a link that proves `address` (the account's own, or a new one the person asked
    for) is theirs. Returns the mail, or None when mail is off (then no link is made)."""
    if not mail_store.mail_is_on():
        return None
    address = normalize_email(address or user.email)
    token = _issue(user, "verify", address, now)
    return queue_for(user, name="verify", kind="verify", subject=SUBJECTS["verify"], now=now,
                     security=True, to=address, address=address,
                     new_address=address != user.email, hours=hours_of("verify"),
                     link=external_url("verification.confirm", token=token))


def mail_reset_link(email, now):
    """Queue a link to choose a new password for the account of this address; None when no
    account has it or mail is off (the caller answers the same either way)."""
    user = User.by_email(email)
    if user is None or not mail_store.mail_is_on():
        return None
    token = _issue(user, "reset", user.email, now)
    return queue_for(user, name="reset", kind="reset", subject=SUBJECTS["reset"], now=now,
                     security=True, hours=hours_of("reset"),
                     link=external_url("recovery.reset", token=token),
                     forgot_link=external_url("recovery.forgot"))


def open_link(token, purpose, now):
    """(link, problem): the link behind a token and why it no longer works ("not_found",
    "used", "expired"), or None while it may be used."""
    row = AccountToken.find(token, purpose)
    if row is None:
        return None, "not_found"
    return row, link_problem(row.used_at, row.expires_at, stored_utc(now))


def pending_address(user, now):
    """The new address the person asked to move to and has not confirmed yet, or None."""
    stamp = stored_utc(now)
    row = (AccountToken.select()
           .where((AccountToken.user == user) & (AccountToken.purpose == "verify")
                  & AccountToken.used_at.is_null() & (AccountToken.expires_at > stamp)
                  & (AccountToken.email != user.email))
           .order_by(AccountToken.created_at.desc()).first())
    return row.email if row else None


def request_address_change(user, password, new_address, now):
    """Check the person's password and the new address, then mail the new address a link to
    confirm it; the account keeps its address until then. Returns the mail; raises Refusal
    about the field that is wrong."""
    address = normalize_email(new_address)
    if not user.check_password(password):
        raise Refusal("invalid", WRONG_PASSWORD, "password")
    if address == user.email:
        raise Refusal("invalid", SAME_ADDRESS, "email")
    if _taken_by_another(address, user):
        raise Refusal("invalid", ADDRESS_TAKEN, "email")
    with database.atomic():
        return mail_verify_link(user, now, address)


def confirm_address(row, now):
    """Use a verify link: its address becomes the account's, proven. A new address also tells
    the old one. Returns (user, mails to send after commit); raises Refusal when the link was
    used meanwhile (gone) or the new address was taken since (conflict)."""
    stamp = stored_utc(now)
    user = row.user
    with database.atomic():
        if row.email == user.email:
            _use(row, stamp)
            user.mark_verified(stamp)
            return user, []
        if _taken_by_another(row.email, user):
            raise Refusal("conflict", ADDRESS_TAKEN_SINCE, code="address_taken")
        _use(row, stamp)
        return user, _move(user, row.email, now)


def _move(user, address, now):
    stamp, old = stored_utc(now), user.email
    user.email, user.email_verified_at = address, stamp
    try:
        with database.atomic():
            user.save(only=[User.email, User.email_verified_at])
    except IntegrityError:  # taken at the same moment
        raise Refusal("conflict", ADDRESS_TAKEN_SINCE, code="address_taken") from None
    # Reset links went to the old address: they no longer belong to this account.
    AccountToken.close_open(user, "reset", stamp)
    mail = queue_for(user, name="address_changed", kind="address_changed",
                     subject=SUBJECTS["address_changed"], now=now, security=True, to=old,
                     old_address=old, new_address=address)
    return [mail] if mail else []


def reset_password(row, password, now):
    """Use a reset link: set the new password, end every session and remember-me of the
    account, revoke its personal API tokens, and (the link reached the address) mark the address
    proven. Returns (user, mails to send after commit, how many API tokens were revoked);
    raises Refusal (gone) when the link was used meanwhile."""
    stamp = stored_utc(now)
    user = row.user
    user.set_password(password)  # hashing takes a moment: before the transaction
    with database.atomic():
        _use(row, stamp)
        user.save(only=[User.password_hash])
        if row.email == user.email:
            user.mark_verified(stamp)
        end_all_sessions(user)
        revoked = ApiToken.revoke_all(user)
        mails = after_password_change(user, now, revoked=revoked)
    return user, mails, revoked


def after_password_change(user, now, revoked=0):
    """What follows any change of password: open reset links stop working, and the person is
    told by mail (a security mail). Returns the mails to send after commit."""
    AccountToken.close_open(user, "reset", stored_utc(now))
    mail = queue_for(user, name="password_changed", kind="password_changed",
                     subject=SUBJECTS["password_changed"], now=now, security=True,
                     revoked=revoked, forgot_link=external_url("recovery.forgot"))
    return [mail] if mail else []


def _use(row, stamp):
    if not row.use(stamp):
        raise Refusal("gone", LINK_USED, code="link_used")


def _taken_by_another(address, user):
    return User.select().where((User.email == address) & (User.id != user.id)).exists()
