"""A real web push service on 127.0.0.1 for tests and benchmarks.

It does what a browser vendor's push service and the browser do together: it checks the VAPID
token (ES256 JWT) of every request (each distinct token's signature once: senders reuse one per
push service), decrypts the aes128gcm body with the subscriber's private key and auth secret
(by http_ece, not the app's own code), and records the plaintext. Statuses can be queued per
subscription to play a push service that is gone (410), busy (429 + Retry-After) or refusing
(403). It keeps connections alive (HTTP/1.1), as the browsers' push services do, and serves
them from an event loop in a thread of its own (many connections, little time per message).

For benchmarks, `sample=N` verifies and decrypts only every Nth message (the default, 1, checks
every one); every message is still counted per subscriber, so a second message to a device is
seen (`duplicates`) and its arrival time kept (`arrival_times`).
"""
import asyncio
import base64
import json
import os
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Received:
    """One message that arrived, verified and decrypted."""

    subscriber: str
    payload: dict
    ttl: int
    urgency: str
    topic: str
    subject: str
    at: float = field(default_factory=time.time)


@dataclass
class Subscriber:
    private_key: object
    auth: bytes
    statuses: list = field(default_factory=list)  # queued (status, headers) answers


class PushService:
    """Start with `with PushService() as service:`; `service.subscription()` makes a device.
    `sample`: verify and decrypt every message (1) or only every Nth (benchmarks)."""

    def __init__(self, sample=1):
        self.received, self.rejected, self.subscribers = [], [], {}
        self.sample, self.arrivals, self.arrival_times = sample, Counter(), []
        self.posts = 0  # every POST to a known device, answered or not: picks the sample
        self.signed = {}  # Authorization header -> its claims, once its signature held
        self.lock = threading.Lock()
        self.connections = set()
        # Its own loop in its own thread, whatever the test's thread runs (a browser driver
        # runs an event loop of its own).
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = asyncio.run_coroutine_threadsafe(asyncio.start_server(
            self._serve, "127.0.0.1", 0, backlog=512), self.loop).result(timeout=10)
        self.port = self.server.sockets[0].getsockname()[1]
        self.origin = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._in_loop(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()

    def close_connections(self):
        """Close every open connection, as a push service does with idle ones."""
        self._in_loop(self._close_all())

    def _in_loop(self, work):
        asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=10)

    async def _stop(self):
        self.server.close()
        await self._close_all()

    async def _close_all(self):
        for writer in list(self.connections):
            writer.close()
        await asyncio.sleep(0)

    @property
    def count(self):
        """Messages accepted (201), verified or not."""
        return len(self.arrival_times)

    @property
    def duplicates(self):
        """Messages beyond the first that reached the same device."""
        return sum(n - 1 for n in self.arrivals.values() if n > 1)

    def subscription(self):
        """A new device: PushSubscription.toJSON() whose keys only this service can use."""
        private_key = ec.generate_private_key(ec.SECP256R1())
        public = private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        auth = os.urandom(16)
        name = uuid.uuid4().hex
        self.subscribers[name] = Subscriber(private_key, auth)
        return {"endpoint": f"{self.origin}/push/{name}",
                "keys": {"p256dh": b64url(public), "auth": b64url(auth)}}

    def answer(self, subscription, status, headers=None, times=1):
        """Make the next `times` requests for this device get `status`."""
        name = subscription["endpoint"].rsplit("/", 1)[1]
        self.subscribers[name].statuses.extend([(status, headers or {})] * times)

    def messages_for(self, subscription):
        name = subscription["endpoint"].rsplit("/", 1)[1]
        return [message for message in self.received if message.subscriber == name]

    def wait_for(self, count, timeout=10):
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(self.received) >= count

    # -- checks ----------------------------------------------------------------------------

    def verify_vapid(self, authorization):
        """The JWT's claims when the signature is valid for the key in `k=` and the claims hold
        (our audience, not expired, a mailto: or https: subject), else None. A sender reuses
        one token per push service, so a signature already verified is not verified again;
        the claims are checked on every message."""
        claims = self.signed.get(authorization)
        if claims is None:
            claims = _signed_claims(authorization)
            if claims is not None and len(self.signed) < 1000:
                self.signed[authorization] = claims
        ok = (claims is not None and claims.get("aud") == self.origin
              and claims.get("exp", 0) > time.time()
              and str(claims.get("sub", "")).startswith(("mailto:", "https:")))
        return claims if ok else None

    # -- serving ---------------------------------------------------------------------------

    async def _serve(self, reader, writer):
        """One connection: requests one after the other until the client leaves."""
        self.connections.add(writer)
        try:
            while (request := await _request(reader)) is not None:
                writer.write(_response(*self._answer(*request)))
        except (ConnectionError, ValueError, asyncio.IncompleteReadError,
                asyncio.LimitOverrunError):
            pass  # a client that went away or sent nonsense: the connection ends
        finally:
            self.connections.discard(writer)
            writer.close()

    def _answer(self, path, headers, body):
        """(status, headers) for one POST; counts, verifies and decrypts as it goes."""
        name = path.rsplit("/", 1)[-1]
        subscriber = self.subscribers.get(name)
        if subscriber is None:
            return 404, {}
        with self.lock:
            queued = subscriber.statuses.pop(0) if subscriber.statuses else None
            number, self.posts = self.posts, self.posts + 1
        if queued:
            return queued
        if headers.get("content-encoding") != "aes128gcm":
            self.rejected.append(name)
            return 400, {}
        if number % self.sample == 0 and not self._verify(name, subscriber, headers, body):
            return 401, {}
        with self.lock:
            self.arrivals[name] += 1
            self.arrival_times.append(time.time())
        return 201, {}

    def _verify(self, name, subscriber, headers, body):
        claims = self.verify_vapid(headers.get("authorization", ""))
        if claims is None:
            self.rejected.append(name)
            return False
        plaintext = http_ece.decrypt(body, private_key=subscriber.private_key,
                                     auth_secret=subscriber.auth, version="aes128gcm")
        with self.lock:
            self.received.append(Received(
                name, json.loads(plaintext), int(headers.get("ttl", 0)),
                headers.get("urgency", ""), headers.get("topic", ""), claims["sub"]))
        return True


def _signed_claims(authorization):
    """The claims of a `vapid t=..., k=...` header whose ES256 signature holds, else None."""
    try:
        scheme, params = authorization.split(" ", 1)
        parts = dict(item.strip().split("=", 1) for item in params.split(","))
        token, key = parts["t"], parts["k"]
        header, claims, signature = token.split(".")
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
        raw = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"),
                                   int.from_bytes(raw[32:], "big"))
        public.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    except (ValueError, KeyError, InvalidSignature):
        return None
    return json.loads(unb64url(claims)) if scheme == "vapid" else None


async def _request(reader):
    """(path, headers by lower-case name, body) of the next request, or None when the client
    closed the connection."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial:
            raise
        return None
    first, *lines = head[:-4].decode("latin-1").split("\r\n")
    _method, path, _version = first.split(" ", 2)
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return path, headers, await reader.readexactly(int(headers.get("content-length", 0)))


def _response(status, headers):
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}",
             *(f"{key}: {value}" for key, value in headers.items()), "Content-Length: 0"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
