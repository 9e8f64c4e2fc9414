"""`flask --app app mail test ADDRESS`: send a test mail now, to check the settings."""
import click
from flask import current_app
from flask.cli import with_appcontext

from journal.clock import current_now
from journal.db import database
from journal.mail import store
from journal.mail.rules import check_address
from journal.mail.sending import send_now_after_commit
from journal.models.mail import OutgoingMail
from journal.refusal import Refusal


@click.group("mail")
def mail_command():
    """Outgoing mail."""


@mail_command.command("test")
@click.argument("address")
@with_appcontext
def test_command(address):
    """Send a short test mail to ADDRESS at once and say whether the server took it."""
    if not store.mail_is_on():
        raise click.ClickException("Mail is off: set MAIL_URL (see the README) and try again.")
    try:
        check_address(address)
    except Refusal:
        raise click.ClickException(f"{address!r} is not an e-mail address.") from None
    now = current_now()
    with database.connection_context():
        with database.atomic():
            mail = store.queue(to=address, kind="test", subject="Progress Journal test mail",
                               text=_TEXT.format(url=current_app.config.get("PUBLIC_URL")
                                                 or "(PUBLIC_URL is not set)"),
                               now=now)
        send_now_after_commit([mail], now)
        mail = OutgoingMail.get_by_id(mail.id)
    if mail.status != "sent":
        raise click.ClickException(
            f"The test mail was not sent ({mail.status}): {mail.last_error}")
    click.echo(f"Test mail sent to {mail.to_address} ({mail.message_id}).")


_TEXT = """This is a test mail from Progress Journal, sent with `flask mail test`.
If you can read it, mail works. The app's address: {url}
"""
