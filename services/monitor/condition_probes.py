"""What condition alert rules look at, observed now: each platform service's gRPC health, the
upstreams and overload actions in Envoy's admin API, identity's edge material (quotas,
credentials, the channel CA), registry's edge nodes (the configuration each acknowledged or
rejected), the disk of the data directory and the database.

Probes run outside any database transaction and each is bounded in time. A source that cannot
be asked (Envoy's admin API away, identity not answering) fails the rules that need it for this
round: their alerts stay as they are rather than resolving on missing figures.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc
from cryptography import x509
from sqlalchemy.orm import Session

from services.monitor import alert_store, alerts, domain, probes, store
from services.monitor.pipeline import IngestPipeline
from services.runtime.db import UnitOfWork
from wailian.identity.v1 import edge_auth_pb2, edge_auth_pb2_grpc, identity_pb2
from wailian.registry.v1 import edge_pb2, edge_pb2_grpc

PROBE_SECONDS = 2.0
# Envoy's own clusters (xDS, the platform's services, the console) are not upstreams.
PLATFORM_CLUSTER_PREFIX = "wailian_"
# At most this many upstream endpoints are tried per round, this many at a time.
MAX_ENDPOINTS = 256
CONNECTS_AT_ONCE = 64
CA_SUBJECT = "channel CA"


class ProbeFailed(Exception):
    """A source the rule needs could not be asked this round."""


@dataclass(frozen=True)
class ConditionSources:
    """Where the figures come from; read afresh each round."""

    service_addresses: Mapping[str, str]
    envoy_admin: probes.EnvoyAdmin
    identity: Callable[[], grpc.aio.Channel]
    data_dir: Path
    timezone: str
    probe_seconds: float = PROBE_SECONDS
    # This monitor's live access-log path (each replica has its own).
    pipeline: IngestPipeline | None = None
    # Registry, the edge's control plane: which configuration each Envoy took or rejected.
    registry: Callable[[], grpc.aio.Channel] | None = None


class ConditionProbes:
    """Observes for condition rules; `round()` shares one look per source among rules."""

    def __init__(self, uow: UnitOfWork, sources: ConditionSources) -> None:
        self.uow = uow
        self.sources = sources

    def round(self) -> ConditionRound:
        return ConditionRound(self)

    async def _bounded(self, work: Awaitable[Any], what: str, looks: int = 3) -> Any:
        """The work, given `looks` probe deadlines at most."""
        try:
            return await asyncio.wait_for(work, self.sources.probe_seconds * looks)
        except TimeoutError:
            raise ProbeFailed(f"{what} did not answer in time") from None

    async def service_health(self) -> list[alerts.ServiceHealth]:
        addresses = dict(self.sources.service_addresses)
        names = sorted(addresses)
        answers = await self._bounded(
            asyncio.gather(
                *(probes.health(addresses[name], self.sources.probe_seconds) for name in names)
            ),
            "the services' health checks",
        )
        return [
            alerts.ServiceHealth(name, answer.serving, answer.status, answer.error)
            for name, answer in zip(names, answers, strict=True)
        ]

    def _admin(self, path: str) -> Awaitable[dict[str, object]] | None:
        address = self.sources.envoy_admin.current()
        if not address:
            return None
        return asyncio.to_thread(probes.admin_json, address, path, self.sources.probe_seconds)

    async def upstream_health(self) -> list[alerts.UpstreamHealth]:
        asked = self._admin("/clusters?format=json")
        if asked is None:
            return []
        try:
            clusters = await self._bounded(asked, "Envoy's admin API")
        except (OSError, ValueError) as error:
            raise ProbeFailed(f"Envoy's admin API: {error}") from None
        hosts: dict[str, list[tuple[bool, str, int]]] = {}
        for cluster in probes.dicts(clusters.get("cluster_statuses")):
            name = str(cluster.get("name", ""))
            if not name or name.startswith(PLATFORM_CLUSTER_PREFIX):
                continue
            hosts[name] = [
                (probes.unhealthy(host), *_socket(host))
                for host in probes.dicts(cluster.get("host_statuses"))
            ]
        # Envoy marks hosts out only when a health check or outlier detection is configured:
        # a refused or timed-out connection counts an endpoint down too.
        addresses = sorted(
            {(h, p) for found in hosts.values() for bad, h, p in found if not bad and h and p}
        )[:MAX_ENDPOINTS]
        limit = asyncio.Semaphore(CONNECTS_AT_ONCE)

        async def reachable(host: str, port: int) -> bool:
            async with limit:
                return await _connects(host, port, self.sources.probe_seconds)

        answers = await self._bounded(
            asyncio.gather(*(reachable(h, p) for h, p in addresses)),
            "the upstream endpoints",
            # Four batches of connection attempts, and some room.
            looks=5,
        )
        up = dict(zip(addresses, answers, strict=True))
        return [
            alerts.UpstreamHealth(
                upstream=name,
                endpoints=len(found),
                healthy=sum(1 for bad, h, p in found if not bad and up.get((h, p), True)),
            )
            for name, found in sorted(hosts.items())
        ]

    async def edge_load(self) -> list[alerts.EdgeLoad]:
        address = self.sources.envoy_admin.current()
        if not address:
            return []
        seconds = self.sources.probe_seconds
        try:
            info, stats = await self._bounded(
                asyncio.gather(
                    asyncio.to_thread(probes.admin_json, address, "/server_info", seconds),
                    asyncio.to_thread(
                        probes.admin_json,
                        address,
                        "/stats?format=json&filter=^overload\\.",
                        seconds,
                    ),
                ),
                "Envoy's admin API",
            )
        except (OSError, ValueError) as error:
            raise ProbeFailed(f"Envoy's admin API: {error}") from None
        node = info.get("node", {})
        node_id = str(node.get("id", "")) if isinstance(node, dict) else ""
        active = tuple(
            sorted(
                name.removeprefix("overload.").removesuffix(".active")
                for name, value in _values(stats).items()
                if name.startswith("overload.") and name.endswith(".active") and value > 0
            )
        )
        return [alerts.EdgeLoad(node_id or address, active)]

    async def edge_material(self) -> edge_auth_pb2.GetEdgeAuthSnapshotResponse:
        """Identity's internal snapshot of channels, quotas, credentials and the channel CA."""
        try:
            return await edge_auth_pb2_grpc.EdgeAuthServiceStub(
                self.sources.identity()
            ).GetEdgeAuthSnapshot(
                edge_auth_pb2.GetEdgeAuthSnapshotRequest(), timeout=self.sources.probe_seconds
            )
        except grpc.aio.AioRpcError as error:
            raise ProbeFailed(f"identity: {error.code().name}") from None

    async def edge_configs(self) -> list[alerts.EdgeConfigState]:
        """Registry's connected Envoys and what each rejected in its last answers (NACKs)."""
        if self.sources.registry is None:
            return []
        try:
            directory = await edge_pb2_grpc.EdgeConfigServiceStub(
                self.sources.registry()
            ).GetEdgeNodeDirectory(
                edge_pb2.GetEdgeNodeDirectoryRequest(), timeout=self.sources.probe_seconds
            )
        except grpc.aio.AioRpcError as error:
            raise ProbeFailed(f"registry: {error.code().name}") from None
        return [edge_config_state(node) for node in directory.nodes if node.connected]

    async def quota_use(
        self, material: edge_auth_pb2.GetEdgeAuthSnapshotResponse, now: datetime
    ) -> list[alerts.QuotaUse]:
        day = domain.local_day(now, self.sources.timezone)
        counted = await self.uow.run(lambda s: quota_calls(s, day))
        return [
            alerts.QuotaUse(
                channel.channel_id,
                channel.code,
                channel.daily_quota,
                counted.get(channel.channel_id, 0),
            )
            for channel in material.channels
            if channel.daily_quota > 0 and channel.status == identity_pb2.CHANNEL_STATUS_ACTIVE
        ]

    async def disk_usage(self) -> list[alerts.Usage]:
        path = self.sources.data_dir
        try:
            usage = await self._bounded(asyncio.to_thread(shutil.disk_usage, path), "the disk")
        except OSError as error:
            raise ProbeFailed(f"disk of {path}: {error}") from None
        share = 100 * usage.used / usage.total if usage.total else 0.0
        free = f"{usage.free / 2**30:.1f} GB free"
        return [alerts.Usage(str(path), share, free)]

    async def database_usage(self) -> list[alerts.Usage]:
        found = await self.uow.run(alert_store.database_use)
        return [alerts.Usage(subject, share, detail) for subject, share, detail in found]


def quota_calls(session: Session, day: domain.Day) -> dict[str, int]:
    """The calls each channel made today that count to its quota (as statistics counts them)."""
    query = domain.UsageQuery(window=domain.Window(day.start, day.end))
    counted: dict[str, int] = {}
    for cell in store.rollup_cells(session, query, ("channel_id",)):
        if cell.channel_id and cell.outcome in domain.QUOTA_OUTCOMES:
            counted[cell.channel_id] = counted.get(cell.channel_id, 0) + cell.tally.calls
    return counted


def edge_config_state(node: edge_pb2.EdgeNode) -> alerts.EdgeConfigState:
    """A node as registry sees it: a rejection stands until the node acknowledges a version at
    least as new (registry clears it then)."""
    return alerts.EdgeConfigState(
        node=node.node_id,
        acked_version=node.acked_version,
        rejections=tuple(
            alerts.ConfigRejection(r.type_url, r.nacked_version, r.nack_message)
            for r in node.resources
            if r.nacked_version
        ),
    )


def credential_expiries(
    material: edge_auth_pb2.GetEdgeAuthSnapshotResponse, *, certificates: bool
) -> list[alerts.Expiry]:
    """Credentials that are not revoked and have an expiry; `certificates`: the mutual-TLS
    ones and the channel CA instead."""
    found = []
    for channel in material.channels:
        for credential in channel.credentials:
            if credential.revoked or not credential.HasField("expire_time"):
                continue
            if certificates and credential.kind != identity_pb2.CREDENTIAL_KIND_MUTUAL_TLS:
                continue
            found.append(
                alerts.Expiry(
                    subject=credential.client_id or credential.credential_id,
                    expires_at=credential.expire_time.ToDatetime(UTC),
                    channel_id=channel.channel_id,
                    channel_code=channel.code,
                )
            )
    if certificates and material.ca_certificate_pem:
        expires = ca_expiry(material.ca_certificate_pem)
        if expires is not None:
            found.append(alerts.Expiry(CA_SUBJECT, expires))
    return found


def ca_expiry(pem: str) -> datetime | None:
    try:
        return x509.load_pem_x509_certificate(pem.encode()).not_valid_after_utc
    except ValueError:
        return None


def _values(stats: Mapping[str, object]) -> dict[str, float]:
    values: dict[str, float] = {}
    for entry in probes.dicts(stats.get("stats")):
        value = entry.get("value")
        if isinstance(value, int | float) and "name" in entry:
            values[str(entry["name"])] = float(value)
    return values


def _socket(host: Mapping[str, object]) -> tuple[str, int]:
    address = host.get("address", {})
    socket = address.get("socket_address", {}) if isinstance(address, dict) else {}
    if not isinstance(socket, dict):
        return "", 0
    try:
        return str(socket.get("address", "")), int(socket.get("port_value", 0))
    except (TypeError, ValueError):
        return "", 0


async def _connects(host: str, port: int, seconds: float) -> bool:
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), seconds)
    except (OSError, TimeoutError):
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


class ConditionRound:
    """One round of evaluation: each source is asked at most once, whatever the rules."""

    def __init__(self, probes_: ConditionProbes) -> None:
        self.probes = probes_
        self._asked: dict[str, asyncio.Task[Any]] = {}

    def _once(self, key: str, make: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
        task = self._asked.get(key)
        if task is None:

            async def run() -> Any:
                return await make()

            task = asyncio.ensure_future(run())
            self._asked[key] = task
        return asyncio.shield(task)

    async def evaluations(self, spec: alerts.RuleSpec, now: datetime) -> list[alerts.Evaluation]:
        """The rule's value per subject now; NotSupportedYet for kinds monitor cannot see."""
        p = self.probes
        match spec.kind:
            case alerts.RuleKind.SERVICE_DOWN:
                healths = await self._once("services", p.service_health)
                return alerts.service_evaluations(spec, healths)
            case alerts.RuleKind.UPSTREAM_DOWN:
                upstreams = await self._once("upstreams", p.upstream_health)
                return alerts.upstream_evaluations(spec, upstreams)
            case alerts.RuleKind.EDGE_OVERLOAD:
                return alerts.overload_evaluations(spec, await self._once("edge", p.edge_load))
            case alerts.RuleKind.EDGE_CONFIG_REJECTED:
                nodes = await self._once("edge_configs", p.edge_configs)
                return alerts.config_rejection_evaluations(spec, nodes)
            case alerts.RuleKind.CHANNEL_QUOTA:
                material = await self._once("identity", p.edge_material)
                uses = await self._once("quota", lambda: p.quota_use(material, now))
                return alerts.quota_evaluations(spec, uses)
            case alerts.RuleKind.CREDENTIAL_EXPIRY | alerts.RuleKind.CERTIFICATE_EXPIRY:
                material = await self._once("identity", p.edge_material)
                certificates = spec.kind is alerts.RuleKind.CERTIFICATE_EXPIRY
                expiries = credential_expiries(material, certificates=certificates)
                return alerts.expiry_evaluations(spec, expiries, now)
            case alerts.RuleKind.DISK_USAGE:
                return alerts.usage_evaluations(spec, await self._once("disk", p.disk_usage))
            case alerts.RuleKind.INGEST_LAG:
                pipeline = p.sources.pipeline
                if pipeline is None:
                    return []
                state = alerts.IngestState(pipeline.pending, pipeline.oldest_waiting())
                return alerts.ingest_evaluations(spec, state, now)
            case alerts.RuleKind.DATABASE_USAGE:
                usages = await self._once("database", p.database_usage)
                return alerts.usage_evaluations(spec, usages)
        raise alerts.NotSupportedYet(spec.kind)

    def close(self) -> None:
        for task in self._asked.values():
            if not task.done():
                task.cancel()
