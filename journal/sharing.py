"""Who may see which summary. Every feature asks here, so the privacy rule lives in one place: a
manager sees a summary only while it is shared with them by someone still connected to them, and
ending a connection withdraws what was shared through it."""

from journal.db import database, parse_uuid
from journal.models.sharing import Connection
from journal.models.summary import Summary
from journal.models.user import User


def shared_with(manager):
    """Summaries shared with this manager right now, newest first (with `.user` loaded)."""
    return (Summary
            .select(Summary, User)
            .join(User, on=(Summary.user == User.id))
            .switch(Summary)
            .join(Connection, on=((Connection.employee == Summary.user)
                                  & (Connection.manager == Summary.manager)))
            .where((Summary.manager == manager) & (Summary.status == "shared"))
            .order_by(Summary.shared_at.desc()))


def summary_shared_with(manager, summary_id):
    """A summary shared with this manager right now, or None (never a draft or a withdrawn one)."""
    summary_uuid = parse_uuid(summary_id)
    if summary_uuid is None:
        return None
    return shared_with(manager).where(Summary.id == summary_uuid).first()


def unopened_count(manager):
    """How many of the summaries shared with this manager they have not opened yet."""
    return shared_with(manager).where(Summary.first_viewed_at.is_null()).count()


def end_connection(connection, now):
    """End a connection; whatever was shared through it is withdrawn at once."""
    with database.atomic():
        (Summary
         .update(status="withdrawn", withdrawn_at=now)
         .where((Summary.user == connection.employee_id)
                & (Summary.manager == connection.manager_id)
                & (Summary.status == "shared"))
         .execute())
        connection.delete_instance()
