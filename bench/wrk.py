"""Running wrk and reading its report: requests per second, latency percentiles, errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# wrk prints times with the unit it picked for their size: us, ms and s, then m and h.
_MILLISECONDS_PER_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_TIME = r"(?P<amount>\d+(?:\.\d+)?)(?P<unit>us|ms|s|m|h)"

_PERCENTILE = re.compile(rf"^\s*(?P<percent>\d+(?:\.\d+)?)%\s+{_TIME}\s*$", re.MULTILINE)
_COMPLETED = re.compile(rf"^\s*(?P<requests>\d+) requests in {_TIME},", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+(?P<rate>\d+(?:\.\d+)?)\s*$", re.MULTILINE)
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(?P<count>\d+)\s*$", re.MULTILINE)
_SOCKET_ERRORS = re.compile(
    r"^\s*Socket errors: connect (?P<connect>\d+), read (?P<read>\d+), "
    r"write (?P<write>\d+), timeout (?P<timeout>\d+)\s*$",
    re.MULTILINE,
)


class WrkOutputError(ValueError):
    """wrk's report lacks a figure the benchmark needs (not run with --latency, or aborted)."""


@dataclass(frozen=True)
class SocketErrors:
    """wrk's socket error counts; a timeout is a request without an answer within --timeout."""

    connect: int = 0
    read: int = 0
    write: int = 0
    timeout: int = 0

    @property
    def total(self) -> int:
        return self.connect + self.read + self.write + self.timeout


@dataclass(frozen=True)
class WrkResult:
    """The figures of one wrk run."""

    requests: int
    duration_seconds: float
    requests_per_second: float
    latency_ms: Mapping[float, float]
    non_2xx_or_3xx: int
    socket_errors: SocketErrors

    @property
    def p99_latency_ms(self) -> float:
        return self.latency_ms[99.0]

    def problems(self) -> list[str]:
        """What makes this run unfit to report, in words; empty when every request succeeded."""
        found = []
        if self.requests == 0:
            found.append("no request completed")
        if self.non_2xx_or_3xx:
            # wrk counts every status from 400 up under this label.
            found.append(f"{self.non_2xx_or_3xx} responses with status 400 or above")
        if self.socket_errors.total:
            errors = self.socket_errors
            found.append(
                f"socket errors: connect {errors.connect}, read {errors.read}, "
                f"write {errors.write}, timeout {errors.timeout}"
            )
        return found


def milliseconds(amount: str, unit: str) -> float:
    """A wrk time (amount and unit as printed) in milliseconds."""
    try:
        return float(amount) * _MILLISECONDS_PER_UNIT[unit]
    except KeyError:
        raise WrkOutputError(f"unknown wrk time unit {unit!r}") from None


def parse_wrk_output(output: str) -> WrkResult:
    """The figures of wrk's report; it must have been run with --latency."""
    completed = _COMPLETED.search(output)
    rate = _RATE.search(output)
    section = output.partition("Latency Distribution")[2]
    percentiles = {
        float(match["percent"]): milliseconds(match["amount"], match["unit"])
        for match in _PERCENTILE.finditer(section)
    }
    if completed is None or rate is None:
        raise WrkOutputError(f"no request count or rate in wrk's output:\n{output}")
    if 99.0 not in percentiles:
        raise WrkOutputError(
            f"no 99th percentile in wrk's output (run it with --latency):\n{output}"
        )
    non_2xx = _NON_2XX.search(output)
    socket_errors = _SOCKET_ERRORS.search(output)
    return WrkResult(
        requests=int(completed["requests"]),
        duration_seconds=milliseconds(completed["amount"], completed["unit"]) / 1000,
        requests_per_second=float(rate["rate"]),
        latency_ms=percentiles,
        non_2xx_or_3xx=int(non_2xx["count"]) if non_2xx else 0,
        socket_errors=SocketErrors(**{k: int(v) for k, v in socket_errors.groupdict().items()})
        if socket_errors
        else SocketErrors(),
    )


@dataclass(frozen=True)
class LoadSettings:
    """The load every target gets: wrk's threads and connections, and how long."""

    seconds: int
    warmup_seconds: int
    # Measured runs per target, back to back; the figures are the median run's.
    repeats: int = 1
    threads: int = 1
    connections: int = 32


def wrk_binary() -> str:
    """The wrk on PATH, or an error saying how to install it."""
    found = shutil.which("wrk")
    if found is None:
        raise FileNotFoundError(
            "wrk is not installed: `make system-packages` (or `apt-get install wrk`) installs it"
        )
    return found


def run_wrk(
    url: str,
    settings: LoadSettings,
    *,
    seconds: int,
    headers: Mapping[str, str],
    raw_output: Path | None = None,
    script: Path | None = None,
) -> WrkResult:
    """One wrk run against a loopback URL; its report is kept in `raw_output` when given."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"the benchmark only loads 127.0.0.1, not {url}")
    command = [
        wrk_binary(),
        f"-t{settings.threads}",
        f"-c{settings.connections}",
        f"-d{seconds}s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    if raw_output is not None:
        raw_output.parent.mkdir(parents=True, exist_ok=True)
        raw_output.write_text(finished.stdout + finished.stderr, encoding="utf-8")
    if finished.returncode != 0:
        raise RuntimeError(
            f"wrk exited with code {finished.returncode} on {url}:\n"
            f"{finished.stdout}{finished.stderr}"
        )
    return parse_wrk_output(finished.stdout)
