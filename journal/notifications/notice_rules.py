"""One-off notices around a progress conversation, as pure rules: when the manager hears that a
summary was shared, when the employee is invited to prepare, and when the manager is reminded
the day before. Wall-clock times are in each person's own time zone."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

PREPARE_DAYS_BEFORE = 3
PREPARE_AT = time(9, 0)
EVE_AT = time(16, 0)
CONVERSATION_KINDS = ("conv_prepare", "conv_eve")
NOTICE_KINDS = ("summary_shared",) + CONVERSATION_KINDS  # each fits delivery.kind (16)


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


def still_wanted(kind, *, recipient_id, status, owner_id, manager_id):
    """Whether a queued notice still makes sense when it is due (the summary may have changed
    or been withdrawn since it was queued)."""
    if status is None:
        return False
    if kind == "conv_prepare":
        return recipient_id == owner_id and status != "withdrawn"
    return status == "shared" and recipient_id == manager_id


def preparation_due(conversation_on, today):
    """True from a few days before a planned conversation until its day: the home page then
    invites the employee to prepare."""
    if conversation_on is None:
        return False
    return today <= conversation_on <= today + timedelta(days=PREPARE_DAYS_BEFORE)
