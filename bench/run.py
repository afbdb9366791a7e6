"""`make bench`: the portal under gunicorn with production settings, 5,000 articles, and a bounded load.

For each database (SQLite, and PostgreSQL + Redis when they answer on 127.0.0.1) it builds a
throwaway database, generates the data set, starts gunicorn on a free 127.0.0.1 port, drives
wrk against each page and prints requests per second, p50/p99 latency, the ratio to /healthz,
SQL queries per request and HTML bytes, plus an article page's compressed transfer size. Search is
also driven through 200 different queries with a session cookie, which bypasses its results cache
("search uncached"), at 50 connections and at 2.
Results go to bench-results/*.json. Every process and database it creates is removed again.

Knobs (environment): BENCH_DURATION (seconds per page, 30), BENCH_CONNECTIONS (50),
BENCH_DATABASES ("sqlite,postgres"), BENCH_ARTICLES (5000), PG_URL, BENCH_REDIS_URL.
"""

# A developer tool that starts the processes it measures: subprocess use is the point.
# ruff: noqa: S603, S607

import contextlib
import gzip
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from bench import proxy_rows  # noqa: E402 - rows through nginx (bench/proxy_rows.py)
from scripts import servers  # noqa: E402 - the project folder is put on the path just above

RESULTS_DIR = BASE_DIR / "bench-results"
PY = sys.executable
GUNICORN = str(Path(PY).with_name("gunicorn"))
DURATION = int(os.environ.get("BENCH_DURATION", "30"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "5000"))
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")  # a Redis db of its own

PAGES = [
    ("home", "/"),
    ("topic", "/topics/depression/"),
    ("article", "/articles/bench-article-1/"),
    ("faq", "/faq/"),
    ("search", "/search/?q=ketamine+nasal+spray"),
    ("self-check", "/self-check/"),
    ("healthz", "/healthz"),
]
CACHED = {"home", "topic", "article", "faq"}
# What patients might type: one to three words of the generated vocabulary (which has ~100
# words), so queries match anything from a handful of articles to most of them.
_RNG = random.Random(11)
_WORDS = (
    "ketamine esketamine depression treatment session clinic nasal spray infusion dose blood pressure "
    "monitoring nausea dizziness anxiety sleep driving companion screening pregnancy alcohol heart "
    "memory mood recovery safety nurse insurance consent fasting breathing evidence remission weekly"
)
_VOCABULARY = _WORDS.split()
SEARCHES = ["/search/?q=" + "+".join(_RNG.sample(_VOCABULARY, _RNG.choice((1, 2, 2, 3)))) for _ in range(200)]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("wrk is missing: installing it from Debian's packages")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    install = [*sudo, "apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install).returncode != 0:
        # A fresh machine may have no package lists yet.
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
        subprocess.run(install, check=True)


PROXIED = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front sends it


def fetch(port, path, encoding=None):
    headers = PROXIED | ({"Accept-Encoding": encoding} if encoding else {})
    status, _, body = servers.get(port, path, headers)
    return status, body


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
    return subprocess.run(
        [PY, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=capture, text=True
    ).stdout


def wrk(port, path, connections, duration, headers=(), paths_file=None):
    """One wrk run against ``path``, or through every path in ``paths_file`` in turn."""
    threads = str(min(2, connections))
    extra = [arg for header in headers for arg in ("-H", header)]
    env = os.environ | ({"BENCH_PATHS": str(paths_file)} if paths_file else {})
    out = subprocess.run(
        ["wrk", "-t", threads, "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s", *extra,
         "-s", str(BASE_DIR / "bench" / "report.lua"), f"http://127.0.0.1:{port}{path}"],
        check=True, capture_output=True, text=True, env=env,
    ).stdout  # fmt: skip
    result = json.loads(re.search(r"^BENCH (.*)$", out, re.M).group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    # wrk stops with requests still queued in gunicorn (at 50 connections of uncached searches,
    # ~0.4 s of work): let them finish, so the next run does not start behind them.
    time.sleep(2)
    return result


def article_transfer(port, html):
    """An article page as a browser downloads it: compressed HTML, CSS and JS."""
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(
        r'<script[^>]+src="([^"]+)"', html
    )
    assets_bytes = 0
    for url in assets:
        status, body = fetch(port, url, encoding="br, gzip")
        assert status == 200, url
        assets_bytes += len(body)
    return {
        "assets": assets,
        "css_js_compressed": assets_bytes,
        "html_gzip": len(gzip.compress(html.encode())),
    }


def bench_database(name, base_env):
    env = dict(base_env)
    cleanup = []
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
    stack = contextlib.ExitStack()
    try:
        print(f"\n== {name}: migrating and generating {ARTICLES} articles, 500 FAQs, 500 glossary terms")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "generate_bench_data", "--articles", str(ARTICLES))
        if name == "postgres":
            # Write the load's ~500 MB of WAL out now, not during the measurements that follow.
            with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as admin:
                admin.execute("CHECKPOINT")
        port = stack.enter_context(servers.gunicorn(env | {"GUNICORN_ACCESS_LOG": ""}, ready_headers=PROXIED))
        queries = json.loads(
            manage(env, "shell", "-c", QUERY_SCRIPT % json.dumps(PAGES), capture=True)
            .strip()
            .splitlines()[-1]
        )
        searches_file = Path(tempfile.mkstemp(prefix="clinic-bench-searches-", suffix=".txt")[1])
        cleanup.append(lambda: searches_file.unlink(missing_ok=True))
        searches_file.write_text("\n".join(SEARCHES) + "\n")
        pages = {}
        for page, path in PAGES:
            status, body = fetch(port, path)
            assert status == 200, (page, path, status)
            pages[page] = {"path": path, "html_bytes": len(body), "queries": queries[page]}
            if page == "article":
                transfer = article_transfer(port, body.decode())
        for page, path in PAGES:
            print(f"   {page}: {CONNECTIONS} connections for {DURATION} s")
            pages[page] |= wrk(port, path, CONNECTIONS, DURATION)
        # Many different searches with a session cookie, which bypasses the results cache (as for
        # signed-in staff): what a search costs when it actually runs, under load and at light load.
        light = max(5, DURATION // 3)
        fresh = [f"Cookie: {queries['_session_cookie']}=bench"]
        varied = dict(pages["search"], path=f"{len(SEARCHES)} different queries")
        pages["search uncached"] = varied | wrk(port, "/", CONNECTIONS, DURATION, fresh, searches_file)
        pages["search uncached (2 conn)"] = varied | wrk(port, "/", 2, light, fresh, searches_file)
        pages |= proxy_rows.rows(port, pages, CONNECTIONS, DURATION)  # through nginx, and slow clients
        healthz = pages["healthz"]["rps"]
        for result in pages.values():
            result["ratio_to_healthz"] = result["rps"] / healthz
        transfer["article_total_compressed"] = transfer["css_js_compressed"] + transfer["html_gzip"]
        return {"database": name, "redis": "REDIS_URL" in env, "pages": pages, "article_transfer": transfer}
    finally:
        stack.close()
        for step in reversed(cleanup):
            step()


# Runs inside `manage.py shell` with the benchmark's settings: queries per request, rendered and cached.
QUERY_SCRIPT = """
import json
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from education.site.cache import bump_content_version

def count(url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)

client = Client()
result = {}
for name, url in json.loads('%s'):
    bump_content_version()
    result[name] = {"rendered": count(url), "cached": count(url)}
result["_session_cookie"] = settings.SESSION_COOKIE_NAME
print(json.dumps(result))
"""


def print_report(run):
    print(
        f"\n{run['database']}{' + Redis' if run['redis'] else ''}: "
        f"{CONNECTIONS} connections, {DURATION} s per page"
    )
    columns = [("req/s", 9), ("p50 ms", 9), ("p99 ms", 9), ("x healthz", 10), ("errors", 8), ("SQL", 9)]
    header = f"{'page':<24}" + "".join(f"{name:>{width}}" for name, width in columns) + f"{'HTML B':>9}"
    print(header)
    print("-" * len(header))
    for page, r in run["pages"].items():
        sql = f"{r['queries']['rendered']}/{r['queries']['cached']}"
        print(
            f"{page:<24}{r['rps']:>9.0f}{r['p50_us'] / 1000:>9.1f}{r['p99_us'] / 1000:>9.1f}"
            f"{r['ratio_to_healthz']:>10.2f}{r['errors']:>8}{sql:>9}{r['html_bytes']:>9}"
        )
    t = run["article_transfer"]
    print(
        f"article page transfer, compressed: HTML {t['html_gzip']} B + CSS/JS {t['css_js_compressed']} B "
        f"= {t['article_total_compressed'] / 1024:.1f} KB"
    )
    print("SQL = queries per request when rendered / when served from the cache")


def main():
    ensure_wrk()
    RESULTS_DIR.mkdir(exist_ok=True)
    base_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(BASE_DIR)),
        "DJANGO_SETTINGS_MODULE": "clinic_portal.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_BEHIND_TLS_PROXY": "true",  # wrk sends X-Forwarded-Proto: https, as the TLS proxy would
        "DJANGO_LOG_LEVEL": "WARNING",
    }
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
        print_report(run)
    summary = {"duration_s": DURATION, "connections": CONNECTIONS, "articles": ARTICLES, "runs": runs}
    (RESULTS_DIR / "latest.json").write_text(json.dumps(summary, indent=2))
    print(f"\nResults written to {RESULTS_DIR.relative_to(BASE_DIR)}/")


if __name__ == "__main__":
    main()
