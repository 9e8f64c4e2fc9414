"""Selects whose SQL is built once per kind of database, then run with new values.

peewee turns a query into SQL again on every run. For the few queries every request runs (the
session behind a cookie) building the SQL costs more than SQLite takes to answer, so those are
built once with marker values in place of the real ones; each run swaps the values in."""
from peewee import PostgresqlDatabase

from journal.db import database


class PreparedSelect:
    """`build(*values)` makes the select; `rows(*values)` runs it with those values.

    Each value must appear once in the query's parameters, already in the form the database
    stores (a string for a CharField)."""

    def __init__(self, build, arity):
        self.build = build
        self.markers = tuple(f"\x00prepared-{n}\x00" for n in range(arity))
        self._plans = {}

    def _plan(self):
        kind = type(database.obj)
        plan = self._plans.get(kind)
        if plan is None:
            query = self.build(*self.markers)
            sql, params = query.sql()
            positions = [params.index(marker) for marker in self.markers]
            plan = self._plans[kind] = (query, sql, tuple(params), positions)
        return plan

    def rows(self, *values):
        """The model instances the select finds for these values (joined models attached)."""
        query, sql, params, positions = self._plan()
        params = list(params)
        for position, value in zip(positions, values, strict=True):
            params[position] = value
        return list(query._get_cursor_wrapper(database.execute_sql(sql, params)))


_INSERTS = {}


def insert_statement(model, rows):
    """The INSERT of these rows (dicts of field name to Python value, all with the same fields)
    as (sql, params), or None for no rows. Its SQL is made once per model, fields, row count and
    kind of database; the values go through each field's db_value as peewee would send them.
    Fires no signals."""
    if not rows:
        return None
    names = tuple(rows[0])
    fields = [model._meta.fields[name] for name in names]
    db = database.obj
    key = (model, names, len(rows), type(db))
    sql = _INSERTS.get(key)
    if sql is None:
        quote = db.quote
        columns = ", ".join(f"{quote[0]}{field.column_name}{quote[1]}" for field in fields)
        row = "(" + ", ".join([db.param] * len(fields)) + ")"
        sql = _INSERTS[key] = (f"INSERT INTO {quote[0]}{model._meta.table_name}{quote[1]} "
                               f"({columns}) VALUES " + ", ".join([row] * len(rows)))
    return sql, [field.db_value(values[field.name]) for values in rows for field in fields]


def insert_rows(model, rows):
    """INSERT the rows in one statement (see insert_statement)."""
    run_together(insert_statement(model, rows))


_INCREMENTS = {}


def increment_statement(field, row_id):
    """Adding one to an integer column of the row with this primary key, as (sql, params), with
    SQL made once per field and kind of database."""
    model, db = field.model, database.obj
    key = (field, type(db))
    sql = _INCREMENTS.get(key)
    if sql is None:
        quote = db.quote
        column, table = (f"{quote[0]}{name}{quote[1]}"
                         for name in (field.column_name, model._meta.table_name))
        primary = model._meta.primary_key
        sql = _INCREMENTS[key] = (
            f"UPDATE {table} SET {column} = {column} + 1 "
            f"WHERE {quote[0]}{primary.column_name}{quote[1]} = {db.param}")
    return sql, [model._meta.primary_key.db_value(row_id)]


def increment(field, row_id):
    """Add one to an integer column of the row with this primary key."""
    run_together(increment_statement(field, row_id))


def run_together(*statements):
    """Run these (sql, params) statements (None ones are skipped) all or none.

    PostgreSQL gets them in one message when no transaction is open: several statements in one
    simple query are one transaction there, so the write costs one round trip instead of one
    each for BEGIN, every statement and COMMIT (psycopg2 puts the values in before sending).
    Elsewhere, or inside an open transaction, they run one by one in a transaction (nested in
    the open one, if any)."""
    statements = [statement for statement in statements if statement is not None]
    if not statements:
        return
    db = database.obj
    if isinstance(db, PostgresqlDatabase) and not db.in_transaction():
        db.execute_sql("; ".join(sql for sql, _ in statements),
                       [value for _, params in statements for value in params])
        return
    with db.atomic():  # on SQLite, also this process's turn to write (journal.db)
        for sql, params in statements:
            db.execute_sql(sql, params)
