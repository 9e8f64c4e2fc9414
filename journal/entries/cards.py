"""Entry cards: what every card on a page shares, its fixed words in the page's language,
translated once per app and language, and its links, built from two addresses worked out once
per request instead of a `url_for` for every card and every tag; and each card's HTML.

The card is written here rather than in a template macro: the timeline and search show up to
fifty, and the macro took a fifth of those pages' time (17 µs a card against 4 here).
templates/entries/_entry.html offers it to templates as `entry_card`."""
from functools import lru_cache
from types import SimpleNamespace
from urllib.parse import urlencode

from flask import current_app, g, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from jinja2.filters import do_truncate
from markupsafe import Markup, escape

from journal.entries.rules import MEANING_SCALE

_SLOT = "00000000-0000-0000-0000-000000000000"
KEPT_TAGS = 4096  # tag links kept per process (a person uses a few dozen tags)
QUERY_SAFE = "!$'()*,/:;?@"  # what Werkzeug's url_for leaves unquoted in a query string


class EntryCards:
    """The words and links of the entry cards on one page."""

    def __init__(self, words, edit_url, timeline_url, environment):
        self.words = words
        self._environment = environment  # for Jinja's own `truncate`, as templates shorten
        self._edit_before, self._edit_after = edit_url.split(_SLOT)
        self._tag_base = f"{timeline_url}?"

    def edit_link(self, entry_id):
        """The entry's edit page, as url_for("entries.edit", entry_id=...) writes it."""
        return f"{self._edit_before}{entry_id}{self._edit_after}"

    def tag_link(self, tag):
        """The timeline filtered by this tag, quoted as url_for("entries.timeline", tag=...)
        quotes it (spaces, '#', '&', non-ASCII)."""
        return self._tag_base + _tag_query(tag)

    def _meaningful(self, value):
        found = self.words.meaningful_on_scale.get(value)
        return found if found is not None else self.words.meaningful % {"value": value}

    def many(self, entries):
        """The cards of these entries, one after the other (one call from a template instead
        of one a card)."""
        return Markup("".join([self.html(entry) for entry in entries]))

    def html(self, entry):
        """The entry's card: a setback's badge, the text, how meaningful it felt, the notes,
        the tags as links to the timeline of each, and the way to edit it."""
        words, setback = self.words, entry.kind == "setback"
        notes = "".join(f"<dt>{label}</dt><dd>{escape(value)}</dd>" for label, value in (
            (words.learned, entry.learned), (words.try_next, entry.try_next),
            (words.helped, entry.helped), (words.hindered, entry.hindered)) if value)
        tags = "".join([_tag_item(self._tag_base, tag) for tag in entry.tags()])
        short = do_truncate(self._environment, entry.text, 40)
        return Markup(
            f'<article class="entry{" setback" if setback else ""}">\n'
            + (f'  <p class="badge not-yet">{words.not_yet}</p>\n' if setback else "")
            + f'  <p class="entry-text">{escape(entry.text)}</p>\n'
            + (f'  <p class="meta">{self._meaningful(entry.meaning)}</p>\n'
               if entry.meaning else "")
            + f'  <dl class="notes">{notes}</dl>\n'
            f'  <div class="entry-foot">\n'
            f'    <ul class="tags">{tags}</ul>\n'
            f'    <a class="edit-link" href="{escape(self.edit_link(entry.id))}">{words.edit}'
            f'<span class="visually-hidden">: {escape(short)}</span></a>\n'
            f'  </div>\n'
            f'</article>\n')


@lru_cache(maxsize=KEPT_TAGS)
def _tag_query(tag):
    return urlencode([("tag", tag)], safe=QUERY_SAFE)


@lru_cache(maxsize=KEPT_TAGS)
def _tag_item(tag_base, tag):
    """A tag of a card as a link to the timeline of that tag (the same few on every page)."""
    return f'<li><a href="{escape(tag_base + _tag_query(tag))}">#{escape(tag)}</a></li>'


def entry_cards():
    """This request's EntryCards: made on the first call, the same object after that."""
    cards = g.get("_entry_cards")
    if cards is None:
        cards = g._entry_cards = EntryCards(
            card_words(), url_for("entries.edit", entry_id=_SLOT), url_for("entries.timeline"),
            current_app.jinja_env)
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
        meaningful_on_scale={value: Markup(_("Meaningful: %(value)s of 5")) % {"value": value}
                             for value in MEANING_SCALE},
        learned=Markup(_("Learned")),
        try_next=Markup(_("Next try")),
        helped=Markup(_("Helped")),
        hindered=Markup(_("Got in the way")),
        edit=Markup(_("Edit")),
    )
