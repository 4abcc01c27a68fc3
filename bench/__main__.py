"""`python -m bench` (`make bench`): every benchmark; figures printed and kept in results.json."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import grpc
import psycopg

from bench.console import SERVICES as CONSOLE_SERVICES
from bench.console import console_list_figures
from bench.edge import BASELINE_NAMES, run_edge_benchmark
from bench.monitor import BASELINE_NAMES as MONITOR_BASELINE_NAMES
from bench.monitor import bench_rows, monitor_figures
from bench.registry import CHANNELS, SERVICES, snapshot_build_figures
from bench.results import (
    RESULTS_PATH,
    Figure,
    format_table,
    machine_description,
    ratio,
    write_results,
)
from bench.wrk import LoadSettings, wrk_binary

ROOT = Path(__file__).resolve().parents[1]
RAW_OUTPUT_DIR = Path(__file__).resolve().parent / "out"
BUILD_OUTPUTS = (ROOT / "build" / "wailian.pb", ROOT / "web" / "dist" / "index.html")


def _seconds(
    env: Mapping[str, str],
    name: str,
    default: int,
    lowest: int,
    highest: int,
    unit: str = "seconds",
) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a whole number of {unit}") from None
    if not lowest <= value <= highest:
        raise ValueError(f"{name}={value} is outside {lowest}-{highest} {unit}")
    return value


def load_settings(env: Mapping[str, str]) -> LoadSettings:
    """Durations from WAILIAN_BENCH_SECONDS and WAILIAN_BENCH_WARMUP_SECONDS, and how many
    times each measured run is made (WAILIAN_BENCH_REPEATS), bounded."""
    return LoadSettings(
        seconds=_seconds(env, "WAILIAN_BENCH_SECONDS", 8, 1, 300),
        warmup_seconds=_seconds(env, "WAILIAN_BENCH_WARMUP_SECONDS", 2, 0, 60),
        repeats=_seconds(env, "WAILIAN_BENCH_REPEATS", 5, 1, 9, unit="runs"),
    )


def _interrupt_once(signum: int, frame: FrameType | None) -> None:
    # Ctrl-C and SIGTERM become KeyboardInterrupt so that every `finally` stops what the
    # benchmark started; a second signal must not cut that clean-up short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def ingest_against_edge(figures: list[Figure], measured_at: str, machine: str) -> Figure:
    """Monitor must store what the edge can send: its ingest rate beside the edge's own
    full-policy rate, both measured in this run (the monitor issue asks for at least 1)."""
    by_name = {figure.name: figure.value for figure in figures}
    ingest = by_name["monitor.ingest_entries_per_second"]
    edge = by_name["edge.requests_per_second"]
    return Figure(
        name="monitor.ingest_vs_edge_requests_per_second",
        value=ingest,
        unit="entries/s",
        baseline=edge,
        ratio=ratio(ingest, edge),
        target=1.0,
        measured_at=measured_at,
        machine=machine,
    )


def main() -> int:
    signal.signal(signal.SIGINT, _interrupt_once)
    signal.signal(signal.SIGTERM, _interrupt_once)
    try:
        settings = load_settings(os.environ)
        monitor_rows = bench_rows(os.environ)
        wrk_binary()
        for output in BUILD_OUTPUTS:
            if not output.exists():
                raise FileNotFoundError(f"{output} is missing: run `make build` (make bench does)")
        measured_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        machine = machine_description()
        print(
            f"edge benchmark: wrk -t{settings.threads} -c{settings.connections}, "
            f"the median of {settings.repeats} runs of {settings.seconds} s per target after "
            f"{settings.warmup_seconds} s of warm-up; "
            f"{machine}",
            file=sys.stderr,
        )
        figures, measurement = run_edge_benchmark(
            settings, RAW_OUTPUT_DIR / "edge", measured_at, machine
        )
        print(
            f"registry: snapshot build for {SERVICES:,} API services and {CHANNELS:,} channels",
            file=sys.stderr,
        )
        figures += snapshot_build_figures(measured_at, machine)
        print(
            f"console: the API service list with {CONSOLE_SERVICES:,} services, through the edge",
            file=sys.stderr,
        )
        figures += console_list_figures(measured_at, machine)
        print(
            f"monitor: access-log ingest into PostgreSQL, the home page and the log query "
            f"with {monitor_rows:,} stored requests",
            file=sys.stderr,
        )
        figures += monitor_figures(measured_at, machine, monitor_rows)
        figures.append(ingest_against_edge(figures, measured_at, machine))
    except KeyboardInterrupt:
        print("bench interrupted; everything it started has been stopped", file=sys.stderr)
        return 130
    except (
        RuntimeError,
        ValueError,
        OSError,
        subprocess.SubprocessError,
        grpc.RpcError,
        psycopg.Error,
    ) as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    print()
    print(format_table(figures, BASELINE_NAMES | MONITOR_BASELINE_NAMES))
    if not measurement.access_log_settled:
        print(
            "note: monitor was still storing access-log rows when the benchmark stopped waiting; "
            "the completeness is a lower bound"
        )
    write_results(RESULTS_PATH, figures)
    print(f"\nfigures written to {RESULTS_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
