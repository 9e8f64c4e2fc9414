"""The JSON export (GET /api/v1/export and the downloads of "Your data"): complete, as the API
shows each object, and nothing secret or of other people beyond their names."""
import base64
from datetime import datetime, timezone

from journal.models import ApiToken, PushSubscription, SummaryResponse, User

MARKER = "Zebraquartz"  # an unusual word in Ana's writing, to look for after deletion
P256DH = base64.urlsafe_b64encode(b"\x04" + bytes(range(1, 65))).decode().rstrip("=")
AUTH = base64.urlsafe_b64encode(bytes(range(16))).decode().rstrip("=")


def ok(person, method, path, body=None):
    response = person.api(method, path, body)
    assert response.status_code in (200, 201, 204), (path, response.get_json())
    return response.get_json()


def connect(employee, manager):
    """The employee shares with the manager (a link invitation, accepted)."""
    made = ok(employee, "POST", "/api/v1/invitations", {})
    ok(manager, "POST", f"/api/v1/invitations/{made['token']}/accept")


def user_id(email):
    return str(User.by_email(email).id)


def fill_journal(ana, bo):
    """Ana's journal with one of everything; Ana and Bo share with each other, and each has
    shared a summary with the other. Returns the objects as the API answered them."""
    connect(ana, bo)
    connect(bo, ana)
    goal = ok(ana, "POST", "/api/v1/goals", {
        "title": f"Calm intakes {MARKER}", "why": "Less stress",
        "steps": [{"text": f"Ask Sam {MARKER}", "done": True},
                  {"text": "Draft a checklist", "done": False}]})
    ok(ana, "POST", "/api/v1/goals", {"title": "Speak up in meetings", "ring": "inner"})
    entries = [
        ok(ana, "POST", "/api/v1/entries", {
            "day": "2026-11-27", "text": f"Finished the intake checklist with Sam {MARKER}",
            "meaning": 4, "tags": ["intake", "sam"], "goal_id": goal["id"],
            "helped": "A quiet hour"}),
        ok(ana, "POST", "/api/v1/entries", {
            "day": "2026-11-24", "kind": "setback", "text": "The demo went badly",
            "learned": "Test the projector first", "try_next": "Arrive ten minutes early",
            "hindered": "No time to prepare"}),
        ok(ana, "POST", "/api/v1/entries", {
            "day": "2026-11-16", "text": "=SUM(A1:A9) looked odd\n- a second line",
            "tags": ["#Numbers"]}),
    ]
    ok(ana, "PUT", "/api/v1/reviews/2026-W48", {
        "improved": ["Calmer mornings", "Sam asked for my checklist"],
        "next_week": "Finish the intake flow", "help_wanted": "Jo, a second look", "scale": 7,
        "needs": {"autonomy": 4, "competence": 3, "relatedness": 5}})
    ok(ana, "PUT", "/api/v1/reviews/2026-W47", {"improved": ["Slept better"]})
    ok(ana, "POST", "/api/v1/checklists", {
        "answers": {"p1a_know_progress": "already", "p1b_help": "more"},
        "first_step": "Ask one question a day"})
    ok(ana, "PUT", "/api/v1/reminders", {
        "daily": {"enabled": True, "time": "08:15", "weekdays": [1, 3, 5],
                  "skip_if_logged": False},
        "weekly_review": {"enabled": True, "weekday": 4, "time": "17:00"},
        "paused_until": "2026-12-20", "details": True})
    ok(ana, "POST", "/api/v1/push/subscriptions", {
        "endpoint": "https://push.example.org/ana", "keys": {"p256dh": P256DH, "auth": AUTH}})
    ok(ana, "POST", "/api/v1/tokens", {"name": "Weekly export"})
    bo_id, ana_id = user_id("bo@example.org"), user_id("ana@example.org")
    draft = ok(ana, "POST", "/api/v1/summaries", {
        "from": "2026-11-01", "to": "2026-11-27", "conversation_on": "2026-12-10"})
    ok(ana, "PATCH", f"/api/v1/summaries/{draft['id']}", {"want": "Run intakes alone"})
    shared = ok(ana, "POST", "/api/v1/summaries", {
        "from": "2026-11-15", "to": "2026-11-27", "conversation_on": "2026-12-05"})
    ok(ana, "PATCH", f"/api/v1/summaries/{shared['id']}", {"achieved": f"Calmer {MARKER}",
                                                           "better_since": "Fewer late calls"})
    ok(ana, "POST", f"/api/v1/summaries/{shared['id']}/share", {"manager_id": bo_id})
    ok(bo, "PUT", f"/api/v1/shared/{shared['id']}/response", {
        "private_notes": "Bo's own notes", "reply": "Bo's reply to Ana",
        "observations": "Bo saw the checklist"})
    step = ok(bo, "POST", f"/api/v1/shared/{shared['id']}/agreements",
              {"text": f"Pair with Sam {MARKER}"})
    ok(ana, "POST", f"/api/v1/summaries/{shared['id']}/agreements/{step['id']}/accept")
    ok(ana, "POST", f"/api/v1/summaries/{shared['id']}/agreements", {"text": "Ask for feedback"})
    withdrawn = ok(ana, "POST", "/api/v1/summaries", {"from": "2026-10-01", "to": "2026-10-31"})
    ok(ana, "PATCH", f"/api/v1/summaries/{withdrawn['id']}", {"how": "One step a week"})
    ok(ana, "POST", f"/api/v1/summaries/{withdrawn['id']}/share", {"manager_id": bo_id})
    ok(ana, "POST", f"/api/v1/summaries/{withdrawn['id']}/withdraw")
    ok(bo, "POST", "/api/v1/entries", {"text": "Bo's private entry"})
    bos = ok(bo, "POST", "/api/v1/summaries", {
        "from": "2026-11-01", "to": "2026-11-27", "conversation_on": "2026-12-08"})
    ok(bo, "PATCH", f"/api/v1/summaries/{bos['id']}", {"achieved": "Bo's progress"})
    ok(bo, "POST", f"/api/v1/summaries/{bos['id']}/share", {"manager_id": ana_id})
    ok(ana, "PUT", f"/api/v1/shared/{bos['id']}/response", {
        "private_notes": f"Ana's notes on Bo {MARKER}", "reply": f"Well done {MARKER}"})
    return {"goal": goal, "entries": entries, "draft": draft, "shared": shared,
            "withdrawn": withdrawn, "bos": bos}


def export(person):
    response = person.api("GET", "/api/v1/export")
    assert response.status_code == 200
    return response.get_json()


def by_id(items):
    return sorted(items, key=lambda item: item["id"])


def test_the_export_holds_everything_as_the_api_shows_it(journal, other):
    made = fill_journal(journal, other)
    document = export(journal)
    assert list(document) == ["format", "version", "exported_at", "user", "reminders",
                              "entries", "reviews", "goals", "summaries", "checklists",
                              "connections", "helping_conversations",
                              "steering_conversations", "team_contributions"]
    assert (document["format"], document["version"], document["exported_at"]) == (
        "progress-journal", 1, "2026-11-27T12:00:00+00:00")
    ana = User.by_email("ana@example.org")
    assert document["user"] == {
        "display_name": "Ana", "email": "ana@example.org", "timezone": "Europe/Amsterdam",
        "language": "en", "review_weekday": 4, "notification_details": True,
        "reminders_paused_until": "2026-12-20",
        "created_at": ana.created_at.replace(tzinfo=timezone.utc).isoformat(),
        "email_verified": False, "sign_in": {"password": True, "company": []}}
    reminders = ok(journal, "GET", "/api/v1/reminders")
    reminders.pop("next")
    assert document["reminders"] == reminders
    assert document["entries"] == ok(journal, "GET", "/api/v1/entries?limit=200")["items"]
    assert [entry["id"] for entry in document["entries"]] == [e["id"] for e in made["entries"]]
    reviews = ok(journal, "GET", "/api/v1/reviews")["items"]
    assert [{k: v for k, v in r.items() if k != "id"} for r in document["reviews"]] == reviews
    assert all(len(review["id"]) == 36 for review in document["reviews"])
    assert by_id(document["goals"]) == by_id(ok(journal, "GET", "/api/v1/goals")["items"])
    assert document["checklists"] == ok(journal, "GET", "/api/v1/checklists")["items"]
    listed = {s["id"]: s for s in ok(journal, "GET", "/api/v1/summaries")["items"]}
    assert [s["id"] for s in document["summaries"]] == list(listed)
    for summary in document["summaries"]:
        shown = listed[summary["id"]]
        named = {"display_name": "Bo"} if shown["manager"] else None
        expected = {k: v for k, v in shown.items()
                    if k not in ("manager_id", "manager", "reply", "replied_at", "observations")}
        assert summary == {**expected, "manager": named}
    assert {s["id"]: s["status"] for s in document["summaries"]} == {
        made["draft"]["id"]: "draft", made["shared"]["id"]: "shared",
        made["withdrawn"]["id"]: "withdrawn"}
    assert sorted((c["role"], c["display_name"]) for c in document["connections"]) == [
        ("employee", "Bo"), ("manager", "Bo")]


def test_nothing_secret_and_nothing_of_others_but_their_names(journal, other):
    fill_journal(journal, other)
    text = journal.api("GET", "/api/v1/export").get_data(as_text=True)
    ana, bo = User.by_email("ana@example.org"), User.by_email("bo@example.org")
    device = PushSubscription.get()
    secrets = [ana.password_hash, ana.session_token, ApiToken.get().token_hash, device.p256dh,
               device.auth, device.endpoint]
    assert not [secret for secret in secrets if secret in text]
    bos_words = ["bo@example.org", str(bo.id), bo.id.hex, "Bo's own notes", "Bo's reply",
                 "Bo's private entry", "Bo's progress",
                 *(response.private_notes for response in SummaryResponse.select())]
    assert not [word for word in bos_words if word in text]
    assert '"display_name": "Bo"' in text


def test_an_empty_journal_exports_empty_lists(journal):
    document = export(journal)
    assert [document[name] for name in ("entries", "reviews", "goals", "summaries",
                                        "checklists", "connections")] == [[]] * 6
    assert document["reminders"]["daily"]["enabled"] is False


def test_every_download_is_a_named_file_that_is_not_cached(journal):
    journal.post_entry("Finished the intake checklist with Sam")
    for path, mimetype, extension in (
            ("/settings/data/export?format=json", "application/json", "json"),
            ("/settings/data/export?format=csv", "text/csv", "csv"),
            ("/settings/data/export?format=markdown", "text/markdown", "md"),
            ("/api/v1/export", "application/json", "json"),
            ("/api/v1/export?format=csv", "text/csv", "csv"),
            ("/api/v1/export?format=markdown", "text/markdown", "md")):
        response = journal.client.get(path)
        assert response.status_code == 200, path
        assert response.mimetype == mimetype
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="progress-journal-2026-11-27.{extension}"')
        assert response.headers["Cache-Control"] == "no-store"
        assert "Finished the intake checklist with Sam" in response.get_data(as_text=True)


def test_the_file_is_named_after_the_users_own_day(journal, clock):
    clock.now = datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc)  # already the 28th in Amsterdam
    response = journal.client.get("/api/v1/export")
    assert 'filename="progress-journal-2026-11-28.json"' in response.headers["Content-Disposition"]
    assert response.get_json()["exported_at"] == "2026-11-27T23:30:00+00:00"


def test_an_unknown_format_is_refused(journal):
    response = journal.api("GET", "/api/v1/export?format=pdf")
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"format": "Use json, csv or markdown."}
    assert journal.client.get("/settings/data/export?format=pdf").status_code == 404


def test_only_the_owner_exports(client, app):
    response = client.get("/api/v1/export")
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"
    page = client.get("/settings/data/export?format=json")
    assert page.status_code == 302 and page.location.startswith("/login")


def test_a_personal_token_with_the_data_scope_can_export(journal, app):
    journal.post_entry("Finished the intake checklist with Sam")
    token = ok(journal, "POST", "/api/v1/tokens",
               {"name": "Backup script", "scopes": ["data"]})["token"]
    response = app.test_client().get("/api/v1/export",
                                     headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.get_json()["entries"][0]["text"] == "Finished the intake checklist with Sam"


def test_each_person_exports_only_their_own(journal, other):
    journal.post_entry("Ana's step")
    other.post_entry("Bo's step")
    assert [e["text"] for e in export(journal)["entries"]] == ["Ana's step"]
    assert [e["text"] for e in export(other)["entries"]] == ["Bo's step"]
