"""Sending web push messages: encrypted per device (push/encryption.py), signed with a VAPID
token reused per push service, posted concurrently (asyncio, `workers` at a time) over
kept-alive connections only to addresses push/network.py allows (push/transport.py), with
deadlines, TTL, urgency and topic, and the push service's answer mapped to what to do next."""
import asyncio
import inspect
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, has_app_context

from journal.push.encryption import encrypt, receiver_keys
from journal.push.network import Guard, Refused, Unreachable
from journal.push.transport import PinnedClient

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

    `workers` messages at a time; `attempts` per message (retrying a busy service with
    back-off, waiting with `sleep`, a plain function or a coroutine function); `timeout`
    bounds each attempt as a whole; `deadline` in seconds for a whole send_all, after which
    what has not finished is a "retry" outcome (a request's test message must not hold it);
    `guard` says where it may connect (by default from the current app's settings, or from
    the environment). send and send_all run an event loop of their own; a dispatcher keeps one
    for its whole pass and sends with send_async there (push/courier.py)."""

    def __init__(self, vapid, subject, *, ttl, timeout, workers=16, sleep=asyncio.sleep,
                 attempts=MAX_ATTEMPTS, deadline=None, guard=None):
        self.vapid, self.subject = vapid, subject
        self.ttl, self.timeout, self.workers, self.sleep = ttl, timeout, workers, sleep
        self.attempts, self.deadline = attempts, deadline
        self.guard = guard or (Guard.for_app(current_app) if has_app_context()
                               else Guard.from_environment())
        self._signatures, self._lock = {}, threading.Lock()

    def client(self):
        """A new HTTP client for one event loop, keeping up to `workers` connections per
        push service."""
        return PinnedClient(self.guard, connections=self.workers)

    def send_all(self, messages):
        """Send every message; returns one Outcome per message, within the deadline if any."""
        if not messages:
            return []
        return _run(self._send_all(messages))

    def send(self, message):
        """Send one message (see send_async)."""
        return self.send_all([message])[0]

    async def send_async(self, message, client):
        """Send one message with `client`, retrying a busy or unreachable push service a few
        times. Never raises (but for cancellation): whatever goes wrong with one device is
        that device's outcome alone."""
        try:
            return await self._send(message, client)
        except Exception as error:  # noqa: BLE001 - one bad subscription must not stop a batch
            log.warning("push to one device failed: %s", type(error).__name__)
            return Outcome(message.key, "error", 0, f"unusable: {type(error).__name__}")

    async def _send_all(self, messages):
        client, gate = self.client(), asyncio.Semaphore(self.workers)

        async def one(message):
            async with gate:
                return await self.send_async(message, client)
        tasks = [asyncio.ensure_future(one(message)) for message in messages]
        try:
            done, pending = await asyncio.wait(tasks, timeout=self.deadline)
            for task in pending:
                task.cancel()  # past the deadline, nothing waits for the stragglers
            return [task.result() if task in done
                    else Outcome(message.key, "retry", 0, "timed out")
                    for task, message in zip(tasks, messages, strict=True)]
        finally:
            await asyncio.gather(*tasks, return_exceptions=True)
            client.close()

    async def _send(self, message, client):
        body = json.dumps(message.payload, separators=(",", ":")).encode()
        if len(body) > 3000:
            return Outcome(message.key, "error", 0, "payload over 3 KB")
        endpoint = message.subscription["endpoint"]
        problem = self.guard.url_problem(endpoint)
        if problem:
            return _refused(message, problem)
        try:
            # One encryption per message, whatever the attempts: a retry is the same message.
            data = encrypt(body, *receiver_keys(message.subscription))
        except (ValueError, TypeError) as error:
            # Keys a browser (or anyone) sent that cannot encrypt: this device only, never
            # the rest of the batch.
            return Outcome(message.key, "error", 0, f"unusable keys: {type(error).__name__}")
        outcome = None
        for attempt in range(1, self.attempts + 1):
            outcome, pause = await self._attempt(message, endpoint, data, client)
            if outcome.result != "retry" or attempt == self.attempts:
                return outcome
            waiting = self.sleep(min(pause or 2 ** attempt, MAX_WAIT))
            if inspect.isawaitable(waiting):
                await waiting
        return outcome

    async def _attempt(self, message, endpoint, data, client):
        headers = {**self._vapid_headers(endpoint), "TTL": str(self.ttl),
                   "Content-Encoding": "aes128gcm", "Urgency": "normal"}
        if message.topic:
            headers["Topic"] = message.topic
        try:
            answer = await client.post(endpoint, data, headers, self.timeout)
        except Refused as error:
            return _refused(message, str(error)), None
        except Unreachable as error:
            return Outcome(message.key, "retry", 0, str(error)), None
        return self._judge(message, answer, len(data))

    def _judge(self, message, response, size):
        status = response.status
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
            log.error("push payload too large (%s bytes)", size)
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


def _run(coroutine):
    """Run a coroutine to its end in an event loop of its own: in this thread, or in another
    when this one already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _refused(message, problem):
    log.warning("push endpoint refused: %s", problem)
    return Outcome(message.key, "error", 0, f"refused: {problem}")


def _retry_after(response):
    value = response.headers.get("Retry-After", "")
    # Endpoints are chosen by subscribers, so this is outside input: "²".isdigit() is true
    # but int("²") fails, and so does a number of thousands of digits.
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None
