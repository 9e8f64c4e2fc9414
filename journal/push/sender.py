"""Sending web push messages with pywebpush: concurrent, with timeouts, TTL, urgency and topic,
only to addresses push/network.py allows, and the push service's answer mapped to what to do
next."""
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from flask import current_app, has_app_context
from pywebpush import WebPusher

from journal.push.network import Guard, GuardedSession, Refused

log = logging.getLogger(__name__)

VAPID_LIFETIME = 12 * 3600
MAX_ATTEMPTS = 3
MAX_WAIT = 30


@dataclass
class Message:
    """One message for one device."""

    key: object          # the caller's handle (a delivery and device, say)
    subscription: dict   # {"endpoint", "keys": {"p256dh", "auth"}}
    payload: dict        # JSON-serialisable, kept under 3 KB
    topic: str = ""


def messages_to(devices, payload, kind, delivery_id=None):
    """The same words for each device, as messages keyed by device (or by delivery and device
    when a delivery is recorded); the push topic comes from the kind."""
    return [Message(key=(delivery_id, device.id) if delivery_id else device.id,
                    subscription=device.info(), payload=payload, topic=kind.replace("_", ""))
            for device in devices]


@dataclass
class Outcome:
    """What happened: "sent", "gone" (delete the device), "retry" (try again later),
    or "error" (configuration or payload problem; do not retry)."""

    key: object
    result: str
    status: int = 0
    detail: str = ""


class PushSender:
    """Sends messages with one VAPID key; reuses a signature per push service for an hour.

    `attempts` per message (retrying a busy service with back-off); `deadline` in seconds for a
    whole send_all, after which what has not finished is a "retry" outcome (a request's test
    message must not hold it); `guard` says where it may connect (by default from the current
    app's settings, or from the environment)."""

    def __init__(self, vapid, subject, *, ttl, timeout, workers=16, sleep=time.sleep,
                 attempts=MAX_ATTEMPTS, deadline=None, guard=None):
        self.vapid, self.subject = vapid, subject
        self.ttl, self.timeout, self.workers, self.sleep = ttl, timeout, workers, sleep
        self.attempts, self.deadline = attempts, deadline
        self.guard = guard or (Guard.for_app(current_app) if has_app_context()
                               else Guard.from_environment())
        self._signatures, self._lock, self._local = {}, threading.Lock(), threading.local()

    def send_all(self, messages):
        """Send every message; returns one Outcome per message, within the deadline if any."""
        if not messages:
            return []
        pool = ThreadPoolExecutor(max_workers=min(self.workers, len(messages)))
        futures = [pool.submit(self.send, message) for message in messages]
        done, _ = wait(futures, timeout=self.deadline)
        # Past the deadline, nothing waits for the stragglers: each ends by its own timeout.
        pool.shutdown(wait=self.deadline is None, cancel_futures=True)
        return [future.result() if future in done
                else Outcome(message.key, "retry", 0, "timed out")
                for future, message in zip(futures, messages)]

    def send(self, message):
        """Send one message, retrying a busy or unreachable push service a few times. Never
        raises: whatever goes wrong with one device is that device's outcome alone."""
        try:
            return self._send(message)
        except Exception as error:  # noqa: BLE001 - one bad subscription must not stop a batch
            log.warning("push to one device failed: %s", type(error).__name__)
            return Outcome(message.key, "error", 0, f"unusable: {type(error).__name__}")

    def _send(self, message):
        body = json.dumps(message.payload, separators=(",", ":")).encode()
        if len(body) > 3000:
            return Outcome(message.key, "error", 0, "payload over 3 KB")
        problem = self.guard.url_problem(message.subscription["endpoint"])
        if problem:
            return _refused(message, problem)
        outcome = None
        for attempt in range(1, self.attempts + 1):
            outcome, pause = self._attempt(message, body)
            if outcome.result != "retry" or attempt == self.attempts:
                return outcome
            self.sleep(min(pause or 2 ** attempt, MAX_WAIT))
        return outcome

    def _attempt(self, message, body):
        headers = dict(self._vapid_headers(message.subscription["endpoint"]))
        headers["Urgency"] = "normal"
        if message.topic:
            headers["Topic"] = message.topic
        try:
            response = WebPusher(message.subscription, requests_session=self._session()).send(
                body, headers, ttl=self.ttl, timeout=self.timeout)
        except Refused as error:
            return _refused(message, str(error)), None
        except requests.RequestException as error:
            return Outcome(message.key, "retry", 0, type(error).__name__), None
        except (ValueError, TypeError) as error:
            # Keys a browser (or anyone) sent that cannot encrypt: this device only, never
            # the rest of the batch.
            return Outcome(message.key, "error", 0, f"unusable keys: {type(error).__name__}"), None
        return self._judge(message, response)

    def _judge(self, message, response):
        status = response.status_code
        if status in (200, 201, 202):
            return Outcome(message.key, "sent", status), None
        if 300 <= status < 400:
            # Never followed: a push service does not redirect, and a redirect is how an
            # endpoint would point the server at an address inside the network.
            return Outcome(message.key, "error", status, "redirect not followed"), None
        if status in (404, 410):
            return Outcome(message.key, "gone", status), None
        if status in (429, 500, 502, 503, 504):
            return Outcome(message.key, "retry", status), _retry_after(response)
        if status in (400, 401, 403):
            log.error("push service refused our request (%s): check VAPID keys and subject",
                      status)
        elif status == 413:
            log.error("push payload too large (%s bytes)", len(response.request.body or b""))
        return Outcome(message.key, "error", status, response.reason or ""), None

    def _vapid_headers(self, endpoint):
        parts = urlsplit(endpoint)
        audience = f"{parts.scheme}://{parts.netloc}"
        now = time.time()
        with self._lock:
            cached = self._signatures.get(audience)
            if cached and cached[0] > now + VAPID_LIFETIME - 3600:
                return cached[1]
            # pywebpush/py_vapid mutate the claims they are given: always a fresh dict.
            claims = {"aud": audience, "sub": self.subject, "exp": int(now) + VAPID_LIFETIME}
            headers = self.vapid.sign(claims)
            self._signatures[audience] = (now + VAPID_LIFETIME, headers)
            return headers

    def _session(self):
        if not hasattr(self._local, "session"):
            self._local.session = GuardedSession(self.guard)
        return self._local.session


def _refused(message, problem):
    log.warning("push endpoint refused: %s", problem)
    return Outcome(message.key, "error", 0, f"refused: {problem}")


def _retry_after(response):
    value = response.headers.get("Retry-After", "")
    # Endpoints are chosen by subscribers, so this is outside input: "²".isdigit() is true
    # but int("²") fails, and so does a number of thousands of digits.
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None
