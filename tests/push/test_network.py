"""Sending only where a push service can be: resolved addresses are checked, nothing connects to
an address inside the network, and redirects are never followed (the connection itself, kept
alive, pinned and cut off at its deadline: test_transport.py).

No public address or DNS name of our own can exist here, so these tests pass the guard a
resolver of their own (the one stand-in) and use loopback listeners as the places a real send
would reach."""
import socket
import time

import pytest
from py_vapid import Vapid

from journal.push.network import Guard, Refused, address_problem
from journal.push.sender import Message, PushSender
from tests.push.listeners import Listener, Server, device_keys, loopback_on_443


def sender(guard, **options):
    vapid = Vapid()
    vapid.generate_keys()
    return PushSender(vapid, "mailto:ops@example.org", ttl=60, timeout=2, guard=guard,
                      sleep=lambda _seconds: None, **options)


def message(endpoint, key="device"):
    return Message(key=key, subscription={"endpoint": endpoint, "keys": device_keys()},
                   payload={"title": "Test"})


def answers(*addresses):
    return lambda _host, _port: list(addresses)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255",
    "198.18.0.1", "192.0.0.8", "192.0.2.1", "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1",
    "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1",
    "::127.0.0.1", "::10.0.0.1", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe", "64:ff9b:1::8.8.8.8", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "2001:db8::1", "not-an-address",
    # Not inside a network, but no push service's name resolves to these forms.
    "::ffff:8.8.8.8", "64:ff9b::808:808",
])
def test_addresses_inside_the_network_are_refused(address):
    assert address_problem(address) is not None


@pytest.mark.parametrize("address", [
    "142.250.74.106", "8.8.8.8", "2a00:1450:4001:80b::200a", "2606:4700:4700::1111",
])
def test_public_addresses_are_allowed(address):
    assert address_problem(address) is None


@pytest.mark.parametrize("resolved", [
    ["127.0.0.1"], ["10.1.2.3"], ["::1"], ["::ffff:127.0.0.1"], ["142.250.74.106", "10.0.0.1"],
    ["169.254.169.254"], [],
])
def test_a_host_that_resolves_inside_the_network_is_refused(resolved):
    guard = Guard(production=True, resolver=answers(*resolved))
    with pytest.raises(Refused):
        guard.destination("https://fcm.googleapis.com/fcm/send/x")


def test_a_public_answer_is_the_address_connected_to():
    guard = Guard(production=True, resolver=answers("142.250.74.106", "2a00:1450:4001::200a"))
    assert guard.destination("https://fcm.googleapis.com/fcm/send/x") == (
        "fcm.googleapis.com", 443, "142.250.74.106")


def test_a_name_resolving_to_loopback_gets_no_connection_at_all():
    """The attack of finding 1 with a DNS name: push.example.com pointing at 127.x."""
    host = loopback_on_443()
    with Listener(host, 443) as listener:
        for production in (True, False):
            guard = Guard(production=production, allowed_hosts=("push.example.com",),
                          resolver=answers(host))
            outcome = sender(guard).send(message("https://push.example.com/push/x"))
            assert (outcome.result, outcome.detail) == ("error", "refused: loopback address")
        time.sleep(0.3)
        assert listener.connections == 0
        socket.create_connection((host, 443)).close()  # the listener does see a connection
        time.sleep(0.3)
        assert listener.connections == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_an_error_and_never_followed(status):
    """Finding 1's `307 -> http://127.0.0.1:7779/internal`. The first hop is the development
    push service exception (plain http to loopback outside production)."""
    with Server(lambda _h: (201, {})) as inside:
        target = {"Location": f"{inside.origin}/internal"}
        with Server(lambda _h: (status, target)) as endpoint:
            outcome = sender(Guard(production=False)).send(message(f"{endpoint.origin}/push/x"))
            assert (outcome.result, outcome.status) == ("error", status)
            assert outcome.detail == "redirect not followed"
            assert len(endpoint.requests) == 1
        assert inside.requests == []


def test_the_development_exception_is_closed_in_production():
    with Listener() as listener:
        outcome = sender(Guard(production=True)).send(
            message(f"http://127.0.0.1:{listener.port}/push/x"))
        assert (outcome.result, outcome.detail) == ("error", "refused: not https")
        time.sleep(0.2)
        assert listener.connections == 0


def test_the_development_push_service_keeps_working(push_service):
    device = push_service.subscription()
    guard = Guard(production=False)
    outcome = sender(guard).send(Message("me", device, {"title": "Hello"}))
    assert outcome.result == "sent" and push_service.messages_for(device)[0].payload == {
        "title": "Hello"}


def test_localhost_reaches_a_development_service_on_ipv4():
    with Server(lambda _h: (201, {})) as service:
        guard = Guard(production=False, resolver=answers("::1", "127.0.0.1"))
        endpoint = f"http://localhost:{service.port}/push/x"
        assert sender(guard).send(message(endpoint)).result == "sent"
        assert service.requests == [("/push/x", f"localhost:{service.port}")]
