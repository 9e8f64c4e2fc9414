"""Account forms: fields, and messages shown next to them."""
from functools import cache

from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import Choice, SelectChoice
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError
from wtforms.widgets import Select, html_params

from journal.clock import is_timezone, timezone_names
from journal.mail.rules import check_address
from journal.refusal import Refusal

PASSWORD_MIN = 8
LANGUAGE_CHOICES = [SelectChoice("en", "English"), SelectChoice("nl", "Nederlands")]


def _email_shape(_form, field):
    value = (field.data or "").strip()
    local, _, domain = value.partition("@")
    if not local or "." not in domain or " " in value or len(value) > 254:
        raise ValidationError(_l("Enter an e-mail address like name@example.org."))
    try:
        check_address(value)  # an address a mail can be sent to: no quotes, brackets, commas
    except Refusal:
        raise ValidationError(_l("Enter an e-mail address like name@example.org.")) from None


def _known_timezone(_form, field):
    if not is_timezone(field.data):
        raise ValidationError(_l("Choose a time zone from the list."))


@cache
def timezone_options():
    """Every time zone as an <option>, rendered once per process by WTForms' own Select: the
    labels are the zone names, the same for everybody and in every language."""
    return "".join(Select.render_option(Choice(name, name, False, {}))
                   for name in timezone_names())


class TimezoneSelect(Select):
    """The time zone <select>, exactly as WTForms' Select writes it, from the options rendered
    once (~550 of them took WTForms 15-27 ms a page); only the field's own zone is marked."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for name in self.validation_attrs:
            if name not in kwargs and getattr(flags, name, False):
                kwargs[name] = getattr(flags, name)
        options = timezone_options()
        if isinstance(field.data, str) and field.data:
            value = escape(field.data)
            options = options.replace(f'<option value="{value}">',
                                      f'<option selected value="{value}">', 1)
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")


class _ProfileFields:
    """Fields shared by sign-up and settings (name, time zone, language)."""

    display_name = StringField(
        _l("Your name"),
        validators=[InputRequired(_l("Tell us what to call you.")),
                    Length(max=80, message=_l("Please keep it under 80 characters."))],
    )
    timezone = SelectField(_l("Time zone"), validators=[_known_timezone], validate_choice=False,
                           widget=TimezoneSelect())
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES,
                           validate_choice=True)

    def fill_timezones(self):
        """Offer every IANA time zone (the same list every time: TimezoneSelect renders it)."""
        self.timezone.choices = timezone_names()
        return self


class SignupForm(_ProfileFields, FlaskForm):
    """Create an account."""

    email = EmailField(_l("E-mail"), validators=[InputRequired(_l("Enter your e-mail address.")),
                                                  _email_shape])
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Choose a password.")),
                    Length(min=PASSWORD_MIN, max=256,
                           message=_l("Use at least %(min)s characters.", min=PASSWORD_MIN))],
    )


class LoginForm(FlaskForm):
    """Log in."""

    email = EmailField(_l("E-mail"), validators=[InputRequired(_l("Enter your e-mail address."))])
    password = PasswordField(_l("Password"),
                             validators=[InputRequired(_l("Enter your password."))])
    remember = BooleanField(_l("Keep me logged in on this device"), default=True)


class SettingsForm(_ProfileFields, FlaskForm):
    """Change name, time zone, language and the weekly review day."""

    review_weekday = SelectField(_l("Weekly review day"), coerce=int)

    def fill_weekdays(self):
        """Offer the days of the week in the user's language (ISO numbering, Monday = 1)."""
        names = get_day_names("wide", locale=get_locale())
        self.review_weekday.choices = [SelectChoice(n + 1, names[n].capitalize())
                                       for n in range(7)]
        return self


class PasswordForm(FlaskForm):
    """Change the password (ends sessions on other devices)."""

    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))])
    new_password = PasswordField(
        _l("New password"),
        validators=[InputRequired(_l("Choose a new password.")),
                    Length(min=PASSWORD_MIN, max=256,
                           message=_l("Use at least %(min)s characters.", min=PASSWORD_MIN))],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[EqualTo("new_password", message=_l("The two passwords are not the same."))],
    )


class FirstPasswordForm(FlaskForm):
    """Choose a first password (an account made by company sign-in has none)."""

    new_password = PasswordForm.new_password
    confirm = PasswordForm.confirm


def _new_password(label, required):
    return PasswordField(label, validators=[
        InputRequired(required),
        Length(min=PASSWORD_MIN, max=256,
               message=_l("Use at least %(min)s characters.", min=PASSWORD_MIN))])


class ForgotForm(FlaskForm):
    """Ask for a link to choose a new password."""

    email = EmailField(_l("E-mail"), validators=[InputRequired(_l("Enter your e-mail address.")),
                                                  _email_shape])


class ResetForm(FlaskForm):
    """Choose a new password through a mailed link."""

    password = _new_password(_l("New password"), _l("Choose a new password."))


class AddressForm(FlaskForm):
    """Move the account to another e-mail address (confirmed through a link mailed to it)."""

    email = EmailField(_l("New e-mail address"),
                       validators=[InputRequired(_l("Enter your new e-mail address.")),
                                   _email_shape])
    password = PasswordField(_l("Current password"),
                             validators=[InputRequired(_l("Enter your current password."))])
