"""The complete export of one person's journal, as a versioned JSON document (format
"progress-journal", version 1; the schema is documented in docs/api.md).

Everything is shown as the API shows it. Nothing secret goes in (password hash, session token,
API token hashes, push subscription keys), and of other people only their display names."""
import json

from flask import make_response

from journal.accounts.company import sign_ins_of
from journal.checklist.store import checklist_to_api
from journal.clock import iso_utc, local_today
from journal.data.conversations import helping_of, steering_of, team_contributions_of
from journal.data.formats import download_name, entries_csv, markdown_of
from journal.models.checklist import Checklist
from journal.models.entry import Entry, with_tags
from journal.models.goal import Goal, with_steps
from journal.models.review import Review
from journal.models.sharing import Connection
from journal.models.summary import Summary, SummaryItem
from journal.notifications.store import settings_for
from journal.summaries.agreements import agreement_to_api, agreements_grouped

FORMAT = "progress-journal"
VERSION = 1
KINDS = ("json", "csv", "markdown")
COMPUTED_REMINDER_FIELDS = ("next",)


def export_document(user, now):
    """Every piece of the user's own data, as one JSON-ready dict (`now` is aware UTC)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "user": profile_of(user),
        "reminders": reminders_of(user),
        "entries": [entry.to_api() for entry in with_tags(Entry.of(user))],
        "reviews": [review_to_export(review) for review in Review.of(user)],
        "goals": [goal.to_api() for goal in with_steps(Goal.of(user))],
        "summaries": summaries_of(user),
        "checklists": [checklist_to_api(checklist) for checklist in Checklist.of(user)],
        "connections": connections_to_export(user),
        "helping_conversations": helping_to_export(user),
        "steering_conversations": steering_to_export(user),
        "team_contributions": team_contributions_to_export(user),
    }


def profile_of(user):
    """The account's own settings (never its password hash or session token)."""
    return {
        "display_name": user.display_name,
        "email": user.email,
        "timezone": user.timezone,
        "language": user.language,
        "review_weekday": user.review_weekday,
        "notification_details": user.notification_details,
        "reminders_paused_until": (user.reminders_paused_until.isoformat()
                                   if user.reminders_paused_until else None),
        "created_at": iso_utc(user.created_at),
        "email_verified": user.email_verified,
        "sign_in": sign_in_of(user),
    }


def sign_in_of(user):
    """How the account signs in: with a password or not, and its company sign-ins. (An import
    never restores these: a file must not be able to open an account to someone.)"""
    return {"password": user.has_password,
            "company": [{"issuer": row.issuer, "subject": row.subject, "email": row.email,
                         "linked_at": iso_utc(row.created_at)} for row in sign_ins_of(user)]}


def reminders_of(user):
    """The reminder settings as GET /api/v1/reminders shows them, without what is computed."""
    settings = settings_for(user)
    for field in COMPUTED_REMINDER_FIELDS:
        settings.pop(field, None)
    return settings


def review_to_export(review):
    """A review as the API shows it, with its id (summary highlights may point to it)."""
    return {"id": str(review.id), **review.to_api()}


def summaries_of(user):
    """The user's own summaries with their highlights and agreed next steps. Whom one was shared
    with is named, never identified: the manager's id, notes, reply and observations are
    theirs."""
    summaries = list(Summary.of(user))
    items, agreements = SummaryItem.grouped(summaries), agreements_grouped(summaries)
    exported = []
    for summary in summaries:
        data = summary.to_api(items[summary.id])
        data.pop("manager_id")
        data["manager"] = ({"display_name": summary.manager.display_name}
                           if summary.manager_id else None)
        data["agreements"] = [agreement_to_api(row) for row in agreements[summary.id]]
        exported.append(data)
    return exported


def helping_to_export(user):
    """The helping conversations the user asked for or gave, with every note (the other person
    by name only). For reading: like connections, they need both people, so an import never
    makes them."""
    exported = []
    for row, notes in helping_of(user):
        mine = row.asker_id == user.id
        exported.append({
            "role": "asker" if mine else "helper",
            "with": {"display_name": (row.helper if mine else row.asker).display_name},
            "topic": row.topic, "status": row.status, "step": row.step,
            "next_step": row.next_step, "created_at": iso_utc(row.created_at),
            "closed_at": iso_utc(row.closed_at) if row.closed_at else None,
            "notes": [{"step": note.step, "text": note.text, "mine": note.author_id == user.id,
                       "created_at": iso_utc(note.created_at)} for note in notes]})
    return exported


def steering_to_export(user):
    """The steering conversations the user prepared as a manager or received as an employee
    (a draft only for its manager), the other person by name only. For reading, as above."""
    exported = []
    for row in steering_of(user):
        mine = row.manager_id == user.id
        exported.append({
            "role": "manager" if mine else "employee",
            "with": {"display_name": (row.employee if mine else row.manager).display_name},
            "expectation": row.expectation, "reason": row.reason, "room": row.room,
            "held_on": row.held_on.isoformat() if row.held_on else None,
            "status": row.status, "plan": row.plan, "view": row.view,
            "shared_at": iso_utc(row.shared_at) if row.shared_at else None,
            "answered_at": iso_utc(row.answered_at) if row.answered_at else None,
            "created_at": iso_utc(row.created_at)})
    return exported


def team_contributions_to_export(user):
    """The person's own part of their teams: meeting answers (with whether they were shared),
    circle notes, cases and contributions, each with its team's id and name. Answers and
    contributions come back with an import; the rest is for reading (see docs/api.md)."""
    answers, notes, cases, contributions, teams = team_contributions_of(user)

    def team(team_id):
        found = teams.get(team_id)
        return {"id": str(found.id), "name": found.name} if found else None

    def moment(value):
        return iso_utc(value) if value else None
    return {
        "meeting_answers": [
            {"id": str(row.id), "team": team(row.team_id), "week": row.week,
             "question": row.question, "text": row.text, "shared_at": moment(row.shared_at),
             "created_at": moment(row.created_at), "updated_at": moment(row.updated_at)}
            for row in answers],
        "circle_notes": [
            {"id": str(row.id), "team": team(row.team_id), "theme": row.theme, "text": row.text,
             "ring": row.ring, "steps": json.loads(row.steps or "[]"),
             "moved_in_at": moment(row.moved_in_at), "created_at": moment(row.created_at)}
            for row in notes],
        "cases": [
            {"id": str(row.id), "team": team(row.team_id), "case": row.case,
             "status": row.status, "next_step": row.next_step,
             "better_since": row.better_since, "created_at": moment(row.created_at),
             "closed_at": moment(row.closed_at)} for row in cases],
        "contributions": [
            {"id": row.id, "team": team(row.consultation.team_id), "step": row.step,
             "text": row.text, "created_at": moment(row.created_at)}
            for row in contributions],
    }


def connections_to_export(user):
    """Who the user shares with and who shares with them, by name only (for reading: an import
    never makes connections, which need both people)."""
    exported = []
    for connection in Connection.either_side(user):
        mine = connection.employee_id == user.id
        other = connection.manager if mine else connection.employee
        exported.append({"role": "employee" if mine else "manager",
                         "display_name": other.display_name,
                         "created_at": iso_utc(connection.created_at)})
    return exported


def download(user, kind, now, locale):
    """A response with the user's export as a file to save (never cached)."""
    text, mimetype = render_export(export_document(user, now), kind, locale)
    response = make_response(text)
    response.mimetype = mimetype
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{download_name(local_today(now, user.timezone), kind)}"')
    response.headers["Cache-Control"] = "no-store"
    return response


def render_export(document, kind, locale):
    """The export as a file: (text, mimetype) for kind "json", "csv" or "markdown"."""
    if kind == "csv":
        return entries_csv(document), "text/csv"
    if kind == "markdown":
        return markdown_of(document, locale), "text/markdown"
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n", "application/json"
