"""Downloads of monitor's data as CSV or Excel, streamed page by page: the access log, the
service usage and channel access statistics, ad-hoc statistics and alerts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import grpc
from google.api import httpbody_pb2
from sqlalchemy.orm import Session

from services.monitor import alert_store, alerts, domain, report_servicer, store
from services.monitor import usage_query as adhoc
from services.monitor.maintenance_exports import (
    EXPORT_COLUMNS,
    attachment_chunks,
    export_pages,
    export_query,
)
from services.monitor.messages import severity_of
from services.monitor.models import AccessLogRow, AlertRow
from services.monitor.servicer import (
    StatisticsServicer,
    adhoc_groups,
    adhoc_query,
    log_query,
    usage_metrics,
)
from services.runtime import table_export
from services.runtime.clock import as_utc, utcnow
from services.runtime.context import current_caller
from services.runtime.db import UnitOfWork
from services.runtime.errors import Validator
from wailian.monitor.v1 import alerts_pb2, downloads_pb2, downloads_pb2_grpc, statistics_pb2

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


METRIC_COLUMNS = (
    "calls",
    "success_calls",
    "failed_calls",
    "client_error_calls",
    "server_error_calls",
    "success_share",
    "average_latency_ms",
    "p95_latency_ms",
    "p99_latency_ms",
    "request_bytes",
    "response_bytes",
)
SERVICE_USAGE_COLUMNS = (
    "api_service_code",
    "api_service_name",
    "category",
    *METRIC_COLUMNS,
    "previous_calls",
    "top_channels",
)
CHANNEL_ACCESS_COLUMNS = (
    "channel_id",
    "channel_code",
    "channel_name",
    "channel_type",
    "daily_quota",
    "today_calls",
    *METRIC_COLUMNS,
    "previous_calls",
    "services_used",
    "top_services",
)
ALERT_COLUMNS = (
    "start_time",
    "alert_id",
    "alert_rule_name",
    "kind",
    "severity",
    "status",
    "summary",
    "api_service",
    "channel_id",
    "value",
    "threshold",
    "resolve_time",
    "acknowledged_by",
    "acknowledge_time",
    "acknowledge_comment",
    "maintenance_record_id",
    "notification_count",
)
_ALERT_STATES = {
    alerts_pb2.ALERT_STATUS_FIRING: alerts.AlertState.FIRING,
    alerts_pb2.ALERT_STATUS_RESOLVED: alerts.AlertState.RESOLVED,
}


def metric_cells(metrics: statistics_pb2.UsageMetrics) -> tuple[object, ...]:
    return (
        metrics.calls,
        metrics.success_calls,
        metrics.failed_calls,
        metrics.client_error_calls,
        metrics.server_error_calls,
        round(metrics.success_share, 4),
        round(metrics.average_latency_ms, 1),
        round(metrics.p95_latency_ms, 1),
        round(metrics.p99_latency_ms, 1),
        metrics.request_bytes,
        metrics.response_bytes,
    )


def _share(name: str, code: str, calls: int) -> str:
    return f"{name or code} ({calls})"


def service_usage_cells(rows: Sequence[statistics_pb2.ServiceUsageRow]) -> list[tuple[object, ...]]:
    return [
        (
            row.api_service_code,
            row.api_service_name,
            row.category,
            *metric_cells(row.metrics),
            row.previous_metrics.calls,
            "; ".join(
                _share(c.channel_name, c.channel_code or c.channel_id, c.calls)
                for c in row.top_channels
            ),
        )
        for row in rows
    ]


def channel_access_cells(
    rows: Sequence[statistics_pb2.ChannelAccessRow],
) -> list[tuple[object, ...]]:
    return [
        (
            row.channel_id,
            row.channel_code,
            row.channel_name,
            row.channel_type,
            row.daily_quota,
            row.today_calls,
            *metric_cells(row.metrics),
            row.previous_metrics.calls,
            row.services_used,
            "; ".join(
                _share(s.api_service_name, s.api_service_code, s.calls) for s in row.top_services
            ),
        )
        for row in rows
    ]


def usage_query_columns(group_by: Sequence[adhoc.Dimension]) -> tuple[str, ...]:
    """Each dimension's value and its display name, then the figures."""
    named = (column for d in group_by for column in (d.value, f"{d.value}_name"))
    return (*named, *METRIC_COLUMNS)


def usage_query_cells(groups: Sequence[adhoc.Group]) -> list[tuple[object, ...]]:
    return [
        (
            *(cell for value in found.values for cell in (value.value, value.label)),
            *metric_cells(usage_metrics(found.summary)),
        )
        for found in groups
    ]


def alert_cells(rows: Sequence[AlertRow], zone: ZoneInfo) -> Iterator[tuple[object, ...]]:
    def moment(value: datetime | None) -> str:
        return as_utc(value).astimezone(zone).isoformat(timespec="seconds") if value else ""

    return (
        (
            moment(row.started_at),
            row.alert_id,
            row.alert_rule_name,
            row.kind,
            row.severity,
            row.state,
            row.summary,
            row.api_code,
            row.channel_id,
            row.value,
            row.threshold,
            moment(row.resolved_at),
            row.acknowledged_by,
            moment(row.acknowledged_at),
            row.acknowledge_comment,
            row.maintenance_record_id,
            row.notification_count,
        )
        for row in rows
    )


def alert_query(request: downloads_pb2.ExportAlertsRequest) -> alert_store.AlertQuery:
    check = Validator()
    check.require(
        request.status == alerts_pb2.ALERT_STATUS_UNSPECIFIED or request.status in _ALERT_STATES,
        "status",
        "firing or resolved",
    )
    severity = severity_of(request.min_severity)
    check.require(
        request.min_severity == alerts_pb2.ALERT_SEVERITY_UNSPECIFIED or severity is not None,
        "min_severity",
        "info, warning or critical",
    )
    time_range = request.time_range
    start = (
        as_utc(time_range.start_time.ToDatetime()) if time_range.HasField("start_time") else None
    )
    end = as_utc(time_range.end_time.ToDatetime()) if time_range.HasField("end_time") else None
    check.require(
        start is None or end is None or start < end,
        "time_range",
        "start_time must be before end_time",
    )
    check.check()
    return alert_store.AlertQuery(
        state=_ALERT_STATES.get(request.status),
        min_severity=severity,
        started_from=start,
        started_before=end,
    )


async def _one_page(
    cells: Sequence[tuple[object, ...]],
) -> AsyncIterator[Iterable[tuple[object, ...]]]:
    for start in range(0, len(cells), EXPORT_PAGE_ROWS):
        yield cells[start : start + EXPORT_PAGE_ROWS]


class MonitorDownloadServicer(downloads_pb2_grpc.DownloadServiceServicer):
    def __init__(self, uow: UnitOfWork, timezone: str, statistics: StatisticsServicer) -> None:
        self.uow = uow
        self.zone = ZoneInfo(timezone)
        # The statistics exports are its rows, all of them, in a file.
        self.statistics = statistics

    async def ExportServiceUsage(
        self, request: downloads_pb2.ExportServiceUsageRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        table = table_export.writer(request.format, "service-usage")
        found = await self.statistics.service_usage(
            request.filter, request.HasField("filter"), request.order_by, 0, None
        )
        cells = service_usage_cells(found.rows)
        async for chunk in table_export.stream(table, SERVICE_USAGE_COLUMNS, _one_page(cells)):
            yield chunk

    async def ExportChannelAccess(
        self, request: downloads_pb2.ExportChannelAccessRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        table = table_export.writer(request.format, "channel-access")
        found = await self.statistics.channel_access(
            request.filter, request.HasField("filter"), request.order_by, 0, None
        )
        cells = channel_access_cells(found.rows)
        async for chunk in table_export.stream(table, CHANNEL_ACCESS_COLUMNS, _one_page(cells)):
            yield chunk

    async def ExportUsageQuery(
        self, request: downloads_pb2.ExportUsageQueryRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        table = table_export.writer(request.format, "usage")
        statistics = self.statistics
        query = adhoc_query(
            request.filter,
            request.HasField("filter"),
            request.group_by,
            request.granularity,
            request.order_by,
            statistics.timezone,
            statistics.names,
        )
        groups = await adhoc_groups(self.uow, query, statistics.names, statistics.timezone)
        columns = usage_query_columns(query.group_by)
        async for chunk in table_export.stream(
            table, columns, _one_page(usage_query_cells(groups))
        ):
            yield chunk

    async def ExportAlerts(
        self, request: downloads_pb2.ExportAlertsRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        table = table_export.writer(request.format, "alerts")
        query = alert_query(request)
        caller = current_caller()
        reader = caller.subject if caller else ""

        async def pages() -> AsyncIterator[Iterator[tuple[object, ...]]]:
            offset = 0
            while True:
                start = offset

                def page(session: Session, start: int = start) -> list[AlertRow]:
                    rows, _ = alert_store.list_alerts(
                        session, query, reader, start, EXPORT_PAGE_ROWS
                    )
                    return [row for row, _ in rows]

                rows = await self.uow.run(page)
                if rows:
                    yield alert_cells(rows, self.zone)
                if len(rows) < EXPORT_PAGE_ROWS:
                    return
                offset += len(rows)

        async for chunk in table_export.stream(table, ALERT_COLUMNS, pages()):
            yield chunk

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
