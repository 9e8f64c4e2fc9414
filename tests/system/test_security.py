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
