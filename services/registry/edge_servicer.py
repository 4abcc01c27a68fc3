"""EdgeConfigService: snapshots, the Envoys connected, diffs and rollback; translation only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import grpc
from sqlalchemy.orm import Session

from services.registry import edge, store
from services.registry.models import (
    AuditOutboxRow,
    EdgeNodeResourceRow,
    EdgeNodeRow,
    EdgeSnapshotAnswerRow,
    EdgeSnapshotRow,
)
from services.registry.xds import EdgeControl
from services.runtime.audit import RequestFacts, audit, request_facts
from services.runtime.clock import to_timestamp, utcnow
from services.runtime.context import actor_name
from services.runtime.errors import Validator
from services.runtime.paging import next_token, page_window
from wailian.registry.v1 import edge_pb2 as pb
from wailian.registry.v1 import edge_pb2_grpc as pb_grpc

_CHANGES = {
    edge.Change.ADDED: pb.RESOURCE_CHANGE_ADDED,
    edge.Change.REMOVED: pb.RESOURCE_CHANGE_REMOVED,
    edge.Change.MODIFIED: pb.RESOURCE_CHANGE_MODIFIED,
}
RECENTLY_SEEN = timedelta(hours=24)
# The directory lists at most this many connected nodes (an installation has a handful).
MAX_DIRECTORY_NODES = 1000
SERVICE = pb.DESCRIPTOR.services_by_name["EdgeConfigService"]


@dataclass(frozen=True)
class _Standing:
    """How the nodes stand, read once per call, and their recorded answers per snapshot."""

    current_version: int
    nodes: dict[str, tuple[EdgeNodeRow, list[EdgeNodeResourceRow]]]
    answers: dict[int, list[EdgeSnapshotAnswerRow]]

    def node_answers(self, version: int) -> list[pb.SnapshotNodeAnswer]:
        """Each node's answer to the version as recorded while it was current.

        Nodes that stand at the version without a recorded answer (acknowledged before answers
        were kept) count as having acknowledged it.
        """
        by_node: dict[str, list[EdgeSnapshotAnswerRow]] = {}
        for row in self.answers.get(version, []):
            by_node.setdefault(row.node_id, []).append(row)
        answers = [_node_answer(node_id, rows) for node_id, rows in sorted(by_node.items())]
        for node_id, (_, rows) in sorted(self.nodes.items()):
            if node_id not in by_node and rows and _lowest_ack(rows) == version:
                answers.append(
                    pb.SnapshotNodeAnswer(
                        node_id=node_id,
                        acked=True,
                        type_urls=[_short_type(row.type_url) for row in rows],
                        answer_time=to_timestamp(max(_ack_times(rows), default=None)),
                    )
                )
        return answers

    def connected(self) -> int:
        return sum(1 for node, _ in self.nodes.values() if node.connected)


def _node_answer(node_id: str, rows: list[EdgeSnapshotAnswerRow]) -> pb.SnapshotNodeAnswer:
    rejected = [row for row in rows if not row.acked]
    return pb.SnapshotNodeAnswer(
        node_id=node_id,
        acked=not rejected,
        nack_message="\n".join(row.nack_message for row in rejected if row.nack_message),
        type_urls=[_short_type(row.type_url) for row in (rejected or rows)],
        answer_time=to_timestamp(max(row.answer_time for row in rows)),
    )


def _short_type(type_url: str) -> str:
    return type_url.rsplit("/", 1)[-1]


def _ack_times(rows: list[EdgeNodeResourceRow]) -> list[Any]:
    return [row.ack_time for row in rows if row.ack_time is not None]


def _lowest_ack(rows: list[EdgeNodeResourceRow]) -> int:
    return min((row.acked_version or 0) for row in rows) if rows else 0


def _standing(session: Session, versions: list[int]) -> _Standing:
    nodes: dict[str, tuple[EdgeNodeRow, list[EdgeNodeResourceRow]]] = {}
    for node, resource in store.all_node_resources(session):
        nodes.setdefault(node.node_id, (node, []))[1].append(resource)
    return _Standing(
        store.latest_version(session), nodes, store.snapshot_answers(session, versions)
    )


def _snapshot_message(
    row: EdgeSnapshotRow, standing: _Standing, *, with_resources: bool = False
) -> pb.ConfigSnapshot:
    resources = edge.resources_from_stored(row.resources)
    counts = edge.counts(resources)
    current = row.version == standing.current_version
    answers = standing.node_answers(row.version)
    message = pb.ConfigSnapshot(
        snapshot_id=row.snapshot_id,
        version=row.version,
        create_time=to_timestamp(row.created_at),
        cause=row.cause,
        created_by=row.created_by,
        resource_counts=pb.ResourceCounts(
            listeners=counts[edge.LISTENER],
            routes=counts[edge.ROUTE],
            clusters=counts[edge.CLUSTER],
            endpoints=counts[edge.ENDPOINT],
            secrets=counts[edge.SECRET],
        ),
        current=current,
        restored_from_snapshot_id=row.restored_from_snapshot_id or "",
        acked_nodes=sum(1 for answer in answers if answer.acked),
        nacked_nodes=sum(1 for answer in answers if not answer.acked),
        connected_nodes=standing.connected() if current else 0,
        node_answers=answers,
    )
    if with_resources:
        # Upstream client keys are stored sealed and shown as neither key nor ciphertext.
        message.resources.extend(
            pb.EdgeResource(type_url=r.type_url, name=r.name, json=r.to_json())
            for r in map(edge.redacted, resources)
        )
    return message


def _node_message(
    node: EdgeNodeRow, rows: list[EdgeNodeResourceRow], current_version: int
) -> pb.EdgeNode:
    return pb.EdgeNode(
        node_id=node.node_id,
        cluster=node.cluster,
        envoy_version=node.envoy_version,
        address=node.address,
        connected=node.connected,
        connect_time=to_timestamp(node.connect_time),
        last_seen_time=to_timestamp(node.last_seen_time),
        resources=[
            pb.NodeResourceStatus(
                type_url=row.type_url,
                acked_version=row.acked_version,
                ack_time=to_timestamp(row.ack_time),
                nacked_version=row.nacked_version,
                nack_message=row.nack_message,
                nack_time=to_timestamp(row.nack_time),
            )
            for row in rows
        ],
        in_sync=bool(rows) and all(row.acked_version == current_version for row in rows),
        acked_version=_lowest_ack(rows),
    )


def snapshot_summary(row: EdgeSnapshotRow | None) -> dict[str, Any] | None:
    """The edge configuration version as the audit trail keeps it (not its resources)."""
    if row is None:
        return None
    return {
        "snapshot_id": row.snapshot_id,
        "version": row.version,
        "cause": row.cause,
        "created_by": row.created_by,
        "restored_from_snapshot_id": row.restored_from_snapshot_id or "",
    }


def _record_new_version(
    session: Session, facts: RequestFacts, row: EdgeSnapshotRow, summary: str
) -> None:
    """Audit a snapshot the control made: before is the version it replaced."""
    audit(
        session,
        AuditOutboxRow,
        facts,
        "edge_snapshot",
        row.snapshot_id,
        summary,
        before=snapshot_summary(store.snapshot_before(session, row.version)),
        after=snapshot_summary(row),
    )


def _require_id(check: Validator, value: str, field: str) -> None:
    check.require(0 < len(value) <= 128, field, "required, at most 128 characters")


class EdgeConfigServicer(pb_grpc.EdgeConfigServiceServicer):
    def __init__(self, control: EdgeControl) -> None:
        self.control = control
        self.uow = control.uow

    async def ListConfigSnapshots(
        self, request: pb.ListConfigSnapshotsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListConfigSnapshotsResponse:
        offset, limit = page_window(request.page_size, request.page_token)

        def work(session: Session) -> pb.ListConfigSnapshotsResponse:
            rows, total = store.list_snapshots(session, offset, limit)
            standing = _standing(session, [row.version for row in rows])
            return pb.ListConfigSnapshotsResponse(
                snapshots=[_snapshot_message(row, standing) for row in rows],
                next_page_token=next_token(offset, limit, total),
                total_size=total,
            )

        return await self.uow.run(work)

    async def GetConfigSnapshot(
        self, request: pb.GetConfigSnapshotRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetConfigSnapshotResponse:
        check = Validator()
        _require_id(check, request.snapshot_id, "snapshot_id")
        check.check()

        def work(session: Session) -> pb.GetConfigSnapshotResponse:
            row = store.snapshot(session, request.snapshot_id)
            return pb.GetConfigSnapshotResponse(
                snapshot=_snapshot_message(
                    row, _standing(session, [row.version]), with_resources=True
                )
            )

        return await self.uow.run(work)

    async def DiffConfigSnapshots(
        self, request: pb.DiffConfigSnapshotsRequest, context: grpc.aio.ServicerContext
    ) -> pb.DiffConfigSnapshotsResponse:
        check = Validator()
        _require_id(check, request.snapshot_id, "snapshot_id")
        check.require(
            len(request.base_snapshot_id) <= 128, "base_snapshot_id", "at most 128 characters"
        )
        check.check()

        def work(session: Session) -> pb.DiffConfigSnapshotsResponse:
            after = store.snapshot(session, request.snapshot_id)
            before = (
                store.snapshot(session, request.base_snapshot_id)
                if request.base_snapshot_id
                else store.snapshot_before(session, after.version)
            )
            standing = _standing(
                session, [after.version, *([before.version] if before is not None else [])]
            )
            # Sealed keys are redacted on both sides: a diff never shows them either.
            changes = edge.diff(
                [edge.redacted(r) for r in edge.resources_from_stored(before.resources)]
                if before is not None
                else [],
                [edge.redacted(r) for r in edge.resources_from_stored(after.resources)],
            )
            response = pb.DiffConfigSnapshotsResponse(
                snapshot=_snapshot_message(after, standing),
                diffs=[
                    pb.ResourceDiff(
                        type_url=change.type_url,
                        name=change.name,
                        change=_CHANGES[change.change],
                        before_json=change.before,
                        after_json=change.after,
                        unified_diff=change.unified_diff,
                    )
                    for change in changes
                ],
            )
            if before is not None:
                response.base_snapshot.CopyFrom(_snapshot_message(before, standing))
            return response

        return await self.uow.run(work)

    async def RollbackConfigSnapshot(
        self, request: pb.RollbackConfigSnapshotRequest, context: grpc.aio.ServicerContext
    ) -> pb.RollbackConfigSnapshotResponse:
        check = Validator()
        _require_id(check, request.snapshot_id, "snapshot_id")
        check.require(len(request.reason) <= 200, "reason", "at most 200 characters")
        check.require(
            len(request.idempotency_key) <= 128, "idempotency_key", "at most 128 characters"
        )
        check.check()
        facts = request_facts(context, SERVICE, "RollbackConfigSnapshot")
        key = request.idempotency_key
        retried = bool(key) and await self.uow.run(
            lambda s: store.snapshot_by_idempotency_key(s, key) is not None
        )
        snapshot_id = await self.control.rollback(
            request.snapshot_id,
            reason=request.reason.strip(),
            idempotency_key=request.idempotency_key,
            actor=actor_name(),
        )

        # The control makes the snapshot in its own transaction; its record follows in the next.
        def work(session: Session) -> pb.RollbackConfigSnapshotResponse:
            row = store.snapshot(session, snapshot_id)
            if not retried:  # a retry finds the rollback made, and records nothing
                _record_new_version(session, facts, row, f"edge configuration: {row.cause}")
            return pb.RollbackConfigSnapshotResponse(
                snapshot=_snapshot_message(row, _standing(session, [row.version]))
            )

        return await self.uow.run(work)

    async def RebuildConfigSnapshot(
        self, request: pb.RebuildConfigSnapshotRequest, context: grpc.aio.ServicerContext
    ) -> pb.RebuildConfigSnapshotResponse:
        check = Validator()
        check.require(len(request.reason) <= 200, "reason", "at most 200 characters")
        check.check()
        reason = request.reason.strip()
        facts = request_facts(context, SERVICE, "RebuildConfigSnapshot")
        changed = await self.control.rebuild(
            cause="rebuild" + (f": {reason}" if reason else ""),
            actor=actor_name(),
            only_if_inputs_changed=False,
        )

        def work(session: Session) -> pb.RebuildConfigSnapshotResponse:
            row = store.latest_snapshot(session)
            response = pb.RebuildConfigSnapshotResponse(changed=changed)
            if changed and row is not None:
                _record_new_version(session, facts, row, f"edge configuration: {row.cause}")
            if row is not None:
                response.snapshot.CopyFrom(
                    _snapshot_message(row, _standing(session, [row.version]))
                )
            return response

        return await self.uow.run(work)

    async def ListEdgeNodes(
        self, request: pb.ListEdgeNodesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListEdgeNodesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        since = utcnow() - RECENTLY_SEEN if request.include_disconnected else None

        def work(session: Session) -> pb.ListEdgeNodesResponse:
            rows, total = store.list_nodes(session, offset, limit, since)
            resources = store.node_resources(session, [row.node_id for row in rows])
            current = store.latest_version(session)
            return pb.ListEdgeNodesResponse(
                nodes=[_node_message(row, resources[row.node_id], current) for row in rows],
                next_page_token=next_token(offset, limit, total),
                total_size=total,
                current_version=current,
            )

        return await self.uow.run(work)

    async def GetEdgeNode(
        self, request: pb.GetEdgeNodeRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetEdgeNodeResponse:
        check = Validator()
        _require_id(check, request.node_id, "node_id")
        check.check()

        def work(session: Session) -> pb.GetEdgeNodeResponse:
            row = store.node(session, request.node_id)
            resources = store.node_resources(session, [row.node_id])[row.node_id]
            return pb.GetEdgeNodeResponse(
                node=_node_message(row, resources, store.latest_version(session))
            )

        return await self.uow.run(work)

    async def GetCatalogDirectory(
        self, request: pb.GetCatalogDirectoryRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetCatalogDirectoryResponse:
        def work(session: Session) -> pb.GetCatalogDirectoryResponse:
            return pb.GetCatalogDirectoryResponse(
                api_services=[
                    pb.CatalogDirectoryEntry(
                        api_service_id=row.api_service_id,
                        code=row.code,
                        version=row.version,
                        name=row.name,
                        category=row.category,
                    )
                    for row in store.catalog_directory(session)
                ]
            )

        return await self.uow.run(work)

    async def GetEdgeNodeDirectory(
        self, request: pb.GetEdgeNodeDirectoryRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetEdgeNodeDirectoryResponse:
        def work(session: Session) -> pb.GetEdgeNodeDirectoryResponse:
            rows, _ = store.list_nodes(session, 0, MAX_DIRECTORY_NODES, None)
            resources = store.node_resources(session, [row.node_id for row in rows])
            current = store.latest_version(session)
            return pb.GetEdgeNodeDirectoryResponse(
                nodes=[_node_message(row, resources[row.node_id], current) for row in rows],
                current_version=current,
            )

        return await self.uow.run(work)
