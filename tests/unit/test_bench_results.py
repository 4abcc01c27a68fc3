"""The benchmark's reading of wrk's reports and its results file (no network, no processes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import load_settings
from bench.edge import EdgeMeasurement, Measured, edge_figures, measure_rounds
from bench.results import FIELDS, Figure, merge_results, read_results, write_results
from bench.wrk import (
    LoadSettings,
    SocketErrors,
    WrkOutputError,
    WrkResult,
    milliseconds,
    parse_wrk_output,
)

# Reports of wrk 4.1.0 (Debian), captured on this project's machines.

# The edge under load with a valid channel token.
EDGE_RUN = """\
Running 6s test @ http://127.0.0.1:38077/v1/doctors/D100101
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    11.71ms   11.70ms 177.46ms   96.13%
    Req/Sec     3.04k   567.23     3.96k    78.33%
  Latency Distribution
     50%    9.60ms
     75%   12.97ms
     90%   17.23ms
     99%   63.84ms
  18246 requests in 6.03s, 4.58MB read
Requests/sec:   3025.17
Transfer/sec:    776.97KB
"""

# One connection to the direct-response Envoy: the fast percentiles come in microseconds.
ONE_CONNECTION_RUN = """\
Running 2s test @ http://127.0.0.1:18081/
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   630.55us    1.09ms   9.15ms   86.55%
    Req/Sec     5.03k     3.90k   10.73k    76.19%
  Latency Distribution
     50%  121.00us
     75%  522.00us
     90%    2.19ms
     99%    4.95ms
  10500 requests in 2.10s, 1.34MB read
Requests/sec:   4993.50
Transfer/sec:    653.45KB
"""

# A server taking 1.3 s per answer; wrk pads the seconds with a space.
SLOW_RUN = "\n".join(
    (
        "Running 4s test @ http://127.0.0.1:18091/",
        "  1 threads and 8 connections",
        "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
        "    Latency     1.30s   174.97us   1.30s    58.33%",
        "    Req/Sec     6.00      0.00     6.00    100.00%",
        "  Latency Distribution",
        "     50%    1.30s ",
        "     75%    1.30s ",
        "     90%    1.30s ",
        "     99%    1.30s ",
        "  24 requests in 4.01s, 0.94KB read",
        "Requests/sec:      5.98",
        "Transfer/sec:     239.27B",
        "",
    )
)

# The edge under load with a token whose signature was tampered with: every answer is 401.
EDGE_REFUSED_RUN = """\
Running 2s test @ http://127.0.0.1:34699/v1/doctors/D100101
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.80ms    5.88ms  45.53ms   86.13%
    Req/Sec     3.90k   369.78     4.63k    71.43%
  Latency Distribution
     50%    6.80ms
     75%   10.65ms
     90%   16.06ms
     99%   31.71ms
  8145 requests in 2.10s, 3.54MB read
  Non-2xx or 3xx responses: 8145
Requests/sec:   3874.33
Transfer/sec:      1.68MB
"""

# Bare Envoy whose upstream is down: 503 for every request.
UPSTREAM_DOWN_RUN = """\
Running 2s test @ http://127.0.0.1:18083/
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.38ms    1.54ms  12.86ms   78.13%
    Req/Sec     5.94k     0.86k    7.19k    80.00%
  Latency Distribution
     50%    5.20ms
     75%    6.12ms
     90%    7.16ms
     99%   10.21ms
  11874 requests in 2.02s, 2.63MB read
  Non-2xx or 3xx responses: 11874
Requests/sec:   5890.88
Transfer/sec:      1.30MB
"""

# A server slower than wrk's --timeout 1s.
TIMED_OUT_RUN = """\
Running 2s test @ http://127.0.0.1:18091/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec    14.50     20.51    29.00    100.00%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  4 requests in 2.00s, 160.00B read
  Socket errors: connect 0, read 0, write 0, timeout 4
Requests/sec:      2.00
Transfer/sec:      79.84B
"""

# A server closing every connection as soon as a request arrives.
CLOSED_RUN = """\
Running 2s test @ http://127.0.0.1:18092/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 2.01s, 0.00B read
  Socket errors: connect 0, read 3494, write 0, timeout 0
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def test_a_clean_run_gives_its_rate_count_and_percentiles_with_no_problem() -> None:
    result = parse_wrk_output(EDGE_RUN)
    assert result.requests_per_second == 3025.17
    assert result.requests == 18246
    assert result.duration_seconds == pytest.approx(6.03)
    assert result.latency_ms == {50.0: 9.60, 75.0: 12.97, 90.0: 17.23, 99.0: 63.84}
    assert result.p99_latency_ms == 63.84
    assert result.non_2xx_or_3xx == 0
    assert result.socket_errors == SocketErrors()
    assert result.problems() == []


def test_microseconds_are_read_as_thousandths_of_a_millisecond() -> None:
    result = parse_wrk_output(ONE_CONNECTION_RUN)
    assert result.latency_ms[50.0] == pytest.approx(0.121)
    assert result.latency_ms[75.0] == pytest.approx(0.522)
    assert result.latency_ms[90.0] == pytest.approx(2.19)
    assert result.p99_latency_ms == pytest.approx(4.95)


def test_seconds_are_read_as_thousands_of_milliseconds() -> None:
    result = parse_wrk_output(SLOW_RUN)
    assert result.p99_latency_ms == pytest.approx(1300.0)
    assert result.requests_per_second == 5.98
    assert result.duration_seconds == pytest.approx(4.01)


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        ("250.00", "us", 0.25),
        ("41.51", "ms", 41.51),
        ("1.30", "s", 1300.0),
        ("1.50", "m", 90_000.0),
        ("1.00", "h", 3_600_000.0),
    ],
)
def test_every_wrk_time_unit_converts_to_milliseconds(
    amount: str, unit: str, expected: float
) -> None:
    assert milliseconds(amount, unit) == pytest.approx(expected)


def test_an_unknown_time_unit_is_refused() -> None:
    with pytest.raises(WrkOutputError, match="ns"):
        milliseconds("3", "ns")


def test_the_thread_stats_latency_is_not_taken_for_a_percentile() -> None:
    # "Latency 1.30s 174.97us 1.30s 58.33%" must not add a 58.33rd percentile.
    assert set(parse_wrk_output(SLOW_RUN).latency_ms) == {50.0, 75.0, 90.0, 99.0}


@pytest.mark.parametrize(
    ("output", "count"), [(EDGE_REFUSED_RUN, 8145), (UPSTREAM_DOWN_RUN, 11874)]
)
def test_error_responses_make_a_run_unfit_to_report(output: str, count: int) -> None:
    result = parse_wrk_output(output)
    assert result.non_2xx_or_3xx == count
    assert result.problems() == [f"{count} responses with status 400 or above"]


def test_timeouts_make_a_run_unfit_to_report() -> None:
    result = parse_wrk_output(TIMED_OUT_RUN)
    assert result.socket_errors == SocketErrors(timeout=4)
    assert result.problems() == ["socket errors: connect 0, read 0, write 0, timeout 4"]


def test_read_errors_and_no_completed_request_are_both_reported() -> None:
    result = parse_wrk_output(CLOSED_RUN)
    assert result.socket_errors == SocketErrors(read=3494)
    assert result.requests == 0
    assert result.problems() == [
        "no request completed",
        "socket errors: connect 0, read 3494, write 0, timeout 0",
    ]


def test_a_report_without_the_latency_distribution_is_refused() -> None:
    distribution = EDGE_RUN[EDGE_RUN.index("  Latency Distribution") : EDGE_RUN.index("  18246")]
    without_latency = EDGE_RUN.replace(distribution, "")
    with pytest.raises(WrkOutputError, match="--latency"):
        parse_wrk_output(without_latency)


def test_an_aborted_run_is_refused() -> None:
    with pytest.raises(WrkOutputError):
        parse_wrk_output("unable to connect to 127.0.0.1:18099 Connection refused\n")


def _figure(name: str, value: float, measured_at: str = "2026-11-29T16:00:00Z") -> Figure:
    return Figure(
        name=name,
        value=value,
        unit="requests/s",
        baseline=None,
        ratio=None,
        target=None,
        measured_at=measured_at,
        machine="2 CPUs (AMD EPYC)",
    )


def test_merging_replaces_entries_of_the_same_name_and_keeps_the_others() -> None:
    existing = [
        {"name": "payment.callbacks_per_second", "value": 900.0, "note": "from another issue"},
        {"name": "edge.requests_per_second", "value": 1.0, "measured_at": "old"},
    ]
    merged = merge_results(
        existing, [_figure("edge.requests_per_second", 3025.2), _figure("bare.p99", 9.6)]
    )
    assert [entry["name"] for entry in merged] == [
        "bare.p99",
        "edge.requests_per_second",
        "payment.callbacks_per_second",
    ]
    assert merged[1] == _figure("edge.requests_per_second", 3025.2).as_entry()
    assert merged[2] == existing[0]


def test_the_results_file_is_rewritten_with_stable_keys_and_keeps_other_figures(
    tmp_path: Path,
) -> None:
    path = tmp_path / "results.json"
    write_results(path, [_figure("registry.xds_push_ms", 120.0)])
    write_results(path, [_figure("edge.requests_per_second", 3025.2)])
    write_results(path, [_figure("edge.requests_per_second", 2900.0, "2026-11-30T08:00:00Z")])

    text = path.read_text(encoding="utf-8")
    entries = json.loads(text)
    assert [entry["name"] for entry in entries] == [
        "edge.requests_per_second",
        "registry.xds_push_ms",
    ]
    assert entries[0]["value"] == 2900.0
    assert entries[0]["measured_at"] == "2026-11-30T08:00:00Z"
    assert all(tuple(entry) == FIELDS for entry in entries)
    assert text == json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
    assert read_results(path) == entries


def test_a_results_file_that_is_not_a_list_of_figures_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text('{"edge.requests_per_second": 3025.2}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a list"):
        read_results(path)


def _run(rate: float, p99: float, requests: int = 1000) -> WrkResult:
    return WrkResult(
        requests=requests,
        duration_seconds=8.0,
        requests_per_second=rate,
        latency_ms={99.0: p99},
        non_2xx_or_3xx=0,
        socket_errors=SocketErrors(),
    )


def test_each_figure_is_compared_with_its_baseline_from_the_same_run() -> None:
    measurement = EdgeMeasurement(
        upstream=_run(16000.0, 4.0),
        bare=_run(6000.0, 12.0),
        edge=_run(3000.0, 30.0, requests=23990),
        edge_signature=_run(1500.0, 60.0),
        edge_policy_only=_run(5400.0, 14.0),
        bare_routes=_run(5000.0, 13.0),
        edge_token_only=_run(5700.0, 12.5),
        edge_token_logged=_run(4800.0, 15.0),
        edge_signature_policy_only=_run(2100.0, 20.0),
        edge_answered=24000,
        access_log_rows_stored=18000,
        access_log_settled=True,
        cpu_seconds={
            "bare": {"envoy": 0.1},
            "bare_routes": {"envoy": 0.125},
            "edge_token_only": {"envoy": 0.1125},
            "edge_token_logged": {"envoy": 0.16},
            "edge_signature_policy_only": {"envoy": 0.15, "identity": 0.25},
            "edge_policy_only": {"envoy": 0.2},
            "edge": {"envoy": 4.0},
            "edge_signature": {"envoy": 0.2, "identity": 0.3},
        },
    )
    figures = {f.name: f for f in edge_figures(measurement, "2026-11-29T16:00:00Z", "test box")}

    edge_rate = figures["edge.requests_per_second"]
    assert (edge_rate.value, edge_rate.baseline, edge_rate.ratio) == (3000.0, 6000.0, 0.5)
    edge_p99 = figures["edge.p99_latency_ms"]
    assert (edge_p99.value, edge_p99.baseline, edge_p99.ratio) == (30.0, 12.0, 2.5)
    assert edge_rate.target == 0.8
    signed = figures["edge_signature.requests_per_second"]
    assert (signed.value, signed.baseline, signed.ratio, signed.target) == (
        1500.0,
        6000.0,
        0.25,
        0.3,
    )
    signed_p99 = figures["edge_signature.p99_latency_ms"]
    assert (signed_p99.value, signed_p99.baseline, signed_p99.ratio) == (60.0, 12.0, 5.0)
    # The edge taken apart, beside bare Envoy: the floor under it (the token check alone, then
    # with the access logs), and every check without the logs, which carries the identity
    # issue's targets.
    taken_apart = {
        name: (figures[name].value, figures[name].ratio, figures[name].target)
        for name in (
            "edge_token_only.requests_per_second",
            "edge_token_logged.requests_per_second",
            "edge_token_logged.p99_latency_ms",
            "edge_policy_only.requests_per_second",
            "edge_signature_policy_only.requests_per_second",
        )
    }
    assert taken_apart == {
        "edge_token_only.requests_per_second": (5700.0, 0.95, None),
        "edge_token_logged.requests_per_second": (4800.0, 0.8, None),
        "edge_token_logged.p99_latency_ms": (15.0, 1.25, None),
        "edge_policy_only.requests_per_second": (5400.0, 0.9, 0.8),
        "edge_signature_policy_only.requests_per_second": (2100.0, 0.35, 0.3),
    }
    against_routes = figures["edge_vs_bare_routes.requests_per_second"]
    assert (against_routes.baseline, against_routes.ratio) == (5000.0, 0.6)
    bare_rate = figures["bare.requests_per_second"]
    assert (bare_rate.baseline, bare_rate.ratio) == (16000.0, 0.375)
    assert figures["upstream.requests_per_second"].baseline is None
    # Per CPU-second of the enforcing processes: bare Envoy 1,000 requests in 0.1 s. For
    # reading only: the targets are on requests/s.
    per_cpu = {
        name: (figure.value, figure.baseline, figure.ratio, figure.target)
        for name, figure in figures.items()
        if name.endswith(".requests_per_cpu_second")
    }
    assert per_cpu == {
        "bare.requests_per_cpu_second": (10000.0, None, None, None),
        "bare_routes.requests_per_cpu_second": (8000.0, 10000.0, 0.8, None),
        "edge_token_only.requests_per_cpu_second": (8888.9, 10000.0, 0.889, None),
        "edge_token_logged.requests_per_cpu_second": (6250.0, 10000.0, 0.625, None),
        "edge_policy_only.requests_per_cpu_second": (5000.0, 10000.0, 0.5, None),
        "edge_signature_policy_only.requests_per_cpu_second": (2500.0, 10000.0, 0.25, None),
        "edge.requests_per_cpu_second": (5997.5, 10000.0, 0.6, None),
        # identity's signature checks count with the edge's Envoy: 1,000 in 0.5 s.
        "edge_signature.requests_per_cpu_second": (2000.0, 10000.0, 0.2, None),
    }
    completeness = figures["edge.access_log_completeness"]
    assert (completeness.value, completeness.unit) == (0.75, "ratio")
    stored = figures["edge.access_log_rows_stored"]
    assert (stored.value, stored.baseline, stored.ratio) == (18000, 24000, 0.75)


def test_rounds_measure_each_target_in_turn_and_keep_its_median_run() -> None:
    order: list[str] = []

    def target(name: str, rates: list[float]) -> Measured:
        left = iter(rates)

        def run() -> WrkResult:
            order.append(name)
            return _run(next(left), 5)

        return Measured(name, {}, lambda: order.append(f"warm {name}"), run)

    settings = LoadSettings(seconds=8, warmup_seconds=0, repeats=3)
    cpu: dict[str, dict[str, float]] = {"bare": {}}
    kept = measure_rounds(
        settings, [target("bare", [9000.0, 3000.0, 6000.0]), target("edge", [1, 2, 3])], cpu
    )
    # One slow run (something else busy on the machine) and one fast: the middle one is kept.
    assert kept["bare"].requests_per_second == 6000.0
    assert kept["edge"].requests_per_second == 2
    # Each warmed up once, then measured in turn, round after round.
    assert order == ["warm bare", "warm edge", *["bare", "edge"] * 3]
    assert cpu == {"bare": {}}


def test_durations_come_from_the_environment_within_bounds() -> None:
    assert load_settings({}).seconds == 8
    assert load_settings({}).repeats == 5
    assert load_settings({"WAILIAN_BENCH_REPEATS": "1"}).repeats == 1
    with pytest.raises(ValueError, match="WAILIAN_BENCH_REPEATS=0 is outside 1-9 runs"):
        load_settings({"WAILIAN_BENCH_REPEATS": "0"})
    settings = load_settings({"WAILIAN_BENCH_SECONDS": "3", "WAILIAN_BENCH_WARMUP_SECONDS": "0"})
    assert (settings.seconds, settings.warmup_seconds) == (3, 0)
    with pytest.raises(ValueError, match="WAILIAN_BENCH_SECONDS=0"):
        load_settings({"WAILIAN_BENCH_SECONDS": "0"})
    with pytest.raises(ValueError, match="whole number"):
        load_settings({"WAILIAN_BENCH_SECONDS": "8s"})
