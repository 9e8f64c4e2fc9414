"""Selects whose SQL is built once per kind of database, then run with new values.

peewee turns a query into SQL again on every run. For the few queries every request runs (the
session behind a cookie) building the SQL costs more than SQLite takes to answer, so those are
built once with marker values in place of the real ones; each run swaps the values in. The home
page's queries are made this way too: building their SQL was a fifth of the page's time."""
from peewee import PostgresqlDatabase

from journal.db import database

PLANNED_ARITIES = 64  # a select of any number of values keeps plans up to this many


def id_value(row_or_id):
    """A UUID primary key (of a row, or the id itself) as a prepared select takes it."""
    return getattr(row_or_id, "id", row_or_id).hex


# What a peewee cursor wrapper holds about one run; the rest of it (which column goes to which
# model and field, through which converter) is the same for every run of the same SQL.
_RUN_STATE = frozenset({"cursor", "count", "index", "initialized", "populated", "row_cache"})


class _Plan:
    """A select's SQL and parameters made once, with the marker positions to put values in,
    and the column mapping peewee worked out on its first run (worked out again on every
    run, it was half the time of the session lookup behind every request)."""

    __slots__ = ("query", "sql", "params", "positions", "columns")

    def __init__(self, query, sql, params, positions):
        self.query, self.sql, self.params, self.positions = query, sql, params, positions
        self.columns = None


class PreparedSelect:
    """`build(*values)` makes the select; `rows(*values)` runs it with those values.

    Each value must be one of the query's parameters (once or more), already in the form the
    database stores (a string for a CharField, `uuid.hex` for a UUIDField, a date for a
    DateField).
    With `arity=None` the select takes any number of values (an IN list): a plan is kept for
    each number up to PLANNED_ARITIES, and a longer list is built afresh each time."""

    def __init__(self, build, arity=None):
        self.build, self.arity = build, arity
        self._plans = {}

    def _plan(self, arity):
        key = (type(database.obj), arity)
        plan = self._plans.get(key)
        if plan is None:
            markers = tuple(f"\x00prepared-{n}\x00" for n in range(arity))
            query = self.build(*markers)
            sql, params = query.sql()
            slots = {marker: [] for marker in markers}
            for index, param in enumerate(params):  # one pass: an IN list may hold thousands
                if isinstance(param, str) and param in slots:
                    slots[param].append(index)
            positions = [slots[marker] for marker in markers]
            if not all(positions):
                raise ValueError("every value of a prepared select must be one of its parameters")
            plan = _Plan(query, sql, tuple(params), positions)
            if self.arity is not None or arity <= PLANNED_ARITIES:
                self._plans[key] = plan
        return plan

    def _run(self, values):
        if self.arity is not None and len(values) != self.arity:
            raise TypeError(f"this select takes {self.arity} values, not {len(values)}")
        plan = self._plan(len(values))
        params = list(plan.params)
        for positions, value in zip(plan.positions, values, strict=True):
            for position in positions:
                params[position] = value
        return plan, database.execute_sql(plan.sql, params)

    def tuples(self, *values):
        """The rows as the database driver gives them, unconverted (a UUID is hex text on
        SQLite): for many small rows, where making models cost more than the query."""
        return self._run(values)[1].fetchall()

    def rows(self, *values):
        """The model instances the select finds for these values (joined models attached)."""
        plan, cursor = self._run(values)
        wrapper = plan.query._get_cursor_wrapper(cursor)
        if plan.columns is not None:
            wrapper.__dict__.update(plan.columns)
            wrapper.initialized = True
        found = list(wrapper)
        if plan.columns is None and wrapper.initialized:
            plan.columns = {name: value for name, value in vars(wrapper).items()
                            if name not in _RUN_STATE}
        return found

    def first(self, *values):
        """The first row the select finds (build it with `.limit(1)`), or None."""
        found = self.rows(*values)
        return found[0] if found else None


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
