"""Where the sender may connect. A push endpoint is an address a stranger chose, so every send
checks the URL again (push/rules.py), resolves the host, refuses any address inside a network,
and connects to exactly the address it checked (a second DNS answer cannot differ), with the
TLS name, certificate check and Host header still on the host name (push/transport.py).
Redirects are never followed and no proxy is used."""
import ipaddress
import os
import socket
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

from journal.push.rules import endpoint_problem, is_dev_loopback, parse_host_patterns

CGNAT = ipaddress.ip_network("100.64.0.0/10")
# IANA's special-purpose block; Python 3.11 calls parts of it (192.0.0.8) global.
IETF_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class Refused(Exception):
    """The endpoint or the address it resolves to is not one to connect to; the message is a
    short detail for the delivery record (never the endpoint, which is a secret)."""


class Unreachable(Exception):
    """The push service could not be reached or did not answer in time: worth another try
    later. The message is a short detail for the delivery record."""


def resolve(host, port):
    """Every address the host resolves to, as strings."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        # A push service's name that does not resolve right now: worth another try later.
        raise Unreachable(f"name did not resolve: {type(error).__name__}") from None
    return [info[4][0] for info in infos]


def address_problem(text):
    """Why an address is inside a network (or not an address), or None for a public one. An IPv6
    address that carries an IPv4 one (mapped, compatible, 6to4, Teredo, NAT64) is judged by both."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return "not an address"
    if address.version == 6 and address in NAT64_LOCAL:
        return "local-use NAT64 address"
    for candidate in [address, *_embedded_ipv4(address)]:
        problem = _kind(candidate)
        if problem:
            return problem
    return None


def _embedded_ipv4(address):
    if address.version == 4:
        return []
    embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    if address in NAT64 or address in IPV4_COMPATIBLE:
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [ip for ip in embedded if ip is not None]


def _kind(address):
    checks = (("loopback", address.is_loopback), ("private", address.is_private),
              ("link-local", address.is_link_local), ("multicast", address.is_multicast),
              ("unspecified", address.is_unspecified), ("reserved", address.is_reserved),
              ("shared (CGNAT)", address.version == 4 and address in CGNAT),
              ("special-purpose", address.version == 4 and address in IETF_PROTOCOL),
              ("not global", not address.is_global))
    return next((f"{name} address" for name, bad in checks if bad), None)


@dataclass(frozen=True)
class Guard:
    """The rules one sender follows: production or not, the extra allowed push hosts, and how
    names are resolved (a test passes its own resolver: it cannot own a DNS name)."""

    production: bool = True
    allowed_hosts: tuple = ()
    resolver: Callable = field(default=resolve, compare=False)

    @classmethod
    def for_app(cls, app, resolver=resolve):
        """The guard for this app's settings (JOURNAL_ENV, PUSH_ALLOWED_HOSTS)."""
        return cls(production=app.config["JOURNAL_ENV"] == "production",
                   allowed_hosts=parse_host_patterns(app.config.get("PUSH_ALLOWED_HOSTS")),
                   resolver=resolver)

    @classmethod
    def from_environment(cls):
        """The guard when no app is at hand, read as journal.config reads its settings."""
        return cls(production=os.environ.get("JOURNAL_ENV", "development") == "production",
                   allowed_hosts=parse_host_patterns(os.environ.get("PUSH_ALLOWED_HOSTS")))

    def url_problem(self, url):
        """Why this URL may not be sent to (the subscription rules again), or None."""
        return endpoint_problem(url, production=self.production,
                                allowed_hosts=self.allowed_hosts)

    def destination(self, url):
        """(host, port, address): the checked address to connect to for this URL. Raises
        Refused when the URL or any address the host resolves to is not allowed."""
        problem = self.url_problem(url)
        if problem:
            raise Refused(problem)
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        addresses = [host] if _is_literal(host) else self.resolver(host, port)
        if not addresses:
            raise Refused("no address")
        for address in addresses:
            problem = address_problem(address)
            # The one exception, already limited by the URL rules to http outside production:
            # the development push service on this machine.
            allowed_here = parts.scheme == "http" and problem == "loopback address"
            if problem and not (allowed_here and is_dev_loopback(host)):
                raise Refused(problem)
        if host == "localhost":
            # A development push service usually listens on 127.0.0.1 only, and the system
            # may list ::1 first.
            addresses = sorted(addresses, key=lambda address: ":" in address)
        return host, port, addresses[0]


def _is_literal(host):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
