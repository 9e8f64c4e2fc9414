"""Parts of pages rendered once and kept: the same template with the same values, in the same
language, under the same address and with the same static files (their hashes are in the links),
is the same text, so it is rendered only the first time.

The layout's head, header and tabs depend on nothing but the language and which tab is open;
rendering them on every page was a third of a page's time. A kept part is never stale: what it
shows is all in its key. So its template may use the translations, `url_for` and `asset_url`,
and the values it is given, but never the request, the session, the signed-in person or
anything else that is not in its key (`current_user` and `request` are not defined there)."""
from datetime import date
from functools import lru_cache

from flask import current_app, request
from flask_babel import get_locale
from jinja2 import Undefined
from markupsafe import Markup

KEPT_FRAGMENTS = 4096  # per process; the layout's own are a few dozen
PLAIN = (str, int, float, date, type(None))  # bool is an int, datetime a date, Markup a str


class FrozenDict(dict):
    """A mapping that is part of a key: its items never change after freezing."""

    def __hash__(self):
        return hash(tuple(sorted(self.items())))

    def _frozen(self, *args, **kwargs):
        raise TypeError("a kept fragment's values do not change")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _frozen


def freeze(value):
    """Plain data as part of a key: lists become tuples, dicts FrozenDicts. Anything else (a
    model row, say, which compares by its id alone) is refused: its text could change while
    the key stays the same."""
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, Undefined):  # a variable the including template left unset
        return None
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    if isinstance(value, dict):
        return FrozenDict((key, freeze(item)) for key, item in value.items())
    raise TypeError(f"a kept fragment takes plain data, not {type(value).__name__}")


def kept_fragment(template_name, **values):
    """`template_name` rendered with only `values` (plain data: text, numbers, dates, lists and
    dicts of them), in the page's language, as Markup; kept for later pages with the same
    values."""
    app = current_app._get_current_object()
    render = app.extensions["kept_fragments"]
    if app.jinja_env.auto_reload:  # developing: an edited template shows at once
        render = render.__wrapped__
    return render(template_name, str(get_locale()), request.script_root,
                  app.extensions["assets_version"],
                  tuple(sorted((name, freeze(value)) for name, value in values.items())))


def _renderer(app):
    @lru_cache(maxsize=KEPT_FRAGMENTS)
    def render(template_name, _locale, _script_root, _assets_version, values):
        # The language, the address and the release's static files are in the key; rendering
        # reads them from this request and the app.
        template = app.jinja_env.get_template(template_name)
        return Markup(template.render(dict(values), csrf_token=_no_token))
    return render


def _no_token():
    raise RuntimeError("a kept fragment is shared: it must not carry this request's CSRF token")


def init_app(app):
    """Keep this app's fragments, and give the templates `kept_fragment`."""
    app.extensions["kept_fragments"] = _renderer(app)
    app.jinja_env.globals["kept_fragment"] = kept_fragment
