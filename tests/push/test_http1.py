"""The push transport's HTTP/1.1: the request it writes, and how it reads answers, including the
ones it does not keep the connection for."""
import http.client

import pytest

from journal.push.http1 import MAX_BODY, MAX_HEAD, parse_answer, request
from journal.push.network import Refused


def answer(raw):
    """(Answer, kept, what is left unread) of the bytes a push service sent."""
    result, kept, used = parse_answer(bytearray(raw))
    return result, kept, raw[used:]


def test_a_request_is_one_piece_with_host_and_length():
    raw = request("/push/abc?x=1", "push.example.com", {"TTL": "60"}, b"\x00\x01")
    assert raw == (b"POST /push/abc?x=1 HTTP/1.1\r\nHost: push.example.com\r\nTTL: 60\r\n"
                   b"Content-Length: 2\r\n\r\n\x00\x01")


@pytest.mark.parametrize("path, headers", [
    ("/push/a b", {}), ("/push/a\r\nX: y", {}), ("/push", {"Topic": "a\r\nHost: inside"}),
    ("/push", {"Topic": "a\nb"}), ("/push", {"Topic": "a\x00"}),
])
def test_nothing_can_split_the_request(path, headers):
    with pytest.raises(Refused):
        request(path, "push.example.com", headers, b"")


def test_a_created_answer_keeps_the_connection_and_leaves_the_next_answer_unread():
    result, kept, rest = answer(b"HTTP/1.1 201 Created\r\nLocation: /m/1\r\nContent-Length: 3"
                                b"\r\n\r\nabcHTTP/1.1 201 Created\r\n")
    assert (result.status, result.reason, kept) == (201, "Created", True)
    assert result.headers.get("LOCATION") == "/m/1" and rest == b"HTTP/1.1 201 Created\r\n"


def test_retry_after_is_found_whatever_its_case():
    result, kept, _rest = answer(b"HTTP/1.1 429 Too Many\r\nretry-after: 7\r\n"
                                 b"Content-Length: 0\r\n\r\n")
    assert result.status == 429 and result.headers.get("Retry-After", "") == "7" and kept


def test_an_interim_answer_is_skipped():
    result, kept, _rest = answer(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
                                 b"Content-Length: 0\r\n\r\n")
    assert result.status == 201 and kept


@pytest.mark.parametrize("raw", [
    b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    b"HTTP/1.1 201 Created\r\nContent-Length: %d\r\n\r\n" % (MAX_BODY + 1),
    b"HTTP/1.1 201 Created\r\n\r\n",
    b"HTTP/1.0 201 Created\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 201 Created\r\nContent-Length: -1\r\n\r\n",
])
def test_an_answer_the_connection_cannot_follow_is_read_but_not_kept(raw):
    result, kept, _rest = answer(raw)
    assert result.status == 201 and not kept


def test_an_answer_is_awaited_until_it_is_whole():
    whole = b"HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello"
    for cut in range(len(whole)):
        assert parse_answer(bytearray(whole[:cut])) is None
    assert parse_answer(bytearray(whole))[1:] == (True, len(whole))


@pytest.mark.parametrize("raw", [
    b"SSH-2.0-OpenSSH\r\n\r\n", b"HTTP/1.1 2O1 Created\r\n\r\n",
    b"HTTP/1.1 201 Created\r\nno colon here\r\n\r\n",
    b"HTTP/1.1 201 Created\r\n" + b"X: y\r\n" * 100 + b"\r\n",
    b"HTTP/1.1 201 " + b"x" * (MAX_HEAD + 10) + b"\r\n\r\n",
    b"HTTP/1.1 201 Created\r\nX: " + b"y" * (MAX_HEAD + 10),
])
def test_nonsense_is_no_answer(raw):
    with pytest.raises(http.client.HTTPException):
        parse_answer(bytearray(raw))
