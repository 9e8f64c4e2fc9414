"""Personal settings: name, time zone, language."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.accounts.forms import SettingsForm

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
        user.save()
        with force_locale(user.language):
            flash(_("Your settings are saved."))
        return redirect(url_for(".edit"))
    return render_template("settings/edit.html", form=form), 422 if form.errors else 200
