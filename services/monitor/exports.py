"""Downloads of monitor's data: the access log as CSV, streamed page by page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from zoneinfo import ZoneInfo

import grpc
from google.api import httpbody_pb2
from sqlalchemy.orm import Session

from services.monitor import domain, store
from services.monitor.models import AccessLogRow
from services.monitor.servicer import log_query
from services.runtime import csv_export
from services.runtime.clock import as_utc, utcnow
from services.runtime.db import UnitOfWork
from services.runtime.errors import Unimplemented
from wailian.common.v1 import common_pb2
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


def csv_rows(rows: Sequence[AccessLogRow], zone: ZoneInfo) -> bytes:
    """Rows as CSV in the platform's time zone; patient identifiers were masked on ingest."""
    return csv_export.lines(
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
        if request.format == common_pb2.EXPORT_FORMAT_XLSX:
            raise Unimplemented("Excel export is not built yet; ask for CSV")
        query = log_query(request.filter, request.HasField("filter"), utcnow())
        yield httpbody_pb2.HttpBody(
            content_type=csv_export.CONTENT_TYPE, data=csv_export.header(CSV_COLUMNS)
        )
        after: domain.LogCursor | None = None
        while True:
            cursor = after

            def page(
                session: Session, cursor: domain.LogCursor | None = cursor
            ) -> list[AccessLogRow]:
                return store.list_logs(session, query, cursor, EXPORT_PAGE_ROWS)

            rows = await self.uow.run(page)
            if not rows:
                return
            yield httpbody_pb2.HttpBody(data=csv_rows(rows, self.zone))
            if len(rows) < EXPORT_PAGE_ROWS:
                return
            after = domain.LogCursor(as_utc(rows[-1].started_at), rows[-1].log_id)
