"""The pure rules of channels: how a reminder or notice reaches a person, the defaults, valid
choices, and when a reply or invitation notice is still wanted."""
from datetime import date

import pytest

from journal.notifications.rules import (
    CHANNEL_KINDS,
    clean_reminders,
    default_channel,
    invitation_wanted,
    route,
    still_wanted,
)

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize("channel, device, mail_on, verified, expected", [
    ("push", True, True, True, (True, False, None)),
    ("push", False, True, True, (False, False, "no_device")),
    ("mail", False, True, True, (False, True, None)),
    ("mail", True, True, False, (False, False, "unverified")),  # a device does not stand in
    ("both", True, True, True, (True, True, None)),
    ("both", False, True, True, (False, True, None)),
    ("both", True, True, False, (True, False, None)),
    ("both", False, True, False, (False, False, "unverified")),
    ("mail", True, False, True, (True, False, None)),  # mail off: everything by push
    ("both", False, False, True, (False, False, "no_device")),
])
def test_route(channel, device, mail_on, verified, expected):
    assert route(channel, has_device=device, mail_on=mail_on, verified=verified) == expected


def test_reminders_default_to_push_and_notices_to_both():
    assert {kind: default_channel(kind) for kind in CHANNEL_KINDS} == {
        "daily": "push", "weekly_review": "push", "summary_shared": "both",
        "summary_reply": "both", "conv_prepare": "both", "conv_eve": "both",
        "invitation": "both", "step_proposed": "both", "helping_asked": "both",
        "steering_shared": "both", "team_help": "both"}
    assert all(len(kind) <= 16 for kind in CHANNEL_KINDS), "fits delivery.kind"


def test_channels_are_checked_per_kind():
    clean, errors = clean_reminders({"channels": {"daily": "mail", "conv_eve": "push"}},
                                    today=TODAY)
    assert errors == {} and clean == {"channels": {"daily": "mail", "conv_eve": "push"}}
    _clean, errors = clean_reminders({"channels": {"daily": "fax", "weekly": "mail",
                                                   "x" * 40: "mail"}}, today=TODAY)
    assert set(errors) == {"channels.daily", "channels.weekly", "channels"}
    assert set(clean_reminders({"channels": []}, today=TODAY)[1]) == {"channels"}


def test_a_reply_notice_is_wanted_while_shared_replied_and_for_the_owner():
    shared = {"status": "shared", "owner_id": "ana", "manager_id": "bo"}
    assert still_wanted("summary_reply", recipient_id="ana", **shared)
    assert not still_wanted("summary_reply", recipient_id="bo", **shared)
    assert not still_wanted("summary_reply", recipient_id="ana", replied=False, **shared)
    assert not still_wanted("summary_reply", recipient_id="ana",
                            **{**shared, "status": "withdrawn"})


def test_an_invitation_notice_is_wanted_while_open_and_for_its_own_verified_address():
    wanted = {"still_open": True, "invited_email": "bo@example.org",
              "recipient_email": "Bo@Example.org", "recipient_verified": True}
    assert invitation_wanted(**wanted)
    assert not invitation_wanted(**{**wanted, "still_open": False}), "used, expired or gone"
    assert not invitation_wanted(**{**wanted, "recipient_verified": False})
    assert not invitation_wanted(**{**wanted, "recipient_email": "cy@example.org"}), \
        "the account's address changed since"
    assert not invitation_wanted(**{**wanted, "invited_email": ""}), "a link is never told"
