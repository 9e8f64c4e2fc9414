"""A real SMTP server on loopback (aiosmtpd) for the mail tests: it keeps every message it
accepts, parsed as the standard library reads mail, and can be told to answer 451 (try later)
or 550 (never), or be stopped and started again like a server that goes down."""
import asyncio
import email
import email.policy
import socket
import threading
import time

from aiosmtpd.controller import Controller


def free_port():
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_DATA(self, _server, session, envelope):
        if self.server.delay:
            await asyncio.sleep(self.server.delay)
        if self.server.answer != "250":
            return self.server.answer
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.connections.add(session.peer)
            self.server.received.append(message)
            self.server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK queued"


class MailServer:
    """Collects received messages in `received`; `answer` is the reply to DATA (set it to
    "451 4.3.0 Try again later" or "550 5.1.1 No such user")."""

    TEMPORARY = "451 4.3.0 Try again later"
    PERMANENT = "550 5.1.1 No such mailbox here"

    def __init__(self):
        self.port = free_port()
        self.received, self.envelopes, self.lock = [], [], threading.Lock()
        self.connections = set()  # the client ends of the connections mail came over
        self.delay = 0.0  # seconds before answering a message, like a provider far away
        self.answer = "250"
        self._controller = None

    @property
    def url(self):
        """The MAIL_URL of this server."""
        return f"smtp://127.0.0.1:{self.port}"

    def start(self):
        """Listen (again) on the same port."""
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self):
        """Stop listening: connections are refused until start()."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def wait_for(self, count, timeout=5):
        """True once `count` messages have arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return True
            time.sleep(0.02)
        return len(self.received) >= count

    def __enter__(self):
        return self.start()

    def __exit__(self, *_exc):
        self.stop()
