"""`make bench` rows through nginx (deploy/nginx/, started by scripts/proxy.py): pages over TLS, and
the home page while 200 slow clients (scripts/proxy.slow_clients: 100 sending a GET's headers and
100 a self-check POST's body, a byte a second) keep their requests coming for the whole run.

Called from bench/run.py with the running gunicorn's port; returns rows shaped like its own
(req/s, p50/p99, errors, and the SQL and HTML columns of the page they load). The slow-client row
carries its p99 target (issue 16: under 1 s), which bench/tables.py prints beside the figure and
counts as a failure when missed, and what the slow clients did.
"""

# A developer tool that starts the processes it measures: subprocess use is the point.
# ruff: noqa: S603, S607

import json
import re
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))
from scripts import proxy  # noqa: E402

THROUGH_PROXY = ["home", "article", "healthz"]
SLOW_CLIENTS = 200
P99_TARGET_US = 1_000_000  # normal visitors' p99 beside the slow clients must stay under 1 s


def _wrk_https(front, path, connections, duration):
    out = subprocess.run(
        ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s",
         "--timeout", "10s", "-s", str(BASE_DIR / "bench" / "report.lua"), f"https://127.0.0.1:{front.https_port}{path}"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    result = json.loads(re.search(r"^BENCH (.*)$", out, re.M).group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    time.sleep(2)  # let queued requests finish before the next run
    return result


def rows(app_port, pages, connections, duration):
    """{row name: result} for pages through the proxy and for the slow-client run."""
    proxy.ensure_nginx()
    results = {}
    with proxy.nginx(app_port) as front:
        for page in THROUGH_PROXY:
            print(f"   {page} through nginx (TLS): {connections} connections for {duration} s")
            results[f"{page} via nginx"] = dict(pages[page]) | _wrk_https(
                front, pages[page]["path"], connections, duration
            )
        print(
            f"   home through nginx with {SLOW_CLIENTS} slow clients (headers or a POST body, 1 byte/s): "
            f"{connections} connections, p99 target < {P99_TARGET_US / 1e6:g} s"
        )
        with proxy.slow_clients(front, count=SLOW_CLIENTS, limit=duration + 60) as slow:
            measured = _wrk_https(front, pages["home"]["path"], connections, duration)
        row = dict(pages["home"], path=f"/ + {SLOW_CLIENTS} slow clients") | measured
        row |= {"slow_clients": dict(slow, count=SLOW_CLIENTS), "p99_target_us": P99_TARGET_US}
        results[f"home + {SLOW_CLIENTS} slow clients"] = row
    return results
