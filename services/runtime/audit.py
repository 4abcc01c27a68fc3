"""The audit trail's outbox: a service records each write in the write's own transaction, and a
background task ships the records to identity's hash-chained trail.

A record commits or rolls back with the write it describes. Shipping is at least once (a batch
is deleted only after identity answered); identity skips records it holds already, so each
lands in the trail exactly once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import grpc
from google.protobuf import descriptor
from sqlalchemy import BigInteger, DateTime, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name, current_caller, request_id_var, trace_id_var
from services.runtime.db import UnitOfWork
from wailian.common.v1 import options_pb2
from wailian.identity.v1 import audit_pb2, audit_pb2_grpc

log = logging.getLogger("wailian.audit")

SHIP_EVERY_SECONDS = 1.0
SHIP_BATCH = 500
SHIP_TIMEOUT_SECONDS = 10.0
# The largest before or after snapshot identity's trail takes.
MAX_SNAPSHOT_JSON = 64 * 1024
# Keys of snapshot fields that must never reach the trail in clear (as identity masks its own).
_SECRET_KEYS = ("password", "secret", "token", "totp", "recovery", "private_key")


class AuditOutbox:
    """Mixin for a service's `audit_outbox` table: audit records not shipped to identity yet.

    The columns are identity's `audit_records` columns and sizes, less the chain's own fields
    (sequence, hashes) and the service name, which the shipper adds.
    """

    __tablename__ = "audit_outbox"

    # Write order, the order records are shipped in (BIGSERIAL on PostgreSQL, ROWID on SQLite).
    position: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    audit_record_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_kind: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[str] = mapped_column(String(64))
    actor_name: Mapped[str] = mapped_column(String(64))
    client_ip: Mapped[str] = mapped_column(String(64))
    user_agent: Mapped[str] = mapped_column(String(256))
    method: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(128))
    resource_type: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str] = mapped_column(String(64))
    result: Mapped[int] = mapped_column(Integer)
    before_json: Mapped[str] = mapped_column(Text)
    after_json: Mapped[str] = mapped_column(Text)
    status_code: Mapped[str] = mapped_column(String(32))
    status_message: Mapped[str] = mapped_column(String(512))
    summary: Mapped[str] = mapped_column(String(256))
    request_id: Mapped[str] = mapped_column(String(64))
    trace_id: Mapped[str] = mapped_column(String(64))

    if TYPE_CHECKING:
        # The declarative base of the service's model gives the keyword constructor.
        def __init__(self, **values: Any) -> None: ...


@dataclass(frozen=True)
class RequestFacts:
    """Who asked, from where, and through which method: what a request fixes of its records."""

    method: str
    # The permission the method's contract requires: the action its records name by default.
    action: str
    actor_kind: int
    actor_id: str
    actor_name: str
    client_ip: str = ""
    user_agent: str = ""
    request_id: str = ""
    trace_id: str = ""


def _peer_ip(peer: str) -> str:
    """The address of a gRPC peer string: "ipv4:10.0.0.1:5000" or "ipv6:[::1]:5000"."""
    kind, _, rest = peer.partition(":")
    if kind == "ipv6":
        return rest.rpartition("]")[0].lstrip("[")
    if kind == "ipv4":
        return rest.rpartition(":")[0]
    return ""


def request_facts(
    context: grpc.aio.ServicerContext, service: descriptor.ServiceDescriptor, method: str
) -> RequestFacts:
    """The audit facts of the current call to `service`'s `method`. Behind the edge, the last
    x-forwarded-for entry is the one Envoy added (earlier ones are the client's word)."""
    metadata = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
    forwarded = [
        part.strip() for part in metadata.get("x-forwarded-for", "").split(",") if part.strip()
    ]
    options = service.methods_by_name[method].GetOptions()
    caller = current_caller()
    return RequestFacts(
        method=f"/{service.full_name}/{method}",
        action=options.Extensions[options_pb2.policy].permission,
        actor_kind=audit_pb2.ACTOR_KIND_USER if caller else audit_pb2.ACTOR_KIND_SERVICE,
        actor_id=caller.subject if caller else "",
        actor_name=actor_name(),
        client_ip=forwarded[-1] if forwarded else _peer_ip(context.peer() or ""),
        user_agent=metadata.get("user-agent", ""),
        request_id=request_id_var.get(),
        trace_id=trace_id_var.get(),
    )


def _json(snapshot: Mapping[str, Any] | None) -> str:
    if snapshot is None:
        return ""
    masked = {
        key: "***" if any(word in key.lower() for word in _SECRET_KEYS) else value
        for key, value in snapshot.items()
    }
    kept = json.dumps(masked, ensure_ascii=False, sort_keys=True, default=_plain)
    if len(kept) > MAX_SNAPSHOT_JSON:
        # Identity refuses a larger snapshot, and a refused record would hold up the outbox.
        return json.dumps({"omitted": f"{len(kept)} characters, over the trail's limit"})
    return kept


def _plain(value: object) -> str:
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    return str(value)


def audit(
    session: Session,
    outbox: type[AuditOutbox],
    facts: RequestFacts,
    resource_type: str,
    resource_id: str,
    summary: str,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    action: str = "",
    result: int = audit_pb2.AUDIT_RESULT_SUCCESS,
) -> None:
    """Record a write in the outbox, in the write's transaction: both commit or neither does."""
    if not resource_type:
        # Identity refuses such a record, and a refused record would hold up the outbox.
        raise ValueError("an audit record names the type of the resource written")
    session.add(
        outbox(
            audit_record_id=str(uuid.uuid4()),
            event_time=utcnow(),
            actor_kind=facts.actor_kind,
            actor_id=facts.actor_id[:64],
            actor_name=facts.actor_name[:64],
            client_ip=facts.client_ip[:64],
            user_agent=facts.user_agent[:256],
            method=facts.method[:128],
            action=(action or facts.action or facts.method)[:128],
            resource_type=resource_type[:64],
            resource_id=resource_id[:64],
            result=result,
            before_json=_json(before),
            after_json=_json(after),
            status_code="",
            status_message="",
            summary=summary[:256],
            request_id=facts.request_id[:64],
            trace_id=facts.trace_id[:64],
        )
    )


def _record_message(row: AuditOutbox, service: str) -> audit_pb2.AuditRecord:
    return audit_pb2.AuditRecord(
        audit_record_id=row.audit_record_id,
        event_time=to_timestamp(row.event_time),
        actor_kind=row.actor_kind,  # type: ignore[arg-type]
        actor_id=row.actor_id,
        actor_name=row.actor_name,
        client_ip=row.client_ip,
        user_agent=row.user_agent,
        service=service,
        method=row.method,
        action=row.action,
        resource_type=row.resource_type,
        resource_id=row.resource_id,
        result=row.result,  # type: ignore[arg-type]
        before_json=row.before_json,
        after_json=row.after_json,
        status_code=row.status_code,
        status_message=row.status_message,
        request_id=row.request_id,
        trace_id=row.trace_id,
        summary=row.summary,
    )


class AuditShipper:
    """Sends a service's outbox to identity's AppendAuditRecords, oldest first, in batches."""

    def __init__(
        self,
        uow: UnitOfWork,
        outbox: type[AuditOutbox],
        service: str,
        identity: Callable[[], grpc.aio.Channel],
        *,
        every: float = SHIP_EVERY_SECONDS,
        batch: int = SHIP_BATCH,
    ) -> None:
        self.uow = uow
        self.outbox = outbox
        self.service = service
        self._identity = identity
        self.every = every
        self.batch = batch
        # Why the last attempt failed; logged when it starts failing, not on every retry.
        self._failing: str | None = None

    async def run(self) -> None:
        """Ship every second; a full batch is followed at once by the next."""
        while True:
            shipped = await self.attempt()
            if shipped < self.batch:
                await asyncio.sleep(self.every)

    async def attempt(self) -> int:
        """One round: the number shipped; a failure is logged when it starts and retried."""
        try:
            shipped = await self.ship_once()
        except grpc.aio.AioRpcError as error:
            self._failed(f"identity answered {error.code().name}: {error.details()}")
            return 0
        except Exception as error:
            self._failed(f"{type(error).__name__}: {error}")
            return 0
        if self._failing is not None:
            log.info("audit records ship again", extra={"service": self.service})
            self._failing = None
        return shipped

    def _failed(self, reason: str) -> None:
        if self._failing is None:
            log.warning(
                "cannot ship audit records (%s); they wait in the outbox",
                reason,
                extra={"service": self.service},
            )
        self._failing = reason

    async def ship_once(self) -> int:
        """Send the oldest batch and delete it once identity has it; the number shipped."""

        def oldest(session: Session) -> tuple[list[int], list[audit_pb2.AuditRecord]]:
            rows = session.scalars(
                select(self.outbox).order_by(self.outbox.position).limit(self.batch)
            )
            shipped = [(row.position, _record_message(row, self.service)) for row in rows]
            return [p for p, _ in shipped], [m for _, m in shipped]

        positions, records = await self.uow.run(oldest)
        if not records:
            return 0
        stub = audit_pb2_grpc.AuditServiceStub(self._identity())
        await stub.AppendAuditRecords(
            audit_pb2.AppendAuditRecordsRequest(audit_records=records),
            timeout=SHIP_TIMEOUT_SECONDS,
        )

        def forget(session: Session) -> None:
            session.execute(delete(self.outbox).where(self.outbox.position.in_(positions)))

        await self.uow.run(forget)
        return len(records)
