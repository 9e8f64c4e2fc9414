"""The installable app: web app manifest, service worker, and the offline shell pages."""
import json
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, render_template
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from jinja2.utils import htmlsafe_json_dumps

from journal.assets import asset_url, fingerprint
from journal.config import PROJECT_ROOT
from journal.entries.rules import TEXT_LIMIT

bp = Blueprint("pwa", __name__)

WORKER_SOURCE = PROJECT_ROOT / "service_worker" / "sw.js"
# Install icons are left out: the browser fetches them itself when the app is installed.
SHELL_ASSETS = ("css/app.css", "js/common.js", "js/outbox.js", "js/app.js", "icons/icon.svg")
THEME_COLOR = "#2f6f5e"
BACKGROUND_COLOR = "#f7f3ec"


def worker_script(source, *, version, precache, common_url, outbox_url):
    """The service worker source with this release's version, precache list and the URLs of
    the scripts it imports filled in."""
    return (source
            .replace('"__VERSION__"', json.dumps(version))
            .replace('["__PRECACHE__"]', json.dumps(precache))
            .replace('"__COMMON__"', json.dumps(common_url))
            .replace('"__OUTBOX__"', json.dumps(outbox_url)))


def manifest_data():
    """The web app manifest, in the user's language."""
    return {
        "id": "/",
        "name": _("Progress Journal"),
        "short_name": _("Progress"),
        "description": _("A private journal for noticing your meaningful progress at work."),
        "lang": str(get_locale()),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": asset_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png",
             "purpose": "any"},
            {"src": asset_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "any"},
            {"src": asset_url("icons/icon-maskable-512.png"), "sizes": "512x512",
             "type": "image/png", "purpose": "maskable"},
        ],
        "shortcuts": [
            {"name": _("Log progress"), "short_name": _("Log"), "url": "/?focus=text",
             "icons": [{"src": asset_url("icons/icon-192.png"), "sizes": "192x192"}]},
        ],
    }


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest."""
    response = jsonify(manifest_data())
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/sw.js")
def service_worker():
    """The service worker, at the root so it controls every page; never cached by HTTP."""
    source = current_app.extensions["worker_source"]
    precache = [asset_url(name) for name in SHELL_ASSETS] + ["/quick", "/offline"]
    version = fingerprint((current_app.extensions["assets_version"] + source).encode())
    body = worker_script(source, version=version, precache=precache,
                         common_url=asset_url("js/common.js"),
                         outbox_url=asset_url("js/outbox.js"))
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/quick")
def quick():
    """A quick-entry page that holds no user data, so the worker can keep it for offline use."""
    return render_template("pwa/quick.html")


@bp.get("/offline")
def offline():
    """Shown by the worker when a page cannot be reached."""
    return render_template("pwa/offline.html")


def js_messages():
    """The words the page script shows, in the user's language."""
    return {
        "saved": _("Saved. Small steps count."),
        "saved_offline": _("Saved on this phone — it will sync."),
        # Both forms of a counted message (for one, and for more), with {n} where the page puts
        # the number; written out at each call, so the translation extraction finds them.
        "waiting": [ngettext("%(count)s entry is waiting to sync.",
                             "%(count)s entries are waiting to sync.", n, count="{n}")
                    for n in (1, 2)],
        "login_again": _("Log in again to sync what is waiting on this phone."),
        "log_in": _("Log in"),
        "no_user": _("Log in once while online; after that you can log progress here offline."),
        "not_synced": _("Not yet synced"),
        "not_saved": _("Not saved"),
        "text_required": _("Write a few words about your progress."),
        "text_too_long": _("Please keep it under %(limit)s characters.", limit=TEXT_LIMIT),
        "synced": [ngettext("%(count)s entry from this phone is now in your journal.",
                            "%(count)s entries from this phone are now in your journal.", n,
                            count="{n}") for n in (1, 2)],
        # A waiting entry's day as the timeline names it (other days the browser writes out).
        "today": _("Today"),
        "yesterday": _("Yesterday"),
        "logout_waiting": [ngettext(
            "%(count)s entry has not synced yet. It stays on this phone and syncs when you "
            "log in again. Log out anyway?",
            "%(count)s entries have not synced yet. They stay on this phone and sync when you "
            "log in again. Log out anyway?", n, count="{n}") for n in (1, 2)],
    }


_MESSAGES_JSON = {}


def js_messages_json():
    """js_messages as JSON safe inside a <script>, made once per language: every page carries
    them, and they change only with a new release."""
    locale = str(get_locale())
    found = _MESSAGES_JSON.get(locale)
    if found is None:
        found = _MESSAGES_JSON[locale] = htmlsafe_json_dumps(js_messages(),
                                                             dumps=current_app.json.dumps)
    return found


def init_app(app):
    """Serve the installable app's files; read the worker source once (tests may swap it to
    simulate a new release)."""
    app.register_blueprint(bp)
    app.extensions["worker_source"] = Path(WORKER_SOURCE).read_text()
    app.jinja_env.globals["js_messages_json"] = js_messages_json
