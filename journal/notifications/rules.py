"""Reminders and notices as pure rules: valid reminder settings, when a reminder is skipped, how
each kind reaches a person (push, mail or both, and the defaults), and the one-off notices
around a progress conversation (when the manager hears that a summary was shared, when the
employee hears of the manager's reply, when the employee is invited to prepare, and when the
manager is reminded the day before), the notice of an invitation to someone's verified
address, and the notices of the conversations themselves (a next step proposed, a helping
conversation asked for, an expectation shared, a teammate's help wanted). Wall-clock times are in each person's own time
zone."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from journal.clock import is_timezone, parse_day
from journal.notifications.schedule import parse_time

REMINDER_KINDS = ("daily", "weekly_review")
CONVERSATION_KINDS = ("conv_prepare", "conv_eve")
# An invitation by address to someone who already has an account with that (verified)
# address; its mail part is the invitation's own mail, which always goes.
INVITATION_KIND = "invitation"
# The conversations themselves: a next step proposed on a shared summary (to the other side),
# a helping conversation asked for (to the helper), an expectation shared (to the employee).
AGREEMENT_KIND, HELPING_KIND, STEERING_KIND = "step_proposed", "helping_asked", "steering_shared"
# A teammate's help answer from a team meeting, addressed to the recipient.
TEAM_HELP_KIND = "team_help"
RECORD_KINDS = (AGREEMENT_KIND, HELPING_KIND, STEERING_KIND, TEAM_HELP_KIND)
# Each fits delivery.kind (16 characters).
NOTICE_KINDS = (("summary_shared", "summary_reply") + CONVERSATION_KINDS + (INVITATION_KIND,)
                + RECORD_KINDS)
# What a person chooses a channel for: the reminders, then the notices.
CHANNEL_KINDS = REMINDER_KINDS + NOTICE_KINDS
CHANNELS = ("push", "mail", "both")


def default_channel(kind):
    """A reminder comes by push unless chosen otherwise; a notice by push and mail: it is rare
    and worth hearing about, and a person without a device still hears."""
    return "push" if kind in REMINDER_KINDS else "both"


DEFAULTS = {
    "daily": {"enabled": False, "time": "18:30", "weekdays": [1, 2, 3, 4, 5],
              "skip_if_logged": True},
    "weekly_review": {"enabled": False, "weekday": 5, "time": "16:00"},
    "paused_until": None,
}


def clean_reminders(data, *, today):
    """Check reminder settings (PUT /api/v1/reminders or the form); (clean, {field: message}).

    Sections left out keep their current values (the caller merges); an enabled daily
    reminder needs at least one weekday.
    """
    clean, errors = {}, {}
    if "daily" in data:
        _clean_daily(data["daily"], clean, errors)
    if "weekly_review" in data:
        _clean_weekly(data["weekly_review"], clean, errors)
    if "paused_until" in data:
        value = data["paused_until"]
        if value in (None, ""):
            clean["paused_until"] = None
        elif parse_day(value) is None:
            errors["paused_until"] = _l("Choose a real date (YYYY-MM-DD).")
        elif parse_day(value) < today:
            errors["paused_until"] = _l("Choose today or a later day.")
        else:
            clean["paused_until"] = parse_day(value)
    if "timezone" in data:
        if is_timezone(data["timezone"]):
            clean["timezone"] = data["timezone"]
        else:
            errors["timezone"] = _l("Choose a time zone from the list.")
    if "details" in data:
        if isinstance(data["details"], bool):
            clean["details"] = data["details"]
        else:
            errors["details"] = _l("Use true or false.")
    if "channels" in data:
        _clean_channels(data["channels"], clean, errors)
    return clean, errors


def _clean_channels(section, clean, errors):
    """{kind: channel} for the kinds sent; the kinds left out keep their choice."""
    if not isinstance(section, dict):
        errors["channels"] = _l("Send the channels as an object, such as {\"daily\": \"mail\"}.")
        return
    chosen = {}
    for kind, channel in section.items():
        if kind not in CHANNEL_KINDS:
            field = f"channels.{kind}" if isinstance(kind, str) and len(kind) <= 32 else "channels"
            errors[field] = _l("There is no such reminder or notice.")
        elif channel not in CHANNELS:
            errors[f"channels.{kind}"] = _l("Choose push, mail or both.")
        else:
            chosen[kind] = channel
    if not any(key.startswith("channels") for key in errors):
        clean["channels"] = chosen


def _clean_daily(section, clean, errors):
    if not isinstance(section, dict):
        errors["daily"] = _l("Send the daily reminder as an object.")
        return
    merged = {**DEFAULTS["daily"], **section}
    if not isinstance(merged["enabled"], bool) or not isinstance(merged["skip_if_logged"], bool):
        errors["daily.enabled"] = _l("Use true or false.")
    if parse_time(merged["time"]) is None:
        errors["daily.time"] = _l("Use a time like 18:30.")
    days = merged["weekdays"]
    if not isinstance(days, list) or not all(
            isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 7 for d in days):
        errors["daily.weekdays"] = _l("Weekdays are numbers from 1 (Monday) to 7 (Sunday).")
    elif merged["enabled"] is True and not days:
        errors["daily.weekdays"] = _l("Choose at least one day, or turn the reminder off.")
    if not any(key.startswith("daily") for key in errors):
        clean["daily"] = {**merged, "weekdays": sorted(set(days))}


def _clean_weekly(section, clean, errors):
    if not isinstance(section, dict):
        errors["weekly_review"] = _l("Send the weekly reminder as an object.")
        return
    merged = {**DEFAULTS["weekly_review"], **section}
    if not isinstance(merged["enabled"], bool):
        errors["weekly_review.enabled"] = _l("Use true or false.")
    if parse_time(merged["time"]) is None:
        errors["weekly_review.time"] = _l("Use a time like 18:30.")
    day = merged["weekday"]
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 7:
        errors["weekly_review.weekday"] = _l("Weekdays are numbers from 1 (Monday) to 7 (Sunday).")
    if not any(key.startswith("weekly_review") for key in errors):
        clean["weekly_review"] = merged


def skip_reason(*, late_by, grace, paused_until, local_day, kind, skip_if_logged,
                logged_today, reviewed_this_week):
    """Why a claimed reminder is not sent (a short code), or None to send it. Whether it can
    reach the person at all (a device, a verified address) is `route`'s question."""
    if late_by.total_seconds() > grace:
        return "too_late"
    if paused_until is not None and local_day <= paused_until:
        return "paused"
    if kind == "digest":  # the weekly mail: never about what was logged, never by push
        return None
    if kind == "daily" and skip_if_logged and logged_today:
        return "already_logged"
    if kind == "weekly_review" and reviewed_this_week:
        return "already_reviewed"
    return None


def route(channel, *, has_device, mail_on, verified):
    """How a reminder or notice goes out: (by push, by mail, why not at all). While the server
    cannot send mail everything goes by push. A person who chose mail but has not confirmed
    their address gets nothing ("unverified"); one who chose both gets what can reach them."""
    if not mail_on:
        channel = "push"
    push = channel in ("push", "both") and has_device
    mail = channel in ("mail", "both") and verified
    if push or mail:
        return push, mail, None
    return False, False, "no_device" if channel == "push" else "unverified"


def is_paused(paused_until, today: date):
    """True while reminders are paused."""
    return paused_until is not None and today <= paused_until


# One-off notices around a progress conversation.
PREPARE_DAYS_BEFORE = 3
PREPARE_AT = time(9, 0)
EVE_AT = time(16, 0)


def at_local(day, at, zone_name):
    """`day` at wall-clock `at` in the zone, as aware UTC."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone_name)).astimezone(timezone.utc)


def conversation_notices(*, status, conversation_on, employee, manager, now):
    """The conversation reminders a summary should have queued, as (kind, user id, moment).

    `employee` and `manager` are (id, time zone) pairs; `manager` may be None for a draft.
    Only moments still ahead of `now` are planned; a withdrawn summary plans nothing.
    """
    if conversation_on is None or status == "withdrawn":
        return []
    notices = []
    prepare = at_local(conversation_on - timedelta(days=PREPARE_DAYS_BEFORE), PREPARE_AT,
                       employee[1])
    if prepare > now:
        notices.append(("conv_prepare", employee[0], prepare))
    if status == "shared" and manager is not None:
        eve = at_local(conversation_on - timedelta(days=1), EVE_AT, manager[1])
        if eve > now:
            notices.append(("conv_eve", manager[0], eve))
    return notices


def still_wanted(kind, *, recipient_id, status, owner_id, manager_id, replied=True):
    """Whether a queued notice still makes sense when it is due (the summary may have changed
    or been withdrawn since it was queued; a reply may have been emptied)."""
    if status is None:
        return False
    if kind == "conv_prepare":
        return recipient_id == owner_id and status != "withdrawn"
    if kind == "summary_reply":
        return status == "shared" and recipient_id == owner_id and replied
    return status == "shared" and recipient_id == manager_id


def invitation_wanted(*, still_open, invited_email, recipient_email, recipient_verified):
    """Whether the notice of an invitation still makes sense when it is due: the invitation is
    still open, and still addressed to the recipient's own address, which is verified (an
    invitation by address is shown to a verified address only)."""
    return bool(still_open and recipient_verified and invited_email
                and invited_email.strip().lower() == (recipient_email or "").strip().lower())


def agreement_wanted(*, recipient_id, status, owner_id, manager_id, connected, proposed_by):
    """Whether the notice of a proposed next step still makes sense when it is due: the summary
    is still shared, the recipient is still its employee or its connected manager, and a step
    the other side proposed still waits for an answer (`proposed_by`: the sides, "employee" or
    "manager", of the steps still proposed)."""
    if status != "shared":
        return False
    if recipient_id == owner_id:
        return "manager" in proposed_by
    return recipient_id == manager_id and connected and "employee" in proposed_by


def helping_wanted(*, recipient_id, helper_id, status, connected):
    """Whether the notice of a helping conversation asked for still makes sense: it was not
    taken up, declined or closed meanwhile, and the two are still connected."""
    return status == "asked" and recipient_id == helper_id and connected


def steering_wanted(*, recipient_id, employee_id, status, connected):
    """Whether the notice of a shared expectation still makes sense: it is still shared (or
    already answered), with the recipient, who is still connected to the manager."""
    return status in ("shared", "answered") and recipient_id == employee_id and connected


def team_help_wanted(*, recipient_id, help_to_id, has_text, both_in_team):
    """Whether the notice of a teammate's help answer still makes sense: the answer still asks
    the recipient, still says something, and both are still in the team."""
    return bool(has_text and both_in_team and help_to_id is not None
                and recipient_id == help_to_id)


def preparation_due(conversation_on, today):
    """True from a few days before a planned conversation until its day: the home page then
    invites the employee to prepare."""
    if conversation_on is None:
        return False
    return today <= conversation_on <= today + timedelta(days=PREPARE_DAYS_BEFORE)
