"""JSON API: /api/v1/reviews."""
from flask import Blueprint, jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from journal.models.review import Review
from journal.refusal import Refusal
from journal.reviews.rules import check_week, clean_review
from journal.web import invalid, json_body, owned_or_404, request_now, user_today

bp = Blueprint("reviews_api", __name__, url_prefix="/api/v1/reviews")

NO_REVIEW = _l("This week has no review yet.")


@bp.get("")
@login_required
def list_reviews():
    """Every review of the user's, newest week first."""
    return jsonify({"items": [r.to_api() for r in Review.of(current_user)], "next": None})


def _check_week(week):
    _monday, error = check_week(week, user_today())
    if error:
        raise Refusal("invalid", error, fields={"week": error})


@bp.get("/<week>")
@login_required
def get_review(week):
    """One week's review, or 404 when that week has not been reviewed."""
    _check_week(week)
    return jsonify(owned_or_404(Review.for_week(current_user, week), NO_REVIEW).to_api())


@bp.put("/<week>")
@login_required
def put_review(week):
    """Create or replace a week's review: 201 when new, 200 when replaced."""
    _check_week(week)
    values, errors = clean_review(json_body())
    if errors:
        return invalid(errors)
    existed = Review.for_week(current_user, week) is not None
    review = Review.save_week(current_user, week, values, now=request_now())
    return jsonify(review.to_api()), 200 if existed else 201
