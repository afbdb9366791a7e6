"""Probes for load balancers and orchestrators: /healthz (the process answers) and /readyz.

/readyz says which dependency fails, and answers within READY_DEADLINE seconds even when one
hangs rather than refuses: the database check runs in a thread of its own that the probe stops
waiting for (a stopped PostgreSQL or a listener that never answers would otherwise hold the probe
until the operating system gives up on the socket). At most one such check is in flight, so a
hung database costs one waiting thread, not one per probe. The cache check needs no thread: the
Redis client has sub-second socket timeouts and a circuit breaker (education.site.rediscache).

A database that answers but cannot be written (PostgreSQL read-only, a SQLite file or folder that
is not writable, or a full disk under it) is not ready either: every staff save would fail. The
check stays cheap: a setting read, or two access checks and a statvfs, never a write.
"""

import os
import threading
import uuid
from pathlib import Path

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

READY_DEADLINE = 1.0  # seconds the database check may take before the probe reports it failing
SQLITE_MIN_FREE_BYTES = 1024 * 1024  # less free space than this under the SQLite file: writes fail


@never_cache
def healthz(request):
    """Alive: answers without touching the database or the cache."""
    return JsonResponse({"status": "ok"})


class _DatabaseCheck:
    """``SELECT 1`` and whether writes can succeed, on a connection of its own thread (closed
    afterwards), one check at a time. Returns (ok, problem): problem says why it is not ok."""

    def __init__(self):
        self._lock = threading.Lock()
        self._running = None  # (thread, result holder) of the check in flight, if any

    def __call__(self, timeout):
        with self._lock:
            if self._running is None or not self._running[0].is_alive():
                result = {}
                thread = threading.Thread(target=self._check, args=(result,), daemon=True, name="readyz-db")
                self._running = (thread, result)
                thread.start()
            thread, result = self._running
        thread.join(timeout)
        if "ok" not in result:
            return False, f"no answer within {timeout:g} s"
        return result["ok"], result.get("problem")

    @staticmethod
    def _check(result):
        connection = connections["default"]  # this thread's own
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                answers = cursor.fetchone()[0] == 1
                problem = None if answers else "SELECT 1 gave a wrong answer"
                if answers and connection.vendor == "postgresql":
                    cursor.execute("SHOW transaction_read_only")
                    if cursor.fetchone()[0] != "off":
                        problem = "read-only: it cannot be written"
                elif answers and connection.vendor == "sqlite" and not connection.is_in_memory_db():
                    problem = _sqlite_write_problem(Path(connection.settings_dict["NAME"]))
            result["problem"] = problem
            result["ok"] = problem is None
        except Exception as error:  # noqa: BLE001 - any failure means "not ready", never a 500
            result["problem"] = f"failing ({type(error).__name__})"
            result["ok"] = False
        finally:
            connection.close()


def _sqlite_write_problem(path):
    """Why writes to this SQLite file would fail (WAL mode writes files beside it too), or None."""
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return "read-only: the SQLite file or its folder cannot be written"
    disk = os.statvfs(path.parent)
    if disk.f_bavail * disk.f_frsize < SQLITE_MIN_FREE_BYTES:
        return "the disk under the SQLite file is full"
    return None


database_answers = _DatabaseCheck()


def cache_keeps_what_it_is_given():
    try:
        token = uuid.uuid4().hex
        cache.set("readyz-probe", token, 10)
        return cache.get("readyz-probe") == token
    except Exception:  # noqa: BLE001
        return False


@never_cache
def readyz(request):
    """Ready for traffic: the database answers and can be written, and the cache keeps what it is given."""
    database, problem = database_answers(READY_DEADLINE)
    checks = {"database": database, "cache": cache_keeps_what_it_is_given()}
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable", **checks}
    if not ready:
        body["failing"] = [name for name, ok in checks.items() if not ok]
    if problem:
        body["database_problem"] = problem
    return JsonResponse(body, status=200 if ready else 503)
