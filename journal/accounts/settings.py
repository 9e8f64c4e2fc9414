"""Personal settings: name, time zone, language, the e-mail address and whether it is confirmed;
and the devices where the person is signed in."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.accounts.company import sign_ins_of
from journal.accounts.forms import SettingsForm
from journal.accounts.links import pending_address
from journal.accounts.sessions import current_session
from journal.accounts.store import end_other_sessions, end_session, live_sessions
from journal.clock import current_now
from journal.db import database
from journal.mail import store as mail_store
from journal.notifications.store import reschedule
from journal.web import request_now

bp = Blueprint("settings", __name__)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def edit():
    """Show and save the user's settings."""
    user = current_user._get_current_object()
    form = SettingsForm(obj=user).fill_timezones().fill_weekdays()
    if form.validate_on_submit():
        user.display_name = form.display_name.data.strip()
        user.timezone = form.timezone.data
        user.language = form.language.data
        user.review_weekday = form.review_weekday.data
        with database.atomic():
            user.save()
            # The review day and time zone decide when reminders and the week mail go.
            reschedule(user, current_now())
        with force_locale(user.language):
            flash(_("Your settings are saved."))
        return redirect(url_for(".edit"))
    return render_template("settings/edit.html", form=form, mail_on=mail_store.mail_is_on(),
                           off=mail_store.OFF, pending=pending_address(user, current_now()),
                           trouble=mail_store.delivery_trouble(user),
                           sign_ins=sign_ins_of(user)), \
        422 if form.errors else 200


@bp.get("/settings/sessions")
@login_required
def sessions():
    """The devices where the person is signed in, this one first."""
    current = current_session()
    rows = live_sessions(current_user, request_now())
    rows.sort(key=lambda row: current is None or row.id != current.id)
    return render_template("settings/sessions.html", sessions=rows, current=current)


@bp.post("/settings/sessions/<session_id>/end")
@login_required
def end(session_id):
    """Log out one other device (this one logs out with the usual button)."""
    current = current_session()
    if current is not None and str(current.id) == session_id:
        return redirect(url_for(".sessions"))
    if not end_session(current_user, session_id):
        abort(404)
    flash(_("That device is logged out."))
    return redirect(url_for(".sessions"))


@bp.post("/settings/sessions/end-others")
@login_required
def end_others():
    """Log out every device but this one."""
    end_other_sessions(current_user, keep=current_session())
    flash(_("You are logged out everywhere else. This device stays logged in."))
    return redirect(url_for(".sessions"))
