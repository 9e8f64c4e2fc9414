"""A message body only the subscriber's browser can read: RFC 8291 message encryption for web
push (aes128gcm, RFC 8188, in one record), with a fresh key pair and salt per message.

Built from the same pieces http_ece (pywebpush's encryption) uses, the `cryptography`
package's P-256 ECDH and AES-GCM, with HKDF-SHA-256 written out (RFC 5869: one HMAC to
extract, one to expand, as every output here is at most 32 bytes): a third less time per
message. tests/push/test_encryption.py checks it byte for byte against RFC 8291 Appendix A, and
the tests' push service decrypts every message with http_ece."""
import base64
import hmac
import os
import struct

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

CURVE = ec.SECP256R1()
RECORD_SIZE = 4096  # one record holds any push message (they are kept under 3 KB)
LAST_RECORD = b"\x02"  # RFC 8188 padding delimiter of the last record


def receiver_keys(subscription):
    """(p256dh point, auth secret) as bytes from a subscription's base64url keys; ValueError
    when they cannot be one (a browser, or anyone, may have sent anything)."""
    keys = subscription.get("keys") or {}
    point, auth = _unb64url(keys.get("p256dh")), _unb64url(keys.get("auth"))
    if len(point) != 65 or point[0] != 4 or len(auth) != 16:
        raise ValueError("not a P-256 key and a 16-byte auth secret")
    return point, auth


def encrypt(plaintext, point, auth, *, salt=None, key=None):
    """The aes128gcm body for one device: salt, record size and our public key, then the
    ciphertext. `salt` and `key` (our ephemeral private key) are fresh unless given (tests).
    Raises ValueError for a point that is not on the curve."""
    if len(plaintext) + 17 > RECORD_SIZE:
        raise ValueError("too long for one record")
    receiver = ec.EllipticCurvePublicKey.from_encoded_point(CURVE, point)
    key = key or ec.generate_private_key(CURVE)
    salt = salt or os.urandom(16)
    ours = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    shared = key.exchange(ec.ECDH(), receiver)
    # RFC 8291 section 3.4: the input keying material binds both public keys and the auth secret.
    ikm = _hkdf(auth, shared, b"WebPush: info\x00" + point + ours, 32)
    prk = hmac.digest(salt, ikm, "sha256")
    content_key = _expand(prk, b"Content-Encoding: aes128gcm\x00", 16)
    nonce = _expand(prk, b"Content-Encoding: nonce\x00", 12)
    sealed = AESGCM(content_key).encrypt(nonce, plaintext + LAST_RECORD, None)
    return salt + struct.pack("!IB", RECORD_SIZE, len(ours)) + ours + sealed


def _hkdf(salt, ikm, info, length):
    return _expand(hmac.digest(salt, ikm, "sha256"), info, length)


def _expand(prk, info, length):
    return hmac.digest(prk, info + b"\x01", "sha256")[:length]


def _unb64url(text):
    if not isinstance(text, str):
        raise ValueError("not base64url text")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
