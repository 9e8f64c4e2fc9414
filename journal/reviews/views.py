"""The weekly "what improved" review: history, and one review per ISO week."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.models.entry import Entry, with_tags
from journal.models.review import Review
from journal.reviews.evidence import entries_by_day, lookback_window, resurface
from journal.reviews.rules import NEEDS, check_week, clean_review
from journal.web import not_found, request_now, user_today
from journal.weeks import parse_week, recent_weeks, week_days, week_of

bp = Blueprint("reviews", __name__)

HISTORY_WEEKS = 12


@bp.get("/reviews")
@login_required
def index():
    """Reviewed weeks and recent weeks still open for a look back, newest first."""
    today = user_today()
    reviews = {review.week: review for review in Review.of(current_user)}
    weeks = sorted(set(recent_weeks(today, HISTORY_WEEKS)) | set(reviews), reverse=True)
    rows = [(week, week_days(parse_week(week)), reviews.get(week)) for week in weeks]
    return render_template("reviews/index.html", rows=rows, this_week=week_of(today))


def _week_or_404(week):
    monday, error = check_week(week, user_today())
    if monday is None:
        not_found(error)
    return monday


def _render_review(week, monday, values, errors, status=200):
    days = week_days(monday)
    week_entries = with_tags(Entry.matching(current_user, day_from=days[0], day_to=days[-1])
                             .order_by(Entry.day, Entry.created_at))
    earliest, latest = lookback_window(monday)
    older = Entry.matching(current_user, day_from=earliest, day_to=latest)
    return render_template(
        "reviews/edit.html", week=week, monday=monday, sunday=days[-1],
        days=[(day, items) for day, items in entries_by_day(week_entries, days) if items],
        resurfaced=resurface(list(older), monday), values=values, errors=errors, needs=NEEDS,
    ), status


@bp.get("/reviews/<week>")
@login_required
def edit(week):
    """A week's review: the evidence first, then the questions."""
    monday = _week_or_404(week)
    review = Review.for_week(current_user, week)
    values = review.to_api() if review else {}
    return _render_review(week, monday, values, {})


@bp.post("/reviews/<week>")
@login_required
def save(week):
    """Save the review; problems are shown next to the questions with what was typed."""
    monday = _week_or_404(week)
    form = {**request.form.to_dict(), "improved": request.form.getlist("improved")}
    values, errors = clean_review(form)
    if errors:
        typed = {**form, "needs": {need: form.get(need) for need in NEEDS}}
        return _render_review(week, monday, typed, errors, status=422)
    Review.save_week(current_user, week, values, now=request_now())
    flash(_("Your review is saved. Noticing what improved is how progress becomes visible."))
    return redirect(url_for(".index"))
