"""Making and reading edge configuration snapshots inside the caller's transaction.

Each function takes the unit of work's session and never commits: a catalogue change and the
snapshot it produces are one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from deploy.envoy import inputs
from services.registry import edge, store
from services.registry.models import ApiServiceRow, EdgeNodeRow, EdgeSnapshotRow, UpstreamRow
from services.runtime.clock import utcnow
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
    )


def route_input(service: ApiServiceRow, upstream: UpstreamRow) -> inputs.ApiRoute:
    return inputs.ApiRoute(
        name=service.code,
        method=_METHODS[service.method],
        path=service.path,
        upstream=upstream.name,
        upstream_path=service.upstream_path,
        timeout=timedelta(milliseconds=upstream.request_timeout_ms),
    )


def build_from_catalogue(
    session: Session, settings: edge.EdgeSettings, identity: edge.ChannelState
) -> list[edge.Resource]:
    """The resources the catalogue calls for; FAILED_PRECONDITION if the edge cannot take them."""
    try:
        upstreams = [upstream_input(row) for row in store.all_upstreams(session)]
        routes = [
            route_input(service, upstream)
            for service, upstream in store.routable_api_services(session, ROUTABLE)
        ]
        grants = store.active_grants(session, utcnow())
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
        store.active_grants(session, utcnow()),
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


def node_connected(session: Session, info: NodeInfo) -> None:
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


def node_disconnected(session: Session, node_id: str) -> None:
    row = store.find_node(session, node_id)
    if row is not None:
        row.connected = False
        row.last_seen_time = utcnow()


def node_acked(session: Session, node_id: str, type_url: str, version: int) -> None:
    now = utcnow()
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
    row = store.node_resource(session, node_id, type_url)
    row.nacked_version = version
    row.nack_message = message[:4000]
    row.nack_time = now
    store.node(session, node_id).last_seen_time = now
