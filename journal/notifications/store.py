"""Reminder settings per user, kept in the database with the next moment each one fires, and
the channel (push, mail or both) each reminder and notice goes by."""
from journal.clock import iso_utc, stored_utc
from journal.db import database
from journal.models.push import ChannelChoice, Reminder
from journal.notifications.rules import CHANNEL_KINDS, DEFAULTS, default_channel
from journal.notifications.schedule import next_fire, parse_time


def settings_for(user):
    """The user's reminder settings in the API's shape (defaults until they are saved): the
    reminders, the channel of each reminder and notice, and the mail choices (the weekly mail
    and whether journal words may appear in mails)."""
    # Imported here: the weekly mail's module builds on this one.
    from journal.notifications.digest import mail_fields
    rows = {row.kind: row for row in Reminder.select().where(Reminder.user == user)}
    daily, weekly = rows.get("daily"), rows.get("weekly_review")
    return {
        "daily": ({"enabled": daily.enabled, "time": daily.time, "weekdays": daily.weekday_set(),
                   "skip_if_logged": daily.skip_if_logged} if daily else dict(DEFAULTS["daily"])),
        "weekly_review": {"enabled": bool(weekly and weekly.enabled),
                          "weekday": user.review_weekday,
                          "time": weekly.time if weekly else DEFAULTS["weekly_review"]["time"]},
        "paused_until": user.reminders_paused_until.isoformat()
        if user.reminders_paused_until else None,
        "timezone": user.timezone,
        "details": user.notification_details,
        "next": {row.kind: iso_utc(row.next_fire_at) for row in rows.values()
                 if row.enabled and row.next_fire_at},
        "channels": channels_of(user),
        **mail_fields(user),
    }


def save_settings(user, clean, now, *, also=None):
    """Store changed settings and reschedule, in one transaction; `also(user, now)` runs in
    it too (the mail choices, kept by journal.notifications.digest)."""
    with database.atomic():
        if "timezone" in clean:
            user.timezone = clean["timezone"]
        if "paused_until" in clean:
            user.reminders_paused_until = clean["paused_until"]
        if "details" in clean:
            user.notification_details = clean["details"]
        if "weekly_review" in clean:
            user.review_weekday = clean["weekly_review"]["weekday"]
        user.save()
        if "daily" in clean:
            daily = clean["daily"]
            _upsert(user, "daily", enabled=daily["enabled"], time=daily["time"],
                    weekdays=",".join(map(str, daily["weekdays"])),
                    skip_if_logged=daily["skip_if_logged"])
        if "weekly_review" in clean:
            weekly = clean["weekly_review"]
            _upsert(user, "weekly_review", enabled=weekly["enabled"], time=weekly["time"])
        if "channels" in clean:
            save_channels(user, clean["channels"])
        reschedule(user, now)
        if also is not None:
            also(user, now)


def _upsert(user, kind, **fields):
    row = Reminder.get_or_none((Reminder.user == user) & (Reminder.kind == kind))
    if row is None:
        Reminder.create(user=user, kind=kind, **fields)
    else:
        Reminder.update(**fields).where(Reminder.id == row.id).execute()


def reschedule(user, now):
    """Recompute when each of the user's reminders fires next (after a settings change)."""
    for row in Reminder.select().where(Reminder.user == user):
        row.next_fire_at = next_moment(row, user, now) if row.enabled else None
        row.save(only=[Reminder.next_fire_at])


def next_moment(row, user, after):
    """The next firing of a reminder row after `after` (aware), stored as naive UTC."""
    weekdays = row.weekday_set() if row.kind == "daily" else [user.review_weekday]
    moment = next_fire(after, user.timezone, parse_time(row.time), weekdays)
    return stored_utc(moment) if moment else None


def channels_of(user):
    """{kind: "push" | "mail" | "both"} for every reminder and notice, defaults included."""
    chosen = dict(ChannelChoice.select(ChannelChoice.kind, ChannelChoice.channel)
                  .where(ChannelChoice.user == user).tuples())
    return {kind: chosen.get(kind, default_channel(kind)) for kind in CHANNEL_KINDS}


def channel_of(user, kind):
    """How one kind of reminder or notice reaches this person."""
    row = ChannelChoice.get_or_none((ChannelChoice.user == user) & (ChannelChoice.kind == kind))
    return row.channel if row else default_channel(kind)


def channels_for(user_ids):
    """{(user id, kind): channel} of the choices these people made (the rest are defaults)."""
    if not user_ids:
        return {}
    return {(user_id, kind): channel for user_id, kind, channel in
            ChannelChoice.select(ChannelChoice.user, ChannelChoice.kind, ChannelChoice.channel)
            .where(ChannelChoice.user.in_(list(user_ids))).tuples()}


def save_channels(user, channels):
    """Store checked {kind: channel} choices; a choice equal to the default keeps no row, so
    "no row" always means the default."""
    with database.atomic():
        for kind, channel in channels.items():
            if channel == default_channel(kind):
                (ChannelChoice.delete()
                 .where((ChannelChoice.user == user) & (ChannelChoice.kind == kind)).execute())
            else:
                (ChannelChoice.insert(user=user, kind=kind, channel=channel)
                 .on_conflict(conflict_target=[ChannelChoice.user, ChannelChoice.kind],
                              update={ChannelChoice.channel: channel})
                 .execute())
