"""The full-text index behind site search, on PostgreSQL or SQLite.

Both databases keep their own index current with triggers, so every write path (admin,
``bulk_create``, raw SQL, restores) updates it:

- PostgreSQL: a weighted ``search_vector`` tsvector column on each table with a GIN index,
  plus a vocabulary table of indexed words for spelling suggestions.
- SQLite: one FTS5 table (porter stemming) whose rowid encodes the kind and id, ranked with
  ``bm25``, and an ``fts5vocab`` table for spelling suggestions.

Migrations 0003/0004 carry the SQL as it ran; this module is the current definition, used to
put SQLite's triggers back when a later migration rebuilds a table.
"""

# SQL here is assembled from the constants below only.
# ruff: noqa: S608

from django.db.models.signals import post_migrate
from django.dispatch import receiver

# What each searchable table contributes: title (ranked highest), summary/key points, body.
# ``{row}`` is NEW inside PostgreSQL triggers, ``new``/``old`` in SQLite, the table otherwise.
SOURCES = {
    "article": {
        "table": "education_article",
        "code": 1,
        "title": "{row}.title",
        "middle": "{row}.summary || ' ' || {row}.key_points",
        "body": "{row}.body_text",  # the words alone, not the stored HTML's tags
    },
    "faq": {
        "table": "education_faq",
        "code": 2,
        "title": "{row}.question",
        "middle": "''",
        "body": "{row}.answer_text",
    },
    "term": {
        "table": "education_glossaryterm",
        "code": 3,
        "title": "{row}.term || ' ' || {row}.also_known_as",
        "middle": "{row}.definition",
        "body": "''",
    },
}
FTS_TABLE = "education_search"  # SQLite: rowid = id * 4 + kind code
FTS_VOCAB = "education_search_vocab"
PG_WORDS = "education_search_word"
# Relative weight of a match in the title, the summary/key points and the body.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0"
PG_WEIGHTS = "ARRAY[0.01, 0.1, 0.4, 1.0]::float4[]"  # D, C, B, A


# Schema: created by migration 0003 and re-checked after every migrate (see below).


def _sqlite_triggers(source):
    table, code = source["table"], source["code"]

    def values(row):
        cols = ", ".join(source[part].format(row=row) for part in ("title", "middle", "body"))
        return f"INSERT INTO {FTS_TABLE}(rowid, title, middle, body) VALUES ({row}.id * 4 + {code}, {cols});"

    delete = f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id * 4 + {code};"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_search_ai AFTER INSERT ON {table} BEGIN {values('new')} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_search_au AFTER UPDATE ON {table} "
        f"BEGIN {delete} {values('new')} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END",
    ]


def _sqlite_rebuild(source):
    cols = ", ".join(source[part].format(row=source["table"]) for part in ("title", "middle", "body"))
    return [
        f"DELETE FROM {FTS_TABLE} WHERE rowid % 4 = {source['code']}",
        f"INSERT INTO {FTS_TABLE}(rowid, title, middle, body) "
        f"SELECT id * 4 + {source['code']}, {cols} FROM {source['table']}",
    ]


def _pg_vector(source, row):
    return (
        f"setweight(to_tsvector('english', {source['title'].format(row=row)}), 'A') || "
        f"setweight(to_tsvector('english', {source['middle'].format(row=row)}), 'B') || "
        f"setweight(to_tsvector('english', {source['body'].format(row=row)}), 'C')"
    )


def head_vector(source):
    """PostgreSQL: the words of the title and summary/key points alone, as an indexed expression:
    search takes its first candidates from it (education.search.query.CANDIDATES)."""
    title, middle = (source[part].format(row=source["table"]) for part in ("title", "middle"))
    return f"to_tsvector('english', {title} || ' ' || {middle})"


def head_index_statements(source):
    table = source["table"]
    return [
        f"CREATE INDEX IF NOT EXISTS {table}_search_head_gin ON {table} USING gin (({head_vector(source)}))",
        f"ALTER INDEX {table}_search_head_gin SET (fastupdate = off)",
    ]


def _pg_statements(source):
    table = source["table"]
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector",
        f"""CREATE OR REPLACE FUNCTION {table}_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector := {_pg_vector(source, "NEW")};
            INSERT INTO {PG_WORDS}(word) SELECT lexeme FROM unnest(NEW.search_vector)
                ON CONFLICT DO NOTHING;
            RETURN NEW;
        END $$""",
        f"DROP TRIGGER IF EXISTS {table}_search ON {table}",
        f"CREATE TRIGGER {table}_search BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_search_update()",
        # Keep the vector in the row itself (long text columns are moved out first): every match is
        # ranked from its vector, and fetching it from the TOAST table doubled a search's time.
        f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE MAIN",
        f"UPDATE {table} SET id = id",  # fills search_vector (and rewrites) rows that already exist
        f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_vector)",
        # Content changes rarely: merge every write into the index at once, so no search ever has
        # to scan a pending list (GIN's fast-update buffer) after an import.
        f"ALTER INDEX {table}_search_gin SET (fastupdate = off)",
        *head_index_statements(source),
    ]


def install_search_index(schema_editor):
    """Create the full-text index for this database (idempotent)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"CREATE TABLE IF NOT EXISTS {PG_WORDS} (word text PRIMARY KEY)")
        # The spelling fallback looks words up by their first letter (LIKE 'k%'): index that.
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_WORDS}_prefix ON {PG_WORDS} (word text_pattern_ops)"
        )
        for source in SOURCES.values():
            for sql in _pg_statements(source):
                schema_editor.execute(sql)
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, middle, body, tokenize='porter unicode61 remove_diacritics 2')"
        )
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_VOCAB} USING fts5vocab({FTS_TABLE}, 'row')"
        )
        for source in SOURCES.values():
            for sql in _sqlite_triggers(source) + _sqlite_rebuild(source):
                schema_editor.execute(sql)


def remove_search_index(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for source in SOURCES.values():
            table = source["table"]
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_update()")
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
        schema_editor.execute(f"DROP TABLE IF EXISTS {PG_WORDS}")
    elif vendor == "sqlite":
        for source in SOURCES.values():
            for suffix in ("ai", "au", "ad"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {source['table']}_search_{suffix}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_VOCAB}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


@receiver(post_migrate)
def _restore_sqlite_triggers(sender, using="default", **kwargs):
    """SQLite drops a table's triggers when a later migration rebuilds the table: put them back."""
    from django.db import connections

    conn = connections[using]
    if sender.label != "education" or conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_search_a_'"
        )
        if cursor.fetchone()[0] == 3 * len(SOURCES):
            return
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        if not cursor.fetchone()[0]:
            return  # migration 0003 has not run (yet): nothing to restore
    with conn.schema_editor() as schema_editor:
        install_search_index(schema_editor)


KIND_CODES = {source["code"]: kind for kind, source in SOURCES.items()}
