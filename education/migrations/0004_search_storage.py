"""Search index tuning on PostgreSQL: vectors stored in the row, GIN without a pending list.

Frozen SQL, as it ran. Rows that already exist are rewritten so their vectors move into the row.
SQLite has nothing to change.
"""

from django.db import migrations

POSTGRESQL = [
    'ALTER TABLE education_article ALTER COLUMN search_vector SET STORAGE MAIN',
    'ALTER INDEX education_article_search_gin SET (fastupdate = off)',
    'ALTER TABLE education_faq ALTER COLUMN search_vector SET STORAGE MAIN',
    'ALTER INDEX education_faq_search_gin SET (fastupdate = off)',
    'ALTER TABLE education_glossaryterm ALTER COLUMN search_vector SET STORAGE MAIN',
    'ALTER INDEX education_glossaryterm_search_gin SET (fastupdate = off)',
    'UPDATE education_article SET id = id',
    'UPDATE education_faq SET id = id',
    'UPDATE education_glossaryterm SET id = id',
]


def tune(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRESQL:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("education", "0003_search_index")]

    operations = [migrations.RunPython(tune, migrations.RunPython.noop)]
