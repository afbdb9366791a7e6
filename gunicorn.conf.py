"""gunicorn settings for Clinic Portal, read by `gunicorn clinic_portal.wsgi` from the project folder.

Every value can be overridden from the environment (README, "Configuration";
docs/caching-and-scaling.md, "gunicorn").
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads share one process's memory; workers use every core. 2 per core + 1 is gunicorn's advice.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"

# A page that takes this long is stuck (a slow disk or database): restart the worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Load Django once in the master and fork the workers from it: a recycled worker then starts in
# milliseconds, not after a second of imports that takes a core away from live requests.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes", "on")
# Recycle workers now and then so slow leaks never add up; jitter stops them all restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10

# gunicorn 27 opens a control socket under $HOME by default: the portal has no use for it.
control_socket_disable = True

# Access log without query strings (search words and self-check pages are the patient's business),
# without client addresses, referrers or user agents: method, path, status, size, duration.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# X-Forwarded-Proto decides whether a request came over HTTPS: believe it only from the proxy, and
# only when the settings say there is one (DJANGO_BEHIND_TLS_PROXY, DJANGO_PROXY_ADDRESSES, as
# clinic_portal/settings.py reads them). Otherwise trust nobody: a client's own header is ignored.
_behind_tls_proxy = os.environ.get("DJANGO_BEHIND_TLS_PROXY", "").strip().lower() in {
    "1",
    "true",
    "yes",
    "on",
}
forwarded_allow_ips = os.environ.get("DJANGO_PROXY_ADDRESSES", "127.0.0.1,::1") if _behind_tls_proxy else ""

# A web request's SQL statement that runs longer than this is stopped (PostgreSQL's
# statement_timeout, clinic_portal/settings.py); only here, so migrations and imports run unlimited.
os.environ.setdefault("DJANGO_DB_STATEMENT_TIMEOUT_MS", "5000")


def when_ready(server):
    """In the master, before any worker forks: compile what every worker needs (clinic_portal.wsgi)."""
    if preload_app:
        import gc

        from clinic_portal.wsgi import warm_up

        warm_up()
        # Everything loaded so far lives as long as the workers: keep it out of their garbage
        # collections (a full collection paused a request ~50 ms; ~10 ms frozen) and their pages shared.
        gc.freeze()
