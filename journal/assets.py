"""Static files with content-hashed URLs: cached for good, replaced the moment they change."""
import hashlib
from pathlib import Path

from flask import current_app, has_request_context, request, url_for

YEAR = 365 * 24 * 3600


def fingerprint(data):
    """A short content hash."""
    return hashlib.sha256(data).hexdigest()[:12]


def hash_static_files(static_folder):
    """{relative path: content hash} for every file under static/."""
    root = Path(static_folder)
    return {path.relative_to(root).as_posix(): fingerprint(path.read_bytes())
            for path in sorted(root.rglob("*")) if path.is_file()}


def asset_url(filename):
    """The URL of a static file, versioned by its content (built once per file and script
    root: every page links the same few)."""
    kept = current_app.extensions["asset_urls"]
    key = (request.script_root if has_request_context() else None, filename)
    found = kept.get(key)
    if found is None:
        version = current_app.extensions["asset_hashes"].get(filename)
        found = kept[key] = url_for("static", filename=filename, v=version)
    return found


def _cache_versioned(response):
    if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
        response.cache_control.no_cache = None  # send_file's default; a hashed URL never changes
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    return response


def refresh(app):
    """(Re)hash the static files; the release's asset version follows from their hashes."""
    hashes = hash_static_files(app.static_folder)
    app.extensions["asset_hashes"] = hashes
    app.extensions["asset_urls"] = {}
    app.extensions["assets_version"] = fingerprint("".join(sorted(
        f"{name}:{digest}" for name, digest in hashes.items())).encode())


def init_app(app):
    """Hash the static files once at start and offer `asset_url` to templates."""
    refresh(app)
    app.jinja_env.globals["asset_url"] = asset_url
    app.after_request(_cache_versioned)
