"""A real web push service on 127.0.0.1 for tests and benchmarks.

It does what a browser vendor's push service and the browser do together: it checks the VAPID
signature (ES256 JWT) of every request, decrypts the aes128gcm body with the subscriber's
private key and auth secret, and records the plaintext. Statuses can be queued per
subscription to play a push service that is gone (410), busy (429 + Retry-After) or refusing
(403).
"""
import base64
import json
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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
    """Start with `with PushService() as service:`; `service.subscription()` makes a device."""

    def __init__(self):
        self.received, self.rejected, self.subscribers = [], [], {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

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
        """The JWT's claims when the signature is valid for the key in `k=`, else None."""
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
        claims = json.loads(unb64url(claims))
        ok = (scheme == "vapid" and claims.get("aud") == self.origin
              and claims.get("exp", 0) > time.time()
              and str(claims.get("sub", "")).startswith(("mailto:", "https:")))
        return claims if ok else None


def _handler_for(service):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            name = self.path.rsplit("/", 1)[-1]
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            subscriber = service.subscribers.get(name)
            if subscriber is None:
                return self._reply(404)
            with service.lock:
                queued = subscriber.statuses.pop(0) if subscriber.statuses else None
            if queued:
                return self._reply(*queued)
            claims = service.verify_vapid(self.headers.get("Authorization", ""))
            if claims is None or self.headers.get("Content-Encoding") != "aes128gcm":
                service.rejected.append(name)
                return self._reply(401)
            plaintext = http_ece.decrypt(body, private_key=subscriber.private_key,
                                         auth_secret=subscriber.auth, version="aes128gcm")
            with service.lock:
                service.received.append(Received(
                    name, json.loads(plaintext), int(self.headers.get("TTL", 0)),
                    self.headers.get("Urgency", ""), self.headers.get("Topic", ""),
                    claims["sub"]))
            self._reply(201)

        def _reply(self, status, headers=None):
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler
