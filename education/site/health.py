"""Probes for load balancers and orchestrators: /healthz (the process answers) and /readyz.

/readyz says which dependency fails, and answers within READY_DEADLINE seconds even when one
hangs rather than refuses: the database check runs in a thread of its own that the probe stops
waiting for (a stopped PostgreSQL or a listener that never answers would otherwise hold the probe
until the operating system gives up on the socket). At most one such check is in flight, so a
hung database costs one waiting thread, not one per probe. The cache check needs no thread: the
Redis client has sub-second socket timeouts and a circuit breaker (education.site.cachebackends).
"""

import threading
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

READY_DEADLINE = 1.0  # seconds the database check may take before the probe reports it failing


@never_cache
def healthz(request):
    """Alive: answers without touching the database or the cache."""
    return JsonResponse({"status": "ok"})


class _DatabaseCheck:
    """``SELECT 1`` on a connection of its own thread (closed afterwards), one check at a time."""

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
        return result.get("ok", False)

    @staticmethod
    def _check(result):
        connection = connections["default"]  # this thread's own
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                result["ok"] = cursor.fetchone()[0] == 1
        except Exception:  # noqa: BLE001 - any failure means "not ready", never a 500
            result["ok"] = False
        finally:
            connection.close()


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
    """Ready for traffic: the database answers a query and the cache keeps what it is given."""
    checks = {"database": database_answers(READY_DEADLINE), "cache": cache_keeps_what_it_is_given()}
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable", **checks}
    if not ready:
        body["failing"] = [name for name, ok in checks.items() if not ok]
    return JsonResponse(body, status=200 if ready else 503)
