"""The one way rules and stores say no: a Refusal names its kind, says why in the person's words,
and points at the field it is about. It knows nothing of HTTP: journal.web maps kinds to
statuses, so the same refusal reads right on a page and in the API."""

# The kinds of no, each a different situation for the person (and an HTTP status in journal.web).
KINDS = ("malformed", "invalid", "not_found", "conflict", "gone", "forbidden")


class Refusal(Exception):
    """Why something cannot be done: `kind` (one of KINDS), a `message` for the person, and the
    `field` it is about, or `fields` with a message each. `code` names the reason for API
    clients when it is more precise than the kind (such as "invitation_expired")."""

    def __init__(self, kind, message, field=None, *, fields=None, code=None):
        if kind not in KINDS:
            raise ValueError(f"unknown refusal kind {kind!r}")
        super().__init__(str(message))
        self.kind, self.message, self.field, self.code = kind, message, field, code
        self.fields = dict(fields or ({field: message} if field else {}))
