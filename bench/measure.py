"""How bench/run.py measures one running server: wrk runs alternating with /healthz, medians and
their spread, a page's first-visit compressed transfer, and the gunicorn workers' memory.

A row producer (bench/run.py's ROW_PRODUCERS) gets a ``Run`` and calls ``run.measure(path, ...)``
for each row it adds; ``run.port`` is the app server's port.
"""

# A developer tool that starts the processes it measures: subprocess use is the point.
# ruff: noqa: S603, S607

import gzip
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
# Many short runs rather than a few long ones, in about the same time: the machine's speed drifts
# by 2-3x within minutes, and a page run compared with the /healthz runs seconds either side of it
# sees the same machine; the median of 7 ratios also shrugs off a slow stretch that 3 would not.
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
if ROUNDS < 3:
    raise SystemExit("BENCH_ROUNDS must be at least 3: one run of a page says little on a shared machine")

PROXIED = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front sends it
SELFCHECK = "/self-check/"
SELFCHECK_RESULT = "/self-check/result/"

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


@dataclass
class Form:
    """A filled-in self-check form with its CSRF cookie, as a browser sends it."""

    body: str
    headers: dict


def request(port, path, headers=None, form=None):
    """(status, {lower-case header: value}, body) of one GET, or of the form's POST."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        method, body = ("POST", form.body) if form else ("GET", None)
        extra = form.headers if form else {}
        headers = {"Host": "127.0.0.1", **PROXIED, **extra, **(headers or {})}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def wrk(port, path, connections, duration, headers=(), paths=None, form=None):
    """One wrk run against ``path`` (or through ``paths`` in turn, or POSTing ``form``)."""
    env = dict(os.environ)
    headers = list(headers)
    with tempfile.NamedTemporaryFile("w", prefix="clinic-bench-paths-", suffix=".txt") as paths_file:
        if paths:
            paths_file.write("\n".join(paths) + "\n")
            paths_file.flush()
            env["BENCH_PATHS"] = paths_file.name
        if form:
            env |= {"BENCH_METHOD": "POST", "BENCH_BODY": form.body}
            headers += [f"{name}: {value}" for name, value in form.headers.items()]
        extra = [arg for header in headers for arg in ("-H", header)]
        out = subprocess.run(
            ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s",
             "--timeout", "10s", *extra, "-s", str(BENCH_DIR / "report.lua"), f"http://127.0.0.1:{port}{path}"],
            check=True, capture_output=True, text=True, env=env,
        ).stdout  # fmt: skip
    result = json.loads(re.search(r"^BENCH (.*)$", out, re.M).group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    # wrk stops with requests still queued in gunicorn (at 50 connections of uncached searches,
    # ~0.4 s of work): let them finish, so the next run does not start behind them.
    time.sleep(2)
    return result


def summarise(runs, healthz_runs=None):
    """Medians of the runs with their spread (min, max), and each run's ratio to the /healthz runs
    just before and after it (``healthz_runs`` has one more run than ``runs``: they bracket them)."""
    summary = {"runs": runs, "errors": sum(r["errors"] for r in runs)}
    summary["non_2xx_3xx"] = sum(r["non_2xx_3xx"] for r in runs)
    for key in ("rps", "p50_us", "p99_us"):
        values = [r[key] for r in runs]
        summary |= {key: statistics.median(values), f"{key}_min": min(values), f"{key}_max": max(values)}
    if healthz_runs is not None:
        if len(healthz_runs) != len(runs) + 1:
            raise ValueError("each page run needs a /healthz run before and after it")
        ratios = [
            page["rps"] / statistics.mean((before["rps"], after["rps"]))
            for page, before, after in zip(runs, healthz_runs, healthz_runs[1:], strict=False)
        ]
        summary |= {"healthz_runs": healthz_runs, "healthz_errors": sum(h["errors"] for h in healthz_runs)}
        summary |= {"ratio_to_healthz": statistics.median(ratios)}
        summary |= {"ratio_min": min(ratios), "ratio_max": max(ratios)}
    return summary


class Run:
    """The measurements of one database's running server."""

    def __init__(self, port, queries):
        self.port = port
        self.queries = queries
        self.healthz_runs = []  # every /healthz run at CONNECTIONS and DURATION, for the healthz row
        self.rows = {}  # {row name: result} as the producers add them

    def page(self, name, path, form=None):
        """What a row says about the page itself: its address, HTML size and SQL counts."""
        status, _, body = request(self.port, path, form=form)
        assert status == 200, (name, path, status)
        return {"path": path, "html_bytes": len(body), "queries": self.queries.get(name)}

    def measure(
        self, path, *, connections=CONNECTIONS, duration=DURATION, port=None, healthz="/healthz", **how
    ):
        """ROUNDS runs of ``path`` between ``healthz`` runs at the same load: healthz, page, healthz, ...
        page, healthz, so that every page run has a /healthz run on each side.

        ``how`` is passed to wrk(): headers=[...], paths=[...] (gone through in turn) or form=Form.
        ``port`` measures another server (e.g. a proxy in front), ``healthz`` there too."""
        port = port or self.port
        load = f"{connections} connections, {duration} s"
        print(f"   {path}: {ROUNDS} x ({load}) between {healthz} runs", flush=True)
        runs, healthz_runs = [], [wrk(port, healthz, connections, duration)]
        for _ in range(ROUNDS):
            runs.append(wrk(port, path, connections, duration, **how))
            healthz_runs.append(wrk(port, healthz, connections, duration))
        if (connections, duration, port) == (CONNECTIONS, DURATION, self.port):
            self.healthz_runs += healthz_runs
        return summarise(runs, healthz_runs)

    def healthz_summary(self):
        return (
            {"path": "/healthz", "html_bytes": None, "queries": {"rendered": 0, "cached": 0}}
            | summarise(self.healthz_runs)
            | {"ratio_to_healthz": 1.0, "ratio_min": 1.0, "ratio_max": 1.0}
        )

    def selfcheck_form(self):
        """The self-check form answered "no" throughout, as a browser posts it (with a CSRF cookie and
        token if the form ever carries one again)."""
        status, got_headers, body = request(self.port, SELFCHECK)
        assert status == 200, status
        html = body.decode()
        answers = dict.fromkeys(sorted(set(re.findall(r'name="(q_\d+)"', html))), "no")
        fields = answers | {"questions_to_ask": "How long is a session?"}
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Host": "127.0.0.1",  # as in Origin: wrk would add the port, and the CSRF check refuse it
            "Origin": "https://127.0.0.1",
            "Referer": "https://127.0.0.1" + SELFCHECK,
        } | ({"Cookie": got_headers["set-cookie"].split(";", 1)[0]} if "set-cookie" in got_headers else {})
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if token:  # the CSRF cookie and its token, when the form carries one
            fields = {"csrfmiddlewaretoken": token.group(1)} | fields
        return Form(urlencode(fields), headers)

    def first_visit(self, path, form=None, status=200):
        """A first visit's transfer: the HTML as sent to a browser that takes gzip and Brotli (gzip -9
        by the bench when the app sent it uncompressed), plus every stylesheet and script it links,
        as whitenoise serves them. Images are not counted."""
        got, _, html = request(self.port, path, form=form)
        assert got == status, (path, got)
        got, headers, sent = request(self.port, path, {"Accept-Encoding": "gzip, br"}, form=form)
        encoding = headers.get("content-encoding")
        html_sent = len(sent) if encoding else len(gzip.compress(html, compresslevel=9, mtime=0))
        text = html.decode()
        assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text) + re.findall(
            r'<script[^>]+src="([^"]+)"', text
        )
        assets_bytes = 0
        for url in assets:
            got, _, body = request(self.port, url, {"Accept-Encoding": "br, gzip"})
            assert got == 200, url
            assets_bytes += len(body)
        return {
            "path": path,
            "html_bytes": len(html),
            "html_sent": html_sent,
            "html_compressed_by": f"app ({encoding})" if encoding else "bench (gzip -9)",
            "assets": assets,
            "css_js_compressed": assets_bytes,
            "total_compressed": html_sent + assets_bytes,
        }


def worker_memory(pid_file):
    """Peak and current memory of gunicorn's master and each worker (from /proc)."""
    master = int(Path(pid_file).read_text().strip())
    pids = [master] + sorted(
        int(status.parent.name)
        for status in Path("/proc").glob("[0-9]*/status")
        if _field(status, "PPid") == str(master)
    )
    memory = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            pss = int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
        except (OSError, AttributeError):
            pss = None
        memory.append({
            "pid": pid,
            "role": "master" if pid == master else "worker",
            "peak_rss_kb": int(_field(status, "VmHWM").split()[0]),
            "rss_kb": int(_field(status, "VmRSS").split()[0]),
            "pss_kb": pss,
        })  # fmt: skip
    return memory


def _field(status_file, name):
    try:
        text = status_file.read_text()
    except OSError:  # the process ended meanwhile
        return None
    match = re.search(rf"^{name}:\s*(.*)$", text, re.M)
    return match and match.group(1).strip()
