"""The monitoring center's live status (module 20): every platform service's health, the edge
(Envoy's admin API) and the upstreams it routes to, as they are now."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import grpc
from sqlalchemy.orm import Session

from services.monitor import domain, housekeeping, probes, status_store, store
from services.monitor.pipeline import IngestPipeline
from services.monitor.purge_record import PurgeRecord
from services.runtime.clock import to_timestamp, utcnow
from services.runtime.db import UnitOfWork
from services.runtime.paging import next_token, page_window
from wailian.monitor.v1 import status_pb2 as pb
from wailian.monitor.v1 import status_pb2_grpc as pb_grpc

PROBE_SECONDS = 2.0
# Envoy's own clusters (xDS, the platform's services, the console) are not upstreams.
PLATFORM_CLUSTER_PREFIX = "wailian_"


@dataclass(frozen=True)
class IngestSources:
    """What the ingest status reads besides the database: the live path's counters (since this
    monitor started), the retention periods and the last purge."""

    pipeline: IngestPipeline
    retention: housekeeping.Retention
    purges: PurgeRecord


class PlatformStatusServicer(pb_grpc.PlatformStatusServiceServicer):
    def __init__(
        self,
        uow: UnitOfWork,
        service_addresses: Mapping[str, str],
        envoy_admin: probes.EnvoyAdmin,
        ingest: IngestSources,
        http_address_of: Callable[[str], str] = lambda _service: "",
    ) -> None:
        self.uow = uow
        self.service_addresses = service_addresses
        self.http_address_of = http_address_of
        self.envoy_admin = envoy_admin
        self.ingest = ingest
        # The last reading of each upstream's request counters, for rates between two looks.
        self._counted: dict[str, tuple[float, int, int]] = {}

    async def ListServiceStatuses(
        self, request: pb.ListServiceStatusesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListServiceStatusesResponse:
        names = sorted(self.service_addresses)
        answers, readiness = await asyncio.gather(
            asyncio.gather(
                *(probes.health(self.service_addresses[name], PROBE_SECONDS) for name in names)
            ),
            asyncio.gather(
                *(
                    asyncio.to_thread(probes.ready, self.http_address_of(name), PROBE_SECONDS)
                    for name in names
                )
            ),
        )
        checked = to_timestamp(utcnow())
        return pb.ListServiceStatusesResponse(
            instances=[
                pb.ServiceInstanceStatus(
                    service=name,
                    address=self.service_addresses[name],
                    serving_status=_serving(answer),
                    # Ready to take calls: its /readyz (database reachable, migrations done);
                    # its gRPC health where /readyz cannot be reached from here.
                    ready=bool(answer.serving) if ready is None else ready and bool(answer.serving),
                    check_time=checked,
                    error=_problem(answer, ready),
                )
                for name, answer, ready in zip(names, answers, readiness, strict=True)
            ]
        )

    async def GetEdgeStatus(
        self, request: pb.GetEdgeStatusRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetEdgeStatusResponse:
        address = self.envoy_admin.current()
        if not address:
            return pb.GetEdgeStatusResponse()
        checked = utcnow()
        instance = pb.EdgeInstanceStatus(
            address=address, reachable=False, check_time=to_timestamp(checked)
        )
        try:
            info, stats = await asyncio.gather(
                asyncio.to_thread(probes.admin_json, address, "/server_info", PROBE_SECONDS),
                asyncio.to_thread(
                    probes.admin_json,
                    address,
                    "/stats?format=json&filter=^(server\\.|overload\\.|http\\.[^.]+\\."
                    "downstream_cx_active$)",
                    PROBE_SECONDS,
                ),
            )
        except (OSError, ValueError) as error:
            instance.state = f"unreachable: {error}"
            return pb.GetEdgeStatusResponse(instances=[instance])
        gauges = _stat_values(stats)
        node = info.get("node", {})
        instance.reachable = True
        instance.node_id = str(node.get("id", "")) if isinstance(node, dict) else ""
        instance.envoy_version = _envoy_version(info)
        instance.state = str(info.get("state", ""))
        uptime = _seconds(info.get("uptime_all_epochs", ""))
        if uptime is not None:
            instance.start_time.CopyFrom(to_timestamp(checked - timedelta(seconds=uptime)))
        # Open connections on the edge's listeners now (not the admin API's own).
        instance.downstream_connections = int(
            sum(
                value
                for name, value in gauges.items()
                if name.startswith("http.")
                and name.endswith(".downstream_cx_active")
                and name != "http.admin.downstream_cx_active"
            )
        )
        instance.memory_allocated_bytes = int(gauges.get("server.memory_allocated", 0))
        instance.active_overload_actions.extend(
            sorted(
                name.removeprefix("overload.").removesuffix(".active")
                for name, value in gauges.items()
                if name.startswith("overload.") and name.endswith(".active") and value > 0
            )
        )
        instance.requests_per_second = await self.uow.run(_last_minute_rate)
        return pb.GetEdgeStatusResponse(instances=[instance])

    async def ListUpstreamStatuses(
        self, request: pb.ListUpstreamStatusesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListUpstreamStatusesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        address = self.envoy_admin.current()
        if not address:
            return pb.ListUpstreamStatusesResponse()
        try:
            clusters, stats = await asyncio.gather(
                asyncio.to_thread(
                    probes.admin_json, address, "/clusters?format=json", PROBE_SECONDS
                ),
                asyncio.to_thread(
                    probes.admin_json,
                    address,
                    "/stats?format=json&filter=^cluster\\.[^.]+\\.(upstream_rq_total|"
                    "upstream_rq_5xx|upstream_cx_connect_fail|circuit_breakers\\.default\\."
                    "(cx_open|rq_open))$",
                    PROBE_SECONDS,
                ),
            )
        except (OSError, ValueError):
            return pb.ListUpstreamStatusesResponse()
        counters = _stat_values(stats)
        now = time.monotonic()
        checked = to_timestamp(utcnow())
        statuses = []
        for cluster in probes.dicts(clusters.get("cluster_statuses")):
            name = str(cluster.get("name", ""))
            if not name or name.startswith(PLATFORM_CLUSTER_PREFIX):
                continue
            hosts = probes.dicts(cluster.get("host_statuses"))
            prefix = f"cluster.{name}."
            total = int(counters.get(prefix + "upstream_rq_total", 0))
            failed = int(counters.get(prefix + "upstream_rq_5xx", 0)) + int(
                counters.get(prefix + "upstream_cx_connect_fail", 0)
            )
            rate, error_rate = self._rates(name, now, total, failed)
            statuses.append(
                pb.UpstreamStatus(
                    upstream=name,
                    endpoints=len(hosts),
                    healthy_endpoints=sum(1 for host in hosts if not probes.unhealthy(host)),
                    ejected_endpoints=sum(1 for host in hosts if probes.ejected(host)),
                    requests_per_second=rate,
                    error_rate=error_rate,
                    circuit_open=any(
                        counters.get(f"{prefix}circuit_breakers.default.{kind}_open", 0) > 0
                        for kind in ("cx", "rq")
                    ),
                    check_time=checked,
                )
            )
        if request.unhealthy_only:
            statuses = [s for s in statuses if s.healthy_endpoints < s.endpoints]
        statuses.sort(key=lambda s: (s.healthy_endpoints == s.endpoints, s.upstream))
        return pb.ListUpstreamStatusesResponse(
            upstreams=statuses[offset : offset + limit],
            next_page_token=next_token(offset, limit, len(statuses)),
            total_size=len(statuses),
        )

    async def GetIngestStatus(
        self, request: pb.GetIngestStatusRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetIngestStatusResponse:
        """Gaps waiting for back-fill are not counted anywhere yet: pending_gap_entries stays 0."""
        pipeline = self.ingest.pipeline
        queued = pipeline.pending
        now = utcnow()

        def read(session: Session) -> _Stored:
            return _Stored(
                backfilled=status_store.backfilled_entries(session),
                newest=status_store.newest_log_time(session),
                oldest=store.oldest_log_time(session),
                oldest_rollup=status_store.oldest_rollup_time(session),
                rate=_last_minute_rate(session),
            )

        stored = await self.uow.run(read)
        # Behind the edge only while entries wait to be written: then by the age of the newest
        # one stored. With nothing waiting, the monitor has everything the edge sent.
        lag = (now - stored.newest).total_seconds() if queued and stored.newest else 0.0
        status = pb.GetIngestStatusResponse(
            received_entries=pipeline.stats.received,
            stored_entries=pipeline.stats.written,
            backfilled_entries=stored.backfilled,
            lag_seconds=max(lag, 0.0),
            queued_entries=queued,
            entries_per_second=stored.rate,
            access_log_retention_days=self.ingest.retention.raw.days,
            rollup_retention_days=self.ingest.retention.rollups.days,
            last_purge_deleted_entries=self.ingest.purges.deleted,
        )
        if stored.oldest is not None:
            status.oldest_access_log_time.CopyFrom(to_timestamp(stored.oldest))
        if stored.oldest_rollup is not None:
            status.oldest_rollup_time.CopyFrom(to_timestamp(stored.oldest_rollup))
        if self.ingest.purges.time is not None:
            status.last_purge_time.CopyFrom(to_timestamp(self.ingest.purges.time))
        return status

    def _rates(self, name: str, now: float, total: int, failed: int) -> tuple[float, float]:
        """Requests per second and the failed share since the previous look (none the first
        time, or after Envoy restarted and its counters began again)."""
        previous = self._counted.get(name)
        self._counted[name] = (now, total, failed)
        if previous is None or total < previous[1] or now <= previous[0]:
            return 0.0, 0.0
        requests = total - previous[1]
        rate = requests / (now - previous[0])
        return rate, (failed - previous[2]) / requests if requests else 0.0


@dataclass(frozen=True)
class _Stored:
    backfilled: int
    newest: datetime | None
    oldest: datetime | None
    oldest_rollup: datetime | None
    rate: float


def _problem(answer: probes.Health, ready: bool | None) -> str:
    if not answer.serving:
        return answer.error or answer.status
    return "/readyz is not ready" if ready is False else ""


def _serving(answer: probes.Health) -> pb.ServingStatus:
    if answer.serving is None:
        return pb.SERVING_STATUS_UNREACHABLE
    return pb.SERVING_STATUS_SERVING if answer.serving else pb.SERVING_STATUS_NOT_SERVING


def _stat_values(stats: Mapping[str, object]) -> dict[str, float]:
    values: dict[str, float] = {}
    for entry in probes.dicts(stats.get("stats")):
        value = entry.get("value")
        if isinstance(value, int | float) and "name" in entry:
            values[str(entry["name"])] = float(value)
    return values


def _envoy_version(info: Mapping[str, object]) -> str:
    """ "1.36.2" out of Envoy's build string (hash/version/status/type/ssl)."""
    parts = str(info.get("version", "")).split("/")
    return parts[1] if len(parts) > 1 else parts[0]


def _seconds(text: object) -> float | None:
    """Envoy's "123s" durations."""
    raw = str(text)
    if not raw.endswith("s"):
        return None
    try:
        return float(raw[:-1])
    except ValueError:
        return None


def _last_minute_rate(session: Session) -> float:
    """Calls per second at the edge over the last whole minute, from the rollups."""
    end = utcnow().replace(second=0, microsecond=0)
    query = domain.UsageQuery(domain.Window(end - timedelta(minutes=1), end))
    cells = store.rollup_cells(session, query, (), minutes_only=True)
    return sum(cell.tally.calls for cell in cells) / 60
