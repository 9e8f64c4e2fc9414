"""Deliveries taken up again: those whose push service could not be reached last time
("retry"), and claims left by a dispatcher that stopped before recording them (still
"claimed" after their lease). Each is taken by a conditional update, so of two dispatchers
only one gets it; one more overdue than the grace window is skipped as too late."""
from datetime import timedelta

from journal.clock import stored_utc
from journal.models.push import Delivery
from journal.models.user import User
from journal.notifications.notice_dispatch import resume
from journal.notifications.sending import record


def take_up(now, *, grace, lease):
    """Claim the retries and the abandoned claims; returns (messages to send, counts of
    claimed, sent (by mail), skipped and failed deliveries). Abandoned claims count as claimed
    again; one abandoned before anything was decided is decided now, so its mail is queued
    exactly once (a delivery's mail is queued in the transaction that records it)."""
    stamp, oldest = stored_utc(now), stored_utc(now - timedelta(seconds=grace))
    retries = [d for d in _waiting("retry") if _take_retry(d, stamp)]
    abandoned = [d for d in _abandoned(stored_utc(now - timedelta(seconds=lease)))
                 if take_abandoned(d, now)]
    counts = {"claimed": len(abandoned), "sent": 0, "skipped": 0, "failed": 0}
    too_late = [d.id for d in retries + abandoned if d.scheduled_for < oldest]
    record(too_late, "skipped", "too_late")
    counts["skipped"] += len(too_late)
    messages = []
    for delivery in retries + abandoned:
        if delivery.id in too_late:
            continue
        more, result = resume(delivery, now, grace)
        messages += more
        if result:
            counts[result] += 1
    return messages, counts


def _waiting(status):
    return list(Delivery.select(Delivery, User).join(User).where(Delivery.status == status)
                .order_by(Delivery.scheduled_for))


def _abandoned(cutoff):
    return list(Delivery.select(Delivery, User).join(User)
                .where((Delivery.status == "claimed")
                       & (Delivery.claimed_at.is_null() | (Delivery.claimed_at <= cutoff)))
                .order_by(Delivery.scheduled_for))


def _take_retry(delivery, stamp):
    return (Delivery.update(status="claimed", claimed_at=stamp)
            .where((Delivery.id == delivery.id) & (Delivery.status == "retry"))
            .execute())


def take_abandoned(delivery, now):
    """Take up a claim as read from the database, only if no one renewed or took it since
    (the lease moment it was read with is the token); 1 when taken, else 0."""
    same_claim = (Delivery.claimed_at.is_null() if delivery.claimed_at is None
                  else Delivery.claimed_at == delivery.claimed_at)
    return (Delivery.update(claimed_at=stored_utc(now))
            .where((Delivery.id == delivery.id) & (Delivery.status == "claimed") & same_claim)
            .execute())
