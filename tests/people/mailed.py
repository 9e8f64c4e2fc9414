"""Helpers for the people tests: the link an invitation mail carried, and a verified address."""
import re

from journal.models import OutgoingMail, User
from tests.conftest import STORED_NOW

INVITE_PATH = re.compile(r"https?://[^/\s]+(/invite/[A-Za-z0-9_-]+)")


def mailed_path(address):
    """The /invite/<token> path in the newest invitation mail queued to this address."""
    mail = (OutgoingMail.select().where((OutgoingMail.to_address == address)
                                        & (OutgoingMail.kind == "invitation"))
            .order_by(OutgoingMail.created_at.desc()).first())
    assert mail is not None, f"no invitation mail to {address}"
    return INVITE_PATH.search(mail.body_text).group(1)


def mailed_token(address):
    """The token in the newest invitation mail to this address."""
    return mailed_path(address).rsplit("/", 1)[1]


def verify(address):
    """Mark the account with this address verified, as its confirmation link would."""
    User.update(email_verified_at=STORED_NOW).where(User.email == address).execute()
