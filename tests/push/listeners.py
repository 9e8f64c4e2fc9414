"""Real listeners on loopback for the push tests: one that records who connects (and can hold
every connection open without answering, a tarpit), and small HTTP(S) servers."""
import base64
import os
import random
import socket
import ssl
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


class Listener:
    """A TCP listener that counts connections; a tarpit keeps each one open and never answers."""

    def __init__(self, host="127.0.0.1", port=0, tarpit=False):
        self.sock = socket.create_server((host, port))
        self.host, self.port = self.sock.getsockname()[:2]
        self.tarpit, self.connections, self.held = tarpit, 0, []
        self.stopped = threading.Event()

    def __enter__(self):
        self.sock.settimeout(0.05)
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        for conn in self.held:
            conn.close()
        self.sock.close()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            if self.tarpit:
                self.held.append(conn)
            else:
                conn.close()


def loopback_on_443():
    """A random address in 127.0.0.0/8 whose port 443 is free: an https endpoint's port. Binding
    a low port needs root or CAP_NET_BIND_SERVICE, which this project's machines and CI have; a
    run without it fails saying so rather than passing over the attack."""
    for _ in range(20):
        host = f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        try:
            socket.create_server((host, 443)).close()
        except PermissionError:
            pytest.fail("this test listens on port 443 of a loopback address: run it as root "
                        "or with CAP_NET_BIND_SERVICE")
        except OSError:
            continue
        return host
    pytest.fail("no loopback address with a free port 443 in 20 tries")


class Server:
    """An HTTP server on loopback whose handler answers with `respond(handler)`; it records
    each request's path and Host header, the client's port (one per connection), and (for
    HTTPS) the SNI name the client sent. `keep_alive` answers HTTP/1.1, keeping connections."""

    def __init__(self, respond, host="127.0.0.1", port=0, tls=None, keep_alive=False):
        self.requests, self.sni, self.client_ports = [], [], []
        handler = _handler(self, respond)
        if keep_alive:
            handler.protocol_version = "HTTP/1.1"
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        if tls:
            tls.sni_callback = lambda sock, name, context: self.sni.append(name)
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_port
        self.origin = f"{'https' if tls else 'http'}://{host}:{self.port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _handler(server, respond):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            server.requests.append((self.path, self.headers.get("Host")))
            server.client_ports.append(self.client_address[1])
            status, headers = respond(self)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


def tls_for(name, folder, also=()):
    """(server context, CA file): a certificate for `name` (and the names `also`), self-signed,
    which a client trusts only when given the CA file."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in (name, *also)]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / f"{name}.pem", folder / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context, str(cert_file)


def device_keys(private_key=None):
    """A browser's subscription keys: a P-256 public key (of `private_key` when given) and a
    16-byte auth secret."""
    private_key = private_key or ec.generate_private_key(ec.SECP256R1())
    public = private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()  # noqa: E731
    return {"p256dh": b64(public), "auth": b64(os.urandom(16))}


def elapsed(action):
    """(result, seconds) of calling action()."""
    start = time.monotonic()
    result = action()
    return result, time.monotonic() - start
