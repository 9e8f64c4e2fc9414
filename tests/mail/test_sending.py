"""Queued mail sent by the dispatcher to a real SMTP server on loopback (aiosmtpd)."""
from datetime import timedelta

import pytest

from journal.db import database
from journal.mail import store
from journal.mail.messages import unsubscribe_headers
from journal.mail.sending import (
    send_all_due,
    send_due,
    send_now_after_commit,
    split_into_lanes,
)
from journal.models import OutgoingMail, User
from journal.notifications.dispatch import tick
from journal.refusal import Refusal
from tests.conftest import STORED_NOW

HTML = "<p>Hallo Ana, <a href='https://journal.example.org/reviews'>bekijk je week</a>.</p>"


@pytest.fixture
def app_config(app_config, mail_server):
    return {**app_config, "MAIL_URL": mail_server.url, "PUBLIC_URL": "https://journal.example.org",
            "MAIL_FROM": "Progress Journal <journal@example.org>"}


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def queue_one(clock, to="ana@example.org", **more):
    with database.atomic():
        return store.queue(to=to, kind="weekly_digest", subject="Je week", language="nl",
                           text="Hallo Ana, bekijk je week: https://journal.example.org/reviews",
                           html=HTML, now=clock.now, **more)


def about(moment, expected):
    """The dispatcher's clock moves on in real time from the tick's `now`."""
    return abs(moment - expected) < timedelta(seconds=2)


def reload(mail):
    return OutgoingMail.get_by_id(mail.id)


def test_a_queued_mail_arrives_whole_at_the_next_tick(ctx, clock, mail_server):
    mail = queue_one(clock, headers=unsubscribe_headers("https://journal.example.org/u/T0K"))
    assert mail_server.received == []  # queued, not sent, until the dispatcher runs
    tick(clock.now, sender=None, grace=3600)
    assert mail_server.wait_for(1)
    got = mail_server.received[0]
    assert got["To"] == "ana@example.org" and got["Subject"] == "Je week"
    assert got["From"] == "Progress Journal <journal@example.org>"
    assert got["Message-ID"] == mail.message_id and mail.message_id.endswith(
        "@journal.example.org>")
    assert got["Date"].datetime.replace(tzinfo=None) == STORED_NOW
    assert got["Content-Language"] == "nl"
    assert got["List-Unsubscribe"] == "<https://journal.example.org/u/T0K>"
    assert got["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "bekijk je week" in got.get_body(("plain",)).get_content()
    assert got.get_body(("html",)).get_content().strip() == HTML
    assert mail_server.envelopes == [("journal@example.org", ["ana@example.org"])]
    sent = reload(mail)
    assert (sent.status, sent.attempts) == ("sent", 1) and about(sent.sent_at, STORED_NOW)
    tick(clock.now + timedelta(minutes=5), sender=None, grace=3600)
    assert len(mail_server.received) == 1


def test_an_outage_delays_and_loses_nothing_then_each_arrives_once(ctx, clock, mail_server):
    mails = [queue_one(clock, to=f"person{n}@example.org") for n in range(3)]
    mail_server.stop()
    assert send_due(clock.now) == {"sent": 0, "retry": 3, "failed": 0}
    waiting = [reload(m) for m in mails]
    assert {(m.status, m.attempts) for m in waiting} == {("retry", 1)}
    assert all(about(m.next_attempt_at, STORED_NOW + timedelta(minutes=1)) for m in waiting)
    assert "ConnectionRefused" in waiting[0].last_error
    assert send_due(clock.now + timedelta(seconds=59)) == {"sent": 0, "retry": 0, "failed": 0}
    assert send_due(clock.now + timedelta(minutes=2))["retry"] == 3  # still down: waits longer
    assert about(reload(mails[0]).next_attempt_at, STORED_NOW + timedelta(minutes=7))
    mail_server.start()
    assert send_due(clock.now + timedelta(minutes=3))["sent"] == 0  # not due yet
    assert send_due(clock.now + timedelta(minutes=8)) == {"sent": 3, "retry": 0, "failed": 0}
    assert send_due(clock.now + timedelta(hours=2))["sent"] == 0
    assert mail_server.wait_for(3) and len(mail_server.received) == 3
    assert sorted(m["To"] for m in mail_server.received) == sorted(m.to_address for m in mails)


def test_451_means_try_again_later(ctx, clock, mail_server):
    mail = queue_one(clock)
    mail_server.answer = mail_server.TEMPORARY
    assert send_due(clock.now)["retry"] == 1
    assert reload(mail).status == "retry" and reload(mail).last_error.startswith("451")
    mail_server.answer = "250"
    assert send_due(clock.now + timedelta(minutes=2))["sent"] == 1
    assert len(mail_server.received) == 1


def test_550_fails_for_good_with_the_reply_and_is_never_tried_again(ctx, clock, mail_server):
    mail = queue_one(clock)
    mail_server.answer = mail_server.PERMANENT
    assert send_due(clock.now) == {"sent": 0, "retry": 0, "failed": 1}
    failed = reload(mail)
    assert failed.status == "failed" and failed.last_error == "550 5.1.1 No such mailbox here"
    mail_server.answer = "250"
    assert send_due(clock.now + timedelta(days=1))["sent"] == 0
    assert mail_server.received == []


def test_one_bad_recipient_does_not_hold_up_the_others(ctx, clock, mail_server):
    first, second = queue_one(clock, to="one@example.org"), queue_one(clock, to="two@example.org")
    mail_server.answer = mail_server.PERMANENT
    assert send_due(clock.now)["failed"] == 2  # each judged alone, on one connection
    mail_server.answer = "250"
    third = queue_one(clock, to="three@example.org")
    assert send_due(clock.now)["sent"] == 1
    assert [reload(m).status for m in (first, second, third)] == ["failed", "failed", "sent"]


def test_a_mail_that_cannot_be_sent_yet_does_not_stop_the_reminders(ctx, clock, mail_server):
    queue_one(clock)
    mail_server.stop()
    counts = tick(clock.now, sender=None, grace=3600)
    assert counts == {"claimed": 0, "sent": 0, "skipped": 0, "failed": 0}
    assert OutgoingMail.get().status == "retry"


def test_an_urgent_mail_goes_at_once_and_the_dispatcher_does_not_send_it_again(ctx, clock,
                                                                               mail_server):
    mail = queue_one(clock)
    send_now_after_commit([mail], clock.now)
    assert len(mail_server.received) == 1 and reload(mail).status == "sent"
    assert send_due(clock.now)["sent"] == 0 and len(mail_server.received) == 1


def test_an_urgent_mail_from_a_request_goes_after_the_response(app, clock, mail_server):
    @app.get("/_test/urgent")
    def urgent():
        mail = queue_one(clock)
        send_now_after_commit([mail], clock.now)
        return "queued"

    response = app.test_client().get("/_test/urgent")
    assert response.status_code == 200
    response.close()
    assert mail_server.wait_for(1)
    with app.app_context():
        assert OutgoingMail.get().status == "sent"


def test_the_mail_goes_with_the_account(ctx, clock, mail_server):
    ana = User.create(email="ana@example.org", password_hash="x", display_name="Ana",
                      created_at=STORED_NOW)
    queue_one(clock, user=ana)
    queue_one(clock, to="goodbye@example.org")  # no account: outlives any deletion
    User.delete().where(User.id == ana.id).execute()
    assert [m.to_address for m in OutgoingMail.select()] == ["goodbye@example.org"]


@pytest.mark.parametrize("field, value", [
    ("subject", "Je week\r\nBcc: everyone@example.org"),
    ("to", "ana@example.org\r\nBcc: everyone@example.org"),
])
def test_a_line_break_in_a_subject_or_address_is_refused(app, clock, field, value):
    # In a request, as the flows that queue mail are (the refusal's words need a language).
    values = {"to": "ana@example.org", "kind": "test", "subject": "Hi", "text": "x",
              "now": clock.now, field: value}
    with app.test_request_context(), pytest.raises(Refusal) as refused:
        store.queue(**values)
    assert refused.value.kind == "invalid"
    with app.app_context():
        assert OutgoingMail.select().count() == 0


def test_a_tick_sends_batch_after_batch_until_nothing_is_due(ctx, clock, mail_server):
    """A morning's reminder mails go in one tick, not one batch a minute."""
    for number in range(7):
        queue_one(clock, to=f"person{number}@example.org")
    assert send_all_due(clock.now, batch=3) == {"sent": 7, "retry": 0, "failed": 0}
    assert mail_server.wait_for(7) and len(mail_server.received) == 7


def test_the_batches_stop_when_the_tick_s_time_is_up(ctx, clock, mail_server):
    for number in range(7):
        queue_one(clock, to=f"person{number}@example.org")
    assert send_all_due(clock.now, batch=3, budget=0)["sent"] == 3  # the next tick goes on
    assert send_all_due(clock.now, batch=3)["sent"] == 4


def test_many_mails_go_over_several_connections_each_once(ctx, clock, mail_server):
    """MAIL_CONNECTIONS connections send at once; every mail arrives once."""
    ctx.config["MAIL_CONNECTIONS"] = 3
    for number in range(45):
        queue_one(clock, to=f"person{number}@example.org")
    assert send_all_due(clock.now) == {"sent": 45, "retry": 0, "failed": 0}
    assert mail_server.wait_for(45)
    assert sorted(m["To"] for m in mail_server.received) == sorted(
        f"person{number}@example.org" for number in range(45))
    assert len(mail_server.connections) == 3


@pytest.mark.parametrize("mails, connections, lanes", [
    (0, 4, 0), (5, 4, 1), (19, 4, 1), (20, 4, 2), (200, 4, 4), (200, 1, 1)])
def test_only_enough_mails_are_worth_another_connection(mails, connections, lanes):
    split = split_into_lanes(list(range(mails)), connections)
    assert len(split) == lanes and sorted(sum(split, [])) == list(range(mails))
