"""What every page and mail at phone size is checked for, and how it is kept in
test-artifacts/ to be looked at."""
import html as markup

from journal.db import database
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_pages_on_a_phone import SMALL_TARGETS

TEXT_MAIL = ('<pre style="white-space:pre-wrap;overflow-wrap:anywhere;margin:12px;'
             'font:15px/1.5 monospace">{}</pre>')


def fits(page, name):
    """The page fits 360 px without sideways scrolling, every tap target is big enough, axe
    finds nothing serious; kept as a screenshot."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name} scrolls sideways ({width}px)"
    small = page.evaluate(SMALL_TARGETS)
    assert small == [], f"tap targets under 44px on {name}: {small}"
    assert serious_violations(page) == [], name
    screenshot(page, name)


def keep_mail(page, name, subject, text, html):
    """A mail as a phone shows it: its HTML (`<name>.png`, which must fit 360 px) and its plain
    text (`<name>-text.png`, and `<name>.txt` with the subject)."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.txt").write_text(f"Subject: {subject}\n\n{text}")
    page.set_content(html)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the mail {name} scrolls sideways ({width}px)"
    screenshot(page, name)
    page.set_content(TEXT_MAIL.format(markup.escape(f"Subject: {subject}\n\n{text}")))
    screenshot(page, f"{name}-text")


def compose(make):
    """(subject, text, HTML) of the mail `make()` queues, without sending it (rolled back)."""
    with database.atomic() as transaction:
        mail = make()
        parts = (mail.subject, mail.body_text, mail.body_html)
        transaction.rollback()
    return parts
