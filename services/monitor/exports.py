"""Downloads of monitor's data: the access log as CSV or Excel, streamed page by page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from zoneinfo import ZoneInfo

import grpc
from google.api import httpbody_pb2
from sqlalchemy.orm import Session

from services.monitor import domain, report_servicer, store
from services.monitor.maintenance_exports import (
    EXPORT_COLUMNS,
    attachment_chunks,
    export_pages,
    export_query,
)
from services.monitor.models import AccessLogRow
from services.monitor.servicer import log_query
from services.runtime import table_export
from services.runtime.clock import as_utc, utcnow
from services.runtime.db import UnitOfWork
from wailian.monitor.v1 import downloads_pb2, downloads_pb2_grpc

EXPORT_PAGE_ROWS = 2_000
CSV_COLUMNS = (
    "time",
    "request_id",
    "trace_id",
    "channel",
    "api_service",
    "method",
    "path",
    "status",
    "outcome",
    "response_flags",
    "duration_ms",
    "upstream_ms",
    "client_ip",
    "user_agent",
)


def log_cells(rows: Sequence[AccessLogRow], zone: ZoneInfo) -> Iterator[tuple[object, ...]]:
    """Rows as cells in the platform's time zone; patient identifiers were masked on ingest."""
    return (
        (
            as_utc(row.started_at).astimezone(zone).isoformat(timespec="milliseconds"),
            row.request_id,
            row.trace_id,
            row.channel_code,
            row.api_code,
            row.method,
            row.path,
            row.status,
            domain.outcome(row.status, row.response_flags).value,
            row.response_flags,
            row.duration_ms,
            max(row.upstream_ms, 0),
            row.client_ip,
            row.user_agent,
        )
        for row in rows
    )


class MonitorDownloadServicer(downloads_pb2_grpc.DownloadServiceServicer):
    def __init__(self, uow: UnitOfWork, timezone: str) -> None:
        self.uow = uow
        self.zone = ZoneInfo(timezone)

    async def ExportAccessLogs(
        self, request: downloads_pb2.ExportAccessLogsRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        table = table_export.writer(request.format, "access-logs")
        query = log_query(request.filter, request.HasField("filter"), utcnow())

        async def pages() -> AsyncIterator[Iterator[tuple[object, ...]]]:
            after: domain.LogCursor | None = None
            while True:
                cursor = after

                def page(
                    session: Session, cursor: domain.LogCursor | None = cursor
                ) -> list[AccessLogRow]:
                    return store.list_logs(session, query, cursor, EXPORT_PAGE_ROWS)

                rows = await self.uow.run(page)
                if rows:
                    yield log_cells(rows, self.zone)
                if len(rows) < EXPORT_PAGE_ROWS:
                    return
                after = domain.LogCursor(as_utc(rows[-1].started_at), rows[-1].log_id)

        async for chunk in table_export.stream(table, CSV_COLUMNS, pages()):
            yield chunk

    async def ExportMaintenanceRecords(
        self,
        request: downloads_pb2.ExportMaintenanceRecordsRequest,
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        table = table_export.writer(request.format, "maintenance-records")
        query = export_query(request.filter)
        pages = export_pages(self.uow, self.zone.key, query, request.include_events)
        async for chunk in table_export.stream(table, EXPORT_COLUMNS, pages):
            yield chunk

    async def DownloadMaintenanceRecordAttachment(
        self,
        request: downloads_pb2.DownloadMaintenanceRecordAttachmentRequest,
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        content_type, chunks = await attachment_chunks(
            self.uow, request.maintenance_record_id, request.attachment_id
        )
        yield httpbody_pb2.HttpBody(content_type=content_type, data=chunks[0])
        for chunk in chunks[1:]:
            yield httpbody_pb2.HttpBody(data=chunk)

    async def DownloadReport(
        self, request: downloads_pb2.DownloadReportRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        content_type, chunks = await report_servicer.report_chunks(
            self.uow, request.report_id, request.format
        )
        yield httpbody_pb2.HttpBody(content_type=content_type, data=chunks[0])
        for chunk in chunks[1:]:
            yield httpbody_pb2.HttpBody(data=chunk)
