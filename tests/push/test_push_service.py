"""The tests' own push service checks what the sender does, so it is checked too: a forged
VAPID token is refused even after a real one was seen, and in a benchmark's sampling mode every
message is still counted and a second one to a device is seen."""
import json

import pytest
from py_vapid import Vapid

from journal.push.network import Guard
from journal.push.sender import Message, PushSender
from tests.push_service import PushService, b64url, unb64url


def sender():
    vapid = Vapid()
    vapid.generate_keys()
    return PushSender(vapid, "mailto:ops@example.org", ttl=60, timeout=3, workers=4,
                      guard=Guard(production=False))


def test_a_forged_token_is_refused_though_a_real_one_was_seen(push_service):
    device = push_service.subscription()
    real = sender()
    assert real.send(Message("a", device, {"n": 1})).result == "sent"
    [token] = push_service.signed
    jwt, key = token.removeprefix("vapid t=").split(",k=")
    header, claims, signature = jwt.split(".")
    longer = json.loads(unb64url(claims)) | {"exp": 2_000_000_000}
    forged = f"vapid t={header}.{b64url(json.dumps(longer).encode())}.{signature},k={key}"
    assert push_service.verify_vapid(token) is not None
    assert push_service.verify_vapid(forged) is None, "claims the signature does not cover"
    assert push_service.verify_vapid(token.replace("vapid ", "WebPush ", 1)) is None


@pytest.mark.parametrize("sample", [1, 3])
def test_every_message_is_counted_and_a_second_one_to_a_device_is_seen(sample):
    with PushService(sample=sample) as service:
        devices = [service.subscription() for _ in range(9)]
        messages = [Message(n, device, {"n": n}) for n, device in enumerate(devices)]
        outcomes = sender().send_all(messages + messages[:2])
        assert [o.result for o in outcomes] == ["sent"] * 11
        assert service.count == 11 and service.duplicates == 2
        assert len(service.arrivals) == 9 and service.rejected == []
        assert len(service.received) == (11 if sample == 1 else 4), "every 3rd verified"
        for message in service.received:
            assert json.dumps(message.payload) in {json.dumps({"n": n}) for n in range(9)}
