"""The manager's side of sharing: the summaries people chose to share with me, each beside a
conversation guide, with my private preparation notes and a reply they see once I send it."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.clock import current_now
from journal.models.sharing import Connection
from journal.models.summary import Summary, SummaryItem, SummaryResponse
from journal.paging import page_after, parse_cursor
from journal.refusal import Refusal
from journal.shared import guide as conversation_guide
from journal.shared.rules import (
    FIELDS,
    READ_BY_EMPLOYEE,
    clean_response,
    praise_highlight,
    praise_hints,
    reply_coach,
)
from journal.shared.store import mark_first_viewed, save_response
from journal.sharing import shared_with, summary_shared_with
from journal.summaries.agreement_rules import clean_agreement_text, shared_state_words
from journal.summaries.agreements import (
    agreement_on,
    agreements_of,
    previous_agreements,
    propose,
    withdraw_proposal,
)
from journal.summaries.circle_rules import split_circles
from journal.summaries.marks import all_marks
from journal.web import owned_or_404, request_now

bp = Blueprint("shared", __name__)

HINT = "praise-hint"  # the flash category shown beside the reply, not at the top
SEEN_HINT = "praise-hint-observations"  # and beside the observations


def _render_summary(summary, values, errors=None, status=200):
    items, marks = SummaryItem.of(summary), all_marks()
    return render_template(
        "shared/show.html", summary=summary, items=items, author=summary.user.display_name,
        response=SummaryResponse.of(summary, current_user.id), values=values,
        errors=errors or {}, guide=conversation_guide, hint_category=HINT,
        seen_hint_category=SEEN_HINT,
        coach=reply_coach(praise_highlight(items, marks)), circles=split_circles(items, marks),
        agreements=agreements_of(summary), states=shared_state_words(),
        shared_states=shared_state_words(),
        previous_agreements=previous_agreements(summary, current_user.id)), status


def _stored(summary):
    response = SummaryResponse.of(summary, current_user.id)
    return {field: getattr(response, field, "") for field in FIELDS}


@bp.get("/shared")
@login_required
def index():
    """Who shares with me, and what they shared with me right now, newest first, a page at a
    time."""
    summaries, more = page_after(shared_with(current_user), Summary.shared_at,
                                 after=parse_cursor(request.args.get("cursor")))
    return render_template("shared/index.html", summaries=summaries, more=more,
                           employees=list(Connection.from_employees(current_user)))


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
    if "observations" in values:
        flash(_("Saved. %(name)s can read what you saw.", name=name) if response.observations
              else _("Nothing written, so %(name)s sees nothing here from you.", name=name))
    elif "reply" not in values:
        flash(_("Your notes are saved."))
        return redirect(url_for(".show", summary_id=summary.id, _anchor="notes"))
    else:
        flash(_("Saved. %(name)s can read your reply.", name=name) if response.reply
              else _("Your reply is empty, so %(name)s sees no reply from you.", name=name))
    field = next(field for field in READ_BY_EMPLOYEE if field in values)
    for hint in praise_hints(getattr(response, field), field):
        flash(hint["message"], HINT if field == "reply" else SEEN_HINT)
    anchor = "observations" if field == "observations" else "response"
    return redirect(url_for(".show", summary_id=summary.id, _anchor=anchor))


def _back(summary):
    return redirect(url_for(".show", summary_id=summary.id, _anchor="agreements"))


@bp.post("/shared/<summary_id>/agreements")
@login_required
def propose_agreement(summary_id):
    """Propose a next step; the employee decides whether it goes into their circle."""
    summary = owned_or_404(summary_shared_with(current_user, summary_id))
    text, errors = clean_agreement_text(request.form)
    if errors:
        return _render_summary(summary, {**_stored(summary), "agreement": request.form.get(
            "text", "")}, {"agreement": errors["text"]}, status=422)
    try:
        propose(summary, text, "manager", current_now())
    except Refusal as refused:
        flash(refused.message)
        return _back(summary)
    flash(_("Proposed. %(name)s decides whether it goes into their circle.",
            name=summary.user.display_name))
    return _back(summary)


@bp.post("/shared/<summary_id>/agreements/<agreement_id>/delete")
@login_required
def delete_agreement(summary_id, agreement_id):
    """Take back a step I proposed that is not decided on yet."""
    summary = owned_or_404(summary_shared_with(current_user, summary_id))
    try:
        withdraw_proposal(owned_or_404(agreement_on(summary, agreement_id)), "manager")
    except Refusal as refused:
        flash(refused.message)
        return _back(summary)
    flash(_("Your proposal is taken back."))
    return _back(summary)
