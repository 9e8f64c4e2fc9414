"""The weekly "your week" mail (opt-in): on the person's review day, the days with progress in
that ISO week, up to three of their own highlights (unless they keep their words out of
mails), and a link to look back on the week. Also its settings and the words-in-mail choice,
as the settings page and the reminders API read and change them."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from journal.db import database
from journal.mail.compose import external_url, queue_for
from journal.models.entry import Entry
from journal.models.push import Reminder
from journal.models.user import User
from journal.notifications.schedule import parse_time
from journal.notifications.store import next_moment
from journal.notifications.unsubscribe import unsubscribe_url
from journal.weeks import parse_week, week_of

KIND = "digest"
DEFAULT_TIME = "16:00"
HIGHLIGHTS = 3
CUT_AT = 160
SUBJECT = _l("Your week in your journal")


# -- the facts of a week: pure -------------------------------------------------------------

def digest_facts(entries, week):
    """What a week's mail says, from the person's entries as plain dicts (day, kind, text,
    meaning, created_at): the days with progress, how many entries, and the highlights (the
    progress notes, most meaningful first, then newest; each cut to about CUT_AT characters).
    Entries outside the ISO week `week` are left out."""
    monday = parse_week(week)
    sunday = monday + timedelta(days=6)
    mine = [entry for entry in entries if monday <= entry["day"] <= sunday]
    progress = [entry for entry in mine if entry["kind"] == "progress"]
    newest_first = sorted(progress, key=lambda e: (e["day"], e["created_at"]), reverse=True)
    ranked = sorted(newest_first, key=lambda e: -(e["meaning"] or 0))  # stable: newest within
    return {
        "week": week, "monday": monday, "sunday": sunday, "entries": len(mine),
        "days_with_progress": len({entry["day"] for entry in progress}),
        "highlights": [cut(entry["text"]) for entry in ranked[:HIGHLIGHTS]],
    }


def cut(text, limit=CUT_AT):
    """The text on one line, at most `limit` characters, cut at a word when it is longer."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    head = line[:limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-") + "…"


# -- the mail ------------------------------------------------------------------------------

def entries_of_week(user, monday):
    """The person's entries of the week starting on `monday`, as plain dicts."""
    return list(Entry
                .select(Entry.day, Entry.kind, Entry.text, Entry.meaning, Entry.created_at)
                .where((Entry.user == user) & Entry.day.between(monday,
                                                                 monday + timedelta(days=6)))
                .dicts())


def queue_digest(user, local_day, now):
    """Queue the "your week" mail about the ISO week of `local_day` (in the dispatcher's
    transaction); None when it may not go (mail off, address not verified). With
    `user.mail_words` off, no word of the journal is in it: only the count and the links."""
    week = week_of(local_day)
    facts = digest_facts(entries_of_week(user, parse_week(week)), week)
    if not user.mail_words:
        facts["highlights"] = []
    return queue_for(user, name="digest", kind=KIND, subject=SUBJECT, now=now,
                     unsubscribe_url=unsubscribe_url(user, KIND), facts=facts,
                     words_left_out=not user.mail_words,
                     review_url=external_url("reviews.edit", week=week),
                     note_url=external_url("entries.index"),
                     settings_url=external_url("mail_settings.edit"))


# -- settings ------------------------------------------------------------------------------

def digest_row(user):
    """The person's digest Reminder row, or None before they ever chose."""
    return Reminder.get_or_none((Reminder.user == user) & (Reminder.kind == KIND))


def digest_settings(user):
    """{"enabled", "time"}: the weekly mail as the API and the settings page show it (it goes
    on the person's review day)."""
    row = digest_row(user)
    return {"enabled": bool(row and row.enabled), "time": row.time if row else DEFAULT_TIME}


def clean_digest(data):
    """Check the "digest" section of PUT /api/v1/reminders or the form; (clean, errors) with
    errors keyed "digest.enabled"/"digest.time". Keys left out keep their current values."""
    if not isinstance(data, dict):
        return {}, {"digest": _l("Send the weekly mail as an object.")}
    clean, errors = {}, {}
    if "enabled" in data:
        if isinstance(data["enabled"], bool):
            clean["enabled"] = data["enabled"]
        else:
            errors["digest.enabled"] = _l("Use true or false.")
    if "time" in data:
        if parse_time(data["time"]) is None:
            errors["digest.time"] = _l("Use a time like 18:30.")
        else:
            clean["time"] = data["time"]
    return (clean, {}) if not errors else ({}, errors)


def save_digest(user, clean, now):
    """Store the weekly mail's settings (merged with the current ones) and when it goes next
    (`now` aware)."""
    current = {**digest_settings(user), **clean}
    row = digest_row(user) or Reminder(user=user, kind=KIND)
    row.enabled, row.time = current["enabled"], current["time"]
    row.next_fire_at = next_moment(row, user, now) if row.enabled else None
    row.save()
    return row


def clean_mail_words(value):
    """Check `mail_words` (a bool): (clean, errors)."""
    if isinstance(value, bool):
        return {"mail_words": value}, {}
    return {}, {"mail_words": _l("Use true or false.")}


def save_mail_words(user, value):
    """Whether the person's own journal words may appear in mails."""
    user.mail_words = value
    User.update(mail_words=value).where(User.id == user.id).execute()


# -- the two together, for GET|PUT /api/v1/reminders ---------------------------------------

def mail_fields(user):
    """The mail choices in the reminders API: {"digest": {...}, "mail_words": bool}."""
    return {"digest": digest_settings(user), "mail_words": user.mail_words}


def clean_mail_fields(data):
    """Check whichever of "digest" and "mail_words" a request body holds; (clean, errors)."""
    clean, errors = {}, {}
    if "digest" in data:
        digest, digest_errors = clean_digest(data["digest"])
        errors.update(digest_errors)
        if not digest_errors:
            clean["digest"] = digest
    if "mail_words" in data:
        words, words_errors = clean_mail_words(data["mail_words"])
        clean.update(words)
        errors.update(words_errors)
    return clean, errors


def save_mail_fields(user, clean, now):
    """Store checked mail choices in one transaction (`now` aware)."""
    with database.atomic():
        if "digest" in clean:
            save_digest(user, clean["digest"], now)
        if "mail_words" in clean:
            save_mail_words(user, clean["mail_words"])
