"""Queries whose SQL is made once (journal.prepared): they find what peewee's own query finds,
with each run's values, on both engines."""
import uuid
from datetime import datetime

import pytest
from peewee import IntegrityError, PostgresqlDatabase

from journal.db import database
from journal.models import Entry, EntryTag, User
from journal.prepared import (
    PLANNED_ARITIES,
    PreparedSelect,
    increment_statement,
    insert_statement,
    run_together,
)

BY_EMAIL = PreparedSelect(lambda email: User.select().where(User.email == email), 1)


def test_a_prepared_select_runs_with_each_calls_values(app, journal, other):
    with app.app_context():
        [ana] = BY_EMAIL.rows("ana@example.org")
        plans = dict(BY_EMAIL._plans)
        [bo] = BY_EMAIL.rows("bo@example.org")
        assert (ana.display_name, bo.display_name) == ("Ana", "Bo")
        assert BY_EMAIL.rows("nobody@example.org") == []
        assert BY_EMAIL.rows("x' OR '1'='1") == [], "values are parameters, never SQL"
        assert BY_EMAIL._plans == plans, "the SQL was made once for this database"


def test_the_session_behind_a_cookie_loads_its_person(journal):
    assert journal.client.get("/").status_code == 200
    assert journal.logout().status_code == 302
    assert journal.client.get("/").status_code == 302, "an ended session finds nobody"


def test_an_insert_stores_what_peewee_reads_back(app, journal):
    with app.app_context():
        ana = User.get(User.email == "ana@example.org")
        now = datetime(2026, 12, 2, 9, 30)
        entry = Entry(user=ana, day=now.date(), text="Tried the new intake", kind="setback",
                      meaning=None, search_text="tried", created_at=now, updated_at=now)
        with database.atomic():
            run_together(insert_statement(Entry, [{field.name: entry.__data__.get(field.name)
                                                   for field in Entry._meta.sorted_fields}]))
            run_together(insert_statement(EntryTag, [{"entry": entry.id, "user": ana.id,
                                                      "name": name}
                                                     for name in ("intake", "café")]))
            run_together(insert_statement(EntryTag, []))
        stored = Entry.get_by_id(entry.id)
        assert (stored.text, stored.kind, stored.meaning, stored.day) == (
            "Tried the new intake", "setback", None, now.date())
        assert stored.created_at == now and stored.user_id == ana.id
        assert sorted(stored.tags()) == ["café", "intake"]


def test_increment_adds_one_to_that_row_only(app, journal, other):
    with app.app_context():
        ana, bo = (User.get(User.email == email) for email in ("ana@example.org",
                                                               "bo@example.org"))
        run_together(increment_statement(User.journal_version, ana.id))
        run_together(increment_statement(User.journal_version, ana.id))
        assert User.get_by_id(ana.id).journal_version == ana.journal_version + 2
        assert User.get_by_id(bo.id).journal_version == bo.journal_version


def _entry_row(user, text, now=datetime(2026, 12, 2, 9, 30)):
    entry = Entry(user=user, day=now.date(), text=text, kind="progress", search_text=text,
                  created_at=now, updated_at=now)
    return entry, {field.name: entry.__data__.get(field.name)
                   for field in Entry._meta.sorted_fields}


def test_statements_run_together_land_together_in_one_message_on_postgresql(app, journal):
    with app.app_context():
        ana = User.get(User.email == "ana@example.org")
        entry, row = _entry_row(ana, "Wrote the plan")
        sent = []
        database.obj.query_hooks.append(sent.append)
        try:
            run_together(insert_statement(Entry, [row]),
                         insert_statement(EntryTag, [{"entry": entry.id, "user": ana.id,
                                                      "name": "plan"}]),
                         increment_statement(User.journal_version, ana.id))
        finally:
            database.obj.query_hooks.remove(sent.append)
        assert Entry.get_by_id(entry.id).tags() == ["plan"]
        assert User.get_by_id(ana.id).journal_version == ana.journal_version + 1
        one_message = isinstance(database.obj, PostgresqlDatabase)
        assert len(sent) == (1 if one_message else 3)


def test_when_one_statement_fails_none_of_them_lands(app, journal):
    with app.app_context():
        ana = User.get(User.email == "ana@example.org")
        entry, row = _entry_row(ana, "Never stored")
        missing_entry = uuid.uuid4()  # the tag points at no entry: the foreign key refuses it
        with pytest.raises(IntegrityError):
            run_together(insert_statement(Entry, [row]),
                         increment_statement(User.journal_version, ana.id),
                         insert_statement(EntryTag, [{"entry": missing_entry, "user": ana.id,
                                                      "name": "x"}]))
        assert Entry.get_or_none(Entry.id == entry.id) is None
        assert User.get_by_id(ana.id).journal_version == ana.journal_version
        after, row = _entry_row(ana, "Stored after the failure")
        run_together(insert_statement(Entry, [row]))  # the connection is usable again
        assert Entry.get_by_id(after.id).text == "Stored after the failure"
        run_together(insert_statement(EntryTag, []))  # nothing to run: nothing sent


BY_EMAILS = PreparedSelect(lambda *emails: User.select().where(User.email.in_(emails))
                           .order_by(User.email))


def test_a_select_of_any_number_of_values_keeps_a_plan_for_each_number(app, journal, other):
    with app.app_context():
        assert [u.display_name for u in BY_EMAILS.rows("bo@example.org")] == ["Bo"]
        assert [u.display_name for u in BY_EMAILS.rows("bo@example.org", "ana@example.org")] \
            == ["Ana", "Bo"]
        assert [u.display_name for u in BY_EMAILS.rows("ana@example.org", "x@example.org")] \
            == ["Ana"], "the plan for two values, run again with other values"
        assert {arity for _kind, arity in BY_EMAILS._plans} == {1, 2}
        many = [f"n{n}@example.org" for n in range(PLANNED_ARITIES + 1)] + ["bo@example.org"]
        assert [u.display_name for u in BY_EMAILS.rows(*many)] == ["Bo"]
        assert {arity for _kind, arity in BY_EMAILS._plans} == {1, 2}, "a long list: no plan kept"
        with pytest.raises(TypeError):
            BY_EMAIL.rows("ana@example.org", "bo@example.org")
