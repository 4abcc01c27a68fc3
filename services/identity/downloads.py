"""Identity's downloads: the audit trail as CSV or Excel, a channel's client certificate."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator
from zoneinfo import ZoneInfo

import grpc
from google.api import httpbody_pb2
from sqlalchemy.orm import Session

from services.identity import store
from services.identity.models import AuditRecordRow, CredentialRow
from services.identity.servicer import visible_channel
from services.identity.staff_servicer import audit_filter
from services.runtime import table_export
from services.runtime.clock import as_utc
from services.runtime.db import UnitOfWork
from services.runtime.errors import FieldViolation, InvalidArgument, NotFound
from wailian.identity.v1 import downloads_pb2, downloads_pb2_grpc
from wailian.identity.v1 import identity_pb2 as idp

EXPORT_PAGE_ROWS = 2_000
AUDIT_COLUMNS = (
    "sequence",
    "time",
    "actor",
    "client_ip",
    "service",
    "action",
    "resource_type",
    "resource_id",
    "result",
    "summary",
    "status",
    "request_id",
    "before",
    "after",
    "hash",
)
_RESULTS = {1: "success", 2: "failure", 3: "denied"}


def _audit_cells(rows: list[AuditRecordRow], zone: ZoneInfo) -> Iterator[tuple[object, ...]]:
    return (
        (
            row.sequence,
            as_utc(row.event_time).astimezone(zone).isoformat(timespec="seconds"),
            row.actor_name,
            row.client_ip,
            row.service,
            row.action,
            row.resource_type,
            row.resource_id,
            _RESULTS.get(row.result, str(row.result)),
            row.summary,
            row.status_code,
            row.request_id,
            row.before_json,
            row.after_json,
            row.hash,
        )
        for row in rows
    )


class IdentityDownloadServicer(downloads_pb2_grpc.DownloadServiceServicer):
    def __init__(self, uow: UnitOfWork, timezone: str) -> None:
        self.uow = uow
        self.zone = ZoneInfo(timezone)

    async def ExportAuditRecords(
        self, request: downloads_pb2.ExportAuditRecordsRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        """Newest first, every record the filter selects, page by page (keyset on sequence)."""
        table = table_export.writer(request.format, "audit")
        chosen = audit_filter(request.filter, request.HasField("filter"))

        async def pages() -> AsyncIterator[Iterator[tuple[object, ...]]]:
            below = 0
            while True:
                page = dataclasses.replace(chosen, below_sequence=below)

                def read(session: Session, page: store.AuditFilter = page) -> list[AuditRecordRow]:
                    return store.list_audit(session, page, 0, EXPORT_PAGE_ROWS)[0]

                rows = await self.uow.run(read)
                if rows:
                    yield _audit_cells(rows, self.zone)
                if len(rows) < EXPORT_PAGE_ROWS:
                    return
                below = rows[-1].sequence

        async for chunk in table_export.stream(table, AUDIT_COLUMNS, pages()):
            yield chunk

    async def DownloadChannelCertificate(
        self,
        request: downloads_pb2.DownloadChannelCertificateRequest,
        context: grpc.aio.ServicerContext,
    ) -> httpbody_pb2.HttpBody:
        violations = [
            FieldViolation(name, "required")
            for name, value in (
                ("channel_id", request.channel_id),
                ("credential_id", request.credential_id),
            )
            if not value
        ]
        if violations:
            raise InvalidArgument(violations)

        def read(session: Session) -> CredentialRow | None:
            visible_channel(session, request.channel_id)  # a vendor's own channels only
            return session.get(CredentialRow, request.credential_id)

        row = await self.uow.run(read)
        if (
            row is None
            or row.channel_id != request.channel_id
            or row.kind != idp.CREDENTIAL_KIND_MUTUAL_TLS
            or not row.certificate_pem
        ):
            raise NotFound(
                f"no client certificate {request.credential_id} of channel {request.channel_id}"
            )
        return httpbody_pb2.HttpBody(
            content_type="application/x-pem-file", data=row.certificate_pem.encode()
        )
