"""Progress conversations: one place that leads to everything around them, for the employee
(summaries, the people they share with) and the manager (what was shared, the checklist, the
team meeting), and the home page's gentle reminder of a conversation coming up."""
from datetime import timedelta

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from journal.models.sharing import Summary
from journal.notifications.rules import PREPARE_DAYS_BEFORE
from journal.sharing import employees_of, managers_of, shared_with
from journal.web import user_today

bp = Blueprint("conversations", __name__)


def upcoming_conversation(user, today):
    """The user's own summary whose conversation is within the next few days, or None."""
    return (Summary
            .select()
            .where((Summary.user == user) & (Summary.status != "withdrawn")
                   & Summary.conversation_on.between(
                       today, today + timedelta(days=PREPARE_DAYS_BEFORE)))
            .order_by(Summary.conversation_on, Summary.created_at.desc())
            .first())


@bp.get("/conversations")
@login_required
def index():
    """Everything around progress conversations, on both sides."""
    return render_template(
        "conversations/index.html",
        managers=managers_of(current_user),
        employees=employees_of(current_user),
        new_count=shared_with(current_user).where(Summary.first_viewed_at.is_null()).count(),
        upcoming=upcoming_conversation(current_user, user_today()),
    )
