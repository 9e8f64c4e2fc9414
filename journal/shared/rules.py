"""The manager's response to a shared summary: what makes valid notes and a valid reply, and the
gentle hint about trait praise. Pure: plain data in, plain data out."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from journal.shared.praise import trait_praise

TEXT_LIMIT = 4000
FIELDS = ("private_notes", "reply")


def clean_response(data):
    """Check the fields sent (`private_notes`, `reply`; each optional, null meaning empty); return
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


def praise_hints(reply):
    """Hints about a reply the employee will read: one when it praises a trait rather than the
    approach, naming the words it noticed. Never a reason to refuse the reply."""
    phrases = trait_praise(reply)
    if not phrases:
        return []
    quoted = "”, “".join(phrases)
    return [{
        "code": "trait_praise",
        "field": "reply",
        "phrases": phrases,
        "message": _("A tip: praise for the approach (“I like how you prepared the intake”) "
                     "helps more than praise for a trait, such as “%(phrases)s”. Your reply "
                     "was saved as written.", phrases=quoted),
    }]
