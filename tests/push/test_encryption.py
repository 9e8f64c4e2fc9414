"""The message encryption, byte for byte against RFC 8291 Appendix A, and read back by http_ece
(the library pywebpush encrypts with) as a browser would."""
import base64
import json

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from journal.push.encryption import encrypt, receiver_keys
from tests.push.listeners import device_keys

# RFC 8291 Appendix A: published test data, not secrets.
PLAINTEXT = b"When I grow up, I want to be a watermelon"
SENDER_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"
RECEIVER_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
RECEIVER_PUBLIC = ("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpk"
                   "NtoIAiw4")
AUTH = "BTBZMqHH6r4Tts7J_aSIgg"
SALT = "DGv6ra1nlYgDCS1FRnbzlw"
MESSAGE = ("DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInm"
           "YWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQe"
           "xSgSxsj_Qulcy4a-fN")


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def private(text):
    return ec.derive_private_key(int.from_bytes(unb64(text), "big"), ec.SECP256R1())


def test_the_rfc_8291_example_comes_out_byte_for_byte():
    point, auth = receiver_keys({"keys": {"p256dh": RECEIVER_PUBLIC, "auth": AUTH}})
    body = encrypt(PLAINTEXT, point, auth, salt=unb64(SALT), key=private(SENDER_PRIVATE))
    assert body == unb64(MESSAGE)


def test_a_browser_reads_every_message_and_no_two_are_alike():
    browser = ec.generate_private_key(ec.SECP256R1())
    keys = device_keys(browser)
    point, auth = receiver_keys({"keys": keys})
    payload = json.dumps({"title": "Progress Journal", "body": "é" * 900},
                         ensure_ascii=False).encode()
    first, second = encrypt(payload, point, auth), encrypt(payload, point, auth)
    assert first != second, "a fresh salt and key for every message"
    for body in (first, second):
        assert http_ece.decrypt(body, private_key=browser, auth_secret=auth,
                                version="aes128gcm") == payload


@pytest.mark.parametrize("keys", [
    {}, {"p256dh": "x", "auth": "y"}, {"p256dh": RECEIVER_PUBLIC, "auth": "c2hvcnQ"},
    {"p256dh": "A" * 87, "auth": AUTH}, {"p256dh": 7, "auth": AUTH},
    {"p256dh": "!!not base64!!", "auth": AUTH},
])
def test_keys_that_cannot_be_a_browsers_are_refused(keys):
    with pytest.raises(ValueError):
        receiver_keys({"keys": keys})


def test_a_point_off_the_curve_is_refused():
    point = b"\x04" + b"\x01" * 64
    with pytest.raises(ValueError):
        encrypt(b"hello", point, b"a" * 16)
