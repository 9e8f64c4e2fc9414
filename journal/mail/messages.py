"""Mail as the standard library builds it: an `EmailMessage` with a plain-text part and, when
given, an HTML alternative; no MIME is made by hand. The words are the caller's, already in the
person's language."""
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from journal.mail.rules import check_address, check_header_value
from journal.refusal import Refusal

# One-click unsubscribe (RFC 8058): the POST body a mail client sends to the List-Unsubscribe URL.
ONE_CLICK = "List-Unsubscribe=One-Click"


def new_message_id(host):
    """A fresh Message-ID under the app's own host name."""
    return make_msgid(domain=host)


def unsubscribe_headers(url):
    """The headers that let a mail client switch this kind of mail off in one click."""
    check_header_value(url, "unsubscribe_url")
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": ONE_CLICK}


def build(*, sender, to, subject, text, html=None, message_id, date, headers=None):
    """The mail ready for SMTP (`date` an aware datetime). A header value with a line break is
    refused (Refusal) instead of becoming a header of its own."""
    message = EmailMessage()
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    # Headers after the body: making the alternative moves Content-* headers into its parts.
    try:
        message["From"] = sender
        message["To"] = check_address(to)
        message["Subject"] = check_header_value(subject, "subject")
        message["Date"] = format_datetime(date)
        message["Message-ID"] = message_id
        for name, value in (headers or {}).items():
            message[check_header_value(name, "headers")] = check_header_value(value, "headers")
    except ValueError as error:  # what the email package itself refuses in a header
        raise Refusal("invalid", str(error), "headers", code="invalid_header") from None
    return message
