"""Backups that restore: the whole database and the uploaded files in one archive (docs/backups.md).

A backup is one file, `clinic-portal-<UTC time>.tar`, holding
- `database.pgdump` (PostgreSQL: `pg_dump --format=custom`, every table: content, history,
  staff accounts, TOTP devices, lockouts, sessions) or `database.sqlite3` (SQLite: a consistent
  copy made with SQLite's online backup API while the site keeps running);
- `media/`, every uploaded file under MEDIA_ROOT;
- `manifest.json`: when, which database engine, and the applied migrations.

No `dumpdata`/`loaddata`: they go through the models, miss what has none, and fail on the
history tables. A restore puts back exactly the bytes of every table.
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

PREFIX = "clinic-portal-"
SUFFIX = ".tar"


class BackupError(Exception):
    """Something the person running the command can fix; the message says what."""


def engine():
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"backups support PostgreSQL and SQLite, not {vendor}")
    return vendor


def default_folder():
    return Path(os.environ.get("DJANGO_BACKUP_DIR") or settings.BASE_DIR / "backups")


def _postgres_env():
    """libpq's environment for pg_dump/pg_restore, from the same DATABASES entry Django uses."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    env["PGCONNECT_TIMEOUT"] = "10"
    return env


def _run(command, **kwargs):
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=_postgres_env(), **kwargs)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is missing: install Debian's postgresql-client package") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(folder):
    if engine() == "postgresql":
        target = folder / "database.pgdump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
    else:
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)  # a consistent snapshot, even while others write
        finally:
            copy.close()
    return target


def create(folder=None, keep=None, media=True):
    """Write a new backup into ``folder`` and return its path; with ``keep``, delete all but the newest."""
    folder = Path(folder or default_folder())
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{PREFIX}{stamp}{SUFFIX}"
    with tempfile.TemporaryDirectory(prefix="clinic-backup-", dir=folder) as work:
        work = Path(work)
        database = _dump_database(work)
        manifest = {
            "created": stamp,
            "engine": engine(),
            "migrations": sorted(
                f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "media": bool(media),
        }
        partial = work / "backup.tar"
        with tarfile.open(partial, "w") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(database, arcname=database.name)
            media_root = Path(settings.MEDIA_ROOT)
            if media and media_root.is_dir():
                archive.add(media_root, arcname="media")
        partial.chmod(0o600)  # staff accounts and password hashes are inside
        partial.replace(path)  # a backup file is either complete or absent
    if keep:
        prune(folder, keep)
    return path


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def backups_in(folder):
    """This folder's backups, oldest first (their names sort by time)."""
    return sorted(Path(folder).glob(f"{PREFIX}*{SUFFIX}"))


def prune(folder, keep):
    """Delete all but the newest ``keep`` backups; returns the deleted paths."""
    if keep < 1:
        raise BackupError("--keep must be at least 1")
    old = backups_in(folder)[:-keep]
    for path in old:
        path.unlink()
    return old


def restore(path):
    """Replace the whole database, and MEDIA_ROOT when the backup has files, with the backup's."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    with tempfile.TemporaryDirectory(prefix="clinic-restore-") as work:
        work = Path(work)
        try:
            with tarfile.open(path) as archive:
                archive.extractall(work, filter="data")  # no absolute paths, links or devices
        except tarfile.TarError as error:
            raise BackupError(f"{path} is not a readable backup: {error}") from error
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest["engine"] != engine():
            raise BackupError(
                f"this backup is of a {manifest['engine']} database and DATABASE_URL points at {engine()}"
            )
        if engine() == "postgresql":
            connection.close()
            # One transaction: a restore that fails half-way leaves the database as it was.
            name = settings.DATABASES["default"]["NAME"]
            options = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
            _run(
                ["pg_restore", *options, "--exit-on-error", f"--dbname={name}", str(work / "database.pgdump")]
            )
        else:
            connection.ensure_connection()
            source = sqlite3.connect(work / "database.sqlite3")
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            connection.close()
        if manifest.get("media") and (work / "media").is_dir():
            _replace_media(work / "media")
    return manifest


def _replace_media(restored):
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    if media_root.exists():
        old = media_root.with_name(media_root.name + ".before-restore")
        shutil.rmtree(old, ignore_errors=True)
        media_root.rename(old)
        shutil.move(str(restored), str(media_root))
        shutil.rmtree(old, ignore_errors=True)
    else:
        shutil.move(str(restored), str(media_root))
