"""The People page and invitation links: inviting, accepting, declining, ending."""
import re
from datetime import date, datetime, timedelta, timezone

from journal.models import Connection, Invitation, Summary, User
from journal.models.sharing import token_hash
from journal.people.store import accept
from tests.conftest import STORED_NOW, Journal
from tests.people.mailed import mailed_path, verify

INVITED = ("Ana would like to share summaries with you before your progress conversations. "
           "You will see only what Ana chooses to share.")


def invite(person, email=None):
    """Invite by address (or make a link when email is None); returns (response, link path)."""
    data = {"csrf_token": person.token("/people")}
    data.update({"email": email} if email is not None else {"kind": "link"})
    response = person.client.post("/people/invitations", data=data)
    match = re.search(r'id="invite-link"[^>]*>http://localhost(/invite/[^<\s]+)<',
                      response.get_data(as_text=True))
    return response, match.group(1) if match else None


def post(person, path):
    return person.client.post(path, data={"csrf_token": person.token("/people")})


def page(person, path="/people"):
    return person.client.get(path).get_data(as_text=True)


def user(email):
    return User.by_email(email)


def connect(journal, other):
    _response, link = invite(journal)
    assert post(other, link).status_code == 302
    return Connection.get()


def test_invite_by_address_and_bo_accepts_on_his_people_page(journal, other):
    response, link = invite(journal, " Bo@Example.org ")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and link is None, "the link went only to the address"
    assert "We mailed an invitation to bo@example.org." in html
    invitation = Invitation.get()
    token = mailed_path("bo@example.org").rsplit("/", 1)[1]
    assert invitation.email == "bo@example.org" and invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash and token not in html, "only the hash is stored"
    assert invitation.expires_at == datetime(2026, 12, 4, 12, 0)
    assert "bo@example.org" in page(journal).split('id="pending-heading"')[1]

    verify("bo@example.org")
    people = page(other)
    assert INVITED in people
    waiting = Invitation.get()
    assert post(other, f"/people/invitations/{waiting.id}/accept").location == "/people"
    connection = Connection.get()
    assert (connection.employee_id, connection.manager_id) == (user("ana@example.org").id,
                                                               user("bo@example.org").id)
    used = Invitation.get()
    assert used.accepted_at is not None and used.accepted_by_id == connection.manager_id
    assert "You are now connected with Ana." in page(other)
    share_part = page(journal).split('id="managers-heading"')[1].split('id="employees-heading"')[0]
    assert "Bo" in share_part and "Stop sharing" in share_part
    their_part = page(other).split('id="employees-heading"')[1].split('id="invite-heading"')[0]
    assert "Ana" in their_part and INVITED not in page(other)


def test_an_address_invitation_waits_for_someone_who_signs_up_later(app, journal):
    invite(journal, "cy@example.org")
    cy = Journal(app.test_client())
    cy.signup(email="CY@example.org", name="Cy")
    assert INVITED not in page(cy), "not before Cy has confirmed the address"
    verify("cy@example.org")
    assert INVITED in page(cy)


def test_a_link_is_accepted_by_whoever_opens_it_once(app, journal, other):
    _response, link = invite(journal)
    assert Invitation.get().email == ""
    shown = other.client.get(link)
    assert shown.status_code == 200 and INVITED in shown.get_data(as_text=True)
    assert post(other, link).location == "/people"
    assert Connection.select().count() == 1

    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    again = post(cy, link)
    assert again.status_code == 410
    assert "This invitation has already been used." in again.get_data(as_text=True)
    assert Connection.select().count() == 1


def test_anonymous_visitors_log_in_and_come_back(app, journal, other):
    _response, link = invite(journal)
    stranger = app.test_client()
    html = stranger.get(link).get_data(as_text=True)
    assert INVITED in html
    assert f'href="/login?next={link}"' in html
    assert f'href="/signup?next={link}"' in html
    bo = Journal(stranger)
    assert stranger.post(link).status_code == 400, "a POST still needs its CSRF token"
    anonymous_post = stranger.post(link, data={"csrf_token": bo.token("/login")})
    assert anonymous_post.location.startswith("/login") and Connection.select().count() == 0
    assert bo.login(email="bo@example.org", query_string={"next": link}).location == link
    assert post(bo, link).location == "/people" and Connection.select().count() == 1


def test_anonymous_visitors_of_a_dead_link_learn_nothing(app, journal):
    stranger = app.test_client()
    html = stranger.get("/invite/not-a-real-token").get_data(as_text=True)
    assert "Log in" in html and "would like to share" not in html


def test_an_invalid_or_own_address_is_refused_and_nothing_is_stored(journal):
    for email, message in (("bo@", "Enter an e-mail address like name@example.org."),
                           ("", "Enter an e-mail address like name@example.org."),
                           ("ANA@example.org", "That is your own address.")):
        response, link = invite(journal, email)
        html = response.get_data(as_text=True)
        assert response.status_code == 422 and message in html and link is None
        assert 'aria-invalid="true"' in html
    assert Invitation.select().count() == 0


def test_an_unknown_token_says_so(journal):
    for response in (journal.client.get("/invite/nope"), post(journal, "/invite/nope"),
                     journal.client.get("/invite/" + "x" * 500)):
        assert response.status_code == 404
        assert "We do not know this invitation." in response.get_data(as_text=True)
    assert Connection.select().count() == 0


def test_an_expired_invitation_says_so_and_stores_nothing(journal, other, clock):
    _response, link = invite(journal)
    clock.now += timedelta(days=7)
    for response in (other.client.get(link), post(other, link)):
        assert response.status_code == 410
        assert "This invitation has expired." in response.get_data(as_text=True)
    assert Connection.select().count() == 0 and Invitation.get().accepted_at is None
    assert 'id="pending-heading"' not in page(journal), "no longer waiting for an answer"


def test_an_expired_invitation_to_your_address_leaves_your_list(journal, other, clock):
    invite(journal, "bo@example.org")
    invitation = Invitation.get()
    clock.now += timedelta(days=8)
    assert INVITED not in page(other)
    assert post(other, f"/people/invitations/{invitation.id}/accept").location == "/people"
    assert "This invitation has expired." in page(other)
    assert Connection.select().count() == 0 and Invitation.get().accepted_at is None


def test_the_expiry_follows_the_config(app, journal):
    app.config["INVITATION_DAYS"] = 2
    invite(journal)
    assert Invitation.get().expires_at == datetime(2026, 11, 29, 12, 0)
    assert "within 2 days" in page(journal)


def test_accepting_your_own_link_is_refused(journal):
    _response, link = invite(journal)
    assert "This is your own invitation." in page(journal, link)
    response = post(journal, link)
    assert response.status_code == 422
    assert "This is your own invitation." in response.get_data(as_text=True)
    assert Connection.select().count() == 0 and Invitation.get().accepted_at is None


def test_an_invitation_for_another_address_is_refused(journal, other):
    invite(journal, "cy@example.org")
    verify("bo@example.org")
    response = post(other, mailed_path("cy@example.org"))
    assert response.status_code == 422
    assert "sent to another e-mail address" in response.get_data(as_text=True)
    assert Connection.select().count() == 0 and Invitation.get().accepted_at is None
    invitation = Invitation.get()
    assert post(other, f"/people/invitations/{invitation.id}/accept").status_code == 404
    assert post(other, f"/people/invitations/{invitation.id}/decline").status_code == 404


def test_accepting_when_already_connected_marks_it_used_without_a_second_row(journal, other):
    connect(journal, other)
    _response, link = invite(journal)
    shown = page(other, link)
    assert "You are already connected with Ana." in shown
    response = post(other, link)
    assert response.location == "/people"
    assert "You are already connected with Ana." in page(other)
    assert Connection.select().count() == 1
    assert Invitation.select().where(Invitation.accepted_at.is_null()).count() == 0


def test_inviting_someone_you_already_share_with_is_refused(journal, other):
    connect(journal, other)
    response, _link = invite(journal, "BO@example.org")
    assert response.status_code == 422
    assert "You already share with Bo." in response.get_data(as_text=True)
    assert Invitation.select().count() == 1  # only the one that was used


def test_two_accepts_of_one_invitation_cannot_both_win(app, journal, other):
    invite(journal)
    first, second = Invitation.get(), Invitation.get()  # two copies, both still look open
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    now = datetime(2026, 11, 27, 12, 30)
    assert accept(first, user("bo@example.org"), now)[1] is None
    assert accept(second, user("cy@example.org"), now) == (None, "used")
    assert Connection.select().count() == 1


def test_declining_removes_the_invitation_and_shares_nothing(journal, other):
    invite(journal, "bo@example.org")
    invitation = Invitation.get()
    verify("bo@example.org")
    assert post(other, f"/people/invitations/{invitation.id}/decline").location == "/people"
    assert Invitation.select().count() == 0 and Connection.select().count() == 0
    invite(journal, "bo@example.org")
    assert post(other, mailed_path("bo@example.org") + "/decline").location == "/people"
    assert Invitation.select().count() == 0 and Connection.select().count() == 0


def test_no_thanks_to_a_link_leaves_it_for_whoever_it_was_meant_for(journal, other):
    _response, link = invite(journal)
    assert post(other, link + "/decline").location == "/people"
    assert "No thanks, noted. Nothing was shared." in page(other)
    assert Invitation.get().accepted_at is None and Connection.select().count() == 0


def test_cancelling_your_invitation_stops_its_link(journal, other):
    _response, link = invite(journal)
    invitation = Invitation.get()
    assert post(other, f"/people/invitations/{invitation.id}/cancel").status_code == 404
    assert post(journal, f"/people/invitations/{invitation.id}/cancel").location == "/people"
    assert Invitation.select().count() == 0
    assert other.client.get(link).status_code == 404


def shared_summary(connection):
    return Summary.create(created_at=STORED_NOW, updated_at=STORED_NOW,
                          user=connection.employee_id, manager=connection.manager_id,
                          period_from=date(2026, 11, 1), period_to=date(2026, 11, 27),
                          achieved="Calmer intakes", status="shared",
                          shared_at=datetime(2026, 11, 27, 12))


def test_stopping_sharing_withdraws_shared_summaries_at_once(journal, other):
    connection = connect(journal, other)
    summary = shared_summary(connection)
    html = page(journal)
    assert "withdrawn at once" in html and f"/people/connections/{connection.id}/end" in html
    assert post(other, "/people/connections/not-a-uuid/end").status_code == 404
    response = post(journal, f"/people/connections/{connection.id}/end")
    assert response.location == "/people"
    assert "You no longer share with Bo." in page(journal)
    assert Connection.select().count() == 0
    withdrawn = Summary.get_by_id(summary.id)
    assert withdrawn.status == "withdrawn"
    assert withdrawn.withdrawn_at == datetime(2026, 11, 27, 12, 0)


def test_the_manager_can_end_it_too(journal, other, clock):
    connection = connect(journal, other)
    summary = shared_summary(connection)
    clock.now = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
    assert post(other, f"/people/connections/{connection.id}/end").location == "/people"
    assert "You are no longer connected with Ana." in page(other)
    assert Connection.select().count() == 0
    assert Summary.get_by_id(summary.id).status == "withdrawn"


def test_someone_elses_connection_cannot_be_ended(app, journal, other):
    connection = connect(journal, other)
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    assert post(cy, f"/people/connections/{connection.id}/end").status_code == 404
    assert Connection.select().count() == 1


def test_an_employee_may_have_several_managers(app, journal, other):
    connect(journal, other)
    cy = Journal(app.test_client())
    cy.signup(email="cy@example.org", name="Cy")
    _response, link = invite(journal)
    assert post(cy, link).location == "/people"
    share_part = page(journal).split('id="managers-heading"')[1].split('id="employees-heading"')[0]
    assert "Bo" in share_part and "Cy" in share_part
    assert Connection.select().count() == 2


def test_the_people_page_needs_a_login(client):
    response = client.get("/people")
    assert response.status_code == 302 and response.location.startswith("/login?next=")


def test_a_new_link_is_shown_whole_with_copy_and_share_words_from_the_page(journal):
    response, link = invite(journal)
    html = response.get_data(as_text=True)
    url = f"http://localhost{link}"
    assert f'<p id="invite-link" class="invite-link" translate="no">{url}</p>' in html, \
        "the whole link, as text that wraps and can be selected without JavaScript"
    assert "readonly" not in html
    actions = html.split('class="share-actions"')[1].split("</div>")[0]
    assert actions.startswith(" hidden>"), "the buttons wait for the script"
    assert re.search(r'<button type="button" class="primary" data-copy data-done="Copied\.',
                     actions)
    assert 'data-share data-title="An invitation to my progress journal"' in actions
    assert 'class="share-status" role="status"' in html
    assert f'data-url="{url}"' in html
    assert "js/share.js" in html
