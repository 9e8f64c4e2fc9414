"""Who shares with whom, and who may see which summary. Every other module asks here, so the
privacy rule lives in one place: a manager sees a summary only while it is shared with them by
someone still connected to them."""

from journal.clock import iso_utc
from journal.db import database
from journal.models.sharing import (
    Connection,
    Summary,
    SummaryItem,
    SummaryResponse,
    parse_uuid,
)
from journal.models.user import User

Manager = User.alias("manager")
Employee = User.alias("employee")


def managers_of(user):
    """The user's connections to managers and coaches (each with `.manager` loaded), by name."""
    return list(Connection
                .select(Connection, Manager)
                .join(Manager, on=(Connection.manager == Manager.id))
                .where(Connection.employee == user)
                .order_by(Manager.display_name))


def employees_of(user):
    """The connections of people who share with this user (each with `.employee` loaded)."""
    return list(Connection
                .select(Connection, Employee)
                .join(Employee, on=(Connection.employee == Employee.id))
                .where(Connection.manager == user)
                .order_by(Employee.display_name))


def connection_between(employee, manager_id):
    """The connection from this employee to the manager with this id, or None."""
    manager_uuid = parse_uuid(manager_id)
    if manager_uuid is None:
        return None
    return Connection.get_or_none((Connection.employee == employee)
                                  & (Connection.manager == manager_uuid))


def connection_of(user, connection_id):
    """A connection this user is either side of, or None."""
    connection_uuid = parse_uuid(connection_id)
    if connection_uuid is None:
        return None
    return Connection.get_or_none((Connection.id == connection_uuid)
                                  & ((Connection.employee == user) | (Connection.manager == user)))


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


def summary_owned(user, summary_id):
    """The user's own summary with this id (any status), or None."""
    summary_uuid = parse_uuid(summary_id)
    if summary_uuid is None:
        return None
    return Summary.get_or_none((Summary.id == summary_uuid) & (Summary.user == user))


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


def items_of(summary):
    """The summary's highlights in order."""
    return list(SummaryItem
                .select()
                .where(SummaryItem.summary == summary)
                .order_by(SummaryItem.position, SummaryItem.id))


def response_of(summary, manager_id):
    """The manager's notes and reply on a summary, or None."""
    return SummaryResponse.get_or_none((SummaryResponse.summary == summary)
                                       & (SummaryResponse.manager == manager_id))


def summary_to_api(summary, items):
    """A summary as the JSON API shows it (the contract in API.md)."""
    def moment(value):
        return iso_utc(value) if value else None
    return {
        "id": str(summary.id),
        "from": summary.period_from.isoformat(),
        "to": summary.period_to.isoformat(),
        "achieved": summary.achieved,
        "want": summary.want,
        "how": summary.how,
        "help_from_manager": summary.help_from_manager,
        "conversation_on": summary.conversation_on.isoformat() if summary.conversation_on else None,
        "items": [{"text": item.text, "source": item.source, "source_id": item.source_id}
                  for item in items],
        "status": summary.status,
        "manager_id": str(summary.manager_id) if summary.manager_id else None,
        "shared_at": moment(summary.shared_at),
        "first_viewed_at": moment(summary.first_viewed_at),
        "withdrawn_at": moment(summary.withdrawn_at),
        "created_at": moment(summary.created_at),
        "updated_at": moment(summary.updated_at),
    }
