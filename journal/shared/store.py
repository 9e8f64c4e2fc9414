"""The manager's side of a shared summary in the database: the first opening, the response, and
the highlights of many summaries at once. Who may see what is decided in journal.sharing."""

from peewee import IntegrityError

from journal.clock import iso_utc
from journal.db import database
from journal.models.summary import Summary, SummaryResponse
from journal.notifications import notices


def mark_first_viewed(summary, now):
    """Record the manager's first opening, once: only a summary not yet viewed is updated, so two
    tabs opening it together keep the earliest moment. True when this was the first opening."""
    updated = (Summary
               .update(first_viewed_at=now)
               .where((Summary.id == summary.id) & Summary.first_viewed_at.is_null())
               .execute())
    if updated:
        summary.first_viewed_at = now
    elif summary.first_viewed_at is None:  # the other tab won: show its moment
        summary.first_viewed_at = (Summary.select(Summary.first_viewed_at)
                                   .where(Summary.id == summary.id).scalar())
    return bool(updated)


def response_to_api(response):
    """The manager's notes, reply and observations as the API shows them (empty when there is none yet)."""
    if response is None:
        return {"private_notes": "", "reply": "", "replied_at": None, "observations": ""}
    return {"private_notes": response.private_notes, "reply": response.reply,
            "replied_at": iso_utc(response.replied_at) if response.replied_at else None,
            "observations": response.observations}


def save_response(summary, manager, values, now):
    """Create or update the manager's one response to a summary with the given fields. A changed
    reply is dated and the employee hears of it (journal.notifications.notices); an emptied one
    loses its date."""
    response = SummaryResponse.of(summary, manager.id)
    if response is None:
        try:
            with database.atomic():
                response = SummaryResponse.create(summary=summary, manager=manager,
                                                  updated_at=now)
        except IntegrityError:  # created meanwhile, from another tab
            response = SummaryResponse.of(summary, manager.id)
    replied = "reply" in values and values["reply"] != response.reply
    if replied:
        response.replied_at = now if values["reply"] else None
    for field, value in values.items():
        setattr(response, field, value)
    response.updated_at = now
    with database.atomic():
        response.save()
        if replied and response.reply:
            notices.summary_replied(summary, now)
    return response
