"""The little HTTP/1.1 a push message needs, as an asyncio protocol: one POST with a
Content-Length, written in one piece, and the push service's answer: its status line, headers
and a short body, parsed as one block when it has arrived, within limits. Anything else (a
chunked or long body, HTTP/1.0, "Connection: close", something said unasked) still gives the
status, but the connection is not used again. (The standard library's http.client blocks, and
parses headers with the email package: a tenth of a message's time.)"""
import asyncio
import http.client
import re
from dataclasses import dataclass

from journal.push.network import Refused

MAX_HEAD = 16 * 1024  # bytes of status line and headers
MAX_HEADERS = 64
MAX_BODY = 64 * 1024  # bytes of an answer's body read; a longer one is left unread
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class Headers(dict):
    """An answer's headers by lower-case name."""

    def get(self, name, default=None):
        """The header's value, whatever the case of `name`."""
        return super().get(name.lower(), default)


@dataclass
class Answer:
    """A push service's answer: status, reason and headers (the body is read and dropped)."""

    status: int
    reason: str
    headers: Headers


def request(path, host, headers, body):
    """The request's bytes: request line, Host, `headers`, Content-Length, then the body.
    Raises Refused when a header or the path could end a line early (never from our own
    headers and checked URLs)."""
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}",
             *(f"{name}: {value}" for name, value in headers.items()),
             f"Content-Length: {len(body)}"]
    if " " in path or any(_UNSAFE.search(line) for line in lines):
        raise Refused("not a plain request")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def parse_answer(buffer):
    """The answer at the start of `buffer`: None while it is incomplete, else (Answer, whether
    the connection can carry another request, bytes it took). Raises http.client.HTTPException
    for one that is not HTTP/1.x or over the limits."""
    start = 0
    while True:
        end = buffer.find(b"\r\n\r\n", start)
        if end < 0:
            if len(buffer) - start > MAX_HEAD:
                raise http.client.HTTPException("an answer's head over the limit")
            return None
        if end - start > MAX_HEAD:
            raise http.client.HTTPException("an answer's head over the limit")
        status_line, *lines = bytes(buffer[start:end]).decode("latin-1").split("\r\n")
        version, status, reason = _status_line(status_line)
        headers, start = _headers(lines), end + 4
        if status >= 200:
            break  # 1xx answers are interim: the real one follows
    answer = Answer(status, reason, headers)
    length = _body_length(status, headers)
    if length is None:
        return answer, False, len(buffer)  # the body is not read: the connection ends here
    if len(buffer) - start < length:
        return None
    kept = version == "HTTP/1.1" and "close" not in headers.get("connection", "").lower()
    return answer, kept, start + length


def _status_line(line):
    version, _, rest = line.partition(" ")
    code, _, reason = rest.partition(" ")
    if not version.startswith("HTTP/1.") or len(code) != 3 or not code.isdigit():
        raise http.client.BadStatusLine(line[:80])
    return version, int(code), reason


def _headers(lines):
    if len(lines) > MAX_HEADERS:
        raise http.client.HTTPException("too many headers")
    headers = Headers()
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon:
            raise http.client.HTTPException("not an answer's headers")
        headers[name.strip().lower()] = value.strip()
    return headers


def _body_length(status, headers):
    """The body's length when it is known and short, else None."""
    if status in (204, 304):
        return 0
    length = headers.get("content-length", "")
    if "transfer-encoding" in headers or not length.isdigit() or int(length) > MAX_BODY:
        return None
    return int(length)


class Connection(asyncio.Protocol):
    """One connection to a push service, carrying one request at a time: `exchange(message)`
    writes it and waits for its answer."""

    def __init__(self):
        self.transport, self.buffer, self.waiter, self.usable = None, bytearray(), None, True

    def connection_made(self, transport):
        """asyncio: connected."""
        self.transport = transport

    def data_received(self, data):
        """asyncio: bytes came; the answer is parsed once it is whole."""
        if self.waiter is None or self.waiter.done():
            self.close()  # said something unasked: not to be trusted with another request
            return
        self.buffer += data
        try:
            parsed = parse_answer(self.buffer)
        except http.client.HTTPException as error:
            self._end(error)
            return
        if parsed is not None:
            answer, kept, used = parsed
            del self.buffer[:used]
            self.usable = kept and not self.buffer
            self.waiter.set_result(answer)

    def eof_received(self):
        """asyncio: the push service closed its side."""
        self._end(http.client.RemoteDisconnected("closed without an answer") if not self.buffer
                  else http.client.HTTPException("an answer cut short"))

    def connection_lost(self, exc):
        """asyncio: the connection is gone."""
        self._end(exc or http.client.RemoteDisconnected("closed without an answer"))

    async def exchange(self, message):
        """Write the request and wait for its answer. Raises OSError or
        http.client.HTTPException (RemoteDisconnected when it closed without an answer)."""
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(message)
        return await self.waiter

    def still_open(self):
        """Whether a kept connection can carry another request."""
        return self.usable and not self.transport.is_closing()

    def close(self):
        """Close it now, without waiting."""
        self.usable = False
        if self.transport is not None:
            self.transport.close()

    def _end(self, error):
        self.usable = False
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(error)
        if self.transport is not None:
            self.transport.close()
