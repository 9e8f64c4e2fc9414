"""The employee's summaries for progress conversations: choose a period, shape the highlights
and answers, see exactly what the manager will see, share it with one manager, take it back."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from journal.clock import current_now
from journal.models.sharing import Connection
from journal.models.summary import Summary, SummaryItem
from journal.paging import page_after, parse_cursor
from journal.refusal import Refusal
from journal.summaries.agreement_rules import (
    clean_agreement_text,
    shared_state_words,
    state_words,
)
from journal.summaries.agreements import (
    accept,
    agreement_on,
    agreements_of,
    decline,
    previous_agreements,
    previous_summary,
    propose,
    withdraw_proposal,
)
from journal.summaries.circle_rules import split_circles
from journal.summaries.forms import form_errors, form_rows, form_to_data, move_row
from journal.summaries.marks import all_marks
from journal.summaries.rules import (
    clean_new_summary,
    clean_summary,
    is_empty,
    since_last_start,
)
from journal.summaries.store import (
    EDITABLE,
    answers_of,
    create_summary,
    delete_draft,
    replies_of,
    reply_of,
    response_of,
    share_summary,
    update_summary,
    withdraw_summary,
)
from journal.web import owned_or_404, status_of, user_today

bp = Blueprint("summaries", __name__)


def _card(summary):
    """What every page about one summary shows: the card as the manager sees it (its circles,
    and the next steps of the conversation before), its state, and the conversation's record."""
    items = SummaryItem.of(summary)
    return {"summary": summary, "items": items, "author": current_user.display_name,
            "manager": summary.manager if summary.manager_id else None,
            "reply": reply_of(summary), "response": response_of(summary),
            "empty": is_empty(answers_of(summary), items),
            "circles": split_circles(items, all_marks()),
            "agreements": agreements_of(summary), "states": state_words(),
            "shared_states": shared_state_words(),
            "previous_agreements": previous_agreements(summary, summary.manager_id),
            **_looking_back(summary)}


def _looking_back(summary):
    """The conversation before, as the employee's editor opens with it: whether there was one,
    and its agreed steps with what became of each."""
    previous = previous_summary(summary, still_shared=False)
    return {"had_conversation": previous is not None,
            "looking_back": agreements_of(previous) if previous else []}


def _render_shown(summary, errors=None, values=None, status=200):
    """The conversation's page of a shared summary, with any form's message beside its field."""
    return render_template("summaries/show.html", errors=errors or {}, values=values or {},
                           **_card(summary)), status


@bp.get("/summaries")
@login_required
def index():
    """The user's summaries, newest first, a page at a time, with what became of each and the
    replies."""
    summaries, more = page_after(Summary.of(current_user), Summary.created_at,
                                 after=parse_cursor(request.args.get("cursor")))
    return render_template("summaries/index.html", summaries=summaries, more=more,
                           replies=replies_of(summaries))


def _render_new(values, errors, status=200):
    today, last = user_today(), Summary.last_shared_to(current_user)
    since = since_last_start(today, last)
    defaults = {"period": "since_last" if since <= today else "four_weeks",
                "to": today.isoformat()}
    return render_template("summaries/new.html", values=values or defaults, errors=errors,
                           today=today, since=since, has_shared=last is not None), status


@bp.route("/summaries/new", methods=["GET", "POST"])
@login_required
def create():
    """Choose the period (and, if known, the conversation day); the app proposes highlights."""
    if request.method == "GET":
        return _render_new({}, {})
    today, form = user_today(), request.form.to_dict()
    period, conversation_on, errors = clean_new_summary(
        form, today=today, last_shared_to=Summary.last_shared_to(current_user))
    if errors:
        return _render_new(form, errors, status=422)
    summary = create_summary(current_user, period, conversation_on, current_now())
    flash(_("Here is a first proposal from your journal. Keep what matters to you."))
    return redirect(url_for(".show", summary_id=summary.id))


def _render_builder(summary, values, rows, errors, status=200):
    return render_template("summaries/edit.html", values=values, rows=rows, errors=errors,
                           **_card(summary)), status


@bp.get("/summaries/<summary_id>")
@login_required
def show(summary_id):
    """A draft or withdrawn summary opens in the builder; a shared one is read-only."""
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    if summary.status not in EDITABLE:
        return _render_shown(summary)
    rows = [{"text": item.text, "source": item.source, "source_id": item.source_id,
             "remove": False} for item in SummaryItem.of(summary)]
    values = {**answers_of(summary), "conversation_on": summary.conversation_on or ""}
    return _render_builder(summary, values, rows, {})


@bp.post("/summaries/<summary_id>")
@login_required
def save(summary_id):
    """Save the builder; with errors, everything typed comes back with the message beside it.
    Without JavaScript, a highlight's move and remove buttons save too, and the builder stays."""
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    typed = form_rows(request.form)
    rows = [row for row in move_row(typed, request.form.get("move")) if not row["remove"]]
    values, errors = clean_summary(form_to_data(request.form, rows), today=user_today(),
                                   current_conversation_on=summary.conversation_on)
    if errors:
        return _render_builder(summary, request.form, rows, form_errors(errors, rows), 422)
    try:
        update_summary(summary, values, current_now())
    except Refusal as refused:
        return render_template("summaries/show.html", refused=refused.message, errors={},
                               values={}, **_card(summary)), status_of(refused)
    flash(_("Your summary is saved."))
    if request.form.get("next") == "preview":
        return redirect(url_for(".preview", summary_id=summary.id))
    moved = request.form.get("move") or len(rows) < len(typed)
    return redirect(url_for(".show", summary_id=summary.id,
                            _anchor="items-heading" if moved else None))


@bp.get("/summaries/<summary_id>/preview")
@login_required
def preview(summary_id):
    """Exactly what the manager will see, and with whom to share it."""
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    return render_template("summaries/preview.html",
                           managers=list(Connection.to_managers(current_user)), **_card(summary))


def _act(summary_id, action, done):
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    try:
        summary = action(summary)
    except Refusal as refused:
        flash(refused.message)
        return redirect(url_for(".preview", summary_id=summary.id))
    flash(done(summary))
    return redirect(url_for(".show", summary_id=summary.id))


@bp.post("/summaries/<summary_id>/share")
@login_required
def share(summary_id):
    """Share with the one connected manager chosen."""
    return _act(summary_id,
                lambda s: share_summary(s, request.form.get("manager_id"), current_now()),
                lambda s: _("Shared with %(name)s. You can withdraw it at any time.",
                            name=s.manager.display_name))


@bp.post("/summaries/<summary_id>/withdraw")
@login_required
def withdraw(summary_id):
    """Take it back: the manager no longer sees it."""
    return _act(summary_id, lambda s: withdraw_summary(s, current_now()),
                lambda s: _("Withdrawn. It is yours alone again; you can change it and share "
                            "it again."))


@bp.post("/summaries/<summary_id>/delete")
@login_required
def delete(summary_id):
    """Delete a draft that was never shared."""
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    try:
        delete_draft(summary)
    except Refusal as refused:
        flash(refused.message)
        return redirect(url_for(".show", summary_id=summary.id))
    flash(_("The draft is deleted. Your journal is unchanged."))
    return redirect(url_for(".index"))


# -- the conversation's agreed next steps ------------------------------------------------------

def _back(summary):
    return redirect(url_for(".show", summary_id=summary.id, _anchor="agreements"))


def _refused(summary, refused):
    flash(refused.message)
    return _back(summary)


@bp.post("/summaries/<summary_id>/agreements")
@login_required
def propose_agreement(summary_id):
    """Propose a next step in the conversation; the manager hears of it."""
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    text, errors = clean_agreement_text(request.form)
    if errors:
        return _render_shown(summary, errors, request.form, 422)
    try:
        propose(summary, text, "employee", current_now())
    except Refusal as refused:
        return _refused(summary, refused)
    flash(_("Proposed. Accept it when you want it in your circle."))
    return _back(summary)


def _agreement(summary, agreement_id):
    return owned_or_404(agreement_on(summary, agreement_id))


@bp.post("/summaries/<summary_id>/agreements/<agreement_id>/accept")
@login_required
def accept_agreement(summary_id, agreement_id):
    """Take a proposed step into my outer circle, in the words in the form."""
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    agreement = _agreement(summary, agreement_id)
    text, errors = clean_agreement_text(request.form)
    if errors:
        return _render_shown(summary, {f"accept-{agreement.id}": errors["text"]},
                             {f"accept-{agreement.id}": request.form.get("text", "")}, 422)
    try:
        accept(summary, agreement, text, current_user, current_now())
    except Refusal as refused:
        return _refused(summary, refused)
    flash(_("It is in your circle now, as a goal still to achieve."))
    return _back(summary)


@bp.post("/summaries/<summary_id>/agreements/<agreement_id>/decline")
@login_required
def decline_agreement(summary_id, agreement_id):
    """Let a proposed step go; the record keeps it."""
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    try:
        decline(summary, _agreement(summary, agreement_id), current_now())
    except Refusal as refused:
        return _refused(summary, refused)
    flash(_("Let go. It stays in the record of the conversation."))
    return _back(summary)


@bp.post("/summaries/<summary_id>/agreements/<agreement_id>/delete")
@login_required
def delete_agreement(summary_id, agreement_id):
    """Take back a step I proposed that is not decided on yet."""
    summary = owned_or_404(Summary.owned(current_user, summary_id))
    try:
        withdraw_proposal(_agreement(summary, agreement_id), "employee")
    except Refusal as refused:
        return _refused(summary, refused)
    flash(_("Your proposal is taken back."))
    return _back(summary)
