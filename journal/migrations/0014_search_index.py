"""Full-text search: `entry.search_text` becomes the folded words of an entry one space apart
(letters and digits only, so both engines split it into the same words), recomputed for every
entry in batches; then an index the database keeps in step with the entry table by itself.
Each word is indexed behind its writer's key, `k` and the first 8 hex digits of the user id
("k1a2b3c4dintake"), so a person's search reads only their part of the index
(journal/entries/search.py).

- SQLite: the FTS5 table `entry_search` (tokenizer unicode61), written by triggers on
  `entry`. FTS5 needs integer row ids and an entry's implicit rowid may change (a dump and
  reload, a table rebuilt by a migration), so `entry_search_key` gives each entry a lasting
  one; the view `entry_search_source` lets
  `INSERT INTO entry_search(entry_search) VALUES('rebuild')` rebuild the index.
- PostgreSQL: a GIN index on the keyed words' `to_tsvector('simple', ...)`, kept by
  PostgreSQL itself.

The folding below is a frozen copy of journal/entries/rules.py's at this point."""
import re
import unicodedata

from peewee import SqliteDatabase

BATCH = 500
WORD = re.compile(r"[^\W_]+")
WORD_LIMIT = 100
NOTE_FIELDS = ("helped", "hindered", "learned", "try_next")


def keyed(row):
    """SQLite: the words of `row` (new, old or e) behind their writer's key (search.py)."""
    key = f"'k' || substr({row}.user_id, 1, 8)"
    return f"{key} || replace({row}.search_text, ' ', ' ' || {key})"


SQLITE_UP = [
    """CREATE TABLE entry_search_key (
        id INTEGER PRIMARY KEY,
        entry_id TEXT NOT NULL UNIQUE)""",
    f"""CREATE VIEW entry_search_source AS
        SELECT k.id AS id, {keyed("e")} AS search_text
        FROM entry_search_key AS k JOIN entry AS e ON e.id = k.entry_id""",
    """CREATE VIRTUAL TABLE entry_search USING fts5(
        search_text, content='entry_search_source', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    # last_insert_rowid() inside a trigger is the row the trigger itself just inserted.
    f"""CREATE TRIGGER entry_search_insert AFTER INSERT ON entry BEGIN
        INSERT INTO entry_search_key (entry_id) VALUES (new.id);
        INSERT INTO entry_search (rowid, search_text)
            VALUES (last_insert_rowid(), {keyed("new")});
    END""",
    # An external-content FTS5 table forgets a row only when told its old words exactly.
    f"""CREATE TRIGGER entry_search_update AFTER UPDATE OF id, user_id, search_text ON entry
    WHEN old.id IS NOT new.id OR old.user_id IS NOT new.user_id
        OR old.search_text IS NOT new.search_text BEGIN
        INSERT INTO entry_search (entry_search, rowid, search_text)
            SELECT 'delete', id, {keyed("old")} FROM entry_search_key
            WHERE entry_id = old.id;
        UPDATE entry_search_key SET entry_id = new.id WHERE entry_id = old.id;
        INSERT INTO entry_search (rowid, search_text)
            SELECT id, {keyed("new")} FROM entry_search_key WHERE entry_id = new.id;
    END""",
    f"""CREATE TRIGGER entry_search_delete AFTER DELETE ON entry BEGIN
        INSERT INTO entry_search (entry_search, rowid, search_text)
            SELECT 'delete', id, {keyed("old")} FROM entry_search_key
            WHERE entry_id = old.id;
        DELETE FROM entry_search_key WHERE entry_id = old.id;
    END""",
    "INSERT INTO entry_search_key (entry_id) SELECT id FROM entry ORDER BY rowid",
    "INSERT INTO entry_search (entry_search) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS entry_search_insert",
    "DROP TRIGGER IF EXISTS entry_search_update",
    "DROP TRIGGER IF EXISTS entry_search_delete",
    "DROP TABLE IF EXISTS entry_search",
    "DROP VIEW IF EXISTS entry_search_source",
    "DROP TABLE IF EXISTS entry_search_key",
]
POSTGRES_UP = ["""CREATE INDEX entry_search_fts ON entry USING gin (to_tsvector('simple',
    'k' || left(user_id::text, 8) || replace(search_text, ' ', ' k' || left(user_id::text, 8))))"""]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS entry_search_fts"]


def searchable_text(parts):
    """The folded words of all parts, one space apart (frozen copy of the rule)."""
    decomposed = unicodedata.normalize("NFKD", "\n".join(parts).casefold())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(word[:WORD_LIMIT] for word in WORD.findall(folded))


def recompute_search_text(db):
    """Rewrite every entry's search_text in the new form, BATCH entries at a time (by id)."""
    columns = f"id, text, {', '.join(NOTE_FIELDS)}, search_text"
    rows = db.execute_sql(f"SELECT {columns} FROM entry ORDER BY id LIMIT {BATCH}").fetchall()
    while rows:
        ids = [row[0] for row in rows]
        tags = {}
        for entry_id, name in db.execute_sql(
                f"SELECT entry_id, name FROM entry_tag WHERE entry_id IN "
                f"({', '.join([db.param] * len(ids))}) ORDER BY id", ids).fetchall():
            tags.setdefault(entry_id, []).append(name)
        for entry_id, *parts, old in rows:
            new = searchable_text([*parts, *tags.get(entry_id, [])])
            if new != old:
                db.execute_sql(f"UPDATE entry SET search_text = {db.param} WHERE id = {db.param}",
                               (new, entry_id))
        rows = db.execute_sql(f"SELECT {columns} FROM entry WHERE id > {db.param} "
                              f"ORDER BY id LIMIT {BATCH}", (ids[-1],)).fetchall()


def up(migrator, db):
    recompute_search_text(db)
    statements = SQLITE_UP if isinstance(db, SqliteDatabase) else POSTGRES_UP
    for statement in statements:
        db.execute_sql(statement)


def down(migrator, db):
    statements = SQLITE_DOWN if isinstance(db, SqliteDatabase) else POSTGRES_DOWN
    for statement in statements:
        db.execute_sql(statement)
