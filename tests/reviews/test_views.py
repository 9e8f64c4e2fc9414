"""The weekly review pages."""
import re
from datetime import UTC, date, datetime, timedelta

from journal.models import Review, User
from journal.weeks import parse_week, week_of
from tests.conftest import STORED_NOW


def save_review(client, journal, week="2026-W48", **fields):
    data = {"csrf_token": journal.token("/"), "improved": ["Calmer mornings", "Sam helped"],
            "next_week": "Finish the intake", "help_wanted": "Jo, a second look",
            "scale": "7", "autonomy": "4", "competence": "3", "relatedness": "5", **fields}
    return client.post(f"/reviews/{week}", data=data)


def test_a_review_opens_with_the_weeks_entries_and_forgotten_progress(client, journal):
    journal.post_entry("Calm intake call", day="2026-11-24")
    journal.post_entry("Demo failed", kind="setback", learned="Test the beamer", day="2026-11-26")
    journal.post_entry("Before the week", day="2026-11-22")
    journal.post_entry("Mentored a newcomer", meaning="5", day="2026-10-29")  # ~4 weeks before
    journal.post_entry("Shipped the archive", meaning="4", day="2025-11-26")   # ~1 year before
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    evidence = html.split("Progress you may have forgotten")[0]
    assert "Calm intake call" in evidence and "Demo failed" in evidence
    assert "Test the beamer" in evidence, "setbacks show what was learned"
    assert "Before the week" not in html
    forgotten = html.split("Progress you may have forgotten")[1].split("Looking back further")[0]
    assert "About four weeks ago" in forgotten and "Mentored a newcomer" in forgotten
    assert "About three months ago" not in forgotten
    further = html.split("Looking back further")[1]
    assert "A year ago" in further and "Shipped the archive" in further
    assert "About a year ago" not in html and html.count("Shipped the archive") == 1
    for question in ("What improved this week?", "What meaningful progress do you want to make",
                     "What help would you like, and from whom?", "How satisfied are you",
                     "Autonomy: ", "Competence: ", "Relatedness: "):
        assert question in html


def test_saving_and_editing_a_review(client, journal):
    assert save_review(client, journal).status_code == 302
    review = Review.get()
    assert review.improved_items() == ["Calmer mornings", "Sam helped"]
    assert (review.scale, review.autonomy, review.competence, review.relatedness) == (7, 4, 3, 5)
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    assert 'value="Calmer mornings"' in html
    save_review(client, journal, improved=["Only one now"], scale="")
    review = Review.get()
    assert Review.select().count() == 1
    assert review.improved_items() == ["Only one now"] and review.scale is None


def test_bad_review_input_is_explained_and_kept(client, journal):
    response = save_review(client, journal, scale="12", autonomy="9",
                           improved=["Kept item"])
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Choose a number from 0 to 10." in html and "Choose a number from 1 to 5." in html
    assert 'value="Kept item"' in html
    assert Review.select().count() == 0


def test_an_empty_review_is_not_stored(client, journal):
    response = client.post("/reviews/2026-W48", data={"csrf_token": journal.token("/"),
                                                      "improved": ["", ""]})
    assert response.status_code == 422
    assert "Write at least one thing that improved" in response.get_data(as_text=True)
    assert Review.select().count() == 0


def test_weeks_that_do_not_exist_or_have_not_begun(client, journal):
    for week in ("2026-W60", "2025-W53", "2026-W49", "soon"):
        response = client.get(f"/reviews/{week}")
        assert response.status_code == 404
    assert "There is no such week" in client.get("/reviews/2026-W60").get_data(as_text=True)
    assert "has not started yet" in client.get("/reviews/2026-W49").get_data(as_text=True)


def test_history_lists_recent_weeks_and_past_reviews(client, journal):
    journal.post_entry("Imported from before the account", day="2026-11-10")  # 2026-W46
    save_review(client, journal, week="2026-W46")
    save_review(client, journal, week="2025-W10")
    html = client.get("/reviews").get_data(as_text=True)
    assert "This week" in html and "/reviews/2026-W48" in html
    assert "/reviews/2026-W47" in html and "Look back on this week" in html
    assert "/reviews/2025-W10" in html and "2 things improved" in html
    assert html.index("/reviews/2026-W48") < html.index("/reviews/2026-W46") < html.index(
        "/reviews/2025-W10")


def test_the_home_page_invites_the_review_from_the_chosen_day(client, journal, clock):
    clock.now = datetime(2026, 11, 26, 12, tzinfo=UTC)  # Thursday
    save_review(client, journal, week="2026-W47")
    assert "Time to look back on your week" not in client.get("/").get_data(as_text=True)
    clock.now = datetime(2026, 11, 27, 12, tzinfo=UTC)  # Friday
    html = client.get("/").get_data(as_text=True)
    assert "Time to look back on your week" in html and "/reviews/2026-W48" in html
    save_review(client, journal, week="2026-W48")
    assert "look back" not in client.get("/").get_data(as_text=True).lower()


def test_the_review_day_is_a_setting(client, journal):
    response = client.post("/settings", data={
        "csrf_token": journal.token("/settings"), "display_name": "Ana",
        "timezone": "Europe/Amsterdam", "language": "en", "review_weekday": "1"})
    assert response.status_code == 302
    from journal.models import User
    assert User.get().review_weekday == 1
    assert '<option selected value="1">Monday</option>' in client.get("/settings").get_data(
        as_text=True)
    assert date(2026, 11, 27).isoweekday() == 5


def test_someone_elses_review_never_shows(client, journal, other):
    other.client.post("/reviews/2026-W48", data={"csrf_token": other.token("/"),
                                                 "improved": ["Bo's private win"]})
    assert "Bo&#39;s private win" not in client.get("/reviews/2026-W48").get_data(as_text=True)
    assert "1 thing improved" not in client.get("/reviews").get_data(as_text=True)


def test_the_0_to_10_scale_is_laid_out_in_rows_and_the_1_to_5_scales_are_not(client, journal):
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    scales = re.findall(r'<div class="(scale[^"]*)">\s*<label class="pill"><input type="radio" '
                        r'name="(\w+)"', html)
    assert scales == [("scale scale-rows", "scale"), ("scale", "autonomy"),
                      ("scale", "competence"), ("scale", "relatedness")]


# -- issue 14: the journey, polished ---------------------------------------------------------

def signed_up_on(day):
    """Move Ana's sign-up to `day` (noon UTC), as if she had started then."""
    User.update(created_at=datetime(day.year, day.month, day.day, 12)).execute()


def test_each_entry_of_the_week_can_be_tapped_into_what_improved(client, journal):
    journal.post_entry("Calm intake call", day="2026-11-24")
    journal.post_entry('Said "no" to a meeting', day="2026-11-25")
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    buttons = re.findall(r'<button type="button" class="take-in" data-take-in="([^"]*)" hidden>'
                         r'Add to what improved<span class="visually-hidden">: ([^<]*)</span>',
                         html)
    assert buttons == [("Calm intake call", "Calm intake call"),
                       ("Said &#34;no&#34; to a meeting", "Said &#34;no&#34; to a meeting")]
    assert re.search(r'<script src="/static/js/review\.js\?v=\w+" defer>', html)
    assert "<form" in html and "data-review" in html
    fields = re.findall(r'<input id="improved-(\d+)" name="improved"[^>]*?( hidden)?>', html)
    assert [number for number, _hidden in fields] == [str(n) for n in range(1, 11)]
    assert [bool(hidden) for _number, hidden in fields] == [False] * 3 + [True] * 7, (
        "three fields to write in; the others wait for entries tapped in")


def test_the_history_offers_no_week_before_the_first(client, journal):
    html = client.get("/reviews").get_data(as_text=True)
    assert re.findall(r'href="/reviews/(\d{4}-W\d\d)"', html) == ["2026-W48"], "day one"
    signed_up_on(date(2026, 11, 12))
    html = client.get("/reviews").get_data(as_text=True)
    assert re.findall(r'href="/reviews/(\d{4}-W\d\d)"', html) == [
        "2026-W48", "2026-W47", "2026-W46"]
    journal.post_entry("Imported, older than the account", day="2026-10-20")  # 2026-W43
    html = client.get("/reviews").get_data(as_text=True)
    assert "/reviews/2026-W43" in html and "/reviews/2026-W42" not in html


def test_no_invitation_to_review_a_week_before_the_first(client, journal, clock):
    clock.now = datetime(2026, 11, 30, 12, tzinfo=UTC)  # Monday after signing up
    signed_up_on(date(2026, 11, 30))
    assert "look back on last week" not in client.get("/").get_data(as_text=True)
    signed_up_on(date(2026, 11, 27))
    html = client.get("/").get_data(as_text=True)
    assert "You can still look back on last week" in html and "/reviews/2026-W48" in html


def test_a_year_ago_and_when_you_started_in_their_own_words(client, journal):
    signed_up_on(date(2025, 11, 25))
    Review.save_week(User.get(), "2025-W48", {"improved": ["Asked for help sooner"]},
                     now=STORED_NOW)
    journal.post_entry("First note: a calmer intake", meaning="3", day="2025-11-25")
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    further = html.split('<details class="further card">')[1].split("</details>")[0]
    assert "Looking back further" in further and "A year ago" in further
    assert "<li>Asked for help sooner</li>" in further, "what they wrote as improved comes first"
    assert "When you started" not in further, "their first week is the year-ago week"
    signed_up_on(date(2025, 11, 10))  # 2025-W46: a first week of its own, with an entry
    journal.post_entry("Set up my journal", meaning="2", day="2025-11-11")
    journal.post_entry("Hard week", kind="setback", day="2025-11-12")
    further = client.get("/reviews/2026-W48").get_data(as_text=True).split(
        '<details class="further card">')[1]
    assert "When you started" in further and "Set up my journal" in further
    assert "Hard week" not in further


def test_no_look_further_back_when_there_is_nothing(client, journal):
    journal.post_entry("Calm intake call", day="2026-11-24")
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    assert "Looking back further" not in html and "<details" not in html


def rate_weeks(competence, last="2026-W47"):
    """Reviews of consecutive weeks up to `last` with these competence ratings."""
    end = parse_week(last)
    for back, value in enumerate(reversed(competence)):
        Review.save_week(User.get(), week_of(end - timedelta(weeks=back)),
                         {"competence": value, "autonomy": 4, "relatedness": 4}, now=STORED_NOW)


def test_a_need_lower_lately_is_reflected_back_as_a_quiet_question(client, journal):
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    assert "lower lately" not in html
    rate_weeks([4, 4, 5, 3, 2, 3])
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    question = re.findall(r'<p class="needs-question">([^<]*)</p>', html)
    assert question == [("Competence has been lower lately. What would help you learn and "
                         "feel capable?")]
    assert "Autonomy has been" not in html and "Relatedness has been" not in html
    assert html.index("How did the week feel?") < html.index("needs-question") < html.index(
        "Competence: I felt capable")
    other_page = client.get("/reviews").get_data(as_text=True) + client.get("/").get_data(
        as_text=True)
    assert "lower lately" not in other_page


def test_no_question_when_the_need_has_come_back_up(client, journal):
    rate_weeks([4, 4, 5, 3, 4, 3])
    assert "needs-question" not in client.get("/reviews/2026-W48").get_data(as_text=True)


def test_the_new_review_words_in_dutch(client, journal):
    """Waits for the lead to merge /tmp/work/nl-reviews.json into the catalogue."""
    User.update(language="nl").execute()
    journal.post_entry("Rustig intakegesprek", day="2026-11-24")
    journal.post_entry("Archief af", day="2025-11-25")
    rate_weeks([4, 4, 5, 3, 2, 3])
    html = client.get("/reviews/2026-W48").get_data(as_text=True)
    for words in ("Zet bij wat beter ging", "Verder terugkijken", "Een jaar geleden",
                  "Competentie was de laatste tijd lager."):
        assert words in html
