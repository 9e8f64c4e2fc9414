"""JSON API: /api/v1/reviews."""
from flask import Blueprint, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.web import invalid, json_body, json_error, malformed
from journal.models.review import Review
from journal.reviews.rules import check_week, clean_review
from journal.user_time import user_today

bp = Blueprint("reviews_api", __name__, url_prefix="/api/v1/reviews")


@bp.get("")
@login_required
def list_reviews():
    """Every review of the user's, newest week first."""
    return jsonify({"items": [r.to_api() for r in Review.of(current_user)], "next": None})


def _week_error(week):
    _monday, error = check_week(week, user_today())
    if error:
        return json_error(422, "validation_error", error, {"week": error})
    return None


@bp.get("/<week>")
@login_required
def get_review(week):
    """One week's review, or 404 when that week has not been reviewed."""
    problem = _week_error(week)
    if problem:
        return problem
    review = Review.for_week(current_user, week)
    if review is None:
        return json_error(404, "not_found", _("This week has no review yet."))
    return jsonify(review.to_api())


@bp.put("/<week>")
@login_required
def put_review(week):
    """Create or replace a week's review: 201 when new, 200 when replaced."""
    problem = _week_error(week)
    if problem:
        return problem
    body = json_body()
    if body is None:
        return malformed()
    values, errors = clean_review(body)
    if errors:
        return invalid(errors)
    existed = Review.for_week(current_user, week) is not None
    review = Review.save_week(current_user, week, values)
    return jsonify(review.to_api()), 200 if existed else 201
