"""The `demo_content` fixture: `load_demo_content` once per test process, its rows re-used after.

Loading the demo content takes seconds (it re-encodes the demo pictures, renders and checks every
text), and about 40 tests start from it. On SQLite the first such test in a process runs the
command and notes every row it wrote and every table it read; a later test whose database holds
exactly what those tables held then (and whose settings are the same) gets the same rows written
back with plain SQL, and the pictures' files if they are missing. The result is the database the
command would have made; any other state runs the command itself. Rows keep the timestamps of the
first load (seconds or minutes earlier in the same run).

PostgreSQL (the CI pass) runs the command every time.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from education.search.index import FTS_TABLE

_WORD = re.compile(r"\w+")
KEEP = 4  # snapshots kept per process (each holds the demo pictures' files)
_snapshots = []


def load_demo_content():
    if connection.vendor != "sqlite":
        call_command("load_demo_content", verbosity=0)
        return
    key = _settings_key()
    for snapshot in _snapshots:
        if snapshot["settings"] == key and _rows(snapshot["read"]) == snapshot["before"]:
            _write_back(snapshot)
            _snapshots.remove(snapshot)
            _snapshots.append(snapshot)  # the most recently used is kept longest
            return
    _snapshots.append(_load_and_note(key))
    del _snapshots[:-KEEP]  # a test with settings of its own (a media folder) makes one no other uses


def _settings_key():
    values = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
    for value in values.values():
        str(value)  # a lazy setting shows its value, not its function, once it has been read
    return repr(sorted((name, repr(value)) for name, value in values.items()))


def _tables():
    # The search index (an FTS5 table and its shadow tables) follows the rows through triggers.
    return [
        name
        for name in connection.introspection.table_names()
        if name != FTS_TABLE and not name.startswith(FTS_TABLE + "_")
    ]


def _rows(tables):
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            columns = tuple(column[0] for column in cursor.description)
            rows[table] = (columns, sorted(cursor.fetchall(), key=repr))
    return rows


def _load_and_note(key):
    from education.content.images import stored_names
    from education.models import Image

    tables = _tables()
    before = _rows(tables)
    images_before = set(Image.objects.values_list("pk", flat=True))
    queries = []

    def note(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        call_command("load_demo_content", verbosity=0)
    after = _rows(tables)
    words = {word for sql in queries for word in _WORD.findall(sql)}
    read = [table for table in tables if table in words]
    unread_changes = [table for table in tables if table not in words and before[table] != after[table]]
    assert not unread_changes, f"load_demo_content changed tables it never named: {unread_changes}"
    files = {}
    for image in Image.objects.exclude(pk__in=images_before):
        for name in stored_names(image.file, image.renditions):
            files[name] = (Path(settings.MEDIA_ROOT) / name).read_bytes()
    return {
        "settings": key,
        "read": read,
        "before": {table: before[table] for table in read},
        "after": {table: after[table] for table in read if after[table] != before[table]},
        "files": files,
    }


def _write_back(snapshot):
    from education.site.cache import forget_version

    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in snapshot["after"].items():
            old, kept = set(snapshot["before"][table][1]), set(rows)
            gone = [row for row in old if row not in kept]
            pk = connection.introspection.get_primary_key_column(cursor, table)
            index = columns.index(pk)
            cursor.executemany(f'DELETE FROM "{table}" WHERE "{pk}" = %s', [(row[index],) for row in gone])  # noqa: S608
            names = ", ".join(f'"{column}"' for column in columns)
            marks = ", ".join(["%s"] * len(columns))
            new = [row for row in rows if row not in old]
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', new)  # noqa: S608
    for name, data in snapshot["files"].items():
        path = Path(settings.MEDIA_ROOT) / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    forget_version()  # as the command's saves do: the next page reads the new content version
