"""The notifications page: turning notifications on for a device, the user's devices, the
reminders they chose (an invitation at a time they choose, easy to change or pause), and how
each reminder and notice reaches them (push, e-mail or both) while the server can send mail."""
from babel.dates import get_day_names
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.clock import current_now
from journal.mail.store import mail_is_on
from journal.models.push import PushSubscription
from journal.notifications.rules import CHANNEL_KINDS, clean_reminders, is_paused
from journal.notifications.store import save_settings, settings_for
from journal.push.devices import device_label, send_test, test_sender
from journal.web import not_found, user_today

bp = Blueprint("notifications", __name__)

CHECKBOXES = ("daily_enabled", "daily_skip_if_logged", "weekly_review_enabled", "details")
CHANNEL_OPTIONS = (("push", _l("Notification on my devices")),
                   ("mail", _l("By e-mail")), ("both", _l("Both")))
NOTICES = (("summary_shared", _l("When someone shares a summary with you")),
           ("summary_reply", _l("When your manager replies to a summary you shared")),
           ("conv_prepare", _l("A few days before your progress conversation, to prepare")),
           ("conv_eve", _l("The day before a progress conversation with someone who shares "
                           "with you")),
           ("invitation", _l("When someone invites you, at your e-mail address, to see what "
                             "they share")),
           ("step_proposed", _l("When someone proposes a next step from your progress "
                                "conversation")),
           ("helping_asked", _l("When someone would like a helping conversation with you")),
           ("steering_shared", _l("When your manager shares an expectation with you")),
           ("team_help", _l("When a teammate asks for your help after a team meeting")))


def channel_field(kind):
    """The form field of a kind's channel (an error on "channels.<kind>" shows next to it)."""
    return f"channels_{kind}"


def values_from_settings(settings):
    """The form's values (named like its fields) from settings_for()."""
    daily, weekly = settings["daily"], settings["weekly_review"]
    return {"daily_enabled": daily["enabled"], "daily_time": daily["time"],
            "daily_weekdays": daily["weekdays"], "daily_skip_if_logged": daily["skip_if_logged"],
            "weekly_review_enabled": weekly["enabled"], "weekly_review_time": weekly["time"],
            "paused_until": settings["paused_until"] or "", "details": settings["details"],
            **{channel_field(kind): channel for kind, channel in settings["channels"].items()}}


def values_from_form(form):
    """What was sent, as typed (a checkbox left unticked is not sent at all; the channels only
    when the page offered them)."""
    days = [int(day) if day.isdecimal() and len(day) < 10 else day
            for day in form.getlist("daily_weekdays")]
    return {**{name: name in form for name in CHECKBOXES}, "daily_weekdays": days,
            **{name: form.get(name, "").strip()
               for name in ("daily_time", "weekly_review_time", "paused_until")},
            **{channel_field(kind): form[channel_field(kind)] for kind in CHANNEL_KINDS
               if channel_field(kind) in form}}


def reminders_from_values(values, review_weekday):
    """The form's values in the shape clean_reminders() checks (the review day is set on the
    settings page, so it is kept as it is)."""
    reminders = {
        "daily": {"enabled": values["daily_enabled"], "time": values["daily_time"],
                  "weekdays": values["daily_weekdays"],
                  "skip_if_logged": values["daily_skip_if_logged"]},
        "weekly_review": {"enabled": values["weekly_review_enabled"],
                          "time": values["weekly_review_time"], "weekday": review_weekday},
        "paused_until": values["paused_until"],
        "details": values["details"],
    }
    channels = {kind: values[channel_field(kind)] for kind in CHANNEL_KINDS
                if channel_field(kind) in values}
    if channels:
        reminders["channels"] = channels
    return reminders


def _render(values, errors, status=200):
    user, today = current_user, user_today()
    short, wide = (get_day_names(width, locale=get_locale()) for width in ("abbreviated", "wide"))
    return render_template(
        "notifications/edit.html", values=values,
        errors={key.replace(".", "_"): message for key, message in errors.items()},
        devices=[(device, device_label(device.device)) for device in PushSubscription.of(user)],
        weekdays=[(n + 1, short[n].capitalize(), wide[n].capitalize()) for n in range(7)],
        # The review day stands inside a sentence: Dutch writes it in lower case there.
        review_day=wide[user.review_weekday - 1], today=today,
        paused_until=user.reminders_paused_until
        if is_paused(user.reminders_paused_until, today) else None,
        mail_on=mail_is_on(), verified=user.email_verified, channel_options=CHANNEL_OPTIONS,
        notices=NOTICES, channel_field=channel_field,
    ), status


@bp.get("/settings/notifications")
@login_required
def edit():
    """This device, the user's devices, and their reminder settings."""
    return _render(values_from_settings(settings_for(current_user)), {})


@bp.post("/settings/notifications")
@login_required
def save():
    """Save the reminder settings and channels; problems are shown next to the fields with what
    was typed, and nothing is stored until everything is right."""
    user = current_user._get_current_object()
    values = values_from_form(request.form)
    clean, errors = clean_reminders(reminders_from_values(values, user.review_weekday),
                                    today=user_today())
    if errors:
        return _render(values, errors, status=422)
    save_settings(user, clean, current_now())
    flash(_("Your reminders are saved. You can change or pause them at any time."))
    return redirect(url_for(".edit"))


def _device_or_404(device_id):
    device = PushSubscription.owned(current_user.id, device_id)
    if device is None:
        not_found(_("This device is not in your list."))
    return device


@bp.post("/settings/notifications/devices/<uuid:device_id>/test")
@login_required
def test_device(device_id):
    """Send a test notification to one device, and say what happened."""
    device = _device_or_404(device_id)
    result = send_test([device], current_user.language, test_sender(current_app))[device.id]
    flash({"sent": _("A test notification is on its way. It should arrive in a moment."),
           "gone": _("This device no longer accepts notifications, so it was removed. Turn "
                     "notifications on again on that device to get reminders there."),
           }.get(result, _("The test notification could not be delivered just now. "
                           "Please try again later.")))
    return redirect(url_for(".edit"))


@bp.post("/settings/notifications/devices/<uuid:device_id>/remove")
@login_required
def remove_device(device_id):
    """Stop sending notifications to one device."""
    _device_or_404(device_id).delete_instance()
    flash(_("That device will no longer get notifications."))
    return redirect(url_for(".edit"))
