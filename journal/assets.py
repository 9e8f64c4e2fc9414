"""Static files with content-hashed URLs: cached for good, replaced the moment they change."""
import gzip
import hashlib
import threading
from pathlib import Path

import brotli
from flask import current_app, has_request_context, request, url_for

YEAR = 365 * 24 * 3600
# Static files are compressed once per file, version and encoding, at the best levels: brotli
# 11 made them a sixth smaller than the level-4 compression of every request before (app.css
# 9.6 KB -> 7.9 KB), and a request for one no longer compresses anything. Pages, made anew on
# every request, are compressed by Flask-Compress at a fast level (config COMPRESS_BR_LEVEL).
STATIC_ENCODINGS = {"br": lambda data: brotli.compress(data, quality=11),
                    "gzip": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}
COMPRESSED_TYPES = {"text/css", "text/javascript", "application/javascript", "image/svg+xml",
                    "application/json", "application/manifest+json"}


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


def _compressed_static(response):
    """A static file's body from the kept compressed copies, when the client takes one."""
    if (request.endpoint != "static" or response.status_code != 200
            or response.mimetype not in COMPRESSED_TYPES or "Content-Encoding" in response.headers):
        return response
    encoding = request.accept_encodings.best_match(STATIC_ENCODINGS)
    etag, _weak = response.get_etag()
    if encoding is None or etag is None:
        return response
    kept, lock = current_app.extensions["compressed_static"]
    key = (request.view_args["filename"], etag, encoding)
    with lock:
        body = kept.get(key)
    response.direct_passthrough = False
    if body is None:
        body = STATIC_ENCODINGS[encoding](response.get_data())
        with lock:
            kept[key] = body
    elif hasattr(response.response, "close"):
        response.response.close()  # the file send_file opened: not read after all
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    response.set_etag(f"{etag}:{encoding}")
    return response.make_conditional(request)


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
    # Registered after Flask-Compress, so this runs before it: then it finds the body
    # compressed already and leaves it alone.
    app.extensions["compressed_static"] = ({}, threading.Lock())
    app.after_request(_compressed_static)
