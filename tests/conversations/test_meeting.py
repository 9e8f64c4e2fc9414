"""The team-meeting page: three pair questions with the user's own latest review beside them."""
from journal.models import Review

QUESTIONS = ("What meaningful progress did I make this past week?",
             "What meaningful progress do I want to make in the coming week?",
             "What help would I like with that?")


def put_review(person, week, **fields):
    body = {"improved": [], "next_week": "", "help_wanted": "", **fields}
    assert person.api("PUT", f"/api/v1/reviews/{week}", body).status_code in (200, 201)


def answer_to(html, question):
    return html.split(question)[1].split("</li>\n")[0]


def test_anonymous_people_are_asked_to_log_in(client):
    response = client.get("/meeting")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_the_questions_and_the_pair_format_without_a_review(client, journal):
    html = client.get("/meeting").get_data(as_text=True)
    for question in QUESTIONS:
        assert question in html
    assert "In pairs, a few minutes each" in html and "without judging" in html
    assert 'href="/reviews"' in html and "Your weekly review gives you something to bring" in html


def test_the_latest_review_by_week_sits_beside_the_questions(client, journal, other):
    put_review(journal, "2026-W48", improved=["Calmer intakes", "Sam asked for feedback"],
               next_week="Finish the new rota", help_wanted="Half an hour with Kim")
    put_review(journal, "2026-W46", improved=["Older progress"], next_week="Older plan",
               help_wanted="Older help")  # saved later, but an earlier week
    put_review(other, "2026-W48", improved=["Bo's progress"], next_week="Bo's plan")
    assert Review.select().count() == 3
    html = client.get("/meeting").get_data(as_text=True)
    past, coming, help_ = (answer_to(html, question) for question in QUESTIONS)
    assert "<li>Calmer intakes</li>" in past and "<li>Sam asked for feedback</li>" in past
    assert "Finish the new rota" in coming and "Half an hour with Kim" in help_
    assert "Older" not in html and "Bo&#39;s" not in html
    assert "your weekly review of 23\u2009–\u200929 Nov 2026" in html
    assert "Your weekly review gives you something to bring" not in html
    assert "Look back on this week first" not in html, "the latest review is this week's"


def test_empty_answers_get_a_gentle_prompt_and_an_older_review_a_fresh_start(client, journal):
    put_review(journal, "2026-W46", improved=["Calmer intakes"])
    html = client.get("/meeting").get_data(as_text=True)
    coming = answer_to(html, QUESTIONS[1])
    assert "Nothing written here in that review. What comes to mind now?" in coming
    assert 'href="/reviews/2026-W48"' in html
