"""A real OpenID Connect provider for the tests: panva's certified `oidc-provider` (Node.js, see
tests/oidc/), run on loopback behind a small Python proxy.

Nothing here is a mock: discovery, the authorization, token, userinfo, JWKS and end-session
endpoints, the login and consent pages (oidc-provider's `devInteractions`: any login name, any
password) and every check on the way (redirect URIs, client authentication, PKCE, code expiry)
are the certified provider's own.

The proxy in front of it is the issuer the app talks to. It forwards every request unchanged and
records it (`OidcProvider.requests`), and on demand (`tamper_next_id_token`) replaces claims of
the next ID token the token endpoint issues, re-signed with the provider's own key: the
signature is valid and only the claim is wrong, which proves that the app itself checks nonce,
iss and aud rather than relying on a broken signature.

Where claims go (oidc-provider 9's default, the spec's rule): with the code flow an access token
is issued, so the ID token carries only sub, iss, aud, exp, iat and nonce (no auth_time unless
max_age is asked, no at_hash, no sid); `email`, `email_verified` (scope `email`) and `name`
(scope `profile`) come from the userinfo endpoint alone. The callback also carries `iss`
(RFC 9207).

PKCE: optional for this confidential client, and S256 is the only method; the client's http
redirect URIs (127.0.0.1 with a port, localhost) are matched exactly, port and path included.

Accounts: any login signs in, as `sub` = the login, with `email` = login@corp.test,
`email_verified` true and `name` = the login capitalised, unless `set_account` says otherwise.
"""
import base64
import fcntl
import hashlib
import html
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

PACKAGE = Path(__file__).with_name("oidc")
START_TIMEOUT = 30
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer",
              "transfer-encoding", "upgrade"}


def ensure_installed():
    """Install tests/oidc's locked packages (`npm ci`) unless what is installed matches
    package-lock.json; safe to call from several pytest-xdist workers at once."""
    lockfile = PACKAGE / "package-lock.json"
    stamp = PACKAGE / "node_modules" / ".installed-lock-sha256"
    wanted = hashlib.sha256(lockfile.read_bytes()).hexdigest()

    def installed():
        return ((PACKAGE / "node_modules" / "oidc-provider" / "package.json").exists()
                and stamp.exists() and stamp.read_text() == wanted)

    if installed():
        return
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm is not installed: the OpenID Connect provider tests need Node.js")
    lock_name = f"oidc-npm-{hashlib.sha256(str(PACKAGE).encode()).hexdigest()[:12]}.lock"
    with open(Path(tempfile.gettempdir()) / lock_name, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if installed():  # another worker installed it while this one waited
            return
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                              cwd=PACKAGE, capture_output=True, text=True, timeout=600,
                              check=False)
        if done.returncode:
            raise RuntimeError(f"npm ci in {PACKAGE} failed ({done.returncode}):\n"
                               f"{done.stdout}{done.stderr}")
        stamp.write_text(wanted)


def b64url(data):
    """Base64url without padding, as JOSE writes it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    """The bytes of a base64url text without padding."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def int_b64(number):
    """A JWK integer member: its big-endian bytes, base64url."""
    return b64url(number.to_bytes((number.bit_length() + 7) // 8, "big"))


def private_jwk(key, kid):
    """The JWK (RS256 signing key, private members included) of an RSA private key."""
    private, public = key.private_numbers(), key.public_key().public_numbers()
    return {"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig",
            "n": int_b64(public.n), "e": int_b64(public.e), "d": int_b64(private.d),
            "p": int_b64(private.p), "q": int_b64(private.q), "dp": int_b64(private.dmp1),
            "dq": int_b64(private.dmq1), "qi": int_b64(private.iqmp)}


def sign_rs256(key, header, claims):
    """A compact JWS of these claims, signed RS256 with this key under this header."""
    signing_input = (b64url(json.dumps(header).encode()) + "."
                     + b64url(json.dumps(claims).encode()))
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + b64url(signature)


class _Forms(HTMLParser):
    """The forms (action, method, named input values) and link targets of an HTML page."""

    def __init__(self, page):
        super().__init__()
        self.forms, self.links = [], []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""),
                               "method": attrs.get("method", "get").lower(), "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


class _ProxyHandler(BaseHTTPRequestHandler):
    """Forwards one request to the node process as it came and returns its answer unchanged
    (redirects included), but for an ID token the harness was told to tamper with."""

    harness = None  # the OidcProvider, set on a subclass per proxy

    def forward(self):
        harness = self.harness
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with harness._lock:
            harness.requests.append((self.command, self.path))
        upstream = http.client.HTTPConnection("127.0.0.1", harness._node_port, timeout=30)
        try:
            upstream.putrequest(self.command, self.path, skip_host=True,
                                skip_accept_encoding=True)
            for name, value in self.headers.items():
                if name.lower() not in HOP_BY_HOP:
                    upstream.putheader(name, value)
            upstream.endheaders(body or None)
            answer = upstream.getresponse()
            status, headers, content = answer.status, answer.getheaders(), answer.read()
        except OSError as error:
            self.send_error(502, f"OpenID Connect provider unreachable: {error}")
            return
        finally:
            upstream.close()
        if self.command == "POST" and status == 200 and b'"id_token"' in content:
            content = harness._tamper(content)
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP | {"content-length"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = forward

    def log_message(self, format, *args):
        """Quiet: the harness records requests in `OidcProvider.requests` instead."""


class OidcProvider:
    """A running oidc-provider with one confidential web client (code flow,
    client_secret_basic, PKCE S256 optional), behind a recording, tampering proxy whose URL is
    the issuer. A context manager; or call `start()` and `stop()`."""

    def __init__(self, redirect_uris, post_logout_redirect_uris=(), client_id="journal",
                 client_secret=None, code_ttl=60):
        self.redirect_uris = list(redirect_uris)
        self.post_logout_redirect_uris = list(post_logout_redirect_uris)
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.code_ttl = code_ttl
        self.issuer = None
        self.requests = []  # (method, path with query) of every request the proxy forwarded
        self._lock = threading.Lock()
        self._tampering = None
        self._discovery = None
        self._node = self._proxy = self._dir = None

    def start(self):
        """Generate the signing key, start the proxy and the provider, and wait until it
        listens."""
        ensure_installed()
        self._dir = Path(tempfile.mkdtemp(prefix="oidc-provider-"))
        self.kid = secrets.token_hex(8)
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        (self._dir / "jwks.json").write_text(json.dumps({"keys": [private_jwk(self._key,
                                                                             self.kid)]}))
        self._accounts = {}
        self._write_accounts()

        handler = type("Handler", (_ProxyHandler,), {"harness": self})
        self._proxy = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._proxy.daemon_threads = True
        threading.Thread(target=self._proxy.serve_forever, args=(0.05,), daemon=True).start()
        self.issuer = f"http://127.0.0.1:{self._proxy.server_address[1]}"

        config = self._dir / "config.json"
        config.write_text(json.dumps({
            "issuer": self.issuer, "port": 0, "code_ttl": self.code_ttl,
            "jwks_path": str(self._dir / "jwks.json"),
            "accounts_path": str(self._dir / "accounts.json"),
            "cookie_keys": [secrets.token_urlsafe(32)],
            "client": {"client_id": self.client_id, "client_secret": self.client_secret,
                       "redirect_uris": self.redirect_uris,
                       "post_logout_redirect_uris": self.post_logout_redirect_uris},
        }))
        node = shutil.which("node")
        if not node:
            raise RuntimeError("node is not installed: the OpenID Connect provider needs Node.js")
        self._log = self._dir / "provider.log"
        with open(self._log, "wb") as log:
            self._node = subprocess.Popen(
                [node, "provider.mjs"], cwd=PACKAGE, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env={**os.environ, "OIDC_PROVIDER_CONFIG": str(config)})
        self._node_port = self._wait_listening()
        return self

    def _wait_listening(self):
        """The port the provider printed once listening; an error with its output if it died
        or took too long."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            found = re.search(r"^listening (\d+)$", self._log.read_text(), re.MULTILINE)
            if found:
                return int(found[1])
            if self._node.poll() is not None:
                break
            time.sleep(0.02)
        output = self._log.read_text()
        self.stop()
        raise RuntimeError(f"the OpenID Connect provider did not start:\n{output}")

    def stop(self):
        """Stop the provider (killed if it has not ended within 5 s) and the proxy."""
        if self._node is not None:
            self._node.terminate()
            try:
                self._node.wait(5)
            except subprocess.TimeoutExpired:
                self._node.kill()
                self._node.wait()
            self._node = None
        if self._proxy is not None:
            self._proxy.shutdown()
            self._proxy.server_close()
            self._proxy = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def discovery(self):
        """The provider's discovery document (fetched from the provider directly, so it is not
        in `requests`)."""
        if self._discovery is None:
            request = urllib.request.Request(
                f"http://127.0.0.1:{self._node_port}/.well-known/openid-configuration",
                headers={"Host": self.issuer.removeprefix("http://")})
            with urllib.request.urlopen(request, timeout=10) as answer:
                self._discovery = json.load(answer)
        return self._discovery

    def set_account(self, login, **claims):
        """Set the claims (email, email_verified, name, ...) of this login, replacing what was
        set before; a claim left out keeps its default and `email=None` leaves the email (and,
        unless given, email_verified) out. Takes effect at the provider's next lookup."""
        self._accounts[login] = claims
        self._write_accounts()

    def _write_accounts(self):
        path = self._dir / "accounts.json"
        path.with_suffix(".tmp").write_text(json.dumps(self._accounts))
        path.with_suffix(".tmp").replace(path)  # atomic: the provider never reads half a file

    def tamper_next_id_token(self, **claims):
        """Replace these claims (e.g. nonce="x", iss="http://evil", aud="other") in the next ID
        token the token endpoint issues, re-signed with the provider's key and kid."""
        with self._lock:
            self._tampering = claims

    def _tamper(self, content):
        """A token response with its ID token tampered with, if that was asked for."""
        with self._lock:
            claims, self._tampering = self._tampering, None
        if claims is None:
            return content
        tokens = json.loads(content)
        header, payload, _ = tokens["id_token"].split(".")
        tokens["id_token"] = sign_rs256(self._key, json.loads(b64url_decode(header)),
                                        {**json.loads(b64url_decode(payload)), **claims})
        return json.dumps(tokens).encode()

    def sign_in(self, authorize_url, login, password="secret", consent=True, cancel=False):
        """Drive the provider's login and consent pages from the app's authorization URL, with a
        fresh browser session, and return the URL the provider finally redirects to (the app's
        redirect URI; not followed). `cancel` cancels at the login page and `consent=False`
        declines at the consent page: both end with `error=access_denied`."""
        browser = requests.Session()
        url, form = authorize_url, None
        for _ in range(20):
            if form:
                answer = browser.post(url, data=form, allow_redirects=False, timeout=10)
            else:
                answer = browser.get(url, allow_redirects=False, timeout=10)
            form = None
            if answer.is_redirect:
                url = urljoin(url, answer.headers["Location"])
                if not url.startswith(self.issuer + "/"):
                    return url
                continue
            page = _Forms(answer.text)
            prompt = page.forms[0]["fields"].get("prompt") if page.forms else None
            if answer.status_code != 200 or prompt not in ("login", "consent"):
                text = re.sub(r"<style.*?</style>|<[^>]*>", " ", answer.text, flags=re.DOTALL)
                text = " ".join(html.unescape(text).split())
                raise RuntimeError(f"unexpected provider page ({answer.status_code}) at {url}: "
                                   f"{text[:500]}")
            if (prompt == "login" and cancel) or (prompt == "consent" and not consent):
                url = urljoin(url, next(link for link in page.links if "/abort" in link))
                continue
            form = page.forms[0]["fields"]
            if prompt == "login":
                form.update(login=login, password=password)
            url = urljoin(url, page.forms[0]["action"])
        raise RuntimeError(f"the provider never redirected back to the app (last at {url})")
