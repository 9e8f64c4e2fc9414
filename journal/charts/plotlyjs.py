"""plotly.js for the chart page: the cartesian bundle vendored in static/vendor/plotly/
(journal/charts/vendor.py pins it), checked and served by the app itself (never a CDN).

The file (1.5 MB) is read once per process, when the app starts, and its sha256 checked
against the pinned one: a different or missing file stops the app with a message that says
how to fetch the right one. It is served at an immutable URL carrying its hash, compressed
once per process and encoding: gzip -9 on first use (60 ms) and brotli at quality 11 in a
background thread (about 4 s on one core; brotli releases the GIL, so requests go on).
Until brotli is ready, browsers that accept it get gzip. Each response says its own
Content-Encoding, so Flask-Compress leaves it alone.

What is served is the file behind one line, COMPILE_HINT: V8's explicit compile hint
(Chromium 136 and later; other engines read a comment). plotly.js is one function called at
once, which V8 would otherwise compile lazily on the main thread while the page waits; with
the hint it compiles it on the thread that streams the download. On this 2-core machine that
took the script's main-thread long task from about 450 ms to about 290 ms.
"""
import gzip
import threading

import brotli
from flask import Response, current_app

from journal.assets import YEAR, fingerprint
from journal.charts.vendor import SHA256, VENDORED, read_checked

BROTLI_QUALITY = 11  # config PLOTLY_BROTLI_QUALITY may lower it (tests do, to save time)
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"

_scripts = {}
_scripts_lock = threading.Lock()


def vendored_path():
    """Where the repository keeps the pinned plotly.js (static/vendor/plotly/)."""
    return VENDORED


class PlotlyScript:
    """One copy of plotly.js in memory, checked against its pinned sha256: the bytes served
    (`raw`: COMPILE_HINT and the file), their hash and compressed forms."""

    def __init__(self, path, *, sha256=SHA256, brotli_quality=BROTLI_QUALITY):
        self.raw = COMPILE_HINT + read_checked(path, sha256)
        self.digest = fingerprint(self.raw)
        self.brotli_quality = brotli_quality
        self._gzip = None
        self._brotli = None
        self._brotli_done = threading.Event()
        self._lock = threading.Lock()
        self._brotli_started = False

    def gzipped(self):
        """The gzip -9 bytes (computed on first call; mtime 0 keeps them the same each run)."""
        with self._lock:
            if self._gzip is None:
                self._gzip = gzip.compress(self.raw, compresslevel=9, mtime=0)
            return self._gzip

    def brotli_bytes(self):
        """The brotli bytes once ready, else None (the first call starts compressing)."""
        with self._lock:
            if not self._brotli_started:
                self._brotli_started = True
                threading.Thread(target=self._compress_brotli, name="plotly-brotli",
                                 daemon=True).start()
        return self._brotli

    def wait_for_brotli(self, timeout=None):
        """Start brotli if needed and wait until it is ready; True when it is."""
        self.brotli_bytes()
        return self._brotli_done.wait(timeout)

    def _compress_brotli(self):
        try:
            self._brotli = brotli.compress(self.raw, quality=self.brotli_quality)
        finally:
            self._brotli_done.set()

    def body_for(self, accepted):
        """(bytes, Content-Encoding or None) for a client accepting these encodings.

        Never None for a client that accepts br or gzip: Flask-Compress would compress
        the 1.5 MB again on every request. (It cannot for one that accepts neither: the
        app lets it use only br and gzip.)
        """
        if "br" in accepted:
            if self.brotli_bytes() is None and "gzip" not in accepted:
                self.wait_for_brotli()  # a rare client: browsers all accept gzip too
            if self._brotli is not None:
                return self._brotli, "br"
        if "gzip" in accepted:
            return self.gzipped(), "gzip"
        return self.raw, None

    def response(self, accepted):
        """The script, compressed as the client allows, cached for a year."""
        body, encoding = self.body_for(accepted)
        response = Response(body, mimetype="text/javascript")
        if encoding:
            response.headers["Content-Encoding"] = encoding
        response.headers["Vary"] = "Accept-Encoding"
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
        return response


def accepted_encodings(accept):
    """The encodings a request accepts ('*' stands for both), from werkzeug's
    `request.accept_encodings`."""
    return {name for name in ("br", "gzip") if accept[name] > 0}


def shared(path=None, *, brotli_quality=BROTLI_QUALITY):
    """The process's one PlotlyScript for this file and quality (read and checked on first
    use)."""
    key = (str(path or vendored_path()), brotli_quality)
    with _scripts_lock:
        if key not in _scripts:
            _scripts[key] = PlotlyScript(key[0], brotli_quality=brotli_quality)
        return _scripts[key]


def plotly_script(app=None):
    """The app's plotly.js (config PLOTLY_BROTLI_QUALITY, default 11)."""
    app = app or current_app
    return shared(brotli_quality=app.config.get("PLOTLY_BROTLI_QUALITY", BROTLI_QUALITY))
