"""Looking at the platform from monitor: a service's gRPC health, its build and start time
(its /metrics), Envoy's admin API.

Shared by the inspections (graded findings) and the monitoring center's live status.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families


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
class ProcessFacts:
    """What a service's /metrics says about the process answering: when it started, its
    version and host (wailian_build_info)."""

    service: str
    started_at: datetime
    version: str
    host: str


def parse_process_facts(service: str, metrics: str) -> ProcessFacts | None:
    """The facts from a /metrics page; None when it has no process start time."""
    started: float | None = None
    version, host = "", ""
    for family in text_string_to_metric_families(metrics):
        for sample in family.samples:
            if sample.name == "process_start_time_seconds":
                started = sample.value
            elif sample.name == "wailian_build_info" and sample.labels.get("service") == service:
                version = sample.labels.get("version", "")
                host = sample.labels.get("host", "")
    if started is None:
        return None
    # Whole milliseconds: the same process always reads the same, whatever the float.
    moment = datetime.fromtimestamp(round(started, 3), UTC)
    return ProcessFacts(service, moment, version, host)


def process_facts(service: str, address: str, timeout: float) -> ProcessFacts | str:
    """A service's start time and build from its /metrics, or why they could not be read
    (blocking: run it in a thread)."""
    if not address:
        return "未配置 HTTP 地址"
    try:
        with urllib.request.urlopen(f"http://{address}/metrics", timeout=timeout) as response:
            page = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return f"/metrics 返回 HTTP {error.code}"
    except (urllib.error.URLError, OSError) as error:
        return f"无法连接 {address}：{getattr(error, 'reason', error)}"
    try:
        facts = parse_process_facts(service, page)
    except ValueError as error:
        return f"/metrics 无法解析：{error}"
    return facts if facts is not None else "/metrics 中没有 process_start_time_seconds"


def own_process_facts(service: str) -> ProcessFacts | str:
    """This process's facts, as its own /metrics would show them."""
    facts = parse_process_facts(service, generate_latest().decode())
    return facts if facts is not None else "没有 process_start_time_seconds（非 Linux？）"


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
