"""Full-text search index: PostgreSQL tsvector + GIN + triggers, or SQLite FTS5 + triggers.

The SQL differs per database, so it lives in education.search and checks the vendor.
"""

from django.db import migrations


def install(apps, schema_editor):
    from education.search.engine import install_search_index

    install_search_index(schema_editor)


def remove(apps, schema_editor):
    from education.search.engine import remove_search_index

    remove_search_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("education", "0002_staff_groups")]

    operations = [migrations.RunPython(install, remove)]
