"""The bench's figures: medians with their spread, each run compared with the /healthz runs on either
side of it, and a failed request anywhere reported (bench/measure.py, bench/tables.py)."""

import pytest

from bench import measure, tables


def wrk_run(rps, p99_ms, errors=0):
    return {
        "rps": rps,
        "p50_us": p99_ms * 500,
        "p99_us": p99_ms * 1000,
        "errors": errors,
        "non_2xx_3xx": errors,
    }


def test_a_row_is_the_median_of_its_runs_with_the_spread_and_per_round_ratios():
    page = [wrk_run(900, 40), wrk_run(300, 120), wrk_run(950, 35)]
    healthz = [wrk_run(1000, 30)] * 4  # before the first page run and after each
    row = measure.summarise(page, healthz)
    assert (row["rps"], row["rps_min"], row["rps_max"]) == (900, 300, 950)
    assert (row["p99_us"], row["p99_us_min"], row["p99_us_max"]) == (40_000, 35_000, 120_000)
    assert round(row["ratio_to_healthz"], 2) == 0.90  # the ratios: 0.90, 0.30, 0.95
    assert (round(row["ratio_min"], 2), round(row["ratio_max"], 2)) == (0.30, 0.95)
    assert row["errors"] == 0 and row["healthz_errors"] == 0


def test_a_machine_that_slows_down_steadily_leaves_the_ratio_where_it_is():
    # Speed falls by a tenth each run: healthz 1000, page, healthz 800, page, healthz 600, ...
    # The page always serves 0.9 of /healthz. Compared with the healthz run after it alone, it
    # would read 1.01-1.13; with the runs on both sides it reads 0.90.
    speed = [1.0 - 0.1 * step for step in range(7)]
    healthz = [wrk_run(1000 * s, 30) for s in speed[0::2]]
    page = [wrk_run(900 * s, 40) for s in speed[1::2]]
    row = measure.summarise(page, healthz)
    assert (round(row["ratio_min"], 3), round(row["ratio_max"], 3)) == (0.9, 0.9)


def test_a_page_run_without_a_healthz_run_on_each_side_is_refused():
    with pytest.raises(ValueError, match="before and after"):
        measure.summarise([wrk_run(900, 40)] * 3, [wrk_run(1000, 30)] * 3)


def test_failed_requests_in_a_page_or_its_healthz_runs_fail_the_bench():
    clean = measure.summarise([wrk_run(900, 40)] * 3, [wrk_run(1000, 30)] * 4)
    healthz_with_errors = [wrk_run(1000, 30)] * 4
    healthz_with_errors[1] = wrk_run(1000, 30, errors=2)
    broken = measure.summarise([wrk_run(900, 40)] * 3, healthz_with_errors)
    run = {"database": "sqlite", "pages": {"home": clean, "article": broken}, "workers_replaced": []}
    assert tables.failures([run]) == ["sqlite: article (0 errors, 2 in its healthz runs)"]
    assert tables.failures([run | {"pages": {"home": clean}}]) == []


def test_the_home_page_beside_the_slow_clients_fails_the_bench_at_a_p99_of_one_second(capsys):
    def slow_row(p99_ms):
        row = measure.summarise([wrk_run(300, p99_ms)]) | {"p99_target_us": 1_000_000}
        return row | {"ratio_to_healthz": 0.3, "ratio_min": 0.3, "ratio_max": 0.3}

    run = {"database": "sqlite", "pages": {"home + 200 slow clients": slow_row(999)}, "workers_replaced": []}
    assert tables.failures([run]) == []
    run["pages"]["home + 200 slow clients"] = slow_row(1000)
    assert tables.failures([run]) == ["sqlite: home + 200 slow clients (p99 1000 ms, target < 1000 ms)"]
    tables.print_run(run | {"redis": False, "transfer": {}, "workers": []})
    out = capsys.readouterr().out.splitlines()
    line = next(line for line in out if line.startswith("home + 200 slow clients"))
    assert "1000.0 1000-1000" in line and line.endswith("p99 target < 1000 ms: MISSED")


def test_budgets_are_12_kb_for_an_article_and_15_kb_for_any_other_page():
    assert tables.budget("article") == 12_000
    assert tables.budget("faq") == tables.budget("self-check result") == 15_000
