"""Free-text search index of petitions, on both databases.

`Petition.search_text` is the folded (lower-case, diacritic-free) text that may be searched: tracking
code, subject and the shown sender label (blank for denunciations and anonymous letters), so a
protected identity is never indexed. Staff search it by words:

- PostgreSQL: a pg_trgm GIN index on `search_text` serves `search_text LIKE '%word%'` (substring
  match, as before, without reading every row).
- SQLite: an FTS5 external-content table `citizens_petition_fts` over `search_text`, kept in step by
  three triggers on `citizens_petition`; every word is a token prefix (`"dat"*`), all words required.

The migration 0004 creates them; `ensure_search_index` also runs after every `migrate` (post_migrate)
because SQLite rebuilds a table on some schema changes, which drops its triggers: when a trigger is
missing it is recreated and the index rebuilt from the table.
"""

import re

from django.db import connections
from django.db.models import BigIntegerField
from django.db.models.expressions import RawSQL

TABLE = "citizens_petition"
FTS = "citizens_petition_fts"
TRGM_INDEX = "citizens_pet_search_trgm"
_WORD = re.compile(r"\w+")

SQLITE_TRIGGERS = {
    f"{FTS}_ai": f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    f"{FTS}_ad": f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END""",
    f"{FTS}_au": f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF search_text ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
}


def ensure_search_index(connection) -> bool:
    """Create the index (and on SQLite its triggers) if missing; True when something was created."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [TRGM_INDEX])
            if cursor.fetchone():
                return False
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON {TABLE} USING gin (search_text gin_trgm_ops)"
            )
        return True
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s", [f"{FTS}%"]
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in (FTS, *SQLITE_TRIGGERS) if name not in present]
        if not missing:
            return False
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(search_text, content='{TABLE}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        for sql in SQLITE_TRIGGERS.values():
            cursor.execute(sql)
        # The table may have changed while a trigger was missing: rebuild the index from it.
        cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    return True


def drop_search_index(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")


def fts_expression(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word a quoted token prefix, all required."""
    tokens = [token for word in words for token in _WORD.findall(word)]
    return " AND ".join(f'"{token}"*' for token in tokens)


# On SQLite a word found in this many rows or more is "common": the list is then read in its display
# order through the (received_on, id) index and each row tested against the matches, instead of
# fetching every match and sorting them all.
DENSE = 1000


def search_petitions(qs, words: list[str]):
    """Filter `qs` to petitions whose search text has every (folded) word, through the index."""
    if not words:
        return qs
    connection = connections[qs.db]
    if connection.vendor != "sqlite":
        for word in words:
            qs = qs.filter(search_text__contains=word)
        return qs
    expression = fts_expression(words)
    if not expression:
        return qs
    matches = RawSQL(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [expression])
    # The planner has no estimate for a virtual table; ask the index how many rows match (bounded).
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s)", [expression, DENSE]
        )
        dense = cursor.fetchone()[0] >= DENSE
    if dense:
        from .querysets import NotIndexed

        return qs.alias(_search_id=NotIndexed("id", output_field=BigIntegerField())).filter(
            _search_id__in=matches
        )
    return qs.filter(id__in=matches)


def on_post_migrate(sender, using="default", **kwargs) -> None:
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    recorder = MigrationRecorder(connection)
    if ("citizens", "0004_search_index") in recorder.applied_migrations():
        ensure_search_index(connection)
