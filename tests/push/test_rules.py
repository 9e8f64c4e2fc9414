"""The subscription rules: which endpoints may ever be sent to, decided without DNS."""
import pytest

from journal.push.rules import (
    MAX_DEVICES,
    check_room,
    check_takeover,
    endpoint_problem,
    host_allowed,
    parse_host_patterns,
)
from journal.refusal import Refusal

# Finding 1 of issue 11, and every other way to write an address inside the network.
SSRF = [
    "https://127.0.0.1:7777/", "https://127.0.0.1/", "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.1/", "https://192.168.1.1/", "https://localhost:6379/", "https://localhost/",
    "https://api.localhost/x", "https://metadata.google.internal/computeMetadata/v1/",
    "https://metadata.google.internal./", "https://vault.internal/", "https://printer.local/",
    "https://2130706433/", "https://0x7f000001/", "https://0x7f.0.0.1/", "https://127.1/",
    "https://0177.0.0.1/", "https://017700000001/", "https://127.0.0.1./", "https://127.1./",
    "https://1.2.3.4.5/", "https://[::1]/", "https://[::1]:7777/x", "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:7f00:1]/", "https://[0:0:0:0:0:ffff:a9fe:a9fe]/", "https://[fe80::1%25eth0]/",
    "https://push/", "https://push./", "https://user:pw@fcm.googleapis.com/x",
    "https://fcm.googleapis.com@127.0.0.1/x", "https://user@fcm.googleapis.com/x",
    "https://fcm.googleapis.com:8443/x", "https://fcm.googleapis.com:80/x",
    "https://fcm.googleapis.com:443x/abc", "https://push.example.com:443x/abc",
    "https://fcm.googleapis.com:99999/x", "https://fcm.googleapis.com:-1/x",
    "https://fcm.googleapis.com\\@127.0.0.1/x", "https://fcm.googleapis.com /x",
    "https://fcm.googleapis.com\t/x", "https://ｆcm.googleapis.com/x", "https://[::1/x",
    "http://fcm.googleapis.com/x", "ftp://fcm.googleapis.com/x", "//fcm.googleapis.com/x",
    "https:///x", "https://-bad-.example.com/x", "https://a..b.example.com/x", "",
    "https://x.example.com/" + "a" * 2000, None, 42,
]


@pytest.mark.parametrize("production", [True, False], ids=["production", "development"])
@pytest.mark.parametrize("endpoint", SSRF)
def test_addresses_inside_the_network_are_refused_without_raising(endpoint, production):
    assert endpoint_problem(endpoint, production=production) is not None


@pytest.mark.parametrize("endpoint", [
    "https://fcm.googleapis.com/fcm/send/abc:APA91", "https://fcm.googleapis.com:443/fcm/send/x",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
    "https://web.push.apple.com/QGx", "https://db5p.notify.windows.com/w/?token=AwYAAA",
    "https://FCM.googleapis.com./fcm/send/x",
])
def test_the_browsers_push_services_are_allowed_in_production(endpoint):
    assert endpoint_problem(endpoint, production=True) is None


@pytest.mark.parametrize("endpoint", [
    "https://push.example.net/x", "https://evil-fcm.googleapis.com.example.net/x",
    "https://push.apple.com/x", "https://apple.com/x", "https://googleapis.com/x",
])
def test_other_hosts_only_outside_production(endpoint):
    assert endpoint_problem(endpoint, production=True) == "host not allowed"
    assert endpoint_problem(endpoint, production=False) is None


def test_the_host_list_is_extended_by_a_setting():
    extra = parse_host_patterns(" push.example.net, *.push.example.org ,")
    assert extra == ("push.example.net", "*.push.example.org")
    for endpoint in ("https://push.example.net/x", "https://eu.push.example.org/x"):
        assert endpoint_problem(endpoint, production=True, allowed_hosts=extra) is None
    for endpoint in ("https://push.example.org/x", "https://a.push.example.net/x"):
        assert endpoint_problem(endpoint, production=True, allowed_hosts=extra)
    assert not host_allowed("example.org", ["*"]), "a bare star allows nothing"


@pytest.mark.parametrize("endpoint", [
    "http://127.0.0.1:9999/push/a", "http://127.0.0.2/push/a", "http://localhost:8000/push/a",
    "http://[::1]:8000/push/a",
])
def test_plain_http_to_loopback_is_the_development_push_service_only(endpoint):
    assert endpoint_problem(endpoint, production=False) is None
    assert endpoint_problem(endpoint, production=True) == "not https"


@pytest.mark.parametrize("endpoint", [
    "http://127.1:9999/x", "http://2130706433/x", "http://[::ffff:127.0.0.1]/x",
    "http://10.0.0.1/x", "http://push.example.net/x", "http://user@127.0.0.1:9999/x",
    "http://127.0.0.1:99999/x",
])
def test_the_development_exception_is_only_plain_loopback(endpoint):
    assert endpoint_problem(endpoint, production=False) is not None


def test_a_known_endpoint_moves_only_with_its_own_keys():
    stored = {"p256dh": "BPk" + "A" * 84, "auth": "c2VjcmV0LXNlY3JldC0xMg"}
    check_takeover(stored, dict(stored))
    check_takeover(stored, {**stored, "auth": stored["auth"] + "=="})  # padding is no new key
    for change in ({"auth": "b3RoZXItc2VjcmV0LTEyMw"}, {"p256dh": "BPk" + "B" * 84},
                   {"auth": ""}):
        with pytest.raises(Refusal) as refused:
            check_takeover(stored, {**stored, **change})
        assert refused.value.kind == "conflict" and "endpoint" in refused.value.fields


def test_at_most_ten_devices():
    assert MAX_DEVICES == 10
    check_room(MAX_DEVICES - 1)
    with pytest.raises(Refusal) as refused:
        check_room(MAX_DEVICES)
    assert refused.value.kind == "conflict" and "Remove" in str(refused.value.fields["endpoint"])
