"""Downloads of monitor's data: the access log as CSV, streamed page by page."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable, Sequence
from zoneinfo import ZoneInfo

import grpc
from google.api import httpbody_pb2
from sqlalchemy.orm import Session

from services.monitor import domain, store
from services.monitor.models import AccessLogRow
from services.monitor.servicer import log_query
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
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_rows(rows: Sequence[AccessLogRow], zone: ZoneInfo) -> str:
    """Rows as CSV text in the platform's time zone; patient identifiers were masked on ingest."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(
            _cell(value)
            for value in (
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
        )
    return buffer.getvalue()


def _page(
    query: domain.LogQuery, after: domain.LogCursor | None
) -> Callable[[Session], list[AccessLogRow]]:
    def read(session: Session) -> list[AccessLogRow]:
        return store.list_logs(session, query, after, EXPORT_PAGE_ROWS)

    return read


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
        header = "\ufeff" + ",".join(CSV_COLUMNS) + "\r\n"  # the BOM lets Excel read UTF-8
        yield httpbody_pb2.HttpBody(content_type="text/csv; charset=utf-8", data=header.encode())
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
            yield httpbody_pb2.HttpBody(data=csv_rows(rows, self.zone).encode())
            if len(rows) < EXPORT_PAGE_ROWS:
                return
            after = domain.LogCursor(as_utc(rows[-1].started_at), rows[-1].log_id)
