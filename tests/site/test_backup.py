"""`manage.py backup` and `manage.py restore`: a restore into an empty database gives back everything.

For SQLite and PostgreSQL: a database with the demo content, an edited article (history), a
staff account with a TOTP device and recovery codes, a lockout, and an uploaded file is backed
up; the backup is restored into an empty database and an empty media folder; every table then
has the same rows (count and a hash of the rows' content) and the file the same bytes.
PostgreSQL must answer on 127.0.0.1 (required when CI=true).
"""

import hashlib
import io
import os
import re
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from education.site import backups

BASE_DIR = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("BACKUP_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432")

SEED = """
import io
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from education.models import Article

call_command("load_demo_content", verbosity=0)
article = Article.objects.first()
article.summary = article.summary + " Edited once."
article.save()
User.objects.create_superuser("admin", "admin@example.org", "correct horse battery staple")
call_command("enrol_totp", "admin", stdout=io.StringIO())
AccessAttempt.objects.create(
    username="admin", ip_address="203.0.113.9", user_agent="test", get_data="", post_data="",
    http_accept="*/*", path_info="/admin/login/", failures_since_start=5,
)
default_storage.save("leaflets/first-visit.pdf", ContentFile(b"%PDF-1.4 a leaflet"))
"""

MUST_HAVE_ROWS = [
    "education_article",
    "education_historicalarticle",
    "otp_totp_totpdevice",
    "otp_static_statictoken",
    "axes_accessattempt",
    "auth_user",
    "django_migrations",
]


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def sqlite_snapshot(path):
    with sqlite3.connect(path) as db:
        tables = [
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        snapshot = {}
        for table in tables:
            rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{table}"'))  # noqa: S608
            snapshot[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        snapshot["(triggers)"] = db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
        ).fetchone()
    return snapshot


def postgres_snapshot(url):
    import psycopg

    with psycopg.connect(url) as db:
        tables = [row[0] for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        snapshot = {}
        for table in sorted(tables):
            snapshot[table] = db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "  # noqa: S608
                f'FROM "{table}" t'
            ).fetchone()
        snapshot["(triggers)"] = db.execute(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"
        ).fetchone()
        snapshot["(indexes)"] = db.execute(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'"
        ).fetchone()
    return snapshot


@pytest.fixture
def postgres_databases():
    """Two new, empty PostgreSQL databases (source, target); dropped afterwards."""
    import psycopg

    try:
        psycopg.connect(f"{PG_URL}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError as error:
        message = f"PostgreSQL does not answer at {PG_URL}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    names = [f"clinic_backup_test_{secrets.token_hex(4)}_{side}" for side in ("source", "target")]
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    yield [f"{PG_URL}/{name}" for name in names]
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def env_for(database_url, media):
    return {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(media),
        "REDIS_URL": "",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def round_trip(source_url, target_url, tmp_path):
    source = env_for(source_url, tmp_path / "media-source")
    target = env_for(target_url, tmp_path / "media-target")
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "shell", "-v0", "-c", SEED)
    output = manage(source, "backup", "--output-dir", str(tmp_path / "backups"))
    backup = re.search(r"Backup written: (\S+)", output).group(1)
    assert Path(backup).stat().st_mode & 0o077 == 0  # readable by its owner only
    manage(target, "restore", backup, "--noinput")
    restored_file = tmp_path / "media-target" / "leaflets" / "first-visit.pdf"
    assert restored_file.read_bytes() == b"%PDF-1.4 a leaflet"


def test_sqlite_backup_restores_into_an_empty_database_identically(tmp_path):
    source_db, target_db = tmp_path / "source.sqlite3", tmp_path / "target.sqlite3"
    round_trip(f"sqlite:///{source_db}", f"sqlite:///{target_db}", tmp_path)
    before, after = sqlite_snapshot(source_db), sqlite_snapshot(target_db)
    for table in MUST_HAVE_ROWS:
        assert before[table][0] > 0, table
    assert after == before


@pytest.mark.postgres
def test_postgresql_backup_restores_into_an_empty_database_identically(tmp_path, postgres_databases):
    source_url, target_url = postgres_databases
    round_trip(source_url, target_url, tmp_path)
    before, after = postgres_snapshot(source_url), postgres_snapshot(target_url)
    for table in MUST_HAVE_ROWS:
        assert before[table][0] > 0, table
    assert after == before


def test_keep_deletes_all_but_the_newest_backups(db, tmp_path, settings, monkeypatch):
    # Rotation only: the database dump itself (the round trips above make real ones) is a small
    # stand-in, since inside the test's transaction SQLite's write lock (IMMEDIATE) would block it.
    def small_dump(work):
        (work / "db.sqlite3").write_bytes(b"stand-in")
        return work / "db.sqlite3"

    monkeypatch.setattr(backups, "_dump_database", small_dump)
    settings.MEDIA_ROOT = tmp_path / "media"
    made = [backups.create(tmp_path / "backups") for _ in range(3)]
    call_command("backup", "--output-dir", str(tmp_path / "backups"), "--keep", "2", stdout=io.StringIO())
    left = backups.backups_in(tmp_path / "backups")
    assert len(left) == 2
    assert made[2] in left
    assert made[0] not in left and made[1] not in left


def test_restore_refuses_what_is_not_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="no backup at"):
        call_command("restore", str(tmp_path / "missing.tar"), "--noinput")
    broken = tmp_path / "clinic-portal-broken.tar"
    broken.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", str(broken), "--noinput")
