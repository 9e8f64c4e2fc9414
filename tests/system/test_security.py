"""Security headers and redirects."""
import pytest

from journal.security import is_safe_next


def test_pages_carry_strict_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_styles(client, journal):
    journal.post_entry("Something")
    for path in ("/", "/timeline", "/settings", "/settings/password"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "<style" not in html and "style=" not in html
        assert " on" + "click=" not in html


def test_api_errors_also_carry_the_headers(client):
    response = client.get("/api/v1/entries")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("target, safe", [
    ("/", True), ("/timeline?tag=x", True), (None, False), ("", False),
    ("timeline", False), ("//evil.example", False), ("/\\evil.example", False),
    ("https://evil.example", False), ("http:/evil", False),
])
def test_is_safe_next(target, safe):
    assert is_safe_next(target) is safe


def test_the_session_cookie_is_signed_with_one_kept_serializer(app, journal):
    interface = app.session_interface
    assert journal.client.get("/").status_code == 200
    kept = dict(interface._kept)
    assert journal.client.get("/timeline").status_code == 200
    assert interface._kept == kept and len(kept) == 1, "made once for the key"
    cookie = journal.client.get_cookie("session")
    forged = cookie.value[:-2] + ("AA" if not cookie.value.endswith("AA") else "BB")
    assert interface.open_session(app, _request_with(app, cookie.value)).get("_user_id")
    assert "_user_id" not in interface.open_session(app, _request_with(app, forged))


def test_a_cookie_signed_with_a_retired_key_still_opens(app, journal):
    cookie = journal.client.get_cookie("session").value
    app.config["SECRET_KEY_FALLBACKS"] = [app.secret_key]
    app.secret_key = "the next key, long and random enough for the test"
    session = app.session_interface.open_session(app, _request_with(app, cookie))
    assert session.get("_user_id"), "signed with the old key, opened with its fallback"
    other = type(app.session_interface)().get_signing_serializer(app).dumps({"a": 1})
    assert app.session_interface.open_session(app, _request_with(app, other))["a"] == 1


def _request_with(app, cookie):
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}) as context:
        return context.request
