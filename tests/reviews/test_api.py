"""JSON API /api/v1/reviews."""
import pytest

from journal.models import Review

REVIEW = {"improved": ["Calmer mornings"], "next_week": "Finish intake", "help_wanted": "",
          "scale": 7, "needs": {"autonomy": 4, "competence": 3, "relatedness": 5}}


def test_put_creates_then_replaces_and_get_reads(journal):
    created = journal.api("PUT", "/api/v1/reviews/2026-W48", REVIEW)
    assert created.status_code == 201
    body = created.get_json()
    assert {k: body[k] for k in REVIEW} == REVIEW and body["week"] == "2026-W48"
    replaced = journal.api("PUT", "/api/v1/reviews/2026-W48", {"improved": ["Other"]})
    assert replaced.status_code == 200 and replaced.get_json()["scale"] is None
    assert journal.api("GET", "/api/v1/reviews/2026-W48").get_json()["improved"] == ["Other"]
    assert [r["week"] for r in journal.api("GET", "/api/v1/reviews").get_json()["items"]] == [
        "2026-W48"]


@pytest.mark.parametrize("week", ["2026-W60", "2025-W53", "2026-W49", "nope"])
def test_weeks_that_do_not_exist_get_422(journal, week):
    for method in ("GET", "PUT"):
        response = journal.api(method, f"/api/v1/reviews/{week}", REVIEW if method == "PUT" else None)
        assert response.status_code == 422
        assert "week" in response.get_json()["error"]["fields"]
    assert Review.select().count() == 0


@pytest.mark.parametrize("body, field", [
    ({"scale": 11}, "scale"), ({"improved": ["x"], "needs": {"relatedness": 0}}, "relatedness"),
    ({"improved": [], "next_week": ""}, "improved"), ({"improved": "x" * 600}, "improved"),
])
def test_invalid_reviews_get_422_and_nothing_is_stored(journal, body, field):
    response = journal.api("PUT", "/api/v1/reviews/2026-W48", body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert Review.select().count() == 0


def test_an_unreviewed_week_is_404_and_others_reviews_are_invisible(journal, other):
    assert journal.api("GET", "/api/v1/reviews/2026-W47").status_code == 404
    other.api("PUT", "/api/v1/reviews/2026-W47", REVIEW)
    assert journal.api("GET", "/api/v1/reviews/2026-W47").status_code == 404
    assert journal.api("GET", "/api/v1/reviews").get_json()["items"] == []


def test_malformed_body_is_400(journal):
    response = journal.client.put("/api/v1/reviews/2026-W48", data="[1]",
                                  content_type="application/json",
                                  headers={"X-CSRFToken": journal.token("/")})
    assert response.status_code == 400
