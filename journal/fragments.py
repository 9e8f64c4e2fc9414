"""Parts of pages rendered once and kept: the same template with the same values, in the same
language and under the same address, is the same text, so it is rendered only the first time.

The layout's head, header and tabs depend on nothing but the language and which tab is open;
rendering them on every page was a third of a page's time. A kept part is never stale: what it
shows is all in its key. So its template may use the translations, `url_for` and `asset_url`,
and the values it is given, but never the request, the session, the signed-in person or
anything else that is not in its key (`current_user` and `request` are not defined there)."""
from functools import lru_cache

from flask import current_app, request
from flask_babel import get_locale
from markupsafe import Markup

KEPT_FRAGMENTS = 4096  # per process; the layout's own are a few dozen


def kept_fragment(template_name, **values):
    """`template_name` rendered with only `values` (each hashable: text, numbers, tuples), in
    the page's language, as Markup; kept for later pages with the same values."""
    app = current_app._get_current_object()
    render = app.extensions["kept_fragments"]
    if app.jinja_env.auto_reload:  # developing: an edited template shows at once
        render = render.__wrapped__
    return render(template_name, str(get_locale()), request.script_root,
                  tuple(sorted(values.items())))


def _renderer(app):
    @lru_cache(maxsize=KEPT_FRAGMENTS)
    def render(template_name, _locale, _script_root, values):
        # The language and the address are in the key; rendering reads them from this request.
        return Markup(app.jinja_env.get_template(template_name).render(dict(values)))
    return render


def init_app(app):
    """Keep this app's fragments, and give the templates `kept_fragment`."""
    app.extensions["kept_fragments"] = _renderer(app)
    app.jinja_env.globals["kept_fragment"] = kept_fragment
