"""Posting to push services over kept-alive connections (asyncio), only to addresses the guard
checked.

Each connection is made to the address Guard.destination checked, with the TLS name (SNI and
certificate check) and the Host header on the host name; it is kept for later messages to the
same (scheme, address, port, name) and never carries a request for any other. A name's checked
address is remembered for DNS_TTL seconds (one lookup per push service, not per message); when
it is looked up again, the new answer is checked before it is used. No proxy, no redirect
(a 3xx is an answer like any other), only so much of an answer read (push/http1.py), and one
deadline for the whole request, so a push service that answers a byte at a time is cut off
too."""
import asyncio
import functools
import http.client
import ssl
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from journal.push.http1 import Connection, request
from journal.push.network import Unreachable

DNS_TTL = 60.0
MAX_ORIGINS = 64  # kept-alive (address, name) pairs; the least used beyond this are closed
# A kept-alive connection the push service closed meanwhile fails like this before any answer.
STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)
# Looking a name up blocks: done here, never waited for beyond a request's deadline.
LOOKUPS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="push-dns")


class PinnedClient:
    """POSTs to checked addresses, within one event loop (its connections belong to it): up to
    `connections` idle connections are kept per push service. `ca_file` replaces the system's
    certificates (tests); `dns_ttl` is how long a checked address is used before the name is
    looked up again."""

    def __init__(self, guard, *, connections=16, ca_file=None, dns_ttl=DNS_TTL):
        self.guard, self.connections, self.dns_ttl = guard, connections, dns_ttl
        self.tls = _tls(ca_file or _default_ca_file())
        self._places, self._idle = {}, OrderedDict()

    async def post(self, url, body, headers, timeout):
        """Send one POST, within `timeout` seconds in all; returns its http1.Answer. Raises
        Refused (nothing was connected to) or Unreachable (worth another try later)."""
        try:
            async with asyncio.timeout(timeout):
                return await self._post(url, body, headers)
        except TimeoutError:
            raise Unreachable("timed out") from None

    def close(self):
        """Close every kept connection."""
        pools, self._idle = list(self._idle.values()), OrderedDict()
        for pool in pools:
            for connection in pool:
                connection.close()

    async def _post(self, url, body, headers):
        parts = urlsplit(url)
        host, port, address = await self._destination(parts, url)
        key = (parts.scheme, address, port, host)
        default_port = 443 if parts.scheme == "https" else 80
        message = request((parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                          host if port == default_port else f"{host}:{port}", headers, body)
        connection = self._take(key)
        if connection is not None:
            try:
                return await self._exchange(key, connection, message, stale_ok=True)
            except _Stale:
                pass  # the push service closed an idle connection as the message went
        return await self._exchange(key, None, message)

    async def _destination(self, parts, url):
        key = (parts.scheme, parts.hostname, parts.port)
        loop = asyncio.get_running_loop()
        place = self._places.get(key)
        if place and place[0] > loop.time():
            return place[1]
        # Raises Refused before anything is connected to.
        checked = await loop.run_in_executor(LOOKUPS, self.guard.destination, url)
        if self.dns_ttl > 0:
            self._places[key] = (loop.time() + self.dns_ttl, checked)
        return checked

    def _take(self, key):
        """A kept connection for `key`, or None."""
        pool = self._idle.get(key)
        if pool is not None:
            self._idle.move_to_end(key)
        while pool:
            connection = pool.pop()
            if connection.still_open():
                return connection
            connection.close()
        return None

    async def _open(self, key):
        scheme, address, port, host = key
        tls = {"ssl": self.tls, "server_hostname": host} if scheme == "https" else {}
        # The address is an IP address: no lookup here. asyncio sets TCP_NODELAY.
        _transport, connection = await asyncio.get_running_loop().create_connection(
            Connection, address, port, **tls)
        return connection

    def _give_back(self, key, connection):
        pool = self._idle.setdefault(key, [])
        self._idle.move_to_end(key)
        if len(pool) < self.connections:
            pool.append(connection)
        else:
            connection.close()
        if len(self._idle) > MAX_ORIGINS:
            for other in self._idle.popitem(last=False)[1]:
                other.close()

    async def _exchange(self, key, connection, message, stale_ok=False):
        """Send `message` on `connection` (a new one when None) and read the answer; the
        connection is kept only when the answer was read whole and it stays open."""
        try:
            connection = connection or await self._open(key)
            answer = await connection.exchange(message)
        except (OSError, http.client.HTTPException) as error:
            if connection is not None:
                connection.close()
            if stale_ok and isinstance(error, STALE):
                raise _Stale() from None
            raise Unreachable(type(error).__name__) from None
        except BaseException:  # cut off at the deadline: nothing read is an answer
            if connection is not None:
                connection.close()
            raise
        if connection.usable:
            self._give_back(key, connection)
        else:
            connection.close()
        return answer


class _Stale(Exception):
    """A kept-alive connection turned out closed before anything was answered."""


@functools.cache
def _tls(ca_file):
    """A TLS context that checks certificates and names (made once: loading them is slow)."""
    return ssl.create_default_context(cafile=ca_file)


def _default_ca_file():
    try:
        import certifi  # what requests used; the system's store when it is missing
    except ImportError:
        return None
    return certifi.where()
