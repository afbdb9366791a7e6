"""Full-text search index: PostgreSQL tsvector + GIN + triggers, or SQLite FTS5 + triggers.

The SQL is frozen here as it ran (Django's advice for data and schema SQL in migrations); the
live definition is education.search.index, and later changes get migrations of their own.
The ``search_vector`` column (PostgreSQL only) is outside Django's model state on purpose:
only the triggers write it and only the search query reads it.
"""

from django.db import migrations

POSTGRESQL = [
    'CREATE TABLE IF NOT EXISTS education_search_word (word text PRIMARY KEY)',
    'CREATE INDEX IF NOT EXISTS education_search_word_prefix ON education_search_word (word text_pattern_ops)',
    'ALTER TABLE education_article ADD COLUMN IF NOT EXISTS search_vector tsvector',
    "CREATE OR REPLACE FUNCTION education_article_search_update() RETURNS trigger LANGUAGE plpgsql AS $$\n        BEGIN\n            NEW.search_vector := setweight(to_tsvector('english', NEW.title), 'A') || setweight(to_tsvector('english', NEW.summary || ' ' || NEW.key_points), 'B') || setweight(to_tsvector('english', NEW.body), 'C');\n            INSERT INTO education_search_word(word) SELECT lexeme FROM unnest(NEW.search_vector)\n                ON CONFLICT DO NOTHING;\n            RETURN NEW;\n        END $$",
    'DROP TRIGGER IF EXISTS education_article_search ON education_article',
    'CREATE TRIGGER education_article_search BEFORE INSERT OR UPDATE ON education_article FOR EACH ROW EXECUTE FUNCTION education_article_search_update()',
    'UPDATE education_article SET id = id',
    'CREATE INDEX IF NOT EXISTS education_article_search_gin ON education_article USING gin (search_vector)',
    'ALTER TABLE education_faq ADD COLUMN IF NOT EXISTS search_vector tsvector',
    "CREATE OR REPLACE FUNCTION education_faq_search_update() RETURNS trigger LANGUAGE plpgsql AS $$\n        BEGIN\n            NEW.search_vector := setweight(to_tsvector('english', NEW.question), 'A') || setweight(to_tsvector('english', ''), 'B') || setweight(to_tsvector('english', NEW.answer), 'C');\n            INSERT INTO education_search_word(word) SELECT lexeme FROM unnest(NEW.search_vector)\n                ON CONFLICT DO NOTHING;\n            RETURN NEW;\n        END $$",
    'DROP TRIGGER IF EXISTS education_faq_search ON education_faq',
    'CREATE TRIGGER education_faq_search BEFORE INSERT OR UPDATE ON education_faq FOR EACH ROW EXECUTE FUNCTION education_faq_search_update()',
    'UPDATE education_faq SET id = id',
    'CREATE INDEX IF NOT EXISTS education_faq_search_gin ON education_faq USING gin (search_vector)',
    'ALTER TABLE education_glossaryterm ADD COLUMN IF NOT EXISTS search_vector tsvector',
    "CREATE OR REPLACE FUNCTION education_glossaryterm_search_update() RETURNS trigger LANGUAGE plpgsql AS $$\n        BEGIN\n            NEW.search_vector := setweight(to_tsvector('english', NEW.term || ' ' || NEW.also_known_as), 'A') || setweight(to_tsvector('english', NEW.definition), 'B') || setweight(to_tsvector('english', ''), 'C');\n            INSERT INTO education_search_word(word) SELECT lexeme FROM unnest(NEW.search_vector)\n                ON CONFLICT DO NOTHING;\n            RETURN NEW;\n        END $$",
    'DROP TRIGGER IF EXISTS education_glossaryterm_search ON education_glossaryterm',
    'CREATE TRIGGER education_glossaryterm_search BEFORE INSERT OR UPDATE ON education_glossaryterm FOR EACH ROW EXECUTE FUNCTION education_glossaryterm_search_update()',
    'UPDATE education_glossaryterm SET id = id',
    'CREATE INDEX IF NOT EXISTS education_glossaryterm_search_gin ON education_glossaryterm USING gin (search_vector)',
]

POSTGRESQL_REMOVE = [
    'DROP TRIGGER IF EXISTS education_article_search ON education_article',
    'DROP FUNCTION IF EXISTS education_article_search_update()',
    'ALTER TABLE education_article DROP COLUMN IF EXISTS search_vector',
    'DROP TRIGGER IF EXISTS education_faq_search ON education_faq',
    'DROP FUNCTION IF EXISTS education_faq_search_update()',
    'ALTER TABLE education_faq DROP COLUMN IF EXISTS search_vector',
    'DROP TRIGGER IF EXISTS education_glossaryterm_search ON education_glossaryterm',
    'DROP FUNCTION IF EXISTS education_glossaryterm_search_update()',
    'ALTER TABLE education_glossaryterm DROP COLUMN IF EXISTS search_vector',
    'DROP TABLE IF EXISTS education_search_word',
]

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS education_search USING fts5(title, middle, body, tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS education_search_vocab USING fts5vocab(education_search, 'row')",
    "CREATE TRIGGER IF NOT EXISTS education_article_search_ai AFTER INSERT ON education_article BEGIN INSERT INTO education_search(rowid, title, middle, body) VALUES (new.id * 4 + 1, new.title, new.summary || ' ' || new.key_points, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS education_article_search_au AFTER UPDATE ON education_article BEGIN DELETE FROM education_search WHERE rowid = old.id * 4 + 1; INSERT INTO education_search(rowid, title, middle, body) VALUES (new.id * 4 + 1, new.title, new.summary || ' ' || new.key_points, new.body); END",
    'CREATE TRIGGER IF NOT EXISTS education_article_search_ad AFTER DELETE ON education_article BEGIN DELETE FROM education_search WHERE rowid = old.id * 4 + 1; END',
    'DELETE FROM education_search WHERE rowid % 4 = 1',
    "INSERT INTO education_search(rowid, title, middle, body) SELECT id * 4 + 1, education_article.title, education_article.summary || ' ' || education_article.key_points, education_article.body FROM education_article",
    "CREATE TRIGGER IF NOT EXISTS education_faq_search_ai AFTER INSERT ON education_faq BEGIN INSERT INTO education_search(rowid, title, middle, body) VALUES (new.id * 4 + 2, new.question, '', new.answer); END",
    "CREATE TRIGGER IF NOT EXISTS education_faq_search_au AFTER UPDATE ON education_faq BEGIN DELETE FROM education_search WHERE rowid = old.id * 4 + 2; INSERT INTO education_search(rowid, title, middle, body) VALUES (new.id * 4 + 2, new.question, '', new.answer); END",
    'CREATE TRIGGER IF NOT EXISTS education_faq_search_ad AFTER DELETE ON education_faq BEGIN DELETE FROM education_search WHERE rowid = old.id * 4 + 2; END',
    'DELETE FROM education_search WHERE rowid % 4 = 2',
    "INSERT INTO education_search(rowid, title, middle, body) SELECT id * 4 + 2, education_faq.question, '', education_faq.answer FROM education_faq",
    "CREATE TRIGGER IF NOT EXISTS education_glossaryterm_search_ai AFTER INSERT ON education_glossaryterm BEGIN INSERT INTO education_search(rowid, title, middle, body) VALUES (new.id * 4 + 3, new.term || ' ' || new.also_known_as, new.definition, ''); END",
    "CREATE TRIGGER IF NOT EXISTS education_glossaryterm_search_au AFTER UPDATE ON education_glossaryterm BEGIN DELETE FROM education_search WHERE rowid = old.id * 4 + 3; INSERT INTO education_search(rowid, title, middle, body) VALUES (new.id * 4 + 3, new.term || ' ' || new.also_known_as, new.definition, ''); END",
    'CREATE TRIGGER IF NOT EXISTS education_glossaryterm_search_ad AFTER DELETE ON education_glossaryterm BEGIN DELETE FROM education_search WHERE rowid = old.id * 4 + 3; END',
    'DELETE FROM education_search WHERE rowid % 4 = 3',
    "INSERT INTO education_search(rowid, title, middle, body) SELECT id * 4 + 3, education_glossaryterm.term || ' ' || education_glossaryterm.also_known_as, education_glossaryterm.definition, '' FROM education_glossaryterm",
]

SQLITE_REMOVE = [
    'DROP TRIGGER IF EXISTS education_article_search_ai',
    'DROP TRIGGER IF EXISTS education_article_search_au',
    'DROP TRIGGER IF EXISTS education_article_search_ad',
    'DROP TRIGGER IF EXISTS education_faq_search_ai',
    'DROP TRIGGER IF EXISTS education_faq_search_au',
    'DROP TRIGGER IF EXISTS education_faq_search_ad',
    'DROP TRIGGER IF EXISTS education_glossaryterm_search_ai',
    'DROP TRIGGER IF EXISTS education_glossaryterm_search_au',
    'DROP TRIGGER IF EXISTS education_glossaryterm_search_ad',
    'DROP TABLE IF EXISTS education_search_vocab',
    'DROP TABLE IF EXISTS education_search',
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("education", "0002_staff_groups")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REMOVE, "sqlite": SQLITE_REMOVE}),
        )
    ]
