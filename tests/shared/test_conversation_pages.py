"""The progress conversation's page on both sides: the circles side by side, what the manager
saw, the agreed next steps (propose, accept in one's own words, let go, take back) with their
dated record, and the next conversation opening with what went better since."""
from datetime import UTC, datetime

from journal.models import Agreement, Goal, Summary
from tests.shared.test_views import page, people, respond, share


def post(person, path, **form):
    return person.client.post(path, data={"csrf_token": person.token("/"), **form})


def test_both_pages_show_the_circles_side_by_side(journal, other):
    ana, bo = people()
    summary = share(ana, bo, items=("Ran the intake with Sam", "Still to achieve: Run it alone",
                                    "Help I would like: Time with Sam"))
    for person, path in ((journal, f"/summaries/{summary.id}"), (other, f"/shared/{summary.id}")):
        html = page(person, path)[1]
        inner = html.split('class="circle-side inner-side"')[1].split("</section>")[0]
        outer = html.split('class="circle-side outer-side"')[1].split("</section>")[0]
        assert "Calmer intakes" in inner and "Ran the intake with Sam" in inner
        assert "Fewer call-backs" in outer and "Still to achieve: Run it alone" in outer
        assert "Time with Sam" not in inner + outer and "Help I would like: Time with Sam" in html


def test_the_manager_proposes_and_the_employee_accepts_in_her_own_words(journal, other, clock):
    ana, bo = people()
    summary = share(ana, bo)
    sent = post(other, f"/shared/{summary.id}/agreements", text="Run the Monday intake alone")
    assert sent.status_code == 302 and sent.location.endswith("#agreements")
    html = page(other, f"/shared/{summary.id}")[1]
    assert "Proposed. Ana decides whether it goes into their circle." in html
    assert "Proposed by you on 27 November 2026" in html and "Not decided yet" in html
    step = Agreement.get()
    html = page(journal, f"/summaries/{summary.id}")[1]
    assert "Proposed by Bo on 27 November 2026" in html
    assert f'id="accept-{step.id}" name="text" maxlength="200" value="Run the Monday intake alone"' in html
    assert "Let it go" in html and "Take back my proposal" not in html
    clock.now = datetime(2026, 12, 3, 10, tzinfo=UTC)
    done = post(journal, f"/summaries/{summary.id}/agreements/{step.id}/accept",
                text="Run the Monday intake on my own")
    assert done.status_code == 302
    goal = Goal.get()
    assert (goal.title, goal.ring, goal.user_id) == ("Run the Monday intake on my own", "outer",
                                                    ana.id)
    html = page(journal, f"/summaries/{summary.id}")[1]
    assert "Agreed on 3 December 2026" in html and "In your circle" in html
    assert "Run the Monday intake on my own" in page(journal, "/goals")[1]
    seen = page(other, f"/shared/{summary.id}")[1]
    assert "Agreed on 3 December 2026" in seen and "Still to achieve" in seen
    assert "Run the Monday intake on my own" not in seen


def test_a_bad_step_comes_back_with_the_message_beside_the_field(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    refused = post(journal, f"/summaries/{summary.id}/agreements", text="x" * 201)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert 'id="agreement-text-error"' in html and "under 200 characters" in html
    assert 'aria-invalid="true"' in html and "x" * 201 in html
    refused = post(other, f"/shared/{summary.id}/agreements", text=" ")
    assert refused.status_code == 422
    assert "Write the next step in a few words." in refused.get_data(as_text=True)
    step = Agreement.create(summary=summary, text="Ask Sam", proposed_by="manager",
                            created_at=datetime(2026, 11, 27, 12))
    refused = post(journal, f"/summaries/{summary.id}/agreements/{step.id}/accept", text="")
    assert refused.status_code == 422
    assert f'id="accept-{step.id}-error"' in refused.get_data(as_text=True)
    assert Agreement.get_by_id(step.id).status == "proposed" and Goal.select().count() == 0


def test_letting_go_and_taking_back(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    post(other, f"/shared/{summary.id}/agreements", text="Take the Tuesday rota")
    post(journal, f"/summaries/{summary.id}/agreements", text="Ask Sam to observe")
    his, hers = Agreement.select().order_by(Agreement.proposed_by.desc())
    assert "Take back my proposal" in page(journal, f"/summaries/{summary.id}")[1]
    post(journal, f"/summaries/{summary.id}/agreements/{his.id}/decline")
    assert Agreement.get_by_id(his.id).status == "declined"
    html = page(journal, f"/summaries/{summary.id}")[1]
    assert "Let go on 27 November 2026" in html
    assert post(other, f"/shared/{summary.id}/agreements/{hers.id}/delete").status_code == 302
    assert Agreement.select().count() == 2  # not his to take back
    post(journal, f"/summaries/{summary.id}/agreements/{hers.id}/delete")
    assert [a.id for a in Agreement.select()] == [his.id]


def test_what_the_manager_saw_is_coached_and_the_employee_reads_it(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    html = page(other, f"/shared/{summary.id}")[1]
    assert "What I saw in your work" in html and "the process, not the person" in html
    sent = respond(other, summary, observations="You are so talented.")
    assert sent.location.endswith("#observations")
    html = page(other, f"/shared/{summary.id}")[1]
    seen = html.split('id="observations"')[1].split("</section>")[0]
    assert "What you saw was saved as written." in seen and "You are so talented." in seen
    mine = page(journal, f"/summaries/{summary.id}")[1]
    assert "What Bo saw in your work" in mine and "You are so talented." in mine


def test_after_withdrawal_the_manager_can_do_nothing_on_the_page(journal, other):
    ana, bo = people()
    summary = share(ana, bo)
    step = Agreement.create(summary=summary, text="Ask Sam", proposed_by="manager",
                            created_at=datetime(2026, 11, 27, 12))
    Summary.update(status="withdrawn").where(Summary.id == summary.id).execute()
    assert page(other, f"/shared/{summary.id}")[0] == 404
    assert post(other, f"/shared/{summary.id}/agreements", text="More").status_code == 404
    assert post(other, f"/shared/{summary.id}/agreements/{step.id}/delete").status_code == 404
    assert Agreement.select().count() == 1


def test_the_next_summary_opens_with_what_went_better_since(journal, other, clock):
    ana, bo = people()
    earlier = share(ana, bo)
    for text, status in (("Run it alone", "accepted"), ("Take the rota", "declined"),
                         ("Ask Sam", "accepted")):
        step = Agreement.create(summary=earlier, text=text, proposed_by="manager",
                                status=status, created_at=datetime(2026, 11, 27, 12),
                                decided_at=datetime(2026, 11, 27, 12))
        if status == "accepted":
            goal = Goal.create(user=ana, title=f"ANA-OWN {text}", created_at=datetime(2026, 11, 27),
                               updated_at=datetime(2026, 11, 27),
                               ring="inner" if text == "Run it alone" else "outer")
            Agreement.update(goal=goal).where(Agreement.id == step.id).execute()
    clock.now = datetime(2026, 12, 20, 9, tzinfo=UTC)
    made = post(journal, "/summaries/new", period="four_weeks")
    later = Summary.select().where(Summary.id != earlier.id).get()
    html = page(journal, made.location)[1]
    since = html.split('id="since-heading"')[1].split("</section>")[0]
    assert "What went better since the last time?" in since and 'name="better_since"' in since
    assert html.index('id="since-heading"') < html.index('id="items-heading"')
    for text, state in (("Run it alone", "Achieved"), ("Take the rota", "Let go"),
                        ("Ask Sam", "In your circle")):
        assert f"<span>{text}</span> <span class=\"agreement-state\">{state}</span>" in since
    form = {"csrf_token": journal.token("/"), "better_since": "I ran it alone twice",
            "achieved": "More calm", "item_count": "0", "new_item": "", "conversation_on": ""}
    journal.client.post(f"/summaries/{later.id}", data=form)
    assert Summary.get_by_id(later.id).better_since == "I ran it alone twice"
    journal.client.post(f"/summaries/{later.id}/share",
                        data={"csrf_token": journal.token("/"), "manager_id": str(bo.id)})
    seen = page(other, f"/shared/{later.id}")[1]
    assert "I ran it alone twice" in seen and "What went better since the last time?" in seen
    assert "Achieved" in seen and "Let go" in seen and "ANA-OWN" not in seen
