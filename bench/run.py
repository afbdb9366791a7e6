"""`make bench`: the portal under gunicorn with production settings, 5,000 articles, and a bounded load.

For each database (SQLite, and PostgreSQL + Redis when they answer on 127.0.0.1) it builds a
throwaway database, generates the data set, starts gunicorn on a free 127.0.0.1 port and, for every
row (a page, the self-check result, uncached searches), runs wrk BENCH_ROUNDS times between
/healthz runs at the same load (healthz, page, healthz, page, ..., healthz), so a noisy machine
moves both alike. It prints medians with their spread (min-max), the ratio to /healthz, SQL queries per
request, every public page type's first-visit compressed transfer against its budget, and each
gunicorn worker's peak memory after the runs. Results go to bench-results/*.json; the figures
themselves belong in docs/benchmark.md, not here. Every process and database it creates
is removed again. It exits non-zero when any request failed, or when the home page's p99 beside
200 slow clients (bench/proxy_rows.py) was 1 s or more.

Last, staff under load (bench/staff_load.py): five Editors saving and a Medical reviewer approving
for BENCH_STAFF_DURATION seconds (30), with each save's p50/p99, 5xx answers and saves reported
but not stored (both must be 0).

Knobs (environment): BENCH_DURATION (seconds per run, 10), BENCH_ROUNDS (7, at least 3),
BENCH_CONNECTIONS (50), BENCH_DATABASES ("sqlite,postgres"), BENCH_ARTICLES (5000), PG_URL,
BENCH_REDIS_URL, BENCH_STAFF_DURATION (30).
"""

# A developer tool that starts the processes it measures: subprocess use is the point.
# ruff: noqa: S603

import contextlib
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from bench import measure, proxy_rows, staff_load, tables  # noqa: E402 - the project folder is put on the path just above
from scripts import servers  # noqa: E402

RESULTS_DIR = BASE_DIR / "bench-results"
PY = sys.executable
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "5000"))
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")  # a Redis db of its own
STAFF_DURATION = float(os.environ.get("BENCH_STAFF_DURATION", "30"))

# Every public page type of the generated data set, as (row name, path).
PAGES = [
    ("home", "/"),
    ("topic", "/topics/depression/"),
    ("article", "/articles/bench-article-1/"),
    ("faq", "/faq/"),
    ("faq category", "/faq/faq-group-0/"),
    ("faq question", "/faq/faq-group-0/bench-question-0/"),
    ("safety", "/safety/"),
    ("glossary", "/glossary/"),  # 500 terms: the letters only
    ("glossary letter", "/glossary/s/"),  # the letter most generated terms start with (77 of 500 by default)
    ("prepare", "/prepare/"),
    ("search", "/search/?q=ketamine+nasal+spray"),
    ("self-check", "/self-check/"),
]
NOT_FOUND = "/this-page-does-not-exist/"
# Pages weighed for their first visit but not put under load (static printable sheets).
WEIGHED_ONLY = [("tool: my medicines", "/tools/my-medicines/"), ("tool: diary", "/tools/diary/")]


# ---- Rows: each producer returns {row name: result} for one database's running server, in order ----


def page_rows(run):
    """Every public page, GET, at BENCH_CONNECTIONS."""
    return {name: run.page(name, path) | run.measure(path) for name, path in PAGES}


def selfcheck_result_rows(run):
    """The self-check result: a form POST, as a patient's browser sends it."""
    form = run.selfcheck_form()
    row = run.page("self-check result", measure.SELFCHECK_RESULT, form=form)
    return {"self-check result (POST)": row | run.measure(measure.SELFCHECK_RESULT, form=form)}


def uncached_search_rows(run):
    """Many different searches with a session cookie, which bypasses the results cache (as for
    signed-in staff): what a search costs when it actually runs, under load and at light load."""
    fresh = [f"Cookie: {run.queries['_session_cookie']}=bench"]
    search = run.page("search", dict(PAGES)["search"])
    varied = dict(search, path=f"{len(measure.SEARCHES)} different queries")
    light = max(5, measure.DURATION // 3)
    return {
        "search uncached": varied | run.measure("/", headers=fresh, paths=measure.SEARCHES),
        "search uncached (2 conn)": varied
        | run.measure("/", headers=fresh, paths=measure.SEARCHES, connections=2, duration=light),
    }


WRK_FIELDS = ("requests", "duration_us", "errors", "non_2xx_3xx", "p50_us", "p99_us", "rps")


def proxy_producer(run):
    """Home and an article through nginx (TLS) and home with slow clients (bench/proxy_rows.py): one
    run each, so no spread; the ratio is to the median of the /healthz runs straight to gunicorn."""
    pages = {
        name: {k: run.rows[name][k] for k in ("path", "html_bytes", "queries")}
        for name in ("home", "article")
    }
    pages["healthz"] = {"path": "/healthz", "html_bytes": None, "queries": {"rendered": 0, "cached": 0}}
    healthz = statistics.median(h["rps"] for h in run.healthz_runs)
    rows = {}
    for name, row in proxy_rows.rows(run.port, pages, measure.CONNECTIONS, measure.DURATION).items():
        single = {key: row.pop(key) for key in WRK_FIELDS}
        ratio = single["rps"] / healthz
        rows[name] = (
            row
            | measure.summarise([single])
            | {"ratio_to_healthz": ratio, "ratio_min": ratio, "ratio_max": ratio}
        )
    return rows


def staff(port, env):
    """Five Editors saving and a reviewer approving at once, on this server (bench/staff_load.py)."""
    print(f"   staff: {staff_load.EDITORS} Editors and a reviewer for {STAFF_DURATION:g} s", flush=True)
    tally = staff_load.run(port, staff_load.setup(env), STAFF_DURATION)
    return staff_load.summary(tally, staff_load.missing_saves(env, tally)) | {"duration_s": STAFF_DURATION}


ROW_PRODUCERS = [page_rows, selfcheck_result_rows, uncached_search_rows, proxy_producer]


# ---- One database ----


def reachable(kind):
    try:
        if kind == "postgres":
            import psycopg

            psycopg.connect(f"{PG_URL}/postgres", connect_timeout=3).close()
        else:
            import redis

            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False
    return True


def manage(env, *args, capture=False):
    done = subprocess.run([PY, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=capture, text=True)
    if done.returncode:
        sys.exit(f"manage.py {args[0]} failed:\n{done.stderr or ''}")
    return done.stdout


def throwaway_database(name, env, cleanup):
    """Point ``env`` at a new empty database (and a Redis key prefix of its own); queue its removal."""
    if name == "postgres":
        import psycopg

        db = f"clinic_portal_bench_{secrets.token_hex(4)}"
        with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{db}"')

        def drop_database():
            with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

        cleanup.append(drop_database)
        env["DATABASE_URL"] = f"{PG_URL}/{db}"
        if reachable("redis"):
            import redis

            prefix = f"bench-{secrets.token_hex(4)}"
            env |= {"REDIS_URL": REDIS_URL, "DJANGO_CACHE_PREFIX": prefix}

            def clear_redis():
                store = redis.Redis.from_url(REDIS_URL)
                for key in store.scan_iter(f"{prefix}:*"):
                    store.delete(key)

            cleanup.append(clear_redis)
    else:
        folder = tempfile.mkdtemp(prefix="clinic-bench-")
        cleanup.append(lambda: shutil.rmtree(folder, ignore_errors=True))
        env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"


def bench_database(name, base_env):
    env = dict(base_env)
    cleanup = []
    stack = contextlib.ExitStack()
    try:
        throwaway_database(name, env, cleanup)
        print(f"\n== {name}: migrating and generating {ARTICLES} articles, 500 FAQs, 500 glossary terms")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "generate_bench_data", "--articles", str(ARTICLES))
        if name == "postgres":
            import psycopg

            # Write the load's ~500 MB of WAL out now, not during the measurements that follow.
            with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as admin:
                admin.execute("CHECKPOINT")
        pid_file = Path(tempfile.mkstemp(prefix="clinic-bench-", suffix=".pid")[1])
        cleanup.append(lambda: pid_file.unlink(missing_ok=True))
        # No worker recycling during the bench, so each worker's peak memory covers every request.
        server_env = env | {"GUNICORN_ACCESS_LOG": "", "GUNICORN_MAX_REQUESTS": "0"}
        port = stack.enter_context(
            servers.gunicorn(server_env, args=("--pid", str(pid_file)), ready_headers=measure.PROXIED)
        )
        out = manage(env, "shell", "-c", QUERY_SCRIPT % json.dumps(PAGES), capture=True)
        queries = json.loads(out.strip().splitlines()[-1])
        run = measure.Run(port, queries)
        workers_before = measure.worker_memory(pid_file)
        rows = run.rows  # producers later in the list may read the rows before them
        for producer in ROW_PRODUCERS:
            rows |= producer(run)
        rows["healthz"] = run.healthz_summary()
        transfer = {name: run.first_visit(path) for name, path in PAGES + WEIGHED_ONLY}
        transfer["self-check result"] = run.first_visit(measure.SELFCHECK_RESULT, form=run.selfcheck_form())
        transfer["page not found"] = run.first_visit(NOT_FOUND, status=404)
        staff_result = staff(port, env)  # last: its edits and approvals change pages
        workers = measure.worker_memory(pid_file)
        return {
            "database": name,
            "redis": "REDIS_URL" in env,
            "pages": rows,
            "transfer": transfer,
            "staff": staff_result,
            "workers": workers,
            "workers_replaced": sorted({w["pid"] for w in workers_before} - {w["pid"] for w in workers}),
        }
    finally:
        stack.close()
        for step in reversed(cleanup):
            step()


# Runs inside `manage.py shell` with the benchmark's settings: queries per request, rendered and cached.
QUERY_SCRIPT = """
import json
from urllib.parse import urlencode
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from education.models import SelfCheckQuestion
from education.site.cache import bump_content_version

def count(method, url, data=None):
    if method == "post":  # as a browser sends the form
        how = {"data": urlencode(data), "content_type": "application/x-www-form-urlencoded"}
    else:
        how = {}
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, secure=True, HTTP_HOST="127.0.0.1", **how)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)

client = Client()
result = {}
answers = {f"q_{q.pk}": "no" for q in SelfCheckQuestion.objects.filter(active=True)}
answers["questions_to_ask"] = "How long is a session?"
pages = [(name, "get", url, None) for name, url in json.loads('%s')]
for name, method, url, data in pages + [("self-check result", "post", "/self-check/result/", answers)]:
    bump_content_version()
    result[name] = {"rendered": count(method, url, data), "cached": count(method, url, data)}
result["_session_cookie"] = settings.SESSION_COOKIE_NAME
print(json.dumps(result))
"""


def production_env():
    """Production settings for the servers under test, with a throwaway secret key."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(BASE_DIR)),
        "DJANGO_SETTINGS_MODULE": "clinic_portal.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_BEHIND_TLS_PROXY": "true",  # wrk sends X-Forwarded-Proto: https, as the TLS proxy would
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def main():
    measure.ensure_wrk()
    RESULTS_DIR.mkdir(exist_ok=True)
    base_env = production_env()
    manage(base_env, "collectstatic", "--noinput", "-v0")
    runs = []
    for name in DATABASES:
        if name == "postgres" and not reachable("postgres"):
            print(f"SKIPPED: PostgreSQL (nothing answers at {PG_URL})")
            continue
        run = bench_database(name, base_env)
        (RESULTS_DIR / f"bench-{name}.json").write_text(json.dumps(run, indent=2))
        runs.append(run)
    for run in runs:
        tables.print_run(run)
    summary = {
        "duration_s": measure.DURATION,
        "rounds": measure.ROUNDS,
        "connections": measure.CONNECTIONS,
        "articles": ARTICLES,
        "runs": runs,
    }
    (RESULTS_DIR / "latest.json").write_text(json.dumps(summary, indent=2))
    print(f"\nResults written to {RESULTS_DIR.relative_to(BASE_DIR)}/")
    failed = tables.failures(runs)
    if failed:
        print("FAILED: " + "; ".join(failed))
        sys.exit(1)
    print("Zero errors: every request of every run answered 2xx/3xx, and every p99 target was met.")


if __name__ == "__main__":
    main()
