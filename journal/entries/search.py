"""Full-text search over entries' `search_text` (the folded words of an entry, one space
apart: rules.searchable_text).

A search word matches the start of a word of the entry ("intak" finds "intake"); every word
must match. The words are letters and digits only (rules.search_words) and are quoted on
their way into an engine's query syntax, so nothing a person types is read as an operator.

Each engine keeps an index in step with the entry table by itself (migration 0014): SQLite an
FTS5 table written by triggers, PostgreSQL a GIN index on an expression. Each word is indexed
behind its writer's key (`k` and the first 8 hex digits of the user id: "k1a2b3c4dintake"),
so looking up a person's words only ever reads that person's part of the index, however many
people share the database. Two people sharing a key only share index work: the results are
always narrowed to the person's own entries.

A search first asks the index for at most PROBE_LIMIT + 1 of the person's matching entries.
- Found at most PROBE_LIMIT: the search is those entries (sparse words: the index wins).
- More: the words are common in this journal, and reading the person's entries newest first
  finds a page of them soon, so the search becomes `' ' || search_text` containing
  `' ' || word` for each word, which is the same test as the index's (the start of a word).
Either way the results are the same, on both engines (tests/entries/test_search.py runs every
case both ways on each engine).
"""
import json
import operator
import uuid
from functools import reduce

from peewee import SQL, NodeList, PostgresqlDatabase, fn

from journal.db import database
from journal.entries.rules import SEARCH_WORD, search_words

PROBE_LIMIT = 200

SQLITE_PROBE = ("SELECT entry_id FROM entry_search_key WHERE id IN "
                "(SELECT rowid FROM entry_search WHERE entry_search MATCH ? LIMIT ?)")
# Exactly the expression of the index entry_search_fts, so PostgreSQL uses it.
POSTGRES_KEYED = ("to_tsvector('simple', 'k' || left(user_id::text, 8) || "
                  "replace(search_text, ' ', ' k' || left(user_id::text, 8)))")
POSTGRES_PROBE = (f"SELECT id FROM entry WHERE {POSTGRES_KEYED} @@ to_tsquery('simple', %s) "
                  "LIMIT %s")


def index_key(user):
    """The key a person's words are indexed behind (the user, or a user id)."""
    return "k" + uuid.UUID(str(getattr(user, "id", user))).hex[:8]


def fts5_query(key, words):
    """An FTS5 query: every word, quoted (never an operator), as the start of a word."""
    return " AND ".join(f'"{key}{word}"*' for word in words)


def tsquery(key, words):
    """A PostgreSQL tsquery text: every word, quoted (never an operator), as a prefix."""
    return " & ".join(f"'{key}{word}':*" for word in words)


def query_filter(user, q):
    """`word_filter` for a search as typed, or None when it holds no text at all."""
    return word_filter(user, search_words(q)) if q and q.strip() else None


def word_filter(user, words):
    """How the user's entries whose words each of `words` (rules.search_words) starts are
    found, as (way, parameters):
    ("none", []) when none can match; ("ids", [the ids]) for at most PROBE_LIMIT of them, found
    in the index (one parameter, not one per id: peewee took ~4 µs each); else ("words",
    [" word", ...]), read from the entries themselves. The parameters are the query's own, so a
    prepared select can take them as its values (journal.entries.timeline)."""
    words = [word for word in words if SEARCH_WORD.fullmatch(word)]  # never a quote
    if not words:
        return "none", []
    found = probe(index_key(user), words, PROBE_LIMIT + 1)
    if not found:
        return "none", []
    if len(found) <= PROBE_LIMIT:
        postgres = isinstance(database.obj, PostgresqlDatabase)
        return "ids", [found if postgres else json.dumps(found)]
    return "words", [" " + word for word in words]


def word_condition(entry_model, way, parameters):
    """The condition of a `word_filter` result on `entry_model`'s rows (no words, a search of
    only punctuation, match nothing)."""
    if way == "none":
        return SQL("1 = 0")
    postgres = isinstance(database.obj, PostgresqlDatabase)
    if way == "ids":
        if postgres:
            return NodeList([entry_model.id, SQL("= ANY(%s::uuid[])", parameters)])
        return entry_model.id.in_(SQL("(SELECT value FROM json_each(?))", parameters))
    position = fn.strpos if postgres else fn.instr
    spaced = SQL("' '").concat(entry_model.search_text)
    # A function's result, not LIKE: PostgreSQL then expects many rows to match (as they do)
    # and reads the person's entries newest first, stopping once it has a page.
    return reduce(operator.and_, [position(spaced, word) > 0 for word in parameters])


def probe(key, words, limit):
    """Ids of up to `limit` entries, behind this key, whose words match all of `words`."""
    if isinstance(database.obj, PostgresqlDatabase):
        cursor = database.execute_sql(POSTGRES_PROBE, (tsquery(key, words), limit))
    else:
        cursor = database.execute_sql(SQLITE_PROBE, (fts5_query(key, words), limit))
    return [row[0] for row in cursor.fetchall()]
