"""The authorization matrix: every route of the app, against the owner, a connected manager with
a shared summary, that manager after the summary was withdrawn, an unconnected user (through
the browser session, and through a personal API token) and an anonymous visitor. Nobody but the owner ever sees a word of the owner's journal; the manager
sees exactly the shared summary while it is shared; nobody's write changes the owner's data."""
import re
from datetime import date, datetime

import pytest

from journal.charts.figures import CHART_NAMES
from journal.models import (
    Agreement,
    ApiToken,
    Checklist,
    Connection,
    Entry,
    Goal,
    GoalStep,
    HelpingConversation,
    HelpingNote,
    Invitation,
    PushSubscription,
    Consultation,
    Contribution,
    MeetingAnswer,
    MeetingAttendee,
    Review,
    SteeringConversation,
    Team,
    TeamMeeting,
    TeamMember,
    TeamNote,
    Summary,
    SummaryItem,
    SummaryResponse,
    User,
    UserSession,
)
from journal.models.sharing import token_hash
from journal.tokens.store import create_token
from tests.conftest import STORED_NOW, Journal, company_settings

ANA_PRIVATE = ["ANA-ENTRY-SECRET", "ANA-REVIEW-SECRET", "ANA-GOAL-SECRET", "ANA-STEP-SECRET",
               "ANA-DRAFT-SECRET", "ANA-CHECKLIST-SECRET", "ANA-DEVICE-SECRET", "ANA-TOKEN-SECRET",
               "ANA-UNSHARED-ANSWER"]
# What Ana put into her team (Bo is a member; in the "withdrawn" run he has left it): its
# members see these on the team's own routes, nobody else anywhere.
TEAM_WORDS = ["ANA-TEAM-NOTE", "ANA-TEAM-CASE", "ANA-TEAM-IDEA", "ANA-SHARED-ANSWER"]
TEAM_BLUEPRINTS = {"teams", "teams_api", "team_meetings", "team_meetings_api", "team_circle",
                   "team_circle_api", "consultations", "consultations_api"}
SHARED = "ANA-SHARED-ITEM"
BO_PRIVATE = "BO-NOTES-SECRET"
# Conversations between Ana and Bo: both of them see these, nobody else ever does.
BETWEEN_THEM = ["ANA-HELPING-TOPIC", "ANA-HELPING-NOTE", "BO-EXPECTATION", "ANA-PLAN"]
# A next step Bo proposed on Ana's shared summary: seen where the summary is, only while shared.
AGREED = "BO-AGREED-STEP"
TOKEN = "matrix-invitation-token"
ACTORS = ["owner", "manager", "withdrawn", "stranger", "bearer", "anonymous"]
# Routes anyone may open without an account.
PUBLIC = {"auth.login", "auth.signup", "auth.choose_language", "pwa.manifest", "pwa.offline",
          "pwa.quick", "pwa.service_worker", "health.healthz", "charts.plotly_js", "static",
          "people.accept", "session_api.session_info", "push_api.push_key",
          "verification.confirm", "recovery.forgot", "recovery.reset",
          "mail_settings.unsubscribe_page", "mail_settings.unsubscribe",
          # Company sign-in: the way to log in (a signed-in person is sent home).
          "company.begin", "company.callback", "company.link", "company.cancel",
          "company.provider_logout", "privacy.show",
          # A team's join link: its token is the key, and joining needs an account.
          "teams.join"}
# Mailed links whose token is the only key: the matrix's made-up token opens nothing (404),
# for the owner too (each link is followed from a real mail in its own module).
TOKEN_LINKS = {"verification.confirm", "recovery.reset", "mail_settings.unsubscribe_page",
               "mail_settings.unsubscribe", "teams.join"}
# Route parameters that name one of the owner's own objects.
OWNED = {"entry_id", "goal_id", "step_id", "checklist_id", "invitation_id", "device_id",
         "summary_id", "token_id", "session_id", "agreement_id", "helping_id", "steering_id"}
# What a connected manager may open about the owner while a summary is shared with them.
MANAGER_VIEWS = {"shared.index", "shared.show", "shared_api.list_shared", "shared_api.get_shared"}
# What Bo may open as Ana's helper and as the manager who prepared an expectation for her, while
# they are connected (the "withdrawn" actor is still connected: only the summary was taken back).
PARTICIPANT_VIEWS = {"helping.show", "helping_api.get_helping", "steering.show",
                     "steering.edit", "steering_api.get_steering"}
CONVERSATIONS_OF_TWO = {"helping", "helping_api", "steering", "steering_api"}
# Bo's own lists and export name the conversations he is part of.
LISTS_OF_BOTH = {"helping.index", "helping_api.list_helping", "steering.index",
                 "steering_api.list_steering", "conversations.index", "data.export",
                 "ownership_api.export_journal"}
# Writes that are the actor's own right and change the owner's rows by design (each is tested
# in its own module): either side may end a connection, whoever holds a link invitation may
# accept it, and a manager writes notes on what is shared with them.
OWN_RIGHTS = {(actor, endpoint)
              for actor in ("manager", "withdrawn", "stranger", "bearer")
              for endpoint in ("people.end", "connections_api.delete_connection", "people.accept",
                               "connections_api.accept_invitation")} | {
    ("manager", "shared.respond"), ("manager", "shared_api.put_response")} | {
    # Bo proposes next steps on what Ana shares, and takes his own proposal back.
    ("manager", endpoint) for endpoint in (
        "shared.propose_agreement", "shared.delete_agreement", "shared_api.propose_agreement",
        "shared_api.delete_agreement")} | {
    # As Ana's helper Bo answers her request, writes notes, moves through the steps and
    # proposes the next step; as the manager he shares his expectation (while connected).
    (actor, endpoint) for actor in ("manager", "withdrawn") for endpoint in (
        "helping.answer", "helping.notes", "helping.step", "helping.next_step",
        "helping_api.answer", "helping_api.add_note", "helping_api.move_step",
        "helping_api.propose_next_step", "steering.share", "steering_api.share",
        "steering.edit", "steering_api.update", "steering.delete", "steering_api.delete")} | {
    # As a member of Ana's team Bo may leave it, and take, work out and move her circle note.
    ("manager", endpoint) for endpoint in (
        "teams.leave", "teams.remove", "teams_api.remove_member", "team_circle.take",
        "team_circle.add_step", "team_circle.tick_step", "team_circle.remove_step",
        "team_circle.move", "team_circle_api.update_note")}
# Routes a personal API token may never use (a leaked token can't mint or revoke tokens).
SESSION_ONLY = {"tokens_api.create", "tokens_api.revoke", "sessions_api.list_sessions",
                "sessions_api.delete_session", "sessions_api.delete_other_sessions"}
# Pages that are someone else's by nature: the owner is not the manager of her own summary.
NOT_FOR_OWNER = {"shared.show", "shared_api.get_shared", "shared.respond",
                 "shared_api.put_response", "steering.edit"}


def build_world(ana, bo):
    """Ana's journal with a marker in every object, a summary shared with Bo, and Bo's notes."""
    entry = ana.api("POST", "/api/v1/entries", json={"text": "ANA-ENTRY-SECRET"}).get_json()
    ana.api("PUT", "/api/v1/reviews/2026-W48", json={"improved": ["ANA-REVIEW-SECRET"]})
    goal = ana.api("POST", "/api/v1/goals", json={
        "title": "ANA-GOAL-SECRET", "steps": [{"text": "ANA-STEP-SECRET", "done": False}]}
    ).get_json()
    owner, manager = User.get(User.email == "ana@example.org"), User.get(User.email == "bo@example.org")
    connection = Connection.create(created_at=STORED_NOW, employee=owner, manager=manager)
    draft = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=owner,
                           period_from=date(2026, 11, 1), period_to=date(2026, 11, 27))
    SummaryItem.create(summary=draft, text="ANA-DRAFT-SECRET")
    shared = Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=owner,
                            period_from=date(2026, 11, 1), period_to=date(2026, 11, 27),
                            status="shared", manager=manager, shared_at=datetime(2026, 11, 27, 9))
    SummaryItem.create(summary=shared, text=SHARED, source="entry", source_id=entry["id"])
    SummaryResponse.create(updated_at=STORED_NOW, summary=shared, manager=manager,
                           private_notes=BO_PRIVATE)
    Checklist.create(updated_at=STORED_NOW, user=owner, first_step="ANA-CHECKLIST-SECRET",
                     answers='{"p4_circle": "more"}',
                     created_at=datetime(2026, 11, 1))
    checklist = Checklist.create(created_at=STORED_NOW, updated_at=STORED_NOW, user=owner,
                                 first_step="ANA-CHECKLIST-SECRET",
                                 answers='{"p4_circle": "already"}')
    device = PushSubscription.create(created_at=STORED_NOW, last_seen_at=STORED_NOW, user=owner,
                                     endpoint="https://push.example.org/ana",
                                     p256dh="x", auth="y", device="ANA-DEVICE-SECRET")
    api_token = ApiToken.create(created_at=STORED_NOW, user=owner, name="ANA-TOKEN-SECRET",
                                token_hash="0" * 64, hint="pj_0", scopes="read write")
    invitation = Invitation.create(created_at=STORED_NOW, employee=owner,
                                   token_hash=token_hash(TOKEN),
                                   expires_at=datetime(2026, 12, 4))
    agreement = Agreement.create(summary=shared, text="BO-AGREED-STEP", proposed_by="manager",
                                 created_at=STORED_NOW)
    team = build_team(owner, manager)
    helping = HelpingConversation.create(asker=owner, helper=manager, topic="ANA-HELPING-TOPIC",
                                         status="open", step=5, created_at=STORED_NOW,
                                         updated_at=STORED_NOW)
    HelpingNote.create(conversation=helping, author=owner, step=0, text="ANA-HELPING-NOTE",
                       created_at=STORED_NOW)
    steering = SteeringConversation.create(manager=manager, employee=owner, status="answered",
                                           expectation="BO-EXPECTATION", plan="ANA-PLAN",
                                           shared_at=STORED_NOW, answered_at=STORED_NOW,
                                           created_at=STORED_NOW, updated_at=STORED_NOW)
    return {"entry_id": entry["id"], "goal_id": goal["id"],
            "step_id": GoalStep.get(GoalStep.goal == goal["id"]).id,
            "summary_id": str(shared.id), "draft_id": str(draft.id),
            "connection_id": str(connection.id), "checklist_id": str(checklist.id),
            "device_id": str(device.id), "invitation_id": str(invitation.id),
            "token_id": str(api_token.id), "agreement_id": str(agreement.id),
            "helping_id": str(helping.id), "steering_id": str(steering.id), **team,
            "session_id": str(UserSession.get(UserSession.user == owner).id),
            "token": TOKEN, "week": "2026-W48", "name": CHART_NAMES[0], "code": "en",
            "digest": "0", "filename": "css/app.css"}


def build_team(ana, bo):
    """Ana's team with Bo in it: a meeting with her shared and unshared answers, her circle
    note, her case and her idea on it."""
    team = Team.create(name="Intake team", created_at=STORED_NOW, updated_at=STORED_NOW)
    TeamMember.create(team=team, user=ana, role="organiser", joined_at=STORED_NOW)
    TeamMember.create(team=team, user=bo, role="member", joined_at=STORED_NOW)
    meeting = TeamMeeting.create(team=team, started_by=ana, started_at=STORED_NOW)
    for person in (ana, bo):
        MeetingAttendee.create(meeting=meeting, user=person, joined_at=STORED_NOW)
    for question, text, shared in (("progress", "ANA-SHARED-ANSWER", STORED_NOW),
                                   ("next", "ANA-UNSHARED-ANSWER", None)):
        MeetingAnswer.create(user=ana, team=team, meeting=meeting, week="2026-W48",
                             question=question, text=text, shared_at=shared,
                             created_at=STORED_NOW, updated_at=STORED_NOW)
    note = TeamNote.create(team=team, author=ana, text="ANA-TEAM-NOTE",
                           steps='[{"text": "First", "done": false}]', created_at=STORED_NOW,
                           updated_at=STORED_NOW)
    case = Consultation.create(team=team, owner=ana, case="ANA-TEAM-CASE",
                               created_at=STORED_NOW, updated_at=STORED_NOW)
    idea = Contribution.create(consultation=case, author=ana, step=0, text="ANA-TEAM-IDEA",
                               created_at=STORED_NOW)
    return {"team_id": str(team.id), "meeting_id": str(meeting.id), "note_id": str(note.id),
            "consultation_id": str(case.id), "contribution_id": idea.id,
            "user_id": str(bo.id), "index": 0}


def snapshot():
    """Every row that holds the owner's data (and the manager's notes), to prove that a write
    by someone else changed nothing of it."""
    ana = User.get(User.email == "ana@example.org")
    queries = {
        "user": User.select().where(User.id == ana.id),
        "entry": Entry.select().where(Entry.user == ana),
        "review": Review.select().where(Review.user == ana),
        "goal": Goal.select().where(Goal.user == ana),
        "step": GoalStep.select().join(Goal).where(Goal.user == ana),
        "summary": Summary.select().where(Summary.user == ana),
        "item": SummaryItem.select().join(Summary).where(Summary.user == ana),
        "response": SummaryResponse.select(),
        "connection": Connection.select().where(Connection.employee == ana),
        "invitation": Invitation.select().where(Invitation.employee == ana),
        "checklist": Checklist.select().where(Checklist.user == ana),
        "device": PushSubscription.select().where(PushSubscription.user == ana),
        "token": ApiToken.select().where(ApiToken.user == ana),
        "session": UserSession.select().where(UserSession.user == ana),
        "agreement": Agreement.select().join(Summary).where(Summary.user == ana),
        "helping": HelpingConversation.select().where(HelpingConversation.asker == ana),
        "helping_note": HelpingNote.select(),
        "steering": SteeringConversation.select().where(SteeringConversation.employee == ana),
        "team": Team.select(),
        "team_member": TeamMember.select().where(TeamMember.user == ana),
        "meeting_answer": MeetingAnswer.select().where(MeetingAnswer.user == ana),
        "team_note": TeamNote.select().where(TeamNote.author == ana),
        "consultation": Consultation.select().where(Consultation.owner == ana),
        "contribution": Contribution.select().where(Contribution.author == ana),
    }
    return {name: sorted(map(str, query.tuples())) for name, query in queries.items()}


def url_for_rule(rule, values):
    """The rule's path with every parameter filled from the world."""
    def fill(match):
        name = match.group(1).split(":")[-1]
        assert name in values, f"the matrix needs a value for <{name}> in {rule.rule}"
        return str(values[name])
    return re.sub(r"<([^>]+)>", fill, rule.rule)


def routes(app):
    """(endpoint, method, rule) for every route, HEAD and OPTIONS aside."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, rule


@pytest.fixture
def app_config(app_config, oidc_provider):
    """Company sign-in is on (a real provider), so its routes are in the matrix too."""
    return {**app_config, **company_settings(oidc_provider)}


@pytest.fixture
def world(app, journal, other):
    values = build_world(journal, other)
    stranger = Journal(app.test_client())
    assert stranger.signup(email="cy@example.org", name="Cy").status_code == 302
    cy = User.get(User.email == "cy@example.org")
    _row, token, _errors = create_token(cy, "Cy's script", datetime(2026, 11, 27, 12))
    return values, {"owner": journal, "manager": other, "withdrawn": other,
                    "stranger": stranger, "bearer": Bearer(app.test_client(), token),
                    "anonymous": Journal(app.test_client())}


class Bearer(Journal):
    """Cy's own script: a personal API token and no cookie at all."""

    def __init__(self, client, token):
        super().__init__(client)
        self.headers = {"Authorization": f"Bearer {token}"}


def allowed_words(actor, endpoint):
    """The markers this actor may see on this route."""
    between = set(BETWEEN_THEM) if (endpoint in PARTICIPANT_VIEWS | LISTS_OF_BOTH or endpoint.split(
        ".")[0] in CONVERSATIONS_OF_TWO) else set()
    if actor == "owner":
        return set(ANA_PRIVATE) | {SHARED, AGREED} | set(BETWEEN_THEM) | set(TEAM_WORDS)
    if actor == "manager":
        shared = {SHARED, AGREED} if endpoint in MANAGER_VIEWS else set()
        team = set(TEAM_WORDS) if endpoint.split(".")[0] in TEAM_BLUEPRINTS else set()
        return {BO_PRIVATE} | shared | between | team
    return {BO_PRIVATE} | between if actor == "withdrawn" else set()


def send(person, method, path, actor):
    """One request as this person: writes carry their own valid CSRF token, so what is tested
    is authorization, not CSRF."""
    if actor == "bearer":
        return person.client.open(path, method=method, headers=person.headers,
                                  json={} if method != "GET" else None)
    if method == "GET":
        return person.client.get(path)
    token = person.token("/login") if actor == "anonymous" else person.token("/")
    if path.startswith("/api/"):
        return person.client.open(path, method=method, json={}, headers={"X-CSRFToken": token})
    return person.client.open(path, method=method, data={"csrf_token": token})


@pytest.mark.parametrize("actor", ACTORS)
def test_every_route_keeps_the_journal_private(app, world, actor):
    values, people = world
    if actor == "withdrawn":  # Bo, after Ana took her summary back and he left her team
        Summary.update(status="withdrawn").where(Summary.id == values["summary_id"]).execute()
        TeamMember.delete().where(TeamMember.team == values["team_id"]).where(
            TeamMember.role == "member").execute()
    person, checked = people[actor], 0
    for endpoint, method, rule in routes(app):
        if ((actor, endpoint) in OWN_RIGHTS or endpoint == "auth.logout"  # ends this session
                or method != "GET" and actor == "owner"):
            continue
        path = url_for_rule(rule, values)
        before = snapshot() if method != "GET" else None
        response = send(person, method, path, actor)
        where = f"{actor} {method} {path} -> {response.status_code}"
        assert response.status_code < 500, where
        body = response.get_data(as_text=True)
        for word in (set(ANA_PRIVATE) | {SHARED, BO_PRIVATE, AGREED} | set(BETWEEN_THEM)
                     | set(TEAM_WORDS)):
            if word not in allowed_words(actor, endpoint):
                assert word not in body, f"{where} shows {word}"
        check_status(actor, endpoint, method, rule, response, where)
        if before is not None:
            assert snapshot() == before, f"{where} changed someone else's data"
        checked += 1
    assert checked > 60


def check_status(actor, endpoint, method, rule, response, where):
    """Anonymous: 401 in the API, the login page elsewhere. Others: someone else's object is
    404, never 403 and never the object. The owner opens every page of their own."""
    owned = OWNED & set(rule.arguments)
    if actor == "bearer" and not rule.rule.startswith("/api/") and endpoint not in PUBLIC:
        assert response.status_code in (302, 400), where  # a token never opens a page
    elif actor == "anonymous" and endpoint not in PUBLIC:
        if rule.rule.startswith("/api/"):
            assert response.status_code == 401, where
        else:
            assert response.status_code in (302, 400), where  # 400: no session, no CSRF token
            if response.status_code == 302:
                assert "/login" in response.headers["Location"], where
    elif actor == "owner" and method == "GET":
        expected = (404,) if endpoint in NOT_FOR_OWNER | TOKEN_LINKS else (200, 302)
        assert response.status_code in expected, where
    elif actor == "bearer" and endpoint in SESSION_ONLY:
        assert response.status_code == 403, where  # before and whatever the object: no token
    elif "team_id" in rule.arguments and actor in ("withdrawn", "stranger", "bearer"):
        assert response.status_code == 404, where  # not (or no longer) in the team
    elif "team_id" in rule.arguments and actor == "manager" and method == "GET":
        # A member opens everything of the team; changing the words of Ana's note is hers.
        assert response.status_code in ((200, 403) if endpoint == "team_circle.edit"
                                        else (200,)), where
    elif actor in ("manager", "withdrawn") and endpoint in PARTICIPANT_VIEWS:
        assert response.status_code in (200, 302), where  # Bo's own conversation with Ana
    elif actor in ("manager", "withdrawn") and endpoint.split(".")[0] in CONVERSATIONS_OF_TWO:
        # Bo knows these conversations: what only Ana may do is refused (409, or back to the
        # page with a message), and nothing of hers changes (the snapshot).
        assert response.status_code in (200, 302, 404, 409, 422), where
    elif actor in ("manager", "withdrawn", "stranger", "bearer") and owned:
        if actor == "manager" and endpoint in MANAGER_VIEWS:
            assert response.status_code == 200, where
        else:
            assert response.status_code == 404, where
    if owned and endpoint not in SESSION_ONLY:
        assert response.status_code != 403, where
