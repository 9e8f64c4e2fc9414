"""Full-text search (journal/entries/search.py, migration 0014): folded words, prefixes, every
word must match, kept in step by every write, never an error whatever is typed. Every test
runs on each engine with the same expectations, so both engines give the same results; the
tests on CORPUS run twice, once answered by the index and once by reading the entries (the
way common words are searched), with the same expectations again."""
import uuid

import pytest
from peewee import PostgresqlDatabase

from journal.db import database, migration_runner
from journal.entries import search
from journal.entries.rules import search_words, searchable_text
from journal.entries.search import fts5_query, index_key, tsquery
from journal.models import Entry, User
from tests.data.test_export import ok

SEARCH_MIGRATION = "0014_search_index"
CORPUS = {
    "intake": {"text": "Finished the intake checklist with Sam", "tags": ["team"]},
    "uber": {"text": "Überlegt, then wrote to the café", "helped": "A quiet morning"},
    "dutch": {"text": "De ĳsbaan bij de coöperatie in België", "tags": ["Zoë"]},
    "notes": {"text": "Missed the deadline", "kind": "setback", "learned": "Start earlier",
              "try_next": "Block an hour", "hindered": "Interruptions"},
    "mail": {"text": "Wrote to sam@example.org about the follow-up (v2.1)"},
    "number": {"text": "Closed 100% of ticket #4521 before 9:30"},
}


def post(person, **fields):
    return ok(person, "POST", "/api/v1/entries", {"day": "2026-11-20", **fields})["id"]


def found(person, q, **params):
    """The names (CORPUS keys, or texts) of the person's entries a search finds, via the API."""
    response = person.client.get("/api/v1/entries", query_string={"q": q, **params})
    assert response.status_code == 200, (q, params, response.get_json())
    names = {entry["text"]: name for name, entry in CORPUS.items()}
    return {names.get(item["text"], item["text"]) for item in response.get_json()["items"]}


@pytest.fixture(params=["index", "reading"])
def corpus(request, journal, monkeypatch):
    """CORPUS in Ana's journal; searched through the index, or (a probe limit of 0: every word
    counts as common) by reading her entries."""
    if request.param == "reading":
        monkeypatch.setattr(search, "PROBE_LIMIT", 0)
    return {name: post(journal, **fields) for name, fields in CORPUS.items()}


def in_step():
    """SQLite: FTS5's own check that its index matches the entries exactly."""
    if not isinstance(database.obj, PostgresqlDatabase):
        database.execute_sql(
            "INSERT INTO entry_search (entry_search, rank) VALUES ('integrity-check', 1)")
    return True


FOLDED = [("uberlegt", {"uber"}), ("ÜBERLEGT", {"uber"}), ("Überleg", {"uber"}),
          ("cafe", {"uber"}), ("CAFÉ", {"uber"}), ("ijsbaan", {"dutch"}),
          ("IJsbaan", {"dutch"}), ("ĳsbaan", {"dutch"}), ("cooperatie", {"dutch"}),
          ("coöperatie", {"dutch"}), ("belgie", {"dutch"}), ("België", {"dutch"}),
          ("zoe", {"dutch"}), ("ZOË", {"dutch"})]


def test_accents_and_case_fold_in_both_languages(journal, corpus):
    assert {q: found(journal, q) for q, _ in FOLDED} == dict(FOLDED)


def test_a_word_matches_the_start_of_words_not_their_middle(journal, corpus):
    assert found(journal, "intak") == {"intake"}
    assert found(journal, "INT") == {"intake", "notes"}  # interruptions
    assert found(journal, "take") == set(), "a word's middle is not searched"
    assert found(journal, "checklists") == set()
    assert found(journal, "w") == {"intake", "uber", "mail"}  # with, wrote


def test_every_word_must_match_in_any_field_and_order(journal, corpus):
    assert found(journal, "sam") == {"intake", "mail"}
    assert found(journal, "sam intake") == {"intake"}
    assert found(journal, "intake sam") == {"intake"}
    assert found(journal, "sam team") == {"intake"}, "a tag and the text together"
    assert found(journal, "sam deadline") == set()
    assert found(journal, "intake intake   intake") == {"intake"}


def test_notes_and_tags_are_found(journal, corpus):
    for q in ("earlier", "block", "interrupt", "quiet morning", "zoe"):
        assert len(found(journal, q)) == 1, q


def test_addresses_hyphens_and_numbers_are_words_like_any_other(journal, corpus):
    assert found(journal, "sam@example.org") == {"mail"}
    assert found(journal, "example") == {"mail"}
    assert found(journal, "follow-up") == found(journal, "follow up") == {"mail"}
    assert found(journal, "up") == {"mail"}
    assert found(journal, "v2.1") == {"mail"}
    assert found(journal, "4521") == found(journal, "#45") == {"number"}
    assert found(journal, "9:30") == {"number"}
    assert found(journal, "100%") == {"number"}


def test_an_edit_changes_what_is_found(journal, corpus):
    entry_id = corpus["intake"]
    ok(journal, "PATCH", f"/api/v1/entries/{entry_id}", {"text": "Calmer phone call"})
    assert found(journal, "intake") == set() and found(journal, "phone") == {"Calmer phone call"}
    assert found(journal, "team") == {"Calmer phone call"}, "the tags stayed"
    ok(journal, "PATCH", f"/api/v1/entries/{entry_id}", {"tags": ["onboarding"]})
    assert found(journal, "team") == set()
    assert found(journal, "onboard calmer") == {"Calmer phone call"}
    ok(journal, "PATCH", f"/api/v1/entries/{entry_id}", {"learned": "Breathe first"})
    assert found(journal, "breathe") == {"Calmer phone call"}
    assert in_step()


def test_the_page_edit_changes_what_is_found_too(journal, client, corpus):
    response = client.post(f"/entries/{corpus['uber']}/edit", data={
        "csrf_token": journal.token("/"), "text": "Thought about the roadmap", "day": "2026-11-20",
        "kind": "progress"})
    assert response.status_code in (200, 302)
    assert found(journal, "uberlegt") == set()
    assert found(journal, "roadmap") == {"Thought about the roadmap"}
    assert in_step()


def test_deleted_entries_and_accounts_are_no_longer_found(journal, other, corpus):
    assert journal.api("DELETE", f"/api/v1/entries/{corpus['intake']}").status_code == 204
    assert found(journal, "intake") == set() and found(journal, "sam") == {"mail"}
    journal.post_entry("Tidied the intake form")  # the page's form, then its delete button
    [entry] = Entry.select().where(Entry.text == "Tidied the intake form")
    journal.client.post(f"/entries/{entry.id}/delete", data={"csrf_token": journal.token("/")})
    assert found(journal, "tidied") == set()
    post(other, text="Bo's own intake")
    assert journal.api("DELETE", "/api/v1/account",
                       {"password": "correct horse battery"}).status_code == 204
    assert found(other, "intake") == {"Bo's own intake"}
    assert in_step()
    if not isinstance(database.obj, PostgresqlDatabase):
        keys = database.execute_sql("SELECT count(*) FROM entry_search_key").fetchone()[0]
        assert keys == Entry.select().count() == 1


def test_an_imported_journal_is_found(journal):
    entry_id = str(uuid.uuid4())
    document = {"format": "progress-journal", "version": 1, "entries": [
        {"id": entry_id, "day": "2026-11-20", "text": "Überlegt — 漢字 with Noor",
         "tags": ["#Ça va"], "learned": "Ask earlier"}]}
    assert journal.api("POST", "/api/v1/import", document).status_code == 200
    assert found(journal, "uberlegt noor") == {"Überlegt — 漢字 with Noor"}
    assert found(journal, "漢字") == found(journal, "ca va") == {"Überlegt — 漢字 with Noor"}
    document["entries"][0]["text"] = "Rewritten on import"
    assert journal.api("POST", "/api/v1/import", document).status_code == 200
    assert found(journal, "uberlegt") == set() and found(journal, "rewritten") != set()
    assert in_step()


NOTHING_TO_SEARCH = ['"', "*", "-", ":", "&", "!", "'", "(", ")", "^", "\\", "%", "_", "|",
                     "<->", '""', "''", "—", "🙂"]
# What a query language would read as operators is plain words here ("or" starts "org").
INTAKE = {"intake"}
LITERAL = [("OR", {"mail"}), ("AND", set()), ("NOT", set()), ("NEAR(", set()),
           ("NEAR(intake sam, 2)", set()), ("intake OR deadline", set()),
           ("intake | deadline", set()), ("intake NOT sam", set()), ("-intake", INTAKE),
           ("!intake", INTAKE), ("intake & !sam", INTAKE), ("intake*", INTAKE),
           ('"intake', INTAKE), ('intake"', INTAKE), ("intake:*", INTAKE),
           ("search_text:intake", set()), ("{search_text}: intake", set()),
           ("intake <-> sam", INTAKE), ("'intake'", INTAKE), ("intak'", INTAKE),
           ("^intake", INTAKE), ("(intake)", INTAKE), ("intake)", INTAKE), ("+intake", INTAKE),
           ("intake AND", set()), ("a\"b'c", set()), ("\\'intake", INTAKE),
           ("intake;DROP TABLE entry", set())]


def test_a_search_of_no_words_finds_nothing_and_never_fails(journal, client, corpus):
    assert {q: found(journal, q) for q in NOTHING_TO_SEARCH} == {
        q: set() for q in NOTHING_TO_SEARCH}
    for q in NOTHING_TO_SEARCH:
        assert client.get("/timeline", query_string={"q": q}).status_code == 200, q


def test_operators_are_words_never_syntax(journal, client, corpus):
    assert {q: found(journal, q) for q, _ in LITERAL} == dict(LITERAL)
    for q, names in LITERAL:
        page = client.get("/timeline", query_string={"q": q}).get_data(as_text=True)
        assert (CORPUS["intake"]["text"] in page) == (names == INTAKE), q


@pytest.mark.parametrize("probe_limit", [search.PROBE_LIMIT, 0], ids=["index", "reading"])
def test_search_keeps_the_other_filters_order_and_paging(journal, client, monkeypatch,
                                                         probe_limit):
    monkeypatch.setattr(search, "PROBE_LIMIT", probe_limit)
    for n in range(7):
        post(journal, day=f"2026-11-{10 + n:02d}", text=f"Intake call {n}",
             kind="setback" if n % 3 == 0 else "progress", tags=["odd"] if n % 2 else [])
    post(journal, day="2026-11-25", text="Unrelated step")
    assert found(journal, "intake", tag="odd") == {"Intake call 1", "Intake call 3",
                                                   "Intake call 5"}
    assert found(journal, "intake", kind="setback") == {"Intake call 0", "Intake call 3",
                                                       "Intake call 6"}
    assert found(journal, "intake", **{"from": "2026-11-15"}) == {"Intake call 5",
                                                                 "Intake call 6"}
    seen, cursor = [], None
    while True:
        params = {"q": "call intake", "limit": 3, **({"cursor": cursor} if cursor else {})}
        page = journal.client.get("/api/v1/entries", query_string=params).get_json()
        seen += [item["text"] for item in page["items"]]
        if not (cursor := page["next"]):
            break
    assert seen == [f"Intake call {n}" for n in range(6, -1, -1)], "newest first, paged"
    html = client.get("/timeline?q=intake&kind=setback").get_data(as_text=True)
    assert "Intake call 6" in html and "Intake call 5" not in html
    assert "Unrelated step" not in html


def test_the_probe_reads_the_index(journal, corpus):
    key, words = index_key(User.get()), search_words("intak sam")
    if isinstance(database.obj, PostgresqlDatabase):
        database.execute_sql("SET enable_seqscan = off")  # a handful of rows: else a scan
        plan = database.execute_sql(f"EXPLAIN {search.POSTGRES_PROBE}",
                                    (tsquery(key, words), 201)).fetchall()
        database.execute_sql("RESET enable_seqscan")
        assert "entry_search_fts" in " ".join(row[0] for row in plan)
    else:
        plan = database.execute_sql(f"EXPLAIN QUERY PLAN {search.SQLITE_PROBE}",
                                    (fts5_query(key, words), 201)).fetchall()
        assert "entry_search VIRTUAL TABLE" in " ".join(row[-1] for row in plan)
    assert [str(entry_id) for entry_id in search.probe(key, words, 201)] in (
        [corpus["intake"]], [corpus["intake"].replace("-", "")])


def test_a_persons_words_are_indexed_behind_their_own_key(journal, other, corpus):
    post(other, text="Bo's own intake")
    ana, bo = User.get(User.email == "ana@example.org"), User.get(User.email == "bo@example.org")
    assert len(search.probe(index_key(ana), ["intake"], 10)) == 1
    assert len(search.probe(index_key(bo), ["intake"], 10)) == 1
    assert found(journal, "own") == set() and found(other, "own") == {"Bo's own intake"}


def test_the_migration_rewrites_old_search_text_and_indexes_it(journal, corpus):
    """Entries written before 0014 held folded text with punctuation; 0014 rewrites it."""
    runner = migration_runner(database.obj)
    [migration] = [m for m in runner.migrations() if m.name == SEARCH_MIGRATION]
    module = migration.load()  # only this migration goes down and up again
    with database.atomic():
        module.down(runner.migrator, database.obj)
    try:
        old_form = "finished the intake-checklist\nwith sam@example.org"
        Entry.update(search_text=old_form).where(Entry.id == corpus["intake"]).execute()
        Entry.update(search_text="").where(Entry.id == corpus["mail"]).execute()
    finally:
        with database.atomic():
            module.up(runner.migrator, database.obj)
    rewritten = Entry.get_by_id(corpus["intake"]).search_text
    assert rewritten == "finished the intake checklist with sam team"
    assert found(journal, "sam") == {"intake", "mail"}
    assert found(journal, "uberlegt") == {"uber"}, "entries already in the new form stay"
    assert in_step()


def test_the_query_syntax_is_built_from_quoted_words_only():
    words = search_words('Über "NEAR(" OR x:* \'a\'')
    assert words == ["uber", "near", "or", "x", "a"]
    assert fts5_query("k0a1b2c3d", words[:3]) == (
        '"k0a1b2c3duber"* AND "k0a1b2c3dnear"* AND "k0a1b2c3dor"*')
    assert tsquery("k0a1b2c3d", ["uber", "or"]) == "'k0a1b2c3duber':* & 'k0a1b2c3dor':*"
    assert index_key(uuid.UUID("0a1b2c3d-4e5f-4a1b-8c2d-3e4f5a6b7c8d")) == "k0a1b2c3d"
    assert searchable_text(["Follow-up, sam@ex.org", "ĳs"]) == "follow up sam ex org ijs"
    assert search_words("w" * 150) == ["w" * 100]
