"""The manager's side of sharing: the summaries people chose to share with me, each beside a
conversation guide, with my private preparation notes and a reply they see."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.models.sharing import Connection
from journal.models.summary import SummaryItem, SummaryResponse
from journal.shared import guide as conversation_guide
from journal.shared.rules import FIELDS, clean_response, praise_hints
from journal.shared.store import mark_first_viewed, save_response
from journal.sharing import shared_with, summary_shared_with
from journal.web import owned_or_404, request_now

bp = Blueprint("shared", __name__)

HINT = "praise-hint"  # the flash category shown beside the reply, not at the top


def _render_summary(summary, values, errors=None, status=200):
    return render_template(
        "shared/show.html", summary=summary, items=SummaryItem.of(summary),
        author=summary.user.display_name, response=SummaryResponse.of(summary, current_user.id),
        values=values, errors=errors or {}, guide=conversation_guide, hint_category=HINT), status


@bp.get("/shared")
@login_required
def index():
    """Who shares with me, and what they shared with me right now, newest first."""
    return render_template("shared/index.html",
                           employees=list(Connection.from_employees(current_user)),
                           summaries=list(shared_with(current_user)))


@bp.get("/shared/<summary_id>")
@login_required
def show(summary_id):
    """A shared summary exactly as the employee previewed it; the first opening is recorded."""
    summary = owned_or_404(summary_shared_with(current_user, summary_id))
    mark_first_viewed(summary, request_now())
    response = SummaryResponse.of(summary, current_user.id)
    values = {field: getattr(response, field, "") for field in FIELDS}
    return _render_summary(summary, values)


@bp.post("/shared/<summary_id>/response")
@login_required
def respond(summary_id):
    """Save my notes and reply as written; a gentle hint when the reply praises a trait."""
    summary = owned_or_404(summary_shared_with(current_user, summary_id))
    form = {field: request.form.get(field, "") for field in FIELDS}
    values, errors = clean_response(form)
    if errors:
        return _render_summary(summary, form, errors, status=422)
    response = save_response(summary, current_user, values, request_now())
    flash(_("Saved. %(name)s can read your reply.", name=summary.user.display_name)
          if response.reply else _("Your notes are saved."))
    for hint in praise_hints(response.reply):
        flash(hint["message"], HINT)
    return redirect(url_for(".show", summary_id=summary.id, _anchor="response"))
