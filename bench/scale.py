"""`make bench-scale`: the costs that must not grow with the content, at 5,000 and 50,000 articles.

For each database (SQLite, and PostgreSQL + Redis when they answer) and each size in
BENCH_SCALE_SIZES ("5000,50000"), it builds a throwaway database with `generate_bench_data`,
starts gunicorn from gunicorn.conf.py with production settings, and measures, in one run:

- cold search (a session cookie bypasses the results cache; bench/measure.py's 200 queries) at
  2 and at 50 connections: p50, p99 and errors;
- an article page never requested before (a different article each request, one connection, so
  each is a cache miss and reads the content version) and the home page rendered each time: p50;
- every admin page (home, article changelist, with the review filter, with ?_facets=1, an article's
  change page, admin search): server time (median of two after one warm-up) and SQL queries, in a
  `manage.py shell` with a signed-in superuser (Django's test client, same settings);
- the gunicorn workers' peak memory.

Then it prints one table per database and checks the goals of issue 33 (docs/benchmark.md). Every
database and process it creates is removed again; results go to bench-results/scale.json. Exits
non-zero when a goal is missed or a request failed.

Knobs: BENCH_SCALE_SIZES ("5000,50000"; e.g. "500,2000" to try it quickly), BENCH_DATABASES,
BENCH_SCALE_DURATION (seconds per wrk run, 10), PG_URL, BENCH_REDIS_URL.
"""

import contextlib
import json
import os
import random
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from bench import measure  # noqa: E402 - the project folder is put on the path just above
from bench.run import DATABASES, RESULTS_DIR, manage, production_env, reachable, throwaway_database  # noqa: E402
from scripts import servers  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SCALE_SIZES", "5000,50000").split(",")]
DURATION = int(os.environ.get("BENCH_SCALE_DURATION", "10"))
ADMIN_PAGES = [
    ("admin home", "/admin/"),
    ("article changelist", "/admin/education/article/"),
    ("changelist, review filter", "/admin/education/article/?review=overdue"),
    ("changelist, ?_facets=1", "/admin/education/article/?_facets=1"),
    ("article change page", "/admin/education/article/{pk}/change/"),
    ("admin search", "/admin/education/article/?q=ketamine+nasal"),
]

# Runs inside `manage.py shell`: each admin page's server time and queries for a signed-in superuser.
ADMIN_SCRIPT = """
import json, statistics, time
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from education.models import Article

user = User.objects.create_superuser("scale-admin", "scale@example.org", "a long enough password 123")
client = Client(raise_request_exception=False)
client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
store = client.session
store[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.create(user=user, name="scale").persistent_id
store.save()
pk = Article.objects.filter(slug="bench-article-1").values_list("pk", flat=True).get()
result = {}
for name, url in json.loads('%s'):
    times = []
    for attempt in range(3):  # one warm-up, then the median of two; a page slower than 5 s once
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url.format(pk=pk), secure=True, HTTP_HOST="127.0.0.1")
            times.append(time.perf_counter() - start)
        if times[0] > 5:
            break
    result[name] = {"path": url, "status": response.status_code, "queries": len(queries),
                    "ms": statistics.median(times[1:] or times) * 1000}
print(json.dumps(result))
"""

COOKIE_NAME = "from django.conf import settings; print(settings.SESSION_COOKIE_NAME)"
GOALS = "uncached article p50 at the largest size <= 1.5 x at the smallest; cold search p50 <= 30 ms and "
GOALS += "p99 <= 100 ms at 2 connections, p99 <= 1 s at 50 with 0 errors; admin pages <= 200 ms at "
GOALS += "5,000 and <= 500 ms at 50,000; worker memory <= 100 MB"


def wrk_row(port, connections, paths=None, path="/", headers=()):
    run = measure.wrk(port, path, connections, DURATION, headers=headers, paths=paths)
    return {k: run[k] for k in ("requests", "errors", "non_2xx_3xx", "p50_us", "p99_us", "rps")}


def measure_size(name, size, base_env, session_cookie):
    env, cleanup, stack = dict(base_env), [], contextlib.ExitStack()
    try:
        throwaway_database(name, env, cleanup)
        print(f"\n== {name}, {size} articles: migrating and generating", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "generate_bench_data", "--articles", str(size))
        pid_file = Path(tempfile.mkstemp(prefix="clinic-bench-", suffix=".pid")[1])
        cleanup.append(lambda: pid_file.unlink(missing_ok=True))
        server_env = env | {"GUNICORN_ACCESS_LOG": "", "GUNICORN_MAX_REQUESTS": "0"}
        port = stack.enter_context(
            servers.gunicorn(server_env, args=("--pid", str(pid_file)), ready_headers=measure.PROXIED)
        )
        cookie = [f"Cookie: {session_cookie}=bench"]
        sample = random.Random(3).sample(range(size), min(size, 5000))
        articles = [f"/articles/bench-article-{n}/" for n in sample]
        print("   searches, articles, home", flush=True)
        row = {
            "search 2 conn": wrk_row(port, 2, measure.SEARCHES, headers=cookie),
            "search 50 conn": wrk_row(port, 50, measure.SEARCHES, headers=cookie),
            "article uncached": wrk_row(port, 1, articles),
            "home rendered": wrk_row(port, 1, path="/", headers=cookie),
        }
        print("   admin pages", flush=True)
        out = manage(env, "shell", "-c", ADMIN_SCRIPT % json.dumps(ADMIN_PAGES), capture=True)
        row["admin"] = json.loads(out.strip().splitlines()[-1])
        workers = [w for w in measure.worker_memory(pid_file) if w["role"] == "worker"]
        row["worker_peak_mb"] = max(w["peak_rss_kb"] for w in workers) / 1024
        return row
    finally:
        stack.close()
        for step in reversed(cleanup):
            step()


def ms(us):
    return f"{us / 1000:.1f}"


def report(name, rows):
    """Print one database's table and return the goals it missed."""
    sizes = list(rows)
    print(f"\n{name}: " + ", ".join(f"{s:,} articles" for s in sizes))
    print(f"{'row':<34}" + "".join(f"{s:>22,}" for s in sizes))

    def line(label, cell):
        print(f"{label:<34}" + "".join(f"{cell(rows[s]):>22}" for s in sizes))

    for conn in (2, 50):
        key = f"search {conn} conn"
        line(
            f"cold search, {conn} conn p50/p99 ms",
            lambda r, k=key: f"{ms(r[k]['p50_us'])} / {ms(r[k]['p99_us'])}",
        )
        line(f"cold search, {conn} conn errors", lambda r, k=key: r[k]["errors"] + r[k]["non_2xx_3xx"])
    line("article, uncached p50 ms", lambda r: ms(r["article uncached"]["p50_us"]))
    line("home, rendered p50 ms", lambda r: ms(r["home rendered"]["p50_us"]))
    for page, _ in ADMIN_PAGES:
        line(f"{page} ms (queries)", lambda r, p=page: _admin_cell(r["admin"][p]))
    line("worker peak memory MB", lambda r: f"{r['worker_peak_mb']:.0f}")
    missed = []
    small, large = rows[sizes[0]], rows[sizes[-1]]
    ratio = large["article uncached"]["p50_us"] / max(small["article uncached"]["p50_us"], 1)
    print(f"uncached article p50, {sizes[-1]:,} / {sizes[0]:,}: {ratio:.2f} x (goal <= 1.5 x)")
    if ratio > 1.5:
        missed.append(f"{name}: uncached article grows {ratio:.2f} x")
    for size, r in rows.items():
        two, fifty = r["search 2 conn"], r["search 50 conn"]
        if two["p50_us"] > 30_000 or two["p99_us"] > 100_000:
            missed.append(f"{name} {size}: cold search at 2 conn {ms(two['p50_us'])}/{ms(two['p99_us'])} ms")
        failed = fifty["errors"] + fifty["non_2xx_3xx"] + two["errors"] + two["non_2xx_3xx"]
        if fifty["p99_us"] > 1_000_000 or failed:
            missed.append(
                f"{name} {size}: cold search at 50 conn p99 {ms(fifty['p99_us'])} ms, {failed} errors"
            )
        budget = 200 if size <= 5000 else 500
        for page, got in r["admin"].items():
            if got["status"] != 200 or got["ms"] > budget:
                missed.append(f"{name} {size}: {page} {got['ms']:.0f} ms, status {got['status']}")
        if r["worker_peak_mb"] > 100:
            missed.append(f"{name} {size}: worker peak {r['worker_peak_mb']:.0f} MB")
    return missed


def _admin_cell(got):
    status = "" if got["status"] == 200 else f" [{got['status']}]"
    return f"{got['ms']:.0f} ({got['queries']}){status}"


def main():
    measure.ensure_wrk()
    RESULTS_DIR.mkdir(exist_ok=True)
    base_env = production_env()
    manage(base_env, "collectstatic", "--noinput", "-v0")
    printed = manage(base_env, "shell", "-c", COOKIE_NAME, capture=True)
    session_cookie = printed.strip().splitlines()[-1]
    results, missed = {}, []
    for name in DATABASES:
        if name == "postgres" and not reachable("postgres"):
            print(
                f"SKIPPED: PostgreSQL (nothing answers at {os.environ.get('PG_URL', 'the default PG_URL')})"
            )
            continue
        results[name] = {size: measure_size(name, size, base_env, session_cookie) for size in SIZES}
    (RESULTS_DIR / "scale.json").write_text(json.dumps(results, indent=2))
    for name, rows in results.items():
        missed += report(name, rows)
    print(f"\nGoals: {GOALS}.")
    if missed:
        print("MISSED:\n  " + "\n  ".join(missed))
        sys.exit(1)
    print("Every goal met.")


if __name__ == "__main__":
    main()
