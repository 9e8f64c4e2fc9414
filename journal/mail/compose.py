"""Mails as people read them: rendered from `templates/mail/<name>.txt` and `.html` in the
person's language, with links made absolute on PUBLIC_URL, then queued (journal.mail.store).
Only security mails go to an address nobody has verified yet."""
import re
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale

from journal.mail import store
from journal.mail.messages import unsubscribe_headers

DEVELOPMENT_URL = "http://localhost:5000"  # `make run`; the request's Host is never trusted


def public_base():
    """The app's external address without a trailing slash (PUBLIC_URL; in development
    without it, the address `make run` serves on)."""
    return (current_app.config.get("PUBLIC_URL") or DEVELOPMENT_URL).rstrip("/")


def external_url(endpoint, **values):
    """An absolute link for a mail; works in a request and in the dispatcher alike."""
    base = urlsplit(public_base())
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def compose(name, language, subject, **context):
    """(subject, text, html) of the mail `name` in `language`; `subject` is a lazy string
    (lazy_gettext), so it is translated here, with the rest."""
    with force_locale(language):
        subject_text = str(subject)
        context = {"subject": subject_text, "app_url": public_base(), **context}
        text = _tidy(render_template(f"mail/{name}.txt", **context))
        html = render_template(f"mail/{name}.html", **context)
    return subject_text, text, html


def _tidy(text):
    """Plain text as mail programs show it best: no trailing spaces, at most one blank line in
    a row (templates leave more where a part is empty)."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def queue_mail(*, to, name, kind, subject, language, now, user=None, unsubscribe_url=None,
               **context):
    """Compose and queue a mail in the caller's transaction; returns the OutgoingMail. A mail
    that can be switched off carries one-click List-Unsubscribe headers (`unsubscribe_url`),
    and the same link in its footer."""
    subject_text, text, html = compose(name, language, subject,
                                       unsubscribe_url=unsubscribe_url, **context)
    headers = unsubscribe_headers(unsubscribe_url) if unsubscribe_url else None
    return store.queue(to=to, kind=kind, subject=subject_text, text=text, html=html, user=user,
                       headers=headers, language=language, now=now)


def queue_for(user, *, name, kind, subject, now, security=False, to=None, **context):
    """Queue a mail to a person in their language, or return None when it may not go: mail is
    off, or the address is not verified and the mail is not about the account's security.
    `to` overrides the address (a link to a new address being verified)."""
    if not store.mail_is_on() or not (security or user.email_verified):
        return None
    return queue_mail(to=to or user.email, name=name, kind=kind, subject=subject,
                      language=user.language, now=now, user=user, person=user, **context)
