"""Who may invite whom, and when an invitation can still be accepted: pure functions over plain
values (stored moments are naive UTC, like `now` here)."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

DEFAULT_INVITATION_DAYS = 7
MAX_PENDING = 20  # open invitations per person: enough for any team, too few to spam with
EMAIL_LIMIT = 254
TOKEN_LIMIT = 100  # real tokens are 32 characters; anything far longer is not worth a lookup

# Why an invitation cannot be accepted, in the order they are checked.
PROBLEMS = ("used", "expired", "own", "other_address", "unverified", "connected")
# Characters no plain address has, that a mail's To header would read as something else.
NOT_IN_ADDRESS = set('<>,;:"()[]\\')
# What the inviter reads about the mail that carried an invitation, by the mail's status.
MAIL_STATES = {"queued": "sending", "claimed": "sending", "retry": "sending", "sent": "sent",
               "failed": "failed"}


def normalized(email):
    """An e-mail address as stored and compared: trimmed and lower-cased."""
    return (email or "").strip().lower()


def email_problem(email):
    """A message when this is not an e-mail address, else None."""
    value = (email or "").strip() if isinstance(email, str) else None
    if value is None:
        return _l("Enter an e-mail address like name@example.org.")
    local, _at, domain = value.partition("@")
    if (not local or "." not in domain or domain.startswith(".") or domain.endswith(".")
            or "@" in domain or len(value) > EMAIL_LIMIT
            or any(c.isspace() or c in NOT_IN_ADDRESS or ord(c) < 32 or ord(c) == 127
                   for c in value)):
        return _l("Enter an e-mail address like name@example.org.")
    return None


def clean_invitation(email, *, own_email, connected_names, pending_count):
    """Check a new invitation; return (address or "" for a link, {field: message}).

    `email` is None for a link. `connected_names` maps the addresses of people the inviter
    already shares with to their names."""
    if pending_count >= MAX_PENDING:
        return None, {"email": _l("You have %(num)s invitations waiting for an answer. Cancel "
                                  "one you no longer need first.", num=pending_count)}
    if email is None:
        return "", {}
    problem = email_problem(email)
    if problem:
        return None, {"email": problem}
    address = normalized(email)
    if address == normalized(own_email):
        return None, {"email": _l("That is your own address. Enter the address of the person "
                                  "you would like to share with.")}
    if address in connected_names:
        return None, {"email": _l("You already share with %(name)s.",
                                  name=connected_names[address])}
    return address, {}


def expiry(now, days=DEFAULT_INVITATION_DAYS):
    """When an invitation made at `now` stops working."""
    return now + timedelta(days=max(1, int(days)))


def is_open(*, accepted_at, expires_at, now):
    """True while an invitation is unused and unexpired."""
    return accepted_at is None and now < expires_at


def acceptance_problem(*, employee_id, email, expires_at, accepted_at, accepter_id,
                       accepter_email, accepter_verified, through_mail, now, connected):
    """Why this person cannot accept this invitation (one of PROBLEMS), or None when they can.

    An invitation by address needs an account whose address is verified, or the link of the
    mail that carried it (`through_mail`): either proves the address is theirs. Without that,
    anyone could sign up with the invitee's address first and take the invitation."""
    if accepted_at is not None:
        return "used"
    if now >= expires_at:
        return "expired"
    if employee_id == accepter_id:
        return "own"
    if email and normalized(email) != normalized(accepter_email):
        return "other_address"
    if email and not (accepter_verified or through_mail):
        return "unverified"
    if connected:
        return "connected"
    return None


def proves_address(*, email, accepter_email, through_mail):
    """True when accepting this invitation shows the account's address is the person's: the
    link came in the mail sent to exactly that address."""
    return bool(through_mail and email and normalized(email) == normalized(accepter_email))


def mail_state(status):
    """The state of an invitation's mail as the inviter sees it ("sending", "sent", "failed"),
    or None when no mail carried it."""
    return MAIL_STATES.get(status) if status else None


def problem_message(problem, name):
    """What to tell the person who opened the invitation, for a problem code (or "not_found")."""
    messages = {
        "not_found": _l("We do not know this invitation. Check that the whole link was copied, "
                        "or ask for a new one."),
        "used": _l("This invitation has already been used. If you still want to connect, ask "
                   "%(name)s for a new one.", name=name),
        "expired": _l("This invitation has expired. If you still want to connect, ask %(name)s "
                      "for a new one.", name=name),
        "own": _l("This is your own invitation. Send the link to the person you would like to "
                  "share with."),
        "other_address": _l("This invitation was sent to another e-mail address. Log in with "
                            "that address to accept it."),
        "unverified": _l("Please confirm your e-mail address first, then accept. The link to "
                         "confirm it is in the mail we sent you; on the Settings page you can "
                         "have it sent again."),
        "connected": _l("You are already connected with %(name)s.",
                        name=name),
    }
    return messages[problem]
