"""Search index tuning on PostgreSQL: vectors stored in the row, GIN without a pending list.

``install_search_index`` is idempotent and now includes both settings, so it simply runs again
(on SQLite it re-checks the FTS5 table and triggers and rebuilds the index).
"""

from django.db import migrations


def install(apps, schema_editor):
    from education.search.engine import install_search_index

    install_search_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("education", "0003_search_index")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
