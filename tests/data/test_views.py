"""The "Your data" pages: downloads, bringing an export back, and deleting the account."""
import io
import json
import uuid

from journal.models import Entry, User
from tests.conftest import PASSWORD
from tests.data.test_export import MARKER, export


def upload(person, content, name="progress-journal-2026-11-27.json"):
    return person.client.post("/settings/data/import", data={
        "csrf_token": person.token("/settings/data"), "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data")


def entries_file(*entries):
    return json.dumps({"format": "progress-journal", "version": 1,
                       "entries": list(entries)}).encode()


def an_entry(text="Finished the intake checklist", **fields):
    return {"id": str(uuid.uuid4()), "day": "2026-11-20", "text": text, **fields}


def test_settings_link_to_your_data(journal):
    html = journal.client.get("/settings").get_data(as_text=True)
    assert 'href="/settings/data"' in html and "Your data" in html


def test_the_page_offers_three_downloads_an_import_and_deletion(journal):
    response = journal.client.get("/settings/data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for path in ("/settings/data/export?format=json", "/settings/data/export?format=csv",
                 "/settings/data/export?format=markdown", "/settings/data/delete"):
        assert f'href="{path}"' in html
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    assert 'name="csrf_token"' in html and "A .json file of at most 10 MB." in html


def test_an_export_comes_back_through_the_page(journal):
    journal.post_entry(f"Finished the intake checklist {MARKER}")
    content = journal.client.get("/settings/data/export?format=json").get_data()
    Entry.delete().execute()
    response = upload(journal, content)
    assert response.status_code == 302 and response.location == "/settings/data"
    html = journal.client.get("/settings/data").get_data(as_text=True)
    assert "Your export is imported, 1 of 1: 1 added, 0 brought up to date, 0 already here." in html
    assert [entry.text for entry in Entry.select()] == [f"Finished the intake checklist {MARKER}"]
    again = upload(journal, content)
    assert "0 added, 0 brought up to date, 1 already here." in journal.client.get(
        again.location).get_data(as_text=True)


def test_a_file_that_is_not_json_is_explained(journal):
    response = upload(journal, b"\xff\xfe not json", name="photo.jpg")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert ("This file is not a Progress Journal export. Choose the .json file you "
            "downloaded") in html
    assert 'aria-invalid="true"' in html and Entry.select().count() == 0


def test_a_foreign_file_is_named_as_such(journal):
    response = upload(journal, b'{"entries": []}')
    assert response.status_code == 422
    assert "This is not a Progress Journal export." in response.get_data(as_text=True)


def test_each_problem_is_shown_and_nothing_is_stored(journal):
    response = upload(journal, entries_file(an_entry(), an_entry(text=" "),
                                            an_entry(meaning=9)))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Nothing was imported: some things in the file need another look." in html
    assert "<code>entries[1].text</code>: Write a few words about your progress." in html
    assert "<code>entries[2].meaning</code>: Choose a number from 1 to 5" in html
    assert Entry.select().count() == 0


def test_choosing_no_file_is_explained(journal):
    response = journal.client.post("/settings/data/import", data={
        "csrf_token": journal.token("/settings/data")}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose the file to import first." in response.get_data(as_text=True)


def test_a_big_export_is_accepted_on_the_page_too(journal):
    content = entries_file(*(an_entry(f"Step {n} " + "x" * 600) for n in range(1800)))
    assert len(content) > 1024 * 1024
    assert upload(journal, content).status_code == 302
    assert Entry.select().count() == 1800


def test_the_delete_page_says_what_goes_and_suggests_an_export(journal):
    html = journal.client.get("/settings/data/delete").get_data(as_text=True)
    assert "removes everything in it, for good" in html
    assert "a manager you shared one with no longer sees it, at once" in html
    assert 'href="/settings/data/export?format=json"' in html
    assert 'type="password"' in html and 'autocomplete="current-password"' in html


def delete_with(person, password):
    return person.client.post("/settings/data/delete", data={
        "csrf_token": person.token("/settings/data/delete"), "password": password})


def test_a_wrong_password_deletes_nothing(journal):
    journal.post_entry("Finished the intake checklist")
    response = delete_with(journal, "not my password")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "That is not your password. Your account is still here." in html
    assert 'aria-invalid="true"' in html
    assert User.select().count() == 1 and Entry.select().count() == 1


def test_deleting_logs_out_and_says_goodbye(journal):
    journal.post_entry("Finished the intake checklist")
    response = delete_with(journal, PASSWORD)
    assert response.status_code == 302 and response.location == "/login"
    html = journal.client.get("/login").get_data(as_text=True)
    assert "Your account is deleted, with everything in it." in html
    assert User.select().count() == 0 and Entry.select().count() == 0
    assert journal.client.get("/").status_code == 302


def test_deleting_needs_the_pages_security_token(journal):
    response = journal.client.post("/settings/data/delete", data={"password": PASSWORD})
    assert response.status_code == 400 and User.select().count() == 1


def test_the_pages_need_a_login(client):
    for path in ("/settings/data", "/settings/data/delete"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.startswith("/login")


def test_the_page_import_matches_the_api_export(journal):
    journal.post_entry("Finished the intake checklist", tags="intake")
    before = export(journal)
    content = json.dumps(before).encode()
    assert upload(journal, content).status_code == 302
    assert export(journal)["entries"] == before["entries"]


def test_what_was_already_here_is_counted_in_dutch_plurals(journal):
    """Waits for the lead to merge /tmp/work/nl-words.json into the catalogue."""
    journal.post_entry(f"One {MARKER}")
    journal.post_entry(f"Two {MARKER}")
    User.update(language="nl").execute()  # before the export: importing it brings the language back
    content = journal.client.get("/settings/data/export?format=json").get_data()
    html = journal.client.get(upload(journal, content).location).get_data(as_text=True)
    assert "0 bijgewerkt, 2 waren er al." in html
    Entry.delete().where(Entry.text == f"Two {MARKER}").execute()
    html = journal.client.get(upload(journal, content).location).get_data(as_text=True)
    assert "1 toegevoegd, 0 bijgewerkt, 1 was er al." in html
