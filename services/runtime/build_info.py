"""The build a process runs, on /metrics beside prometheus' process_start_time_seconds:
`wailian_build_info{service, version, host} 1`. The monitor's inspections read both to see
each service's version and when it (re)started."""

from __future__ import annotations

import importlib.metadata
import socket

from prometheus_client import Gauge

BUILD_INFO = Gauge(
    "wailian_build_info",
    "The running build: always 1, its labels are the facts",
    ["service", "version", "host"],
)
UNKNOWN_VERSION = "0+unknown"


def version() -> str:
    """The installed wailian package's version (the image's, in a container)."""
    try:
        return importlib.metadata.version("wailian")
    except importlib.metadata.PackageNotFoundError:
        return UNKNOWN_VERSION


def publish_build_info(service: str) -> None:
    """Shows this service's version and host (a pod's name in Kubernetes) on /metrics."""
    BUILD_INFO.labels(service, version(), socket.gethostname()).set(1)
