"""Probes for load balancers: /healthz never touches the database, /readyz checks database and cache."""

import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def test_healthz_answers_without_the_database(client, django_assert_num_queries, db):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True}


@pytest.mark.django_db
def test_readyz_says_which_dependency_fails_when_the_database_is_down(client):
    with mock.patch(
        "education.site.health.database_answers", return_value=(False, "failing (OperationalError)")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": False,
        "cache": True,
        "failing": ["database"],
        "database_problem": "failing (OperationalError)",
    }


@pytest.mark.django_db
def test_readyz_says_unavailable_when_the_cache_loses_what_it_is_given(client):
    with (
        mock.patch("education.site.health.database_answers", return_value=(True, None)),
        mock.patch("education.site.health.cache.get", return_value=None),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": True,
        "cache": False,
        "failing": ["cache"],
    }


def test_readyz_says_not_ready_when_the_sqlite_file_cannot_be_written_or_its_disk_is_full(tmp_path):
    """Checked without a write: the file and its folder must be writable (WAL writes beside the
    file), with at least 1 MB free. (Tests run as root, for whom every file is writable: so the
    operating system's answers are replaced here.)"""
    from education.site import health

    database = tmp_path / "db.sqlite3"
    database.touch()
    assert health._sqlite_write_problem(database) is None
    with mock.patch("education.site.health.os.access", side_effect=lambda path, mode: path != database):
        assert "read-only" in health._sqlite_write_problem(database)
    full = mock.Mock(f_bavail=10, f_frsize=4096)
    with mock.patch("education.site.health.os.statvfs", return_value=full):
        assert health._sqlite_write_problem(database) == "the disk under the SQLite file is full"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readyz_says_not_ready_when_postgresql_is_read_only(client):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (a PostgreSQL database setting)")
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    try:
        response = client.get("/readyz")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert response.json()["database_problem"] == "read-only: it cannot be written"


def test_readyz_answers_while_the_database_hangs_and_keeps_one_waiting_thread(client, db):
    """A database that accepts and never answers: the probe stops waiting, and says which one."""
    import threading
    import time

    from education.site import health

    release, started = threading.Event(), []

    def hang(result):
        started.append(1)
        release.wait(30)
        result["ok"] = False

    check = health._DatabaseCheck()
    with mock.patch.object(check, "_check", hang), mock.patch.object(health, "database_answers", check):
        try:
            for _ in range(3):
                begun = time.monotonic()
                response = client.get("/readyz")
                assert time.monotonic() - begun < 10  # the check hangs for 30 s: not waited out
                assert response.status_code == 503 and response.json()["failing"] == ["database"]
            assert len(started) == 1  # the second and third probes waited on the same check
        finally:
            release.set()


def test_gunicorn_config_sizes_workers_from_the_machine_and_keeps_query_strings_out_of_logs():
    script = (
        "import json, runpy; c = runpy.run_path('gunicorn.conf.py');"
        "print(json.dumps({k: c[k] for k in ('workers', 'threads', 'timeout', 'access_log_format',"
        " 'control_socket_disable')}))"
    )
    env = {"PATH": "/usr/bin:/bin", "GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "4"}
    config = json.loads(subprocess.check_output([sys.executable, "-c", script], cwd=BASE_DIR, env=env))
    assert config["workers"] == 3 and config["threads"] == 4
    assert 0 < config["timeout"] <= 60
    assert config["control_socket_disable"] is True
    # %(U)s is the path alone; %(r)s, %(q)s or %(a)s/%(h)s would log query strings or visitors.
    assert "%(U)s" in config["access_log_format"]
    assert not any(f"%({k})s" in config["access_log_format"] for k in ("r", "q", "h", "a", "f"))
    default = json.loads(
        subprocess.check_output([sys.executable, "-c", script], cwd=BASE_DIR, env={"PATH": "/usr/bin"})
    )
    assert default["workers"] >= 3


def test_gunicorn_master_prepares_workers_without_opening_connections_they_would_share():
    """when_ready runs in the master before the fork: whatever it connects, every worker would share."""
    script = (
        "import gc, json, runpy, sys; c = runpy.run_path('gunicorn.conf.py'); c['when_ready'](None);"
        "from django.core.cache import cache; from django.db import connections;"
        "print(json.dumps({'frozen': gc.get_freeze_count(),"
        " 'redis_imported': 'redis.connection' in sys.modules, 'cache_connected': any(cache.client._clients),"
        " 'databases_connected': [a for a in connections if connections[a].connection is not None]}))"
    )
    env = {"PATH": "/usr/bin:/bin", "REDIS_URL": "redis://127.0.0.1:6379/15", "GUNICORN_PRELOAD": "true"}
    state = json.loads(subprocess.check_output([sys.executable, "-c", script], cwd=BASE_DIR, env=env))
    # The cache client is built (the first request no longer imports it) but not connected.
    assert state["redis_imported"] and not state["cache_connected"]
    assert state["databases_connected"] == []
    # Loaded objects are frozen out of the workers' garbage collections.
    assert state["frozen"] > 10_000
