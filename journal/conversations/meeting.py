"""Opening a team meeting in pairs with three questions, with the user's own answers from their
latest weekly review beside them, so there is something to bring."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from journal.models.review import Review
from journal.web import user_today
from journal.weeks import parse_week, week_days, week_of

bp = Blueprint("meeting", __name__)


@bp.get("/meeting")
@login_required
def index():
    """The three pair questions, and what the latest review (by week) said about each."""
    review = Review.of(current_user).first()
    days = week_days(parse_week(review.week)) if review else None
    return render_template("meeting/index.html", review=review, days=days,
                           this_week=week_of(user_today()))
