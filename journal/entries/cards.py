"""What every entry card on a page shares (templates/entries/_entry.html): its fixed words in the
page's language, translated once per app and language, and its links, built from two addresses
worked out once per request instead of a `url_for` for every card and every tag."""
from types import SimpleNamespace
from urllib.parse import urlencode

from flask import current_app, g, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

_SLOT = "00000000-0000-0000-0000-000000000000"
QUERY_SAFE = "!$'()*,/:;?@"  # what Werkzeug's url_for leaves unquoted in a query string


class EntryCards:
    """The words and links of the entry cards on one page."""

    def __init__(self, words, edit_url, timeline_url):
        self.words = words
        self._edit_before, self._edit_after = edit_url.split(_SLOT)
        self._tag_base = f"{timeline_url}?"

    def edit_link(self, entry_id):
        """The entry's edit page, as url_for("entries.edit", entry_id=...) writes it."""
        return f"{self._edit_before}{entry_id}{self._edit_after}"

    def tag_link(self, tag):
        """The timeline filtered by this tag, quoted as url_for("entries.timeline", tag=...)
        quotes it (spaces, '#', '&', non-ASCII)."""
        return self._tag_base + urlencode([("tag", tag)], safe=QUERY_SAFE)


def entry_cards():
    """This request's EntryCards: made on the first call, the same object after that."""
    cards = g.get("_entry_cards")
    if cards is None:
        cards = g._entry_cards = EntryCards(
            card_words(), url_for("entries.edit", entry_id=_SLOT), url_for("entries.timeline"))
    return cards


def card_words():
    """The cards' fixed words in the current language, translated once per app and language.
    Markup, as the templates' own `_()` gives them."""
    cache = current_app.extensions.setdefault("entry_card_words", {})
    locale = str(get_locale())
    if locale not in cache:
        cache[locale] = _translate()
    return cache[locale]


def _translate():
    return SimpleNamespace(
        not_yet=Markup(_("Not yet")),
        meaningful=Markup(_("Meaningful: %(value)s of 5")),  # the card fills in the value
        learned=Markup(_("Learned")),
        try_next=Markup(_("Next try")),
        helped=Markup(_("Helped")),
        hindered=Markup(_("Got in the way")),
        edit=Markup(_("Edit")),
    )
