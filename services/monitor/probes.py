"""Looking at the platform from monitor: a service's gRPC health, Envoy's admin API.

Shared by the inspections (graded findings) and the monitoring center's live status.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


@dataclass(frozen=True)
class Health:
    """A service's answer: `serving` is None when it did not answer at all."""

    serving: bool | None
    status: str
    error: str = ""


async def health(address: str, deadline_seconds: float) -> Health:
    try:
        async with grpc.aio.insecure_channel(address) as channel:
            response = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), timeout=deadline_seconds
            )
    except grpc.aio.AioRpcError as error:
        unreachable = error.code() in (
            grpc.StatusCode.UNAVAILABLE,
            grpc.StatusCode.DEADLINE_EXCEEDED,
        )
        return Health(None if unreachable else False, error.code().name, error.details() or "")
    serving = response.status == health_pb2.HealthCheckResponse.SERVING
    return Health(serving, health_pb2.HealthCheckResponse.ServingStatus.Name(response.status))


def ready(address: str, timeout: float) -> bool | None:
    """A service's /readyz: True when it answers 200, False for another answer, None when it
    does not answer (blocking: run it in a thread)."""
    if not address:
        return None
    try:
        with urllib.request.urlopen(f"http://{address}/readyz", timeout=timeout) as response:
            return bool(response.status == 200)
    except urllib.error.HTTPError:
        return False
    except (urllib.error.URLError, OSError):
        return None


@dataclass(frozen=True)
class EnvoyAdmin:
    """Where Envoy's admin API answers: a fixed host:port, or read from the file Envoy writes
    with --admin-address-path (its port is then chosen when it starts)."""

    address: str = ""
    address_file: Path | None = None

    def current(self) -> str:
        if self.address:
            return self.address
        if self.address_file is not None:
            try:
                return self.address_file.read_text(encoding="utf-8").strip()
            except OSError:
                return ""
        return ""


def admin_json(address: str, path: str, timeout: float) -> dict[str, object]:
    with urllib.request.urlopen(f"http://{address}{path}", timeout=timeout) as response:
        loaded = json.loads(response.read().decode())
    return loaded if isinstance(loaded, dict) else {}


def dicts(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def unhealthy(host: Mapping[str, object]) -> bool:
    """Whether Envoy counts an upstream host out: EDS says so, or a health check or outlier
    detection failed it."""
    flags = host.get("health_status", {})
    if not isinstance(flags, dict):
        return False
    if flags.get("eds_health_status", "HEALTHY") not in ("HEALTHY", "UNKNOWN"):
        return True
    return any(bool(flags.get(name)) for name in _FAILED)


def ejected(host: Mapping[str, object]) -> bool:
    flags = host.get("health_status", {})
    return isinstance(flags, dict) and bool(flags.get("failed_outlier_check"))


_FAILED = (
    "failed_active_health_check",
    "failed_outlier_check",
    "failed_active_degraded_check",
    "pending_dynamic_removal",
)
