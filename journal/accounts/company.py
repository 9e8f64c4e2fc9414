"""Company sign-in in the database: which account a person of the identity provider opens, a
first sign-in making their account, and linking a password account after its password.

An account is found by the provider's issuer and `sub` alone. An address the provider gives is
never enough to open an account here: when a password account has it, the person proves that
password once (`link`), or nothing happens. `now` is aware UTC; the tables get it as stored."""
from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from journal.accounts import links
from journal.clock import stored_utc
from journal.db import database
from journal.models import CompanySignIn, User
from journal.models.user import normalize_email
from journal.refusal import Refusal

ADDRESS_MISSING = _l("Your company account did not tell us your e-mail address, and your "
                     "journal needs one. Ask your IT department to share it with this app.")
NO_PASSWORD = ""  # the password_hash of an account made by company sign-in: no password matches


def other_sign_in(email):
    """Why the address cannot be used for this sign-in, in the person's words."""
    return _l("A journal here already uses the address %(email)s, and it signs in another way. "
              "Sign in the way that journal does, or ask your IT department.", email=email)


def find_linked(issuer, subject, now):
    """The account this person of the provider opens, or None; notes the sign-in."""
    row = (CompanySignIn.select(CompanySignIn, User).join(User)
           .where((CompanySignIn.issuer == issuer) & (CompanySignIn.subject == subject)).first())
    if row is None:
        return None
    CompanySignIn.update(last_used_at=stored_utc(now)).where(CompanySignIn.id == row.id).execute()
    return row.user


def account_to_link(issuer, person):
    """The password account that has the person's address and may be linked once its
    password is proven, or None when no account has the address. Raises Refusal when the
    address is missing, or when the account that has it cannot be linked (it has no password,
    or it is linked to someone else at this provider)."""
    if not person["email"]:
        raise Refusal("invalid", ADDRESS_MISSING, code="address_missing")
    user = User.by_email(person["email"])
    if user is None:
        return None
    taken = CompanySignIn.select().where((CompanySignIn.user == user)
                                         & (CompanySignIn.issuer == issuer)).exists()
    if taken or not user.has_password:
        raise Refusal("conflict", other_sign_in(user.email), code="other_sign_in")
    return user


def create_account(issuer, person, *, language, timezone, now):
    """A new account for a first company sign-in: no password, the provider's address (proven
    when the provider says so; else a link is mailed to prove it). Returns (user, mails to send
    after commit); raises Refusal when the address was taken meanwhile."""
    stamp = stored_utc(now)
    try:
        with database.atomic():
            user = User.create(email=normalize_email(person["email"]), password_hash=NO_PASSWORD,
                               display_name=person["name"], timezone=timezone,
                               language=language, created_at=stamp,
                               email_verified_at=stamp if person["email_verified"] else None)
            _add_link(user, issuer, person, stamp)
            mail = None if person["email_verified"] else links.mail_verify_link(user, now)
    except IntegrityError:  # the same person's other tab, or the address, at the same moment
        raise Refusal("conflict", other_sign_in(person["email"]),
                      code="other_sign_in") from None
    return user, [mail] if mail else []


def link(user, issuer, person, now):
    """Link a password account, whose password the person just proved, to the provider's
    person. An address the provider proved and the account shares counts as proven here."""
    stamp = stored_utc(now)
    try:
        with database.atomic():
            _add_link(user, issuer, person, stamp)
            if person["email_verified"] and person["email"] == user.email:
                user.mark_verified(stamp)
    except IntegrityError:
        raise Refusal("conflict", other_sign_in(user.email),
                      code="other_sign_in") from None


def _add_link(user, issuer, person, stamp):
    CompanySignIn.create(user=user, issuer=issuer, subject=person["sub"],
                         email=person["email"], created_at=stamp, last_used_at=stamp)


def sign_ins_of(user):
    """The company sign-ins linked to the account, oldest first."""
    return list(CompanySignIn.select().where(CompanySignIn.user == user)
                .order_by(CompanySignIn.created_at))


def sign_in_methods(user):
    """How the person can sign in: "password" and/or "oidc" (whatever LOGIN_METHODS allows)."""
    methods = ["password"] if user.has_password else []
    if CompanySignIn.select().where(CompanySignIn.user == user).exists():
        methods.append("oidc")
    return methods


def set_first_password(user, password, now):
    """Give an account made by company sign-in a password (it had none to prove first).
    Returns the mails to send after commit."""
    user.set_password(password)
    with database.atomic():
        user.save(only=[User.password_hash])
        return links.after_password_change(user, now)
