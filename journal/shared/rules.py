"""The manager's response to a shared summary: what makes valid notes and a valid reply, the
gentle hints about trait praise and consoling remarks once a reply is sent, and the coaching
while it is typed. Pure: plain data in, plain data out."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from journal.shared.praise import CONSOLING, PATTERNS, consoling_remarks, trait_praise

TEXT_LIMIT = 4000
FIELDS = ("private_notes", "reply", "observations")
# Fields the employee reads, so the praise coaching looks at them.
READ_BY_EMPLOYEE = ("reply", "observations")
HIGHLIGHT_WORDS = 80  # characters of a highlight quoted in a suggestion


def clean_response(data):
    """Check the fields sent (`private_notes`, `reply`, `observations`: what the manager saw in
    the work; each optional, null meaning empty); return
    (clean values of the fields sent, {field: message})."""
    clean, errors = {}, {}
    for field in FIELDS:
        if field not in data:
            continue
        value = data[field]
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors[field] = _l("This must be text.")
        elif len(value.strip()) > TEXT_LIMIT:
            errors[field] = _l("Please keep it under %(limit)s characters.", limit=TEXT_LIMIT)
        else:
            clean[field] = value.strip()
    return clean, errors


def praise_hints(reply, field="reply"):
    """Hints about a text the employee will read (`field`: the reply, or the observations): one
    when it praises a trait rather than the approach, one when it consoles by lowering
    expectations, each naming the words it noticed. Never a reason to refuse the text."""
    hints = []
    words = _hint_words(field)
    phrases = trait_praise(reply)
    if phrases:
        hints.append(_hint("trait_praise", phrases, words["trait_praise"] % {
            "phrases": "”, “".join(phrases)}, field))
    remarks = consoling_remarks(reply)
    if remarks:
        hints.append(_hint("consoling", remarks, words["consoling"] % {
            "phrases": "”, “".join(remarks)}, field))
    return hints


def _hint_words(field):
    if field == "observations":
        return {"trait_praise": _(
            "A tip: what you saw in the approach (“I noticed how you prepared the intake”) "
            "helps more than a trait, such as “%(phrases)s”. What you saw was saved as "
            "written."),
            "consoling": _(
            "A tip: “%(phrases)s” may sound kind, but it says the ability is fixed. “Not yet” "
            "leaves room to grow: name what helped and what could help next. What you saw was "
            "saved as written.")}
    return {"trait_praise": _(
        "A tip: praise for the approach (“I like how you prepared the intake”) helps more "
        "than praise for a trait, such as “%(phrases)s”. Your reply was saved as written."),
        "consoling": _(
        "A tip: “%(phrases)s” may sound kind, but it says the ability is fixed. “Not yet” "
        "leaves room to grow: ask what could help with the next step. Your reply was saved "
        "as written.")}


def _hint(code, phrases, message, field="reply"):
    return {"code": code, "field": field, "phrases": phrases, "message": message}


# -- coaching while the reply is typed ---------------------------------------------------------

def praise_highlight(items, marks):
    """The employee's own words to build a suggestion on: the first highlight that is progress
    achieved (not still to achieve, not help wanted, not a setback), without its "Achieved:"
    mark and shortened to HIGHLIGHT_WORDS; None when there is none.

    `items` have .text; `marks` is {language: {kind: the words before a highlight of that kind}}
    for the kinds "achieved", "still", "help" and "learned" (journal.summaries.rules.item_marks).
    """
    skipped = [mark[kind].casefold() for mark in marks.values()
               for kind in ("still", "help", "learned") if mark.get(kind)]
    achieved = [mark["achieved"] for mark in marks.values() if mark.get("achieved")]
    for item in items:
        text = " ".join(item.text.split())
        if not text or any(text.casefold().startswith(mark) for mark in skipped):
            continue
        for mark in achieved:
            if text.casefold().startswith(mark.casefold()):
                text = text[len(mark):].strip()
        if len(text) > HIGHLIGHT_WORDS:
            text = text[:HIGHLIGHT_WORDS - 1].rstrip() + "…"
        return text or None
    return None


def reply_coach(highlight):
    """What the page needs to coach a reply as it is typed: the patterns (the same ones the
    hints use, read alike by JavaScript), and per kind the words of the tip (with {phrases}
    where the noticed words go) and a rewrite built on the employee's own highlight."""
    if highlight:
        praise = _("I like how you went about “%(highlight)s”. How did you do it?",
                   highlight=highlight)
        console = _("Earlier you managed “%(highlight)s”. What helped you then, and what could "
                    "help you now?", highlight=highlight)
    else:
        praise = _("I like how you went about this. How did you do it?")
        console = _("It does not work yet, and that is part of learning. What could help you "
                    "with the next step?")
    return {
        "patterns": {"trait_praise": [pattern.pattern for pattern in PATTERNS],
                     "consoling": [pattern.pattern for pattern in CONSOLING]},
        "tips": {
            "trait_praise": _("A tip before you send: praise for the approach or the effort "
                              "helps more than praise for a trait, such as “%(phrases)s”.",
                              phrases="{phrases}"),
            "consoling": _("A tip before you send: “%(phrases)s” may sound kind, but it says "
                           "the ability is fixed. “Not yet” leaves room to grow.",
                           phrases="{phrases}"),
        },
        "suggestions": {"trait_praise": praise, "consoling": console},
        "words": {"suggest": _("You could write:"), "use": _("Use this sentence")},
    }
