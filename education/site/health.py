"""Probes for load balancers and orchestrators: /healthz (the process answers) and /readyz."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Alive: answers without touching the database or the cache."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready for traffic: the database answers a query and the cache keeps what it is given."""
    checks = {"database": False, "cache": False}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            checks["database"] = cursor.fetchone()[0] == 1
    except Exception:  # noqa: BLE001 - any failure means "not ready", never a 500
        checks["database"] = False
    try:
        token = uuid.uuid4().hex
        cache.set("readyz-probe", token, 10)
        checks["cache"] = cache.get("readyz-probe") == token
    except Exception:  # noqa: BLE001
        checks["cache"] = False
    ready = all(checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503)
