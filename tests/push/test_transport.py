"""The push transport (journal/push/transport.py): a connection goes to the checked address only,
with TLS and the certificate check on the name; it is kept for the next messages to the same
address and name and never carries another name's request; a new DNS answer is checked before
it is used; every request has a hard deadline and only so much of an answer is read.

No public address or DNS name of our own can exist here, so a guard of the tests' own lets a
loopback listener stand for a push service's public address (test_network.py proves the real
guard refuses loopback)."""
import asyncio
import socket
import threading
import time

import pytest
from py_vapid import Vapid

from journal.push.http1 import MAX_BODY
from journal.push.network import Guard, Refused, Unreachable
from journal.push.sender import Message, PushSender
from journal.push.transport import PinnedClient
from tests.push.listeners import Server, loopback_on_443, tls_for


class StandIn(Guard):
    """Every name resolves to `address` (a loopback listener standing for a public address);
    the first `stand_ins` lookups skip the real checks, later ones go through them. Counts
    lookups."""

    def destination(self, url):
        self.lookups.append(url)
        if len(self.lookups) <= self.stand_ins:
            host = url.split("/")[2]
            return host, 443, self.resolver(host, 443)[0]
        return super().destination(url)


def stand_in(address, stand_ins=1_000_000, **options):
    guard = StandIn(resolver=lambda _host, _port: [address], **options)
    object.__setattr__(guard, "lookups", [])  # the guard is a frozen dataclass
    object.__setattr__(guard, "stand_ins", stand_ins)
    return guard


def posts(client, *urls, timeout=3):
    """Post to each URL in turn within one event loop (so connections can be kept); the
    answers, or the exception the last one raised."""
    async def run():
        try:
            return [await client.post(url, b"hello", {"TTL": "60"}, timeout) for url in urls]
        finally:
            client.close()
    return asyncio.run(run())


def post(client, url, timeout=3):
    return posts(client, url, timeout=timeout)[0]


@pytest.fixture
def tls(tmp_path):
    """A TLS server for push.example.com and other.example.com on a loopback port 443."""
    host = loopback_on_443()
    context, ca_file = tls_for("push.example.com", tmp_path, also=["other.example.com"])
    with Server(lambda _h: (201, {}), host=host, port=443, tls=context,
                keep_alive=True) as service:
        yield host, ca_file, service


def test_the_connection_goes_to_the_checked_address_with_tls_on_the_name(tls):
    host, ca_file, service = tls
    guard = stand_in(host)
    answer = post(PinnedClient(guard, ca_file=ca_file), "https://push.example.com/push/x")
    assert answer.status == 201
    assert service.sni == ["push.example.com"]
    assert service.requests == [("/push/x", "push.example.com")]
    assert len(guard.lookups) == 1
    with pytest.raises(Unreachable, match="SSLCertVerificationError"):
        post(PinnedClient(stand_in(host)), "https://push.example.com/push/y")  # usual CAs


def test_a_certificate_for_another_name_is_refused(tmp_path):
    host = loopback_on_443()
    context, ca_file = tls_for("other.example.com", tmp_path)
    with Server(lambda _h: (201, {}), host=host, port=443, tls=context) as service:
        with pytest.raises(Unreachable, match="SSLCertVerificationError"):
            post(PinnedClient(stand_in(host), ca_file=ca_file), "https://push.example.com/x")
        assert service.requests == []


def test_messages_to_one_push_service_share_one_kept_connection():
    with Server(lambda _h: (201, {}), keep_alive=True) as service:
        client = PinnedClient(Guard(production=False))
        answers = posts(client, *(f"{service.origin}/push/{n}" for n in range(5)))
    assert [answer.status for answer in answers] == [201] * 5
    assert len(service.requests) == 5 and len(set(service.client_ports)) == 1


def test_a_kept_connection_never_carries_another_names_request(tls):
    host, ca_file, service = tls
    client = PinnedClient(stand_in(host), ca_file=ca_file)
    answers = posts(client, *(f"https://{name}.example.com/x"
                              for name in ("push", "other", "push", "other")))
    assert [answer.status for answer in answers] == [201] * 4
    assert service.sni == ["push.example.com", "other.example.com"]
    assert [host for _path, host in service.requests] == [
        "push.example.com", "other.example.com", "push.example.com", "other.example.com"]
    ports = service.client_ports
    assert ports[0] == ports[2] and ports[1] == ports[3] and ports[0] != ports[1]


def test_a_new_dns_answer_is_checked_before_it_is_used(tls):
    """DNS rebinding: the name first resolves to a public address (the stand-in), later to one
    inside the network. Within the answer's time the checked address is used, never a fresh
    answer; after it, the new answer is checked and refused before anything connects."""
    host, ca_file, service = tls
    guard = stand_in("127.0.0.1", stand_ins=1, production=True,
                     allowed_hosts=("push.example.com",))
    object.__setattr__(guard, "resolver", rebinding(host))
    kept = PinnedClient(guard, ca_file=ca_file, dns_ttl=60)
    answers = posts(kept, "https://push.example.com/a", "https://push.example.com/b")
    assert [answer.status for answer in answers] == [201, 201]
    assert len(guard.lookups) == 1, "one lookup for the name: a second answer is never used"
    fresh = PinnedClient(guard, ca_file=ca_file, dns_ttl=0)
    with pytest.raises(Refused, match="loopback address"):
        post(fresh, "https://push.example.com/c")
    assert [path for path, _host in service.requests] == ["/a", "/b"]


def rebinding(first):
    calls = []

    def resolve(_host, _port):
        calls.append(1)
        return [first] if len(calls) == 1 else ["127.0.0.1"]
    return resolve


class RawServer:
    """Reads one request per connection, then writes `reply` in pieces of `piece` bytes with
    `pause` seconds between them, and after it `then` over and over, until the client leaves."""

    def __init__(self, reply, piece=1, pause=0.0, then=b""):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.reply, self.piece, self.pause, self.then = reply, piece, pause, then
        self.origin = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.ended = threading.Event()

    def __enter__(self):
        threading.Thread(target=self._serve, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.sock.close()

    def _serve(self):
        conn, _ = self.sock.accept()
        with conn:
            conn.recv(65536)
            try:
                for start in range(0, len(self.reply), self.piece):
                    conn.sendall(self.reply[start:start + self.piece])
                    time.sleep(self.pause)
                while self.then:
                    conn.sendall(self.then)
            except OSError:
                pass
        self.ended.set()


def test_an_answer_dribbled_a_byte_at_a_time_is_cut_off_at_its_deadline():
    """Each byte comes well within a read's timeout: only the request's own deadline ends it."""
    reply = b"HTTP/1.1 201 Created\r\n" + b"X-Slow: " + b"x" * 600 + b"\r\n\r\n"
    with RawServer(reply, pause=0.05) as server:
        client = PinnedClient(Guard(production=False))
        started = time.monotonic()
        with pytest.raises(Unreachable, match="timed out"):
            post(client, f"{server.origin}/push/x", timeout=1)
        assert time.monotonic() - started < 1.6
        assert server.ended.wait(3), "the connection was closed"


def test_only_so_much_of_an_answer_is_read():
    head = b"HTTP/1.1 201 Created\r\nContent-Length: 1000000000000\r\n\r\n"
    with RawServer(head, piece=len(head), then=b"x" * 65536) as server:
        client = PinnedClient(Guard(production=False))
        started = time.monotonic()
        assert post(client, f"{server.origin}/push/x", timeout=5).status == 201
        assert time.monotonic() - started < 2
        assert server.ended.wait(3), "the connection was closed, not kept for the rest"
    assert MAX_BODY <= 64 * 1024


def test_a_kept_connection_the_push_service_closed_is_replaced(push_service):
    """Between two messages the push service closes every connection, as services do with
    idle ones: the second message goes on a new connection, and both arrive."""
    vapid = Vapid()
    vapid.generate_keys()
    sender = PushSender(vapid, "mailto:ops@example.org", ttl=60, timeout=3,
                        guard=Guard(production=False))
    first, second = push_service.subscription(), push_service.subscription()

    async def run():
        client = sender.client()
        results = [(await sender.send_async(Message("a", first, {"n": 1}), client)).result]
        push_service.close_connections()
        results.append((await sender.send_async(Message("b", second, {"n": 2}), client)).result)
        client.close()
        return results
    assert asyncio.run(run()) == ["sent", "sent"]
    assert push_service.count == 2 and push_service.rejected == []
