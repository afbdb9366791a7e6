"""Cache faults against real processes: a Redis of the test's own that refuses, hangs, or comes
back from an old dump, under real gunicorn processes (scripts/servers.py).

No page may wait on a hung Redis for long (every answer within 2 s), and no cache fault may bring
back an archived page once the freshness bound (CONTENT_FRESHNESS_SECONDS) has passed. The shared
Redis is never touched: each test starts its own redis-server on a free port and stops only that.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import servers

# One pytest-xdist worker runs this whole module: its module-scoped servers start once.
pytestmark = pytest.mark.xdist_group("cache_faults")

BASE_DIR = Path(__file__).resolve().parents[2]
# DJANGO_CACHE_FRESHNESS_SECONDS: docs/caching-and-scaling.md's "an edit shows everywhere within 1 s"
BOUND = 1.0
SLACK = 1.0  # a request, a process switch and a busy 2-core machine on top of the bound
ONE_WORKER = ("--workers", "1", "--threads", "2", "--access-logfile", "/dev/null")
ARTICLE = "/articles/fault-test/"

SETUP = """
from django.utils import timezone
from education.models import Article, MedicalReviewer, Status, Topic

topic = Topic.objects.create(name="Depression", slug="depression", summary="About depression.")
reviewer = MedicalReviewer.objects.create(name="Dr. Fault", credentials="MD")
Article.objects.create(
    title="Fault test article", slug="fault-test", topic=topic, summary="One sentence.",
    key_points="One\\nTwo", body="Body text.", status=Status.PUBLISHED, reviewer=reviewer,
    last_reviewed=timezone.localdate(),
)
"""
ARCHIVE = """
from education.models import Article, Status
article = Article.objects.get(slug="fault-test")
article.status = Status.ARCHIVED
article.save()
"""


def redis_server():
    found = shutil.which("redis-server")
    if found is None:
        message = "redis-server is needed for the cache fault tests (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


class OwnRedis:
    """A redis-server of the test's own: no persistence but an explicit SAVE into ``folder``."""

    def __init__(self, folder):
        self.binary, self.folder, self.port = redis_server(), folder, servers.free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder), "--dbfilename", "dump.rdb", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):
                if self.client().ping():
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a stopped process cannot act on SIGTERM
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def base_env(database):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "clinic_portal.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_CACHE_FRESHNESS_SECONDS": str(BOUND),
        "DJANGO_DEBUG": "true",  # no HTTPS redirect or collected static files needed on loopback
        "DJANGO_LOG_LEVEL": "ERROR",
    }


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A migrated SQLite file with one published article (made once, copied for each test)."""
    database = tmp_path_factory.mktemp("faults") / "template.sqlite3"
    env = base_env(database)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "shell", "-c", SETUP)
    return database


@pytest.fixture
def app_env(tmp_path, migrated, own_redis):
    """The environment for app processes on a copy of that database and the test's own Redis."""
    database = tmp_path / "faults.sqlite3"
    shutil.copyfile(migrated, database)
    return base_env(database) | {"REDIS_URL": own_redis.url}


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=True
    )


def timed_get(port, path, limit=5.0):
    """(status, headers, body) of one GET, which must answer within ``limit`` seconds: a generous
    bound that a request waiting on the hung Redis (never answering) could not meet; the Redis
    timeout itself is 0.25 s, and how fast pages are is make bench's business."""
    begun = time.monotonic()
    status, headers, body = servers.get(port, path, timeout=limit + 5)
    took = time.monotonic() - begun
    assert took < limit, f"{path} took {took:.2f} s"
    return status, headers, body


def status_within(port, path, status, seconds):
    """Poll ``path`` until it answers ``status``; the seconds it took (fails after ``seconds``)."""
    begun = time.monotonic()
    while True:
        got = servers.get(port, path)[0]
        if got == status:
            return time.monotonic() - begun
        assert time.monotonic() - begun < seconds, f"{path} still {got} after {seconds} s"
        time.sleep(0.05)


def test_pages_answer_while_redis_hangs(app_env, own_redis):
    with servers.gunicorn(app_env, args=ONE_WORKER) as port:
        for _ in range(2):
            assert timed_get(port, ARTICLE)[0] == 200
        assert timed_get(port, ARTICLE)[1]["X-Cache"] == "hit"
        own_redis.process.send_signal(signal.SIGSTOP)  # accepts connections, never answers
        try:
            status, headers, _ = timed_get(port, ARTICLE)
            assert status == 200 and headers["X-Cache"] == "hit"  # from the process's own cache
            for path in ("/glossary/", "/faq/", "/safety/", "/topics/depression/", "/", "/self-check/"):
                assert timed_get(port, path)[0] == 200, path  # rendered: Redis is skipped
            status, _, body = timed_get(port, "/readyz")
            assert status == 503 and b'"failing": ["cache"]' in body
            assert timed_get(port, "/healthz")[0] == 200
            manage(app_env, "shell", "-c", ARCHIVE)  # an edit while Redis hangs still shows
            assert status_within(port, ARTICLE, 404, BOUND + SLACK) <= BOUND + SLACK
        finally:
            own_redis.process.send_signal(signal.SIGCONT)
        # Back to normal once the breaker lets the next call through.
        status_within(port, "/readyz", 200, 15)


def test_pages_answer_when_redis_refuses_connections(app_env, own_redis):
    # No breaker: every request meets the refusal itself.
    with servers.gunicorn(app_env | {"DJANGO_REDIS_BREAKER_SECONDS": "0"}, args=ONE_WORKER) as port:
        own_redis.stop()
        for path in (ARTICLE, ARTICLE, "/faq/", "/self-check/", "/glossary/"):
            assert timed_get(port, path)[0] == 200
        assert timed_get(port, ARTICLE)[1]["X-Cache"] == "hit"
        status, _, body = timed_get(port, "/readyz")
        assert status == 503 and b'"failing": ["cache"]' in body


def test_an_archived_page_stays_gone_after_redis_is_restored_from_a_dump_made_before(app_env, own_redis):
    """Cache the page, SAVE, stop Redis, archive, start Redis from the dump: still 404, in the
    process that saw the archive and in a new one whose first look is into the restored Redis."""
    with servers.gunicorn(app_env, args=ONE_WORKER) as port:
        for _ in range(2):
            assert timed_get(port, ARTICLE)[0] == 200
        own_redis.client().save()
        own_redis.stop()
        manage(app_env, "shell", "-c", ARCHIVE)
        assert status_within(port, ARTICLE, 404, BOUND + SLACK) <= BOUND + SLACK
        own_redis.start()  # from dump.rdb: the archived article's page is in it again
        pages = [key for key in own_redis.client().keys("*") if b"page:" in key]
        assert pages, "the dump should hold the page cached before the archive"
        status_within(port, "/readyz", 200, 15)
        for _ in range(3):
            assert timed_get(port, ARTICLE)[0] == 404
        with servers.gunicorn(app_env, args=ONE_WORKER) as fresh:
            assert timed_get(fresh, ARTICLE)[0] == 404
            assert b"Fault test article" not in timed_get(fresh, "/topics/depression/")[2]


def test_after_one_redis_error_the_process_skips_redis_for_a_while():
    from unittest import mock

    from education.site.rediscache import ResilientRedisCache

    port = servers.free_port()  # nothing listens there
    options = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25, "BREAKER_SECONDS": 30}
    store = ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0", {"KEY_PREFIX": f"breaker-{port}", "OPTIONS": options}
    )
    assert store.get("page", "not found") == "not found"
    assert not store.breaker.allows()
    with mock.patch("django_redis.client.DefaultClient.get", side_effect=AssertionError("asked Redis")):
        assert store.get("page") is None and store.set("page", b"x") is False and store.get_many(["a"]) == {}
    # Another thread's backend for the same Redis shares the breaker.
    again = ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0", {"KEY_PREFIX": f"breaker-{port}", "OPTIONS": options}
    )
    assert again.breaker is store.breaker
