"""The weekly "what improved" review: history, and one review per ISO week."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.models.entry import Entry, with_tags
from journal.models.review import Review
from journal.reviews.evidence import (
    entries_by_day,
    forgotten_besides,
    further_back,
    further_weeks,
    lookback_window,
    resurface,
)
from journal.reviews.rules import (
    ITEM_LIMIT,
    MAX_ITEMS,
    NEEDS,
    check_week,
    clean_review,
    needs_lower_lately,
    weeks_to_offer,
)
from journal.reviews.store import (
    further_back_rows,
    journal_start,
    meeting_answers,
    needs_history,
    reviews_before,
)
from journal.web import not_found, request_now, user_today
from journal.weeks import parse_week, week_days, week_of

bp = Blueprint("reviews", __name__)

HISTORY_WEEKS = 12
WEEKS_PER_PAGE = 26  # rows of the review history on one page


@bp.get("/reviews")
@login_required
def index():
    """Reviewed weeks and recent weeks still open for a look back (from the person's first
    week on), newest first, half a year of rows at a time (`before`: the week a page follows)."""
    today = user_today()
    before = request.args.get("before") if parse_week(request.args.get("before")) else None
    reviews = {review.week: review
               for review in reviews_before(current_user, before, WEEKS_PER_PAGE + 1)}
    offered = weeks_to_offer(today, journal_start(current_user), HISTORY_WEEKS)
    weeks = sorted({week for week in offered if not before or week < before} | set(reviews),
                   reverse=True)
    more = weeks[WEEKS_PER_PAGE - 1] if len(weeks) > WEEKS_PER_PAGE else None
    rows = [(week, week_days(parse_week(week)), reviews.get(week))
            for week in weeks[:WEEKS_PER_PAGE]]
    return render_template("reviews/index.html", rows=rows, this_week=week_of(today),
                           more=more)


def _week_or_404(week):
    monday, error = check_week(week, user_today())
    if monday is None:
        not_found(error)
    return monday


def _looking_back(week, monday):
    """What the review shows of earlier weeks: forgotten progress, a year ago and when the
    person started, and the needs that have been lower lately."""
    earliest, latest = lookback_window(monday)
    resurfaced = resurface(list(Entry.matching(current_user, day_from=earliest, day_to=latest)),
                           monday)
    weeks = further_weeks(week, week_of(journal_start(current_user)))
    further = further_back(weeks, *further_back_rows(current_user, weeks.values()))
    return {"resurfaced": forgotten_besides(resurfaced, further), "further": further,
            "lower_needs": needs_lower_lately(needs_history(current_user, week), week)}


def _render_review(week, monday, values, errors, status=200):
    days = week_days(monday)
    week_entries = with_tags(Entry.matching(current_user, day_from=days[0], day_to=days[-1])
                             .order_by(Entry.day, Entry.created_at))
    return render_template(
        "reviews/edit.html", week=week, monday=monday, sunday=days[-1],
        days=[(day, items) for day, items in entries_by_day(week_entries, days) if items],
        values=values, errors=errors, needs=NEEDS, item_limit=ITEM_LIMIT, max_items=MAX_ITEMS,
        meeting_answers=meeting_answers(current_user, week),
        **_looking_back(week, monday),
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
