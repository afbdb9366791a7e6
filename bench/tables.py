"""The tables bench/run.py prints for each database: rows under load, first-visit transfer against
the budgets, gunicorn's memory; and which rows had failed requests or missed their p99 target."""

from bench import measure

KB = 1000  # decimal, as tests/test_page_weight.py counts
ARTICLE_BUDGET = 12 * KB
PAGE_BUDGET = 15 * KB


def _spread(low, high, digits=0, scale=1.0):
    return f"{low * scale:.{digits}f}-{high * scale:.{digits}f}"


def print_run(run):
    title = f"{run['database']}{' + Redis' if run['redis'] else ''}"
    print(
        f"\n{title}: {measure.CONNECTIONS} connections, {measure.ROUNDS} runs of {measure.DURATION} s "
        "per row, each between two /healthz runs; median (min-max)"
    )
    header = (
        f"{'page':<26}{'req/s':>7} {'(min-max)':<12}{'p50 ms':>7}{'p99 ms':>8} {'(min-max)':<12}"
        f"{'x healthz':>9} {'(min-max)':<10}{'errors':>7}{'SQL':>7}{'HTML B':>8}"
    )
    print(header)
    print("-" * len(header))
    for page, r in run["pages"].items():
        queries = r.get("queries") or {}
        sql = f"{queries.get('rendered', '?')}/{queries.get('cached', '?')}"
        errors = r["errors"] + r.get("healthz_errors", 0)
        html = "" if r.get("html_bytes") is None else r["html_bytes"]
        p99_spread = _spread(r["p99_us_min"], r["p99_us_max"], 0, 1e-3)
        print(
            f"{page:<26}{r['rps']:>7.0f} {_spread(r['rps_min'], r['rps_max']):<12}"
            f"{r['p50_us'] / 1000:>7.1f}{r['p99_us'] / 1000:>8.1f} {p99_spread:<12}"
            f"{r['ratio_to_healthz']:>9.2f} {_spread(r['ratio_min'], r['ratio_max'], 2):<10}"
            f"{errors:>7}{sql:>7}{html:>8}{_target(r)}"
        )
    print("SQL = queries per request when rendered / from the cache; errors include the healthz runs")
    for page, r in run["pages"].items():
        if "slow_clients" in r:
            print(f"{page}: {_slow_clients(r['slow_clients'])}")
    print_transfer(run["transfer"])
    if "staff" in run:
        print_staff(run["staff"])
    print_workers(run)


def missed_target(row):
    return "p99_target_us" in row and row["p99_us"] >= row["p99_target_us"]


def _target(row):
    if "p99_target_us" not in row:
        return ""
    return f"  p99 target < {row['p99_target_us'] / 1000:.0f} ms: {'MISSED' if missed_target(row) else 'met'}"


def _slow_clients(s):
    """What the slow clients did during the run (scripts/proxy.slow_clients)."""
    cut = ", ".join(f"{n} x {why}" for why, n in s.get("cut_off", {}).items()) or "none"
    return (
        f"{s['count']} slow clients, half sending headers and half a POST body a byte a second: "
        f"{s.get('open_min', '?')}-{s.get('open_max', '?')} connections open during the "
        f"{s.get('window_s', '?')} s run, {s.get('held_throughout', '?')} held one connection throughout; "
        f"{s['connected']} connections made, {s['refused']} refused; "
        f"cut off by nginx (then connected again): {cut}"
    )


def budget(page):
    return ARTICLE_BUDGET if page == "article" else PAGE_BUDGET


def print_transfer(transfer):
    print(f"\nfirst visit, compressed (HTML + linked CSS/JS; images not counted; KB = {KB} B)")
    header = f"{'page':<20}{'HTML B':>8}{'HTML sent':>11}  {'compressed by':<16}{'CSS/JS':>8}"
    header += f"{'total':>10}{'budget':>9}"
    print(header)
    print("-" * len(header))
    for page, t in transfer.items():
        limit = budget(page)
        verdict = "ok" if t["total_compressed"] <= limit else "OVER"
        print(
            f"{page:<20}{t['html_bytes']:>8}{t['html_sent']:>11}  {t['html_compressed_by']:<16}"
            f"{t['css_js_compressed']:>8}{t['total_compressed'] / KB:>7.1f} KB{limit / KB:>5.0f} KB {verdict}"
        )


def print_staff(s):
    """Staff saves under the staff load (bench/staff_load.py)."""
    counts = s["counts"]
    refused = counts.get("save refused: someone saved first", 0)
    print(f"\nstaff under load: 5 Editors saving, a reviewer approving, {s['duration_s']:g} s")
    print(
        f"staff save: {s['saves']} saves, p50 {s['save_p50_us'] / 1000:.0f} ms, "
        f"p99 {s['save_p99_us'] / 1000:.0f} ms; refused (someone saved first) {refused}; "
        f"approvals {counts.get('approve answered', 0)}; 5xx {s['server_errors']}; "
        f"reported saved but not stored {len(s['missing_saves'])}"
    )


def print_workers(run):
    print("\ngunicorn memory after the runs (workers not recycled during the bench)")
    print(f"{'process':<10}{'pid':>8}{'peak RSS MB':>13}{'RSS MB':>9}{'PSS MB':>9}")
    for w in run["workers"]:
        pss = "" if w["pss_kb"] is None else f"{w['pss_kb'] / 1024:.1f}"
        peak, rss = w["peak_rss_kb"] / 1024, w["rss_kb"] / 1024
        print(f"{w['role']:<10}{w['pid']:>8}{peak:>13.1f}{rss:>9.1f}{pss:>9}")
    if run["workers_replaced"]:
        print(f"workers replaced during the runs (a crash or timeout): {run['workers_replaced']}")


def failures(runs):
    """Rows with failed requests (connect/read/write errors, timeouts, non-2xx/3xx), page or healthz,
    and rows that missed their p99 target (the home page beside the slow clients)."""
    rows = [
        f"{run['database']}: {page} ({r['errors']} errors, {r.get('healthz_errors', 0)} in its healthz runs)"
        for run in runs
        for page, r in run["pages"].items()
        if r["errors"] or r.get("healthz_errors")
    ]
    rows += [
        f"{run['database']}: {page} (p99 {r['p99_us'] / 1000:.0f} ms, "
        f"target < {r['p99_target_us'] / 1000:.0f} ms)"
        for run in runs
        for page, r in run["pages"].items()
        if missed_target(r)
    ]
    rows += [
        f"{run['database']}: staff load ({run['staff']['server_errors']} x 5xx, "
        f"{len(run['staff']['missing_saves'])} saves reported but not stored)"
        for run in runs
        if "staff" in run and (run["staff"]["server_errors"] or run["staff"]["missing_saves"])
    ]
    return rows + [
        f"{run['database']}: workers replaced {run['workers_replaced']}"
        for run in runs
        if run["workers_replaced"]
    ]
