"""Signed-in devices in the database: start one, find the one a cookie names, end one, the
others, or all of them, and a session as the API shows it. Only a hash of each secret is stored."""
from journal.accounts.rules import device_name, is_due_a_touch, is_expired
from journal.clock import iso_utc
from journal.db import database
from journal.models.session import UserSession, new_session_secret, session_secret_hash
from journal.push.devices import kind_label


def start_session(user, device, remember, now, provider_hint=None):
    """A new signed-in device for the user (`provider_hint`: see UserSession). Returns (session,
    secret): the secret goes into the cookies and is never stored. Sessions of the user's that
    have expired go at the same time."""
    secret = new_session_secret()
    with database.atomic():
        _forget_expired(user, now)
        session = UserSession.create(user=user, secret_hash=session_secret_hash(secret),
                                     device=device_name(device), remember=bool(remember),
                                     created_at=now, last_seen_at=now,
                                     provider_hint=provider_hint)
    return session, secret


def find_session(secret, now):
    """The live session this secret belongs to (with `.user` loaded), or None. Notes that it was
    used, at most once per TOUCH_INTERVAL (then `.touched` is true); an expired one is ended
    here."""
    if not secret or not isinstance(secret, str) or len(secret) > 128:
        return None
    session = UserSession.with_secret(secret)
    if session is None:
        return None
    if is_expired(session.remember, session.last_seen_at, now):
        session.delete_instance()
        return None
    session.touched = is_due_a_touch(session.last_seen_at, now)
    if session.touched:
        session.last_seen_at = now
        UserSession.update(last_seen_at=now).where(UserSession.id == session.id).execute()
    return session


def end_session(user, session_id):
    """End one of the user's sessions; its cookies stop working at once. False when not theirs."""
    session = UserSession.owned(user, session_id)
    if session is None:
        return False
    session.delete_instance()
    return True


def end_other_sessions(user, keep):
    """End every session of the user's but `keep` (the one in use). Returns how many ended."""
    query = UserSession.delete().where(UserSession.user == user)
    if keep is not None:
        query = query.where(UserSession.id != keep.id)
    return query.execute()


def end_all_sessions(user):
    """End every session of the user's, this one too (after a password reset, say)."""
    return end_other_sessions(user, keep=None)


def live_sessions(user, now):
    """The user's sessions that still work, most recently active first."""
    return [session for session in UserSession.of(user)
            if not is_expired(session.remember, session.last_seen_at, now)]


def session_to_api(session, current):
    """A session as the API shows it; `current` is the session of this request (or None)."""
    return {"id": str(session.id), "device": kind_label(session.device),
            "created_at": iso_utc(session.created_at),
            "last_seen_at": iso_utc(session.last_seen_at),
            "current": current is not None and session.id == current.id}


def _forget_expired(user, now):
    for session in UserSession.of(user):
        if is_expired(session.remember, session.last_seen_at, now):
            session.delete_instance()
