"""Making and reading edge configuration snapshots inside the caller's transaction.

Each function takes the unit of work's session and never commits: a catalogue change and the
snapshot it produces are one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from deploy.envoy import inputs
from services.registry import domain, edge, store
from services.registry.models import ApiServiceRow, EdgeNodeRow, EdgeSnapshotRow, UpstreamRow
from services.runtime.clock import as_utc, utcnow
from services.runtime.errors import FailedPrecondition
from wailian.registry.v1 import catalog_pb2 as pb

ROUTABLE = (pb.API_SERVICE_STATUS_PUBLISHED, pb.API_SERVICE_STATUS_DEPRECATED)
_METHODS = {
    pb.HTTP_METHOD_GET: "GET",
    pb.HTTP_METHOD_POST: "POST",
    pb.HTTP_METHOD_PUT: "PUT",
    pb.HTTP_METHOD_PATCH: "PATCH",
    pb.HTTP_METHOD_DELETE: "DELETE",
}


@dataclass(frozen=True)
class Snapshot:
    """A snapshot as the ADS server serves it."""

    snapshot_id: str
    version: int
    resources: tuple[edge.Resource, ...]


def as_snapshot(row: EdgeSnapshotRow) -> Snapshot:
    return Snapshot(row.snapshot_id, row.version, tuple(edge.resources_from_stored(row.resources)))


def upstream_input(row: UpstreamRow) -> inputs.Upstream:
    http1 = row.protocol in (pb.UPSTREAM_PROTOCOL_HTTP1, pb.UPSTREAM_PROTOCOL_UNSPECIFIED)
    return inputs.Upstream(
        name=row.name,
        endpoints=tuple(
            inputs.Endpoint(str(e["host"]), int(str(e["port"])), int(str(e["weight"] or 1)))
            for e in row.endpoints
        ),
        protocol=inputs.UpstreamProtocol.HTTP1 if http1 else inputs.UpstreamProtocol.HTTP2,
        connect_timeout=timedelta(milliseconds=row.connect_timeout_ms),
        tls=(
            inputs.UpstreamTls(
                server_name=row.tls_server_name,
                ca_pem=row.tls_ca_certificate_pem,
                client_certificate=_client_certificate_input(row),
            )
            if row.tls
            else None
        ),
        retry=_retry_input(row.retry_policy or {}),
        circuit_breakers=_circuit_breakers_input(row.circuit_breaker or {}),
        outlier_detection=_outlier_input(row.circuit_breaker or {}),
        health_check=_health_check_input(
            row.health_check or {}, grpc=row.protocol == pb.UPSTREAM_PROTOCOL_GRPC
        ),
        load_balancing=_LOAD_BALANCING.get(
            row.load_balancing_policy, inputs.LoadBalancing.ROUND_ROBIN
        ),
    )


def _client_certificate_input(row: UpstreamRow) -> inputs.ClientCertificate | None:
    """The client certificate with its key still sealed: snapshots never hold the key itself."""
    if not row.tls_client_certificate_pem or row.tls_client_private_key_sealed is None:
        return None
    return inputs.ClientCertificate(
        certificate_chain_pem=row.tls_client_certificate_pem,
        private_key=edge.sealed_reference(row.tls_client_private_key_sealed),
    )


_LOAD_BALANCING = {
    pb.LOAD_BALANCING_POLICY_ROUND_ROBIN: inputs.LoadBalancing.ROUND_ROBIN,
    pb.LOAD_BALANCING_POLICY_LEAST_REQUEST: inputs.LoadBalancing.LEAST_REQUEST,
    pb.LOAD_BALANCING_POLICY_RANDOM: inputs.LoadBalancing.RANDOM,
    pb.LOAD_BALANCING_POLICY_RING_HASH: inputs.LoadBalancing.RING_HASH,
}


def _number(stored: Mapping[str, object], key: str, default: int = 0) -> int:
    return int(str(stored.get(key) or default))


def _millis(stored: Mapping[str, object], key: str, default: int) -> timedelta:
    return timedelta(milliseconds=_number(stored, key, default))


def _retry_input(stored: Mapping[str, object]) -> inputs.RetryPolicy | None:
    if not _number(stored, "max_retries"):
        return None
    retry_on = stored.get("retry_on") or inputs.DEFAULT_RETRY_ON
    assert isinstance(retry_on, list | tuple)
    per_try = _number(stored, "per_try_timeout_ms")
    return inputs.RetryPolicy(
        num_retries=_number(stored, "max_retries"),
        retry_on=tuple(str(condition) for condition in retry_on),
        per_try_timeout=timedelta(milliseconds=per_try) if per_try else None,
    )


def _circuit_breakers_input(stored: Mapping[str, object]) -> inputs.CircuitBreakers | None:
    breakers = inputs.CircuitBreakers(
        max_connections=_number(stored, "max_connections"),
        max_pending_requests=_number(stored, "max_pending_requests"),
        max_requests=_number(stored, "max_requests"),
        max_retries=_number(stored, "max_retries"),
    )
    return breakers if breakers.limits else None


def _outlier_input(stored: Mapping[str, object]) -> inputs.OutlierDetection | None:
    if not _number(stored, "consecutive_5xx"):
        return None
    return inputs.OutlierDetection(
        consecutive_5xx=_number(stored, "consecutive_5xx"),
        base_ejection_time=_millis(stored, "base_ejection_time_ms", domain.DEFAULT_EJECTION_MS),
        max_ejection_percent=_number(
            stored, "max_ejection_percent", domain.DEFAULT_MAX_EJECTION_PERCENT
        ),
    )


def _health_check_input(stored: Mapping[str, object], *, grpc: bool) -> inputs.HealthCheck | None:
    if not stored:
        return None
    statuses = stored.get("expected_statuses") or []
    assert isinstance(statuses, list | tuple)
    return inputs.HealthCheck(
        path=str(stored.get("path") or "/"),
        interval=_millis(stored, "interval_ms", domain.DEFAULT_HEALTH_INTERVAL_MS),
        timeout=_millis(stored, "timeout_ms", domain.DEFAULT_HEALTH_TIMEOUT_MS),
        healthy_threshold=_number(stored, "healthy_threshold", domain.DEFAULT_HEALTHY_THRESHOLD),
        unhealthy_threshold=_number(
            stored, "unhealthy_threshold", domain.DEFAULT_UNHEALTHY_THRESHOLD
        ),
        expected_statuses=tuple(int(str(status)) for status in statuses),
        grpc=grpc,
        grpc_service_name=str(stored.get("grpc_service_name") or ""),
    )


# Separates an API service code from its version in the route name of a second live version.
VERSION_SEPARATOR = "@"


def route_input(service: ApiServiceRow, upstream: UpstreamRow, name: str) -> inputs.ApiRoute:
    return inputs.ApiRoute(
        name=name,
        method=_METHODS[service.method],
        path=service.path,
        upstream=upstream.name,
        upstream_path=service.upstream_path,
        timeout=timedelta(milliseconds=service.timeout_ms or upstream.request_timeout_ms),
        deprecation=_deprecation_input(service),
    )


def _deprecation_input(service: ApiServiceRow) -> inputs.Deprecation | None:
    """What a deprecated service announces in its responses (headers set by Envoy)."""
    if service.status != pb.API_SERVICE_STATUS_DEPRECATED:
        return None
    return inputs.Deprecation(
        since=as_utc(service.deprecate_time or service.updated_at),
        sunset=as_utc(service.sunset_time) if service.sunset_time else None,
        link=service.deprecation_link,
    )


def route_names(services: Sequence[ApiServiceRow]) -> dict[str, str]:
    """API service id → its route name: the code, or code@version for the later live versions.

    Several versions of one API are live side by side; route names must be unique. The version
    published first keeps the bare code (the name monitor's figures know it by), so publishing
    a v2 leaves v1's route as it was.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for service in sorted(
        services, key=lambda s: (s.code, as_utc(s.publish_time or s.created_at), s.version)
    ):
        name = (
            service.code
            if service.code not in taken
            else (f"{service.code}{VERSION_SEPARATOR}{service.version}")
        )
        taken.add(service.code)
        names[service.api_service_id] = name
    return names


class RouteGrants(Mapping[str, frozenset[str]]):
    """Grants by API service code, looked up by route name: a grant covers every version."""

    def __init__(self, by_code: Mapping[str, frozenset[str]]) -> None:
        self._by_code = by_code

    def __getitem__(self, route_name: str) -> frozenset[str]:
        return self._by_code[route_name.split(VERSION_SEPARATOR, 1)[0]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)


def build_from_catalogue(
    session: Session, settings: edge.EdgeSettings, identity: edge.ChannelState
) -> list[edge.Resource]:
    """The resources the catalogue calls for; FAILED_PRECONDITION if the edge cannot take them."""
    try:
        upstreams = [upstream_input(row) for row in store.all_upstreams(session)]
        routable = store.routable_api_services(session, ROUTABLE)
        names = route_names([service for service, _ in routable])
        routes = [
            route_input(service, upstream, names[service.api_service_id])
            for service, upstream in routable
        ]
        grants = RouteGrants(store.active_grants(session, utcnow()))
        return edge.build_resources(
            edge.channel_edge(settings, identity, upstreams, routes, grants)
        )
    except ValueError as error:
        raise FailedPrecondition(
            f"the edge could not route this catalogue: {error}", kind="EDGE_CONFIG"
        ) from None


def rebuild(
    session: Session,
    settings: edge.EdgeSettings,
    identity: edge.ChannelState,
    *,
    cause: str,
    actor: str,
) -> EdgeSnapshotRow | None:
    """A new snapshot if the catalogue or the inputs changed the resources; else None."""
    store.lock_snapshot_versions(session)
    resources = build_from_catalogue(session, settings, identity)
    digest = edge.content_hash(resources)
    inputs_digest = edge.inputs_hash(identity, settings)
    latest = store.latest_snapshot(session)
    if latest is not None and latest.content_hash == digest:
        if latest.inputs_hash != inputs_digest:
            latest.inputs_hash = inputs_digest
        return None
    return store.add_snapshot(
        session,
        EdgeSnapshotRow(
            snapshot_id=str(uuid.uuid4()),
            created_at=utcnow(),
            created_by=actor,
            cause=cause[:256],
            content_hash=digest,
            inputs_hash=inputs_digest,
            resources=[resource.stored() for resource in resources],
        ),
    )


def needs_rebuild(
    session: Session, settings: edge.EdgeSettings, identity: edge.ChannelState
) -> bool:
    """Whether identity's material or the edge settings differ from the current snapshot's."""
    latest = store.latest_snapshot(session)
    return latest is None or latest.inputs_hash != edge.inputs_hash(identity, settings)


def rollback(
    session: Session,
    snapshot_id: str,
    *,
    reason: str,
    idempotency_key: str,
    actor: str,
) -> EdgeSnapshotRow:
    """A new snapshot, with the next version, whose routes and clusters are an earlier one's."""
    if idempotency_key:
        done = store.snapshot_by_idempotency_key(session, idempotency_key)
        if done is not None:
            return done
    store.lock_snapshot_versions(session)
    earlier = store.snapshot(session, snapshot_id)
    latest = store.latest_snapshot(session)
    assert latest is not None  # the earlier snapshot exists, so some snapshot does
    resources = edge.restored_content(
        edge.resources_from_stored(earlier.resources),
        edge.resources_from_stored(latest.resources),
        RouteGrants(store.active_grants(session, utcnow())),
    )
    cause = f"rollback to version {earlier.version}" + (f": {reason}" if reason else "")
    return store.add_snapshot(
        session,
        EdgeSnapshotRow(
            snapshot_id=str(uuid.uuid4()),
            created_at=utcnow(),
            created_by=actor,
            cause=cause[:256],
            content_hash=edge.content_hash(resources),
            inputs_hash=latest.inputs_hash,
            resources=[resource.stored() for resource in resources],
            restored_from_snapshot_id=earlier.snapshot_id,
            idempotency_key=idempotency_key or None,
        ),
    )


# --- what the connected Envoys report ---


@dataclass(frozen=True)
class NodeInfo:
    node_id: str
    cluster: str
    envoy_version: str
    address: str


def node_connected(session: Session, info: NodeInfo, ask_again: Sequence[str] = ()) -> None:
    """A node opened a stream; of the `ask_again` types (named only, like client certificates)
    it is tracked again only once it asks for some: a node may need none any more."""
    now = utcnow()
    row = store.find_node(session, info.node_id)
    if row is None:
        row = EdgeNodeRow(node_id=info.node_id)
        session.add(row)
    row.cluster = info.cluster[:128]
    row.envoy_version = info.envoy_version[:64]
    row.address = info.address[:128]
    row.connected = True
    row.connect_time = now
    row.last_seen_time = now
    for type_url in ask_again:
        store.drop_node_resource(session, info.node_id, type_url)


def node_disconnected(session: Session, node_id: str) -> None:
    row = store.find_node(session, node_id)
    if row is not None:
        row.connected = False
        row.last_seen_time = utcnow()


def node_acked(session: Session, node_id: str, type_url: str, version: int) -> None:
    now = utcnow()
    if version:
        _answered(session, version, node_id, type_url, acked=True, message="", now=now)
    row = store.node_resource(session, node_id, type_url)
    row.acked_version = max(row.acked_version or 0, version)
    row.ack_time = now
    if (row.nacked_version or 0) <= version:
        row.nacked_version = 0
        row.nack_message = ""
        row.nack_time = None
    store.node(session, node_id).last_seen_time = now


def node_nacked(session: Session, node_id: str, type_url: str, version: int, message: str) -> None:
    now = utcnow()
    _answered(session, version, node_id, type_url, acked=False, message=message, now=now)
    row = store.node_resource(session, node_id, type_url)
    row.nacked_version = version
    row.nack_message = message[:4000]
    row.nack_time = now
    store.node(session, node_id).last_seen_time = now


def node_unsubscribed(session: Session, node_id: str, type_url: str) -> None:
    """The node asks for no resources of the type any more: it is no longer tracked for it."""
    store.drop_node_resource(session, node_id, type_url)


def _answered(
    session: Session,
    version: int,
    node_id: str,
    type_url: str,
    *,
    acked: bool,
    message: str,
    now: datetime,
) -> None:
    """Keep the node's answer with the snapshot version, for when it is no longer current.

    A rejection stands: a later ACK of the same version (Envoy re-acknowledging what it kept)
    does not turn it into an acceptance.
    """
    row = store.snapshot_answer(session, version, node_id, type_url)
    if row.acked is False and acked:
        return
    row.acked = acked
    row.nack_message = message[:4000]
    row.answer_time = now
