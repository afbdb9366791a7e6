"""A database that accepts connections and never answers: pages and /readyz still answer within seconds.

The "database" is a socket on a free loopback port that accepts every connection and never sends
a byte (a hung server, or a network path that drops packets after the handshake). gunicorn runs
with production settings against it; /readyz must say the database is failing and an uncached
page must give our "temporarily unavailable" page (503, Retry-After), each within 5 s, also with
several requests at once. The same page for a SQLite file that cannot be opened.
"""

import concurrent.futures
import contextlib
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

# Generous: without the connect deadline a request waits for as long as the listener holds it
# (for ever here); the deadline is 1 s, and a busy 2-core machine adds its own seconds.
BOUND_S = 5.0
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
    with portal_on(f"postgres://portal@127.0.0.1:{hung_database}/clinic") as port:
        yield port


@pytest.fixture
def portal_on_missing_sqlite_file(tmp_path):
    with portal_on(f"sqlite:///{tmp_path / 'gone' / 'db.sqlite3'}") as port:  # no such folder
        yield port


@contextlib.contextmanager
def portal_on(database_url):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_BEHIND_TLS_PROXY": "true",
        "DATABASE_URL": database_url,
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
    status, headers, body = servers.get(port, path, PROXIED, timeout=10)
    return status, body, time.monotonic() - started, headers


def test_readyz_says_the_database_is_failing_within_5_s(portal_on_hung_database):
    for _ in range(3):
        status, body, took, _ = timed_get(portal_on_hung_database, "/readyz")
        assert took < BOUND_S, f"/readyz took {took:.2f} s"
        assert status == 503
        assert json.loads(body)["database"] in (False, "failing", "timeout", "down")


def assert_temporarily_unavailable(port, path):
    status, body, took, headers = timed_get(port, path)
    assert took < BOUND_S, f"{path} took {took:.2f} s"
    assert status == 503
    assert headers["Retry-After"] == "5"
    assert b"This page is temporarily unavailable" in body
    assert (
        b'href="tel:988"' in body
    )  # styled in tests/site/test_error_pages.py (no collected static files here)


def test_an_uncached_page_on_a_hung_database_is_temporarily_unavailable_within_5_s(portal_on_hung_database):
    for path in ("/", "/articles/what-is-ketamine/"):
        assert_temporarily_unavailable(portal_on_hung_database, path)


def test_an_uncached_page_on_a_sqlite_file_that_cannot_be_opened_is_temporarily_unavailable(
    portal_on_missing_sqlite_file,
):
    for path in ("/", "/articles/what-is-ketamine/"):
        assert_temporarily_unavailable(portal_on_missing_sqlite_file, path)


def test_many_requests_at_once_all_answer_within_5_s(portal_on_hung_database):
    paths = ["/", "/faq/", "/safety/", "/glossary/", "/readyz", "/prepare/"] * 3
    with concurrent.futures.ThreadPoolExecutor(len(paths)) as pool:
        results = list(pool.map(lambda path: timed_get(portal_on_hung_database, path), paths))
    slowest = max(took for _, _, took, _ in results)
    assert slowest < BOUND_S, f"slowest answer {slowest:.2f} s"
    assert {status for status, _, _, _ in results} == {503}
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
