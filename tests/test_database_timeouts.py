"""A database that accepts connections and never answers: pages and /readyz still answer in 2 s.

The "database" is a socket on a free loopback port that accepts every connection and never sends
a byte (a hung server, or a network path that drops packets after the handshake). gunicorn runs
with production settings against it; /readyz must say the database is failing and an uncached
page must give our error page, each within 2 s, also with several requests at once.
"""

import concurrent.futures
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest
from django.db import connection

from scripts import servers

BOUND_S = 2.0
PROXIED = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def hung_database():
    """A listener that accepts and then holds every connection in silence; yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(5)
    for sock in held:
        sock.close()
    listener.close()


@pytest.fixture
def portal_on_hung_database(hung_database):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_BEHIND_TLS_PROXY": "true",
        "DATABASE_URL": f"postgres://portal@127.0.0.1:{hung_database}/clinic",
        "REDIS_URL": "",
        "DJANGO_LOG_LEVEL": "CRITICAL",
    }
    port = servers.free_port()
    args = ["--workers", "2", "--threads", "4", "--access-logfile", "/dev/null"]
    args += ["--bind", f"127.0.0.1:{port}"]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [servers.GUNICORN, "clinic_portal.wsgi", "-c", "gunicorn.conf.py", *args],
            cwd=servers.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            # /readyz cannot be 200 here: wait until the process answers its liveness probe.
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, log.seek(0) or log.read().decode()[-2000:]
                try:
                    if servers.get(port, "/healthz", timeout=5)[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
            yield port
        finally:
            servers.stop(process)


def timed_get(port, path):
    started = time.monotonic()
    status, _, body = servers.get(port, path, PROXIED, timeout=10)
    return status, body, time.monotonic() - started


def test_readyz_says_the_database_is_failing_within_2_s(portal_on_hung_database):
    for _ in range(3):
        status, body, took = timed_get(portal_on_hung_database, "/readyz")
        assert took < BOUND_S, f"/readyz took {took:.2f} s"
        assert status == 503
        assert json.loads(body)["database"] in (False, "failing", "timeout", "down")


def test_an_uncached_page_gives_our_error_page_within_2_s(portal_on_hung_database):
    status, body, took = timed_get(portal_on_hung_database, "/")
    assert took < BOUND_S, f"the home page took {took:.2f} s"
    assert status == 500
    assert b"Something went wrong on our side" in body
    assert b'href="tel:988"' in body


def test_many_requests_at_once_all_answer_within_2_s(portal_on_hung_database):
    paths = ["/", "/faq/", "/safety/", "/glossary/", "/readyz", "/prepare/"] * 3
    with concurrent.futures.ThreadPoolExecutor(len(paths)) as pool:
        results = list(pool.map(lambda path: timed_get(portal_on_hung_database, path), paths))
    slowest = max(took for _, _, took in results)
    assert slowest < BOUND_S, f"slowest answer {slowest:.2f} s"
    assert {status for status, _, _ in results} <= {500, 503}
    # ...and the process itself stays alive and answers its liveness probe at once.
    assert timed_get(portal_on_hung_database, "/healthz")[0] == 200


def test_a_long_postgresql_statement_is_stopped(db):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL server setting; SQLite has its busy timeout instead")
    db_settings = connection.settings_dict
    url = (
        f"postgres://{db_settings['USER']}@{db_settings['HOST']}:{db_settings['PORT']}/{db_settings['NAME']}"
    )
    sleep = "from django.db import connection; connection.cursor().execute('SELECT pg_sleep(5)')"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", sleep],
        cwd=servers.BASE_DIR,
        env={"PATH": os.environ["PATH"], "DATABASE_URL": url, "DJANGO_DB_STATEMENT_TIMEOUT_MS": "300"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    # Stopped by the server after 0.3 s, not finished after 5 s.
    assert "canceling statement due to statement timeout" in result.stderr


def test_web_requests_get_a_5_s_statement_timeout_by_default():
    show = "import os, runpy; runpy.run_path('gunicorn.conf.py'); "
    show += "print(os.environ['DJANGO_DB_STATEMENT_TIMEOUT_MS'])"
    result = subprocess.run(
        [sys.executable, "-c", show],
        cwd=servers.BASE_DIR,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "5000"


def test_sqlite_waits_a_bounded_time_for_another_writer(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite's busy timeout")
    assert settings.DATABASES["default"]["OPTIONS"]["timeout"] == 5
