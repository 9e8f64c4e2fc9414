"""What every view shares (journal.web): refusals answered in the right shape and status, wherever
they are raised, and a bad JSON body stopped before a view sees it."""
import pytest

from journal.refusal import Refusal
from journal.web import json_body


@pytest.fixture
def app_config(app_config):
    """No CSRF token needed: these routes are the test's own, and what is tested is the body."""
    return {**app_config, "WTF_CSRF_ENABLED": False}


@pytest.fixture
def refusing(app):
    """An app with one page and one API route that refuse as the request asks."""
    def refuse():
        from flask import request
        raise Refusal(request.args["kind"], "Not like this.", request.args.get("field"),
                      code=request.args.get("code"))

    app.add_url_rule("/refuse", "refuse_page", refuse)
    app.add_url_rule("/api/v1/refuse", "refuse_api", refuse)
    app.add_url_rule("/api/v1/echo", "echo", lambda: {"got": json_body()}, methods=["POST"])
    return app.test_client()


@pytest.mark.parametrize("kind, status, code", [
    ("malformed", 400, "malformed"), ("forbidden", 403, "forbidden"),
    ("not_found", 404, "not_found"), ("conflict", 409, "conflict"), ("gone", 410, "gone"),
    ("invalid", 422, "validation_error")])
def test_each_kind_has_its_status_in_the_api_and_on_a_page(refusing, kind, status, code):
    response = refusing.get(f"/api/v1/refuse?kind={kind}")
    assert response.status_code == status
    assert response.get_json() == {"error": {"code": code, "message": "Not like this."}}
    page = refusing.get(f"/refuse?kind={kind}")
    assert page.status_code == status and page.mimetype == "text/html"
    assert "Not like this." in page.get_data(as_text=True)


def test_a_refusal_about_a_field_reads_as_a_form_does(refusing):
    body = refusing.get("/api/v1/refuse?kind=invalid&field=title").get_json()
    assert body == {"error": {"code": "validation_error",
                              "message": "Some fields need another look.",
                              "fields": {"title": "Not like this."}}}


def test_a_precise_code_replaces_the_kinds(refusing):
    body = refusing.get("/api/v1/refuse?kind=gone&code=invitation_expired").get_json()
    assert body["error"]["code"] == "invitation_expired"


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        Refusal("teapot", "No.")


@pytest.mark.parametrize("data, content_type", [
    ("[1, 2]", "application/json"), ("{", "application/json"), ('{"a": 1}', "text/plain"),
    ('{"text": "\\u0000"}', "application/json"), ('{"text": "\\ud800"}', "application/json")])
def test_json_body_stops_what_is_not_a_storable_object(refusing, data, content_type):
    response = refusing.post("/api/v1/echo", data=data, content_type=content_type)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed"


def test_json_body_passes_an_object_through(refusing):
    response = refusing.post("/api/v1/echo", json={"text": "A small step"})
    assert response.get_json() == {"got": {"text": "A small step"}}
