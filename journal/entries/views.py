"""The journal pages: log progress today, the timeline, edit and delete."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.charts.queries import recent_weeks_of
from journal.clock import parse_day
from journal.entries.cards import entry_cards
from journal.entries.rules import EDITABLE_FIELDS, KINDS
from journal.entries.store import clean_for, then_and_now_today
from journal.entries.timeline import latest_of_day, parse_cursor, timeline_page
from journal.goals.rules import glimpse
from journal.models.entry import Entry, EntryTag
from journal.models.goal import Goal
from journal.models.review import Review
from journal.reviews.rules import week_to_invite
from journal.reviews.store import journal_start
from journal.summaries.store import upcoming_conversation
from journal.web import owned_or_404, request_now, user_today
from journal.weeks import previous_week, week_of

bp = Blueprint("entries", __name__)
bp.add_app_template_global(entry_cards)  # every page with entry cards: goals, reviews too


def review_invitation(user, today, started):
    """The week the home page gently invites the user to review, or None (never a week before
    `started`'s, the person's first day)."""
    weeks = [week_of(today), previous_week(week_of(today))]
    return week_to_invite(today, user.review_weekday, Review.weeks_reviewed(user, weeks), started)


def submitted_entry():
    """The entry fields the form sent (absent ones are left out)."""
    return {name: request.form[name] for name in EDITABLE_FIELDS if name in request.form}


def render_home(form=None, errors=None, status=200):
    """The home page: the entry form and today's latest entries (the rest: a link away)."""
    today = user_today()
    started = journal_start(current_user)
    todays, more_today = latest_of_day(current_user, today)
    goals = Goal.listed(current_user)
    return render_template(
        "entries/index.html",
        today=today,
        entries=todays,
        more_today=more_today,
        days_with_progress=Entry.days_with_progress(current_user),
        form=form or {},
        errors=errors or {},
        goals=goals,
        goal_choices=[{"id": str(goal.id), "title": goal.title} for goal in goals],
        circle=glimpse([{"title": goal.title, "ring": goal.ring} for goal in goals]),
        then_now=then_and_now_today(current_user, todays, today),
        review_week=review_invitation(current_user, today, started),
        conversation=upcoming_conversation(current_user, today),
        this_week=week_of(today),
        recent_weeks=recent_weeks_of(current_user, today, started=started),
    ), status


@bp.get("/")
@login_required
def index():
    """Ask for today's meaningful progress."""
    return render_home()


@bp.post("/entries")
@login_required
def create():
    """Save a new entry from the form; on a problem, show it with what was typed."""
    values, errors = clean_for(current_user, submitted_entry(), today=user_today())
    if errors:
        return render_home(request.form, errors, status=422)
    entry = Entry.create_for(current_user, values, now=request_now())
    flash(_("Saved. Small steps count."))
    if entry.day != user_today():
        return redirect(url_for(".timeline"))
    return redirect(url_for(".index"))


@bp.get("/timeline")
@login_required
def timeline():
    """All entries by day, newest first, a page at a time, with tag, kind and word filters; a
    page goes on before a day (`before`) or after an entry (`cursor`, unreadable: the start)."""
    tag = request.args.get("tag", "").strip() or None
    kind = request.args.get("kind") if request.args.get("kind") in KINDS else None
    q = request.args.get("q", "").strip() or None
    before = parse_day(request.args.get("before"))
    after = parse_cursor(request.args.get("cursor"))
    groups, next_page = timeline_page(current_user, after=after, before=before, tag=tag,
                                      kind=kind, q=q)
    return render_template(
        "entries/timeline.html",
        groups=groups, next_page=next_page, today=user_today(),
        tag=tag, kind=kind, q=q, tags=EntryTag.names_of(current_user),
        days_with_progress=Entry.days_with_progress(current_user),
    )


@bp.route("/entries/<entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit(entry_id):
    """Change an entry; problems are shown next to the fields."""
    entry = owned_or_404(Entry.owned(current_user, entry_id))
    if request.method == "GET":
        return _render_edit(entry, entry.values(), {})
    values, errors = clean_for(current_user, submitted_entry(), today=user_today())
    if errors:
        return _render_edit(entry, request.form, errors, 422)
    entry.update_from(values, now=request_now())
    flash(_("Your changes are saved."))
    return redirect(url_for(".timeline"))


def _render_edit(entry, form, errors, status=200):
    return render_template("entries/edit.html", entry=entry, form=form, errors=errors,
                           today=user_today(), goals=Goal.listed(current_user)), status


@bp.post("/entries/<entry_id>/delete")
@login_required
def delete(entry_id):
    """Delete an entry (the page asked for confirmation first)."""
    entry = owned_or_404(Entry.owned(current_user, entry_id))
    entry.delete_instance()
    flash(_("The entry is deleted."))
    return redirect(url_for(".timeline"))
