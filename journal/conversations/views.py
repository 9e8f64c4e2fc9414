"""Progress conversations: one place that leads to everything around them, for the employee
(summaries, the people they share with) and the manager (what was shared, the checklist, the
team meeting)."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from journal.conversations import helping_store, steering_store
from journal.models.sharing import Connection
from journal.sharing import unopened_count
from journal.summaries.store import upcoming_conversation
from journal.teams.membership import teams_of
from journal.web import user_today

bp = Blueprint("conversations", __name__)


@bp.get("/conversations")
@login_required
def index():
    """Everything around progress conversations, on both sides."""
    return render_template(
        "conversations/index.html",
        managers=list(Connection.to_managers(current_user)),
        employees=list(Connection.from_employees(current_user)),
        new_count=unopened_count(current_user),
        upcoming=upcoming_conversation(current_user, user_today()),
        helping=helping_store.hub_of(current_user),
        steering=steering_store.hub_of(current_user),
        teams=teams_of(current_user),
    )
