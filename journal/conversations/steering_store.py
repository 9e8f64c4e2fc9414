"""Steering conversations in the database: who may see which one, preparing, sharing and
answering them, and how the API shows them.

Who sees what: the manager sees their own conversations only while the employee is connected to
them, through the connection that was there when the conversation was prepared (ending the
connection closes the record for the manager; a new one does not reopen it). The employee sees a
conversation once it is shared, and keeps it whatever happens to the connection. A draft is the
manager's alone."""
from flask_babel import lazy_gettext as _l

from journal.clock import iso_utc
from journal.db import database, parse_uuid
from journal.models.conversation import SteeringConversation
from journal.models.sharing import Connection
from journal.models.user import User
from journal.notifications import notices
from journal.refusal import Refusal

Steering = SteeringConversation
Manager = User.alias("steering_manager")
Employee = User.alias("steering_employee")
NOT_DRAFT = ("shared", "answered")


def _with_people():
    return (Steering
            .select(Steering, Manager, Employee)
            .join(Manager, on=(Steering.manager == Manager.id))
            .switch(Steering)
            .join(Employee, on=(Steering.employee == Employee.id)))


def _as_manager(user):
    return (_with_people()
            .switch(Steering)
            .join(Connection, on=((Connection.employee == Steering.employee)
                                  & (Connection.manager == Steering.manager)))
            .where((Steering.manager == user) & (Connection.created_at <= Steering.created_at)))


def _as_employee(user):
    return _with_people().where((Steering.employee == user) & Steering.status.in_(NOT_DRAFT))


def given(user):
    """The conversations this manager prepared that they may still see, newest first."""
    return list(_as_manager(user).order_by(Steering.created_at.desc()))


def received(user):
    """The conversations shared with this employee, waiting for an answer first, then newest."""
    return sorted(_as_employee(user).order_by(Steering.shared_at.desc()),
                  key=lambda steering: steering.status != "shared")


def find(user, steering_id):
    """(conversation, role) for one the user may see ("manager" or "employee"); (None, None)
    when there is none such."""
    steering_uuid = parse_uuid(steering_id)
    if steering_uuid is None:
        return None, None
    mine = _as_manager(user).where(Steering.id == steering_uuid).first()
    if mine is not None:
        return mine, "manager"
    theirs = _as_employee(user).where(Steering.id == steering_uuid).first()
    return (theirs, "employee") if theirs is not None else (None, None)


def employees_of(manager):
    """The people who share with this manager (and so whom they may prepare one for)."""
    return [connection.employee for connection in Connection.from_employees(manager)]


def employee_of(manager, employee_id):
    """The person with this id when they share with this manager, else None."""
    employee_uuid = parse_uuid(employee_id) if isinstance(employee_id, str) else None
    return next((person for person in employees_of(manager) if person.id == employee_uuid), None)


def prepare(manager, employee, values, now):
    """A new draft from the manager for an employee who shares with them."""
    return Steering.create(manager=manager, employee=employee, created_at=now, updated_at=now,
                           **values)


def edit(steering, values, now):
    """Change a draft's fields; once shared, it is the record and stays as it is (conflict).
    The update is conditional, so a share in another tab wins over a late edit."""
    if not values:
        _still_draft(steering)
        return steering
    changed = (Steering.update(updated_at=now, **values)
               .where((Steering.id == steering.id) & (Steering.status == "draft"))
               .execute())
    if not changed:
        raise _shared_already()
    for field, value in values.items():
        setattr(steering, field, value)
    steering.updated_at = now
    return steering


def discard(steering):
    """Delete a draft (a shared one is the record: conflict)."""
    deleted = (Steering.delete()
               .where((Steering.id == steering.id) & (Steering.status == "draft"))
               .execute())
    if not deleted:
        raise _shared_already()


def share(steering, now):
    """Share a draft with the employee, who hears of it in the same transaction. Sharing one
    that is shared already changes nothing."""
    with database.atomic():
        shared = (Steering.update(status="shared", shared_at=now, updated_at=now)
                  .where((Steering.id == steering.id) & (Steering.status == "draft"))
                  .execute())
        if shared:
            notices.steering_shared(steering, now)
    if shared:
        steering.status, steering.shared_at, steering.updated_at = "shared", now, now
    return bool(shared)


def answer(steering, values, now):
    """Save the employee's answer (their plan and view), first or changed."""
    steering.plan, steering.view = values["plan"], values["view"]
    steering.status = "answered"
    steering.answered_at = now
    steering.updated_at = now
    steering.save(only=[Steering.plan, Steering.view, Steering.status, Steering.answered_at,
                        Steering.updated_at])
    return steering


def _still_draft(steering):
    status = Steering.select(Steering.status).where(Steering.id == steering.id).scalar()
    if status != "draft":
        raise _shared_already()


def _shared_already():
    return Refusal("conflict", _l("It is shared, so it stays as it is: it is the record of "
                                  "what you asked. You can prepare a new one."))



def to_api(steering, hints=()):
    """A steering conversation as the API shows it."""
    return {
        "id": str(steering.id),
        "manager": steering.manager.to_person(),
        "employee": steering.employee.to_person(),
        "expectation": steering.expectation,
        "reason": steering.reason,
        "room": steering.room,
        "held_on": steering.held_on.isoformat() if steering.held_on else None,
        "status": steering.status,
        "plan": steering.plan,
        "view": steering.view,
        "shared_at": iso_utc(steering.shared_at) if steering.shared_at else None,
        "answered_at": iso_utc(steering.answered_at) if steering.answered_at else None,
        "hints": list(hints),
    }


def hub_of(user):
    """What the conversations hub shows: whether the user may prepare one (people share with
    them), the ones they prepared, and those shared with them (waiting for an answer first)."""
    mine = given(user)
    theirs = received(user)
    return {"can_prepare": bool(employees_of(user)), "given": mine, "received": theirs,
            "waiting": sum(1 for steering in theirs if steering.status == "shared")}
