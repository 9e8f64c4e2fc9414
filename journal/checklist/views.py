"""The self-assessment checklist for progress-focused leadership: fill it in now and then, look
back at earlier ones, and see what has become part of how you work. Private to its author."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.checklist.rules import (
    ITEMS,
    PARTS,
    REFLECTIONS,
    SECTION_OF,
    clean_checklist,
    compare,
    split_by_column,
)
from journal.checklist.store import (
    answers_of,
    in_order,
    is_latest,
    save_checklist,
)
from journal.models.checklist import Checklist
from journal.paging import page_after, parse_cursor
from journal.web import owned_or_404, request_now

bp = Blueprint("checklist", __name__)


@bp.context_processor
def _catalogue():
    # The templates of this page name items by key; they look the wording up here.
    return {"checklist_parts": PARTS, "checklist_items": ITEMS, "section_of": SECTION_OF}


def _typed():
    """What the form sent: radio groups are named by item key; anything else is ignored."""
    return {"answers": request.form.to_dict(),
            **{field: request.form.get(field, "") for field in REFLECTIONS}}


def _values_of(checklist):
    values = {field: getattr(checklist, field) for field in REFLECTIONS}
    return {**values, "answers": answers_of(checklist)}


def _form(checklist, values, errors=None, status=200, prefilled_from=None):
    return render_template("checklist/form.html", checklist=checklist, values=values,
                           errors=errors or {}, prefilled_from=prefilled_from), status


def _save(checklist=None):
    values, errors = clean_checklist(_typed())
    if errors:
        return _form(checklist, {**_typed(), "answers": values["answers"]}, errors, 422)
    checklist = save_checklist(current_user, values, request_now(), checklist)
    flash(_("Your checklist is saved. Well done for taking the time to look at how you work."))
    return redirect(url_for(".show", checklist_id=checklist.id))


@bp.get("/checklist")
@login_required
def index():
    """Earlier checklists, newest first, a page at a time, and a way to start a new one."""
    after = parse_cursor(request.args.get("cursor"))
    checklists, more = page_after(Checklist.of(current_user), Checklist.created_at, after=after)
    return render_template("checklist/index.html", checklists=checklists, more=more,
                           first_page=after is None)


@bp.route("/checklist/new", methods=["GET", "POST"])
@login_required
def create():
    """A new, dated checklist; the answers of the latest one are filled in to start from."""
    if request.method == "POST":
        return _save()
    latest = Checklist.latest_of(current_user)
    values = {"answers": answers_of(latest) if latest else {}}
    return _form(None, values, prefilled_from=latest)


@bp.get("/checklist/<checklist_id>")
@login_required
def show(checklist_id):
    """One checklist: what you already do, what you want to work on, and your reflections."""
    checklist = owned_or_404(Checklist.owned(current_user, checklist_id))
    return render_template("checklist/show.html", checklist=checklist,
                           columns=split_by_column(answers_of(checklist)),
                           editable=is_latest(current_user, checklist),
                           previous=checklist.previous())


@bp.route("/checklist/<checklist_id>/edit", methods=["GET", "POST"])
@login_required
def edit(checklist_id):
    """Change the latest checklist; earlier ones stay as they were, to compare with."""
    checklist = owned_or_404(Checklist.owned(current_user, checklist_id))
    if not is_latest(current_user, checklist):
        flash(_("Only your latest checklist can be changed. Earlier ones stay as they were, so "
                "you can see how far you have come."))
        return redirect(url_for(".show", checklist_id=checklist.id))
    if request.method == "POST":
        return _save(checklist)
    return _form(checklist, _values_of(checklist))


def _pair(checklists):
    """The two checklists to compare: chosen ones (in date order), else the latest two."""
    chosen = request.args.get("from"), request.args.get("to")
    if any(chosen):
        return in_order(*(owned_or_404(Checklist.owned(current_user, checklist_id))
                          for checklist_id in chosen))
    return (checklists[1], checklists[0]) if len(checklists) > 1 else (None, None)


@bp.get("/checklist/compare")
@login_required
def compare_view():
    """What moved between two checklists: progress, told warmly, never a score."""
    checklists = list(Checklist.of(current_user))
    earlier, later = _pair(checklists)
    if earlier is None:
        return render_template("checklist/compare.html", checklists=checklists, earlier=None)
    same = earlier.id == later.id
    changes = None if same else compare(answers_of(earlier), answers_of(later))
    return render_template("checklist/compare.html", checklists=checklists, earlier=earlier,
                           later=later, changes=changes, same=same), 422 if same else 200
