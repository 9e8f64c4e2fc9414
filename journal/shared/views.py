"""The manager's side of sharing: the summaries people chose to share with me, each beside a
conversation guide, with my private preparation notes and a reply they see once I send it."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.models.sharing import Connection
from journal.models.summary import SummaryItem, SummaryResponse
from journal.shared import guide as conversation_guide
from journal.shared.rules import (
    FIELDS,
    clean_response,
    praise_highlight,
    praise_hints,
    reply_coach,
)
from journal.shared.store import mark_first_viewed, save_response
from journal.sharing import shared_with, summary_shared_with
from journal.summaries.rules import MARK, item_marks
from journal.web import owned_or_404, request_now

bp = Blueprint("shared", __name__)

HINT = "praise-hint"  # the flash category shown beside the reply, not at the top


def _marks():
    """The words marking a highlight's kind in each language: a summary's highlights keep the
    words of the language its author wrote it in."""
    marks = {}
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            marks[language] = {kind: str(words).split(MARK)[0]
                               for kind, words in item_marks().items()}
    return marks


def _render_summary(summary, values, errors=None, status=200):
    items = SummaryItem.of(summary)
    return render_template(
        "shared/show.html", summary=summary, items=items, author=summary.user.display_name,
        response=SummaryResponse.of(summary, current_user.id), values=values,
        errors=errors or {}, guide=conversation_guide, hint_category=HINT,
        coach=reply_coach(praise_highlight(items, _marks()))), status


def _stored(summary):
    response = SummaryResponse.of(summary, current_user.id)
    return {field: getattr(response, field, "") for field in FIELDS}


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
    return _render_summary(summary, _stored(summary))


@bp.post("/shared/<summary_id>/response")
@login_required
def respond(summary_id):
    """Save my notes, or send my reply: only the fields the form sent change. The page has a
    form for each; a sent reply is what the employee reads, with a gentle hint beside it when it
    praises a trait or consoles by lowering expectations."""
    summary = owned_or_404(summary_shared_with(current_user, summary_id))
    form = {field: request.form[field] for field in FIELDS if field in request.form}
    values, errors = clean_response(form)
    if errors:
        return _render_summary(summary, {**_stored(summary), **form}, errors, status=422)
    response = save_response(summary, current_user, values, request_now())
    name = summary.user.display_name
    if "reply" not in values:
        flash(_("Your notes are saved."))
        return redirect(url_for(".show", summary_id=summary.id, _anchor="notes"))
    flash(_("Saved. %(name)s can read your reply.", name=name) if response.reply
          else _("Your reply is empty, so %(name)s sees no reply from you.", name=name))
    for hint in praise_hints(response.reply):
        flash(hint["message"], HINT)
    return redirect(url_for(".show", summary_id=summary.id, _anchor="response"))
