"""The weekly review pages."""
from datetime import date, datetime, timezone

from journal.models import Review


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
    forgotten = html.split("Progress you may have forgotten")[1]
    assert "About four weeks ago" in forgotten and "Mentored a newcomer" in forgotten
    assert "About a year ago" in forgotten and "Shipped the archive" in forgotten
    assert "About three months ago" not in forgotten
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
    save_review(client, journal, week="2026-W46")
    save_review(client, journal, week="2025-W10")
    html = client.get("/reviews").get_data(as_text=True)
    assert "This week" in html and "/reviews/2026-W48" in html
    assert "/reviews/2026-W47" in html and "Look back on this week" in html
    assert "/reviews/2025-W10" in html and "2 things improved" in html
    assert html.index("/reviews/2026-W48") < html.index("/reviews/2026-W46") < html.index(
        "/reviews/2025-W10")


def test_the_home_page_invites_the_review_from_the_chosen_day(client, journal, clock):
    clock.now = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)  # Thursday
    save_review(client, journal, week="2026-W47")
    assert "Time to look back on your week" not in client.get("/").get_data(as_text=True)
    clock.now = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)  # Friday
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
