"""Monitor's gRPC servicers: they translate messages; rules live in domain, SQL in store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import grpc
from envoy.service.accesslog.v3 import als_pb2, als_pb2_grpc
from google.protobuf import timestamp_pb2
from sqlalchemy.orm import Session

from services.monitor import domain, housekeeping, store, usage_log_store
from services.monitor import usage_query as adhoc
from services.monitor.directory import Directory
from services.monitor.ingest import row_values
from services.monitor.models import AccessLogRow
from services.monitor.pipeline import IngestPipeline
from services.monitor.purge_record import PurgeRecord
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.db import UnitOfWork
from services.runtime.errors import NotFound, Validator
from services.runtime.masking import mask_identifiers
from services.runtime.paging import next_token, page_window
from wailian.common.v1 import common_pb2
from wailian.monitor.v1 import logs_pb2, logs_pb2_grpc, statistics_pb2, statistics_pb2_grpc
from wailian.monitor.v1 import traffic_pb2 as pb
from wailian.monitor.v1 import traffic_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.monitor")

TOP_LIMIT = 5
# Stands for "no API service" when a category filter matches none (no route is named so).
NO_API_SERVICE = "@"
MAX_TOP_LIMIT = 100
MAX_SERIES_POINTS = 2_000
# Series by upstream are summed from the raw log (the rollups do not keep upstreams).
MAX_UPSTREAM_SERIES = timedelta(hours=24)
DEFAULT_LOG_PAGE = 50


class AccessLogSink(als_pb2_grpc.AccessLogServiceServicer):
    """Receives Envoy's gRPC access-log stream and hands the rows to the batched writer.

    Never waits on the database: a full buffer drops (and counts) rather than slow Envoy.
    """

    def __init__(
        self, pipeline: IngestPipeline, hide_path: Callable[[str], str] = mask_identifiers
    ) -> None:
        self.pipeline = pipeline
        self.hide_path = hide_path

    async def StreamAccessLogs(
        self,
        request_iterator: AsyncIterator[als_pb2.StreamAccessLogsMessage],
        context: grpc.aio.ServicerContext,
    ) -> als_pb2.StreamAccessLogsResponse:
        node = ""
        async for message in request_iterator:
            if message.HasField("identifier"):
                node = message.identifier.node.id
                log.info("access log stream opened", extra={"envoy_node": node})
            rows = [
                row_values(entry, node, self.hide_path) for entry in message.http_logs.log_entry
            ]
            if rows:
                self.pipeline.offer(rows)
        log.info("access log stream closed", extra={"envoy_node": node})
        return als_pb2.StreamAccessLogsResponse()


# Translation helpers.

_OUTCOMES = {
    logs_pb2.CALL_OUTCOME_SUCCESS: domain.Outcome.SUCCESS,
    logs_pb2.CALL_OUTCOME_CLIENT_ERROR: domain.Outcome.CLIENT_ERROR,
    logs_pb2.CALL_OUTCOME_SERVER_ERROR: domain.Outcome.SERVER_ERROR,
}
_OUTCOME_ENUMS = {value: key for key, value in _OUTCOMES.items()}
_RANK_METRICS = {
    pb.RANK_METRIC_UNSPECIFIED: domain.RankMetric.CALLS,
    pb.RANK_METRIC_CALLS: domain.RankMetric.CALLS,
    pb.RANK_METRIC_FAILED_CALLS: domain.RankMetric.FAILED_CALLS,
    pb.RANK_METRIC_AVERAGE_LATENCY: domain.RankMetric.AVERAGE_LATENCY,
    pb.RANK_METRIC_P95_LATENCY: domain.RankMetric.P95_LATENCY,
    pb.RANK_METRIC_FAILURE_SHARE: domain.RankMetric.FAILURE_SHARE,
}
_STEPS = {
    pb.SERIES_STEP_MINUTE: domain.Granularity.MINUTE,
    pb.SERIES_STEP_FIVE_MINUTES: domain.Granularity.FIVE_MINUTES,
    pb.SERIES_STEP_HOUR: domain.Granularity.HOUR,
    pb.SERIES_STEP_DAY: domain.Granularity.DAY,
}
_STEP_ENUMS = {value: key for key, value in _STEPS.items()}
_GRANULARITIES = {
    statistics_pb2.GRANULARITY_UNSPECIFIED: domain.Granularity.DAY,
    statistics_pb2.GRANULARITY_HOUR: domain.Granularity.HOUR,
    statistics_pb2.GRANULARITY_DAY: domain.Granularity.DAY,
    statistics_pb2.GRANULARITY_MONTH: domain.Granularity.MONTH,
}


def _moment(stamp: timestamp_pb2.Timestamp, present: bool) -> datetime | None:
    return as_utc(stamp.ToDatetime()) if present else None


def _window(
    time_range: common_pb2.TimeRange, present: bool, default: domain.Window, field: str
) -> domain.Window:
    start = _moment(time_range.start_time, present and time_range.HasField("start_time"))
    end = _moment(time_range.end_time, present and time_range.HasField("end_time"))
    return domain.time_window(start, end, default, field)


def _outcome(value: int, check: Validator, field: str) -> domain.Outcome | None:
    if value == logs_pb2.CALL_OUTCOME_UNSPECIFIED:
        return None
    check.require(value in _OUTCOMES, field, "is not a known outcome")
    return _OUTCOMES.get(value)


def _today(timezone: str) -> domain.Window:
    day = domain.local_day(utcnow(), timezone)
    return domain.Window(day.start, day.end)


def _service_rank(code: str, summary: domain.Summary, names: Directory) -> pb.ServiceRank:
    return pb.ServiceRank(
        api_service_code=code,
        api_service_name=names.service_name(code),
        calls=summary.calls,
        failed_calls=summary.failed_calls,
        average_latency_ms=summary.average_latency_ms,
        p95_latency_ms=summary.latency_percentile(0.95),
        success_share=summary.success_share,
    )


def _channel_codes(cells: Sequence[domain.RollupCell]) -> dict[str, str]:
    return {cell.channel_id: cell.channel_code for cell in cells if cell.channel_code}


def usage_metrics(summary: domain.Summary) -> statistics_pb2.UsageMetrics:
    return statistics_pb2.UsageMetrics(
        calls=summary.calls,
        success_calls=summary.success_calls,
        failed_calls=summary.failed_calls,
        client_error_calls=summary.client_error_calls,
        server_error_calls=summary.server_error_calls,
        success_share=summary.success_share,
        average_latency_ms=summary.average_latency_ms,
        p95_latency_ms=summary.latency_percentile(0.95),
        p99_latency_ms=summary.latency_percentile(0.99),
        request_bytes=summary.tally.bytes_received,
        response_bytes=summary.tally.bytes_sent,
    )


def _limit(value: int, check: Validator) -> int:
    check.require(0 <= value <= MAX_TOP_LIMIT, "limit", f"must be between 0 and {MAX_TOP_LIMIT}")
    return value or TOP_LIMIT


class TrafficServicer(pb_grpc.TrafficServiceServicer):
    """The home page (modules 1-10) and the monitoring center's series (module 20)."""

    def __init__(self, uow: UnitOfWork, timezone: str, names: Directory) -> None:
        self.uow = uow
        self.timezone = timezone
        self.names = names

    async def GetTrafficOverview(
        self, request: pb.GetTrafficOverviewRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetTrafficOverviewResponse:
        now = utcnow()
        day = domain.local_day(now, self.timezone)
        query = domain.UsageQuery(domain.Window(day.start, day.end))

        def read(session: Session) -> tuple[list[domain.RollupCell], int]:
            return store.rollup_cells(session, query, ("api_code",)), store.cumulative_calls(
                session
            )

        cells, cumulative = await self.uow.run(read)
        today = domain.summarise(cells).get("", domain.Summary())
        services = domain.api_services_only(domain.summarise(cells, "api_code"))

        def top(metric: domain.RankMetric) -> list[pb.ServiceRank]:
            return [
                _service_rank(code, s, self.names)
                for code, s in domain.rank(services, metric, TOP_LIMIT)
            ]

        return pb.GetTrafficOverviewResponse(
            cumulative_calls=cumulative,
            today_calls=today.calls,
            today_success_calls=today.success_calls,
            today_failed_calls=today.failed_calls,
            today_client_error_calls=today.client_error_calls,
            today_server_error_calls=today.server_error_calls,
            day_start_time=to_timestamp(day.start),
            top_latency_services=top(domain.RankMetric.AVERAGE_LATENCY),
            top_call_services=top(domain.RankMetric.CALLS),
            top_failure_services=top(domain.RankMetric.FAILED_CALLS),
            today_success_share=today.success_share,
            today_failure_share=today.failure_share,
            as_of_time=to_timestamp(now),
        )

    async def ListTopServices(
        self, request: pb.ListTopServicesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListTopServicesResponse:
        check = Validator()
        metric = _RANK_METRICS.get(request.metric)
        check.require(metric is not None, "metric", "is not a known ranking")
        limit = _limit(request.limit, check)
        check.check()
        assert metric is not None
        window = _window(
            request.time_range,
            request.HasField("time_range"),
            _today(self.timezone),
            "time_range",
        )
        channels = (request.channel_id,) if request.channel_id else ()
        query = domain.UsageQuery(window, channel_ids=channels)
        cells = await self.uow.run(lambda s: store.rollup_cells(s, query, ("api_code",)))
        ranked = domain.rank(
            domain.api_services_only(domain.summarise(cells, "api_code")), metric, limit
        )
        return pb.ListTopServicesResponse(
            services=[_service_rank(c, s, self.names) for c, s in ranked]
        )

    async def ListTopChannels(
        self, request: pb.ListTopChannelsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListTopChannelsResponse:
        check = Validator()
        metric = _RANK_METRICS.get(request.metric)
        check.require(metric is not None, "metric", "is not a known ranking")
        limit = _limit(request.limit, check)
        check.check()
        assert metric is not None
        window = _window(
            request.time_range,
            request.HasField("time_range"),
            _today(self.timezone),
            "time_range",
        )
        services = (request.api_service_code,) if request.api_service_code else ()
        query = domain.UsageQuery(window, api_codes=services)
        cells = await self.uow.run(lambda s: store.rollup_cells(s, query, ("channel_id",)))
        codes = _channel_codes(cells)
        ranked = domain.rank(domain.summarise(cells, "channel_id"), metric, limit)
        return pb.ListTopChannelsResponse(
            channels=[
                pb.ChannelRank(
                    channel_id=channel_id,
                    channel_code=codes.get(channel_id, ""),
                    channel_name=self.names.channel_name(channel_id),
                    calls=s.calls,
                    failed_calls=s.failed_calls,
                    average_latency_ms=s.average_latency_ms,
                    success_share=s.success_share,
                )
                for channel_id, s in ranked
            ]
        )

    async def GetTrafficSeries(
        self, request: pb.GetTrafficSeriesRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetTrafficSeriesResponse:
        now = utcnow()
        window = _window(
            request.time_range,
            request.HasField("time_range"),
            domain.Window(now - timedelta(hours=1), now),
            "time_range",
        )
        check = Validator()
        check.require(
            request.step == pb.SERIES_STEP_UNSPECIFIED or request.step in _STEPS,
            "step",
            "is not a known step",
        )
        check.check()
        step = _STEPS.get(request.step) or domain.series_step(window)
        points = domain.buckets_between(window, step, self.timezone)
        check.require(
            len(points) <= MAX_SERIES_POINTS,
            "step",
            f"gives {len(points)} points; at most {MAX_SERIES_POINTS}: choose a longer step",
        )
        check.check()
        check.require(
            not request.upstream or window.length <= MAX_UPSTREAM_SERIES,
            "time_range",
            "series by upstream come from the raw log: at most 24 hours",
        )
        check.check()
        query = domain.UsageQuery(
            window,
            api_codes=(request.api_service_code,) if request.api_service_code else (),
            channel_ids=(request.channel_id,) if request.channel_id else (),
        )
        fine = step in (domain.Granularity.MINUTE, domain.Granularity.FIVE_MINUTES)
        if request.upstream:
            # The rollups do not keep upstreams: the raw log, summed in SQL.
            cells: Sequence[domain.RollupCell] = await self.uow.run(
                lambda s: usage_log_store.log_cells(
                    s, query, ("bucket_start",), upstream=request.upstream, minutes=fine
                )
            )
        else:
            cells = await self.uow.run(
                lambda s: store.rollup_cells(s, query, ("bucket_start",), minutes_only=fine)
            )
        return pb.GetTrafficSeriesResponse(
            step=_STEP_ENUMS[step],
            points=[
                pb.TrafficPoint(
                    time=to_timestamp(start),
                    calls=summary.calls,
                    failed_calls=summary.failed_calls,
                    requests_per_second=summary.calls
                    / domain.bucket_seconds(start, step, self.timezone),
                    error_rate=summary.failure_share,
                    p50_latency_ms=summary.latency_percentile(0.5),
                    p95_latency_ms=summary.latency_percentile(0.95),
                    p99_latency_ms=summary.latency_percentile(0.99),
                )
                for start, summary in domain.series(cells, window, step, self.timezone)
            ],
        )


def _entry(row: AccessLogRow) -> logs_pb2.AccessLogEntry:
    path, _, query = row.path.partition("?")
    return logs_pb2.AccessLogEntry(
        request_id=row.request_id,
        trace_id=row.trace_id,
        start_time=to_timestamp(row.started_at),
        channel_id=row.channel_id,
        channel_code=row.channel_code,
        api_service_code=row.api_code,
        method=row.method,
        path=path,
        query=query,
        upstream=row.upstream_cluster,
        upstream_host=row.upstream_host,
        status_code=row.status,
        response_flags=row.response_flags,
        outcome=_OUTCOME_ENUMS[domain.outcome(row.status, row.response_flags)],
        duration_ms=row.duration_ms,
        upstream_duration_ms=max(row.upstream_ms, 0),
        request_bytes=row.bytes_received,
        response_bytes=row.bytes_sent,
        client_ip=row.client_ip,
        user_agent=row.user_agent,
        edge_node_id=row.edge_node_id,
        response_code_details=row.response_code_details,
        backfilled=row.backfilled,
    )


def log_query(filter: logs_pb2.AccessLogFilter, present: bool, now: datetime) -> domain.LogQuery:
    """The validated query of an AccessLogFilter (the last hour when no range is given)."""
    window = _window(
        filter.time_range,
        present and filter.HasField("time_range"),
        domain.Window(now - timedelta(hours=1), now),
        "filter.time_range",
    )
    check = Validator()
    check.require(
        all(100 <= code <= 599 for code in filter.status_codes),
        "filter.status_codes",
        "must be HTTP statuses from 100 to 599",
    )
    check.require(
        domain.status_classes_valid(filter.status_classes),
        "filter.status_classes",
        "must be leading digits from 1 to 5",
    )
    check.require(
        domain.finite(filter.min_duration_ms) and filter.min_duration_ms >= 0,
        "filter.min_duration_ms",
        "must be zero or more",
    )
    outcome = _outcome(filter.outcome, check, "filter.outcome")
    check.check()
    return domain.LogQuery(
        window=window,
        api_codes=tuple(filter.api_service_codes),
        channel_ids=tuple(filter.channel_ids),
        status_codes=tuple(filter.status_codes),
        status_classes=tuple(filter.status_classes),
        outcome=outcome,
        min_duration_ms=filter.min_duration_ms,
        client_ip=filter.client_ip,
        request_id=filter.request_id,
        trace_id=filter.trace_id,
        path_prefix=filter.path_prefix,
        method=filter.method.upper(),
        upstream=filter.upstream,
        response_flag=filter.response_flag,
    )


class AccessLogQueryServicer(logs_pb2_grpc.AccessLogServiceServicer):
    """Log query (module 21) and the retention purge (O2)."""

    def __init__(
        self, uow: UnitOfWork, retention: housekeeping.Retention, purges: PurgeRecord
    ) -> None:
        self.uow = uow
        self.retention = retention
        self.purges = purges

    async def ListAccessLogs(
        self, request: logs_pb2.ListAccessLogsRequest, context: grpc.aio.ServicerContext
    ) -> logs_pb2.ListAccessLogsResponse:
        query = log_query(request.filter, request.HasField("filter"), utcnow())
        _, limit = page_window(request.page_size or DEFAULT_LOG_PAGE, "")
        after = domain.LogCursor.parse(request.page_token)

        def read(session: Session) -> tuple[list[AccessLogRow], int]:
            rows = store.list_logs(session, query, after, limit + 1)
            total = store.count_logs(session, query) if request.include_total_size else 0
            return rows, total

        rows, total = await self.uow.run(read)
        token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            token = domain.LogCursor(as_utc(rows[-1].started_at), rows[-1].log_id).token()
        return logs_pb2.ListAccessLogsResponse(
            entries=[_entry(row) for row in rows], next_page_token=token, total_size=total
        )

    async def GetAccessLog(
        self, request: logs_pb2.GetAccessLogRequest, context: grpc.aio.ServicerContext
    ) -> logs_pb2.GetAccessLogResponse:
        check = Validator()
        check.require(bool(request.request_id), "request_id", "is required")
        check.require(len(request.request_id) <= 64, "request_id", "is at most 64 characters")
        check.check()
        row = await self.uow.run(lambda s: store.log_by_request_id(s, request.request_id))
        if row is None:
            raise NotFound(f"no access log entry with request id {request.request_id}")
        return logs_pb2.GetAccessLogResponse(entry=_entry(row))

    async def PurgeAccessLogs(
        self, request: logs_pb2.PurgeAccessLogsRequest, context: grpc.aio.ServicerContext
    ) -> logs_pb2.PurgeAccessLogsResponse:
        now = utcnow()
        before = _moment(request.before, request.HasField("before")) or now - self.retention.raw
        check = Validator()
        check.require(before <= now, "before", "must not be in the future")
        check.check()
        if request.dry_run:
            deleted = await self.uow.run(lambda s: store.count_logs_before(s, before))
        else:
            deleted = await housekeeping.purge_logs(self.uow, before)
            self.purges.note(now, deleted)
            log.info("purged access logs", extra={"deleted": deleted, "before": before.isoformat()})
        oldest = await self.uow.run(store.oldest_log_time)
        return logs_pb2.PurgeAccessLogsResponse(
            deleted_entries=deleted, oldest_remaining_time=to_timestamp(oldest)
        )


# Statistics (modules 22, 23; O7).

_ORDER_KEYS = {
    "calls": lambda s: s.calls,
    "failed_calls": lambda s: s.failed_calls,
    "success_share": lambda s: s.success_share,
    "average_latency_ms": lambda s: s.average_latency_ms,
    "p95_latency_ms": lambda s: s.latency_percentile(0.95),
}


def _order(order_by: str, check: Validator) -> tuple[str, bool]:
    """(metric, descending) from "calls desc"-style text; calls descending when empty."""
    words = order_by.split()
    if not words:
        return "calls", True
    valid = (
        len(words) <= 2
        and words[0] in _ORDER_KEYS
        and (len(words) == 1 or words[1].lower() in ("asc", "desc"))
    )
    check.require(
        valid, "order_by", f"must be one of {', '.join(_ORDER_KEYS)}, then optionally asc or desc"
    )
    return (words[0] if valid else "calls"), len(words) == 1 or words[-1].lower() == "desc"


def usage_query(
    filter: statistics_pb2.UsageFilter, present: bool, timezone: str, names: Directory
) -> domain.UsageQuery:
    """The validated query of a UsageFilter (today when no range is given)."""
    window = _window(
        filter.time_range,
        present and filter.HasField("time_range"),
        _today(timezone),
        "filter.time_range",
    )
    check = Validator()
    outcome = _outcome(filter.outcome, check, "filter.outcome")
    check.check()
    api_codes = tuple(filter.api_service_codes)
    if filter.categories:
        # A category is the API services registry files under it, every version of each.
        in_categories = names.route_names_in(filter.categories)
        chosen = in_categories & set(api_codes) if api_codes else in_categories
        api_codes = tuple(sorted(chosen)) or (NO_API_SERVICE,)
    return domain.UsageQuery(
        window,
        api_codes=api_codes,
        channel_ids=tuple(filter.channel_ids),
        outcome=outcome,
    )


def _previous(query: domain.UsageQuery) -> domain.UsageQuery:
    length = query.window.length
    return domain.UsageQuery(
        domain.Window(query.window.start - length, query.window.start),
        query.api_codes,
        query.channel_ids,
        query.outcome,
    )


def _sorted(summaries: dict[str, domain.Summary], order: tuple[str, bool]) -> list[str]:
    key, descending = order
    value = _ORDER_KEYS[key]
    names = sorted(summaries, key=lambda n: n)
    names.sort(key=lambda n: value(summaries[n]), reverse=descending)
    return names


@dataclass(frozen=True)
class UsageRows:
    """A page of statistics rows (or all of them, for an export) and the figures over all."""

    rows: list[Any]
    next_page_token: str
    total_size: int
    totals: statistics_pb2.UsageMetrics


class StatisticsServicer(statistics_pb2_grpc.StatisticsServiceServicer):
    """Service usage and channel access statistics, from the rollups, over any period."""

    def __init__(self, uow: UnitOfWork, timezone: str, names: Directory) -> None:
        self.uow = uow
        self.timezone = timezone
        self.names = names

    async def _usage(
        self, query: domain.UsageQuery, key: str
    ) -> tuple[list[domain.RollupCell], list[domain.RollupCell]]:
        previous = _previous(query)

        def read(
            session: Session,
        ) -> tuple[list[domain.RollupCell], list[domain.RollupCell]]:
            return (
                store.rollup_cells(session, query, ("api_code", "channel_id")),
                store.rollup_cells(session, previous, (key,)),
            )

        return await self.uow.run(read)

    async def ListServiceUsage(
        self, request: statistics_pb2.ListServiceUsageRequest, context: grpc.aio.ServicerContext
    ) -> statistics_pb2.ListServiceUsageResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        found = await self.service_usage(
            request.filter, request.HasField("filter"), request.order_by, offset, limit
        )
        return statistics_pb2.ListServiceUsageResponse(
            rows=found.rows,
            next_page_token=found.next_page_token,
            total_size=found.total_size,
            totals=found.totals,
        )

    async def service_usage(
        self,
        filter: statistics_pb2.UsageFilter,
        present: bool,
        order_by: str,
        offset: int,
        limit: int | None,
    ) -> UsageRows:
        """Service usage rows from `offset`, `limit` of them (None: all, for an export)."""
        query = usage_query(filter, present, self.timezone, self.names)
        check = Validator()
        order = _order(order_by, check)
        check.check()
        cells, previous_cells = await self._usage(query, "api_code")
        services = domain.api_services_only(domain.summarise(cells, "api_code"))
        previous = domain.summarise(previous_cells, "api_code")
        codes = _channel_codes(cells)
        ordered = _sorted(services, order)
        page = ordered[offset : None if limit is None else offset + limit]
        rows = []
        for code in page:
            channels = domain.summarise((c for c in cells if c.api_code == code), "channel_id")
            rows.append(
                statistics_pb2.ServiceUsageRow(
                    api_service_code=code,
                    api_service_name=self.names.service_name(code),
                    category=self.names.category(code),
                    metrics=usage_metrics(services[code]),
                    previous_metrics=usage_metrics(previous.get(code, domain.Summary())),
                    top_channels=[
                        statistics_pb2.ChannelShare(
                            channel_id=channel_id,
                            channel_code=codes.get(channel_id, ""),
                            channel_name=self.names.channel_name(channel_id),
                            calls=summary.calls,
                        )
                        for channel_id, summary in domain.rank(
                            channels, domain.RankMetric.CALLS, TOP_LIMIT
                        )
                    ],
                )
            )
        return UsageRows(
            rows=rows,
            next_page_token="" if limit is None else next_token(offset, limit, len(ordered)),
            total_size=len(ordered),
            totals=usage_metrics(domain.summarise(cells).get("", domain.Summary())),
        )

    async def _quota_calls(self) -> tuple[domain.Day, dict[str, int]]:
        """Today (the platform's day) and the calls each channel made that count to its quota."""
        day = domain.local_day(utcnow(), self.timezone)
        query = domain.UsageQuery(window=domain.Window(day.start, day.end))
        cells = await self.uow.run(lambda s: store.rollup_cells(s, query, ("channel_id",)))
        counted: dict[str, int] = {}
        for cell in cells:
            if cell.channel_id and cell.outcome in domain.QUOTA_OUTCOMES:
                counted[cell.channel_id] = counted.get(cell.channel_id, 0) + cell.tally.calls
        return day, counted

    async def GetChannelQuotaUsage(
        self,
        request: statistics_pb2.GetChannelQuotaUsageRequest,
        context: grpc.aio.ServicerContext,
    ) -> statistics_pb2.GetChannelQuotaUsageResponse:
        day, counted = await self._quota_calls()
        return statistics_pb2.GetChannelQuotaUsageResponse(
            day_start_time=to_timestamp(day.start),
            day_end_time=to_timestamp(day.end),
            channels=[
                statistics_pb2.ChannelQuotaUsage(channel_id=channel_id, calls=calls)
                for channel_id, calls in sorted(counted.items())
            ],
        )

    async def ListChannelAccess(
        self, request: statistics_pb2.ListChannelAccessRequest, context: grpc.aio.ServicerContext
    ) -> statistics_pb2.ListChannelAccessResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        found = await self.channel_access(
            request.filter, request.HasField("filter"), request.order_by, offset, limit
        )
        return statistics_pb2.ListChannelAccessResponse(
            rows=found.rows,
            next_page_token=found.next_page_token,
            total_size=found.total_size,
            totals=found.totals,
        )

    async def channel_access(
        self,
        filter: statistics_pb2.UsageFilter,
        present: bool,
        order_by: str,
        offset: int,
        limit: int | None,
    ) -> UsageRows:
        """Channel access rows from `offset`, `limit` of them (None: all, for an export)."""
        query = usage_query(filter, present, self.timezone, self.names)
        check = Validator()
        order = _order(order_by, check)
        check.check()
        cells, previous_cells = await self._usage(query, "channel_id")
        _, today = await self._quota_calls()
        channels = domain.summarise(cells, "channel_id")
        previous = domain.summarise(previous_cells, "channel_id")
        codes = _channel_codes(cells)
        ordered = _sorted(channels, order)
        page = ordered[offset : None if limit is None else offset + limit]
        rows = []
        for channel_id in page:
            services = domain.summarise(
                (c for c in cells if c.channel_id == channel_id), "api_code"
            )
            known = self.names.channel(channel_id)
            quota = known.daily_quota if known else 0
            rows.append(
                statistics_pb2.ChannelAccessRow(
                    channel_id=channel_id,
                    channel_code=codes.get(channel_id, "") or (known.code if known else ""),
                    channel_name=known.name if known else "",
                    channel_type=known.type if known else "",
                    daily_quota=quota,
                    today_calls=today.get(channel_id, 0),
                    quota_used_share=today.get(channel_id, 0) / quota if quota else 0.0,
                    metrics=usage_metrics(channels[channel_id]),
                    previous_metrics=usage_metrics(previous.get(channel_id, domain.Summary())),
                    services_used=len(services),
                    top_services=[
                        statistics_pb2.ServiceShare(
                            api_service_code=code,
                            api_service_name=self.names.service_name(code),
                            calls=summary.calls,
                        )
                        for code, summary in domain.rank(
                            services, domain.RankMetric.CALLS, TOP_LIMIT
                        )
                    ],
                )
            )
        return UsageRows(
            rows=rows,
            next_page_token="" if limit is None else next_token(offset, limit, len(ordered)),
            total_size=len(ordered),
            totals=usage_metrics(domain.summarise(cells).get("", domain.Summary())),
        )

    async def GetUsageTrend(
        self, request: statistics_pb2.GetUsageTrendRequest, context: grpc.aio.ServicerContext
    ) -> statistics_pb2.GetUsageTrendResponse:
        query = usage_query(request.filter, request.HasField("filter"), self.timezone, self.names)
        check = Validator()
        granularity = _GRANULARITIES.get(request.granularity)
        check.require(granularity is not None, "granularity", "is not a known granularity")
        check.check()
        assert granularity is not None
        buckets = domain.buckets_between(query.window, granularity, self.timezone)
        check.require(
            len(buckets) <= MAX_SERIES_POINTS,
            "granularity",
            f"gives {len(buckets)} points; at most {MAX_SERIES_POINTS}: choose a coarser one",
        )
        check.check()
        previous = _previous(query)

        def read(
            session: Session,
        ) -> tuple[list[domain.RollupCell], list[domain.RollupCell]]:
            current = store.rollup_cells(session, query, ("bucket_start",))
            if not request.compare_previous_period:
                return current, []
            return current, store.rollup_cells(session, previous, ("bucket_start",))

        cells, previous_cells = await self.uow.run(read)

        def points(
            found: list[domain.RollupCell], window: domain.Window
        ) -> list[statistics_pb2.UsagePoint]:
            return [
                statistics_pb2.UsagePoint(time=to_timestamp(start), metrics=usage_metrics(summary))
                for start, summary in domain.series(found, window, granularity, self.timezone)
            ]

        return statistics_pb2.GetUsageTrendResponse(
            points=points(cells, query.window),
            previous_points=points(previous_cells, previous.window)
            if request.compare_previous_period
            else [],
        )

    async def QueryUsage(
        self, request: statistics_pb2.QueryUsageRequest, context: grpc.aio.ServicerContext
    ) -> statistics_pb2.QueryUsageResponse:
        query = adhoc_query(
            request.filter,
            request.HasField("filter"),
            request.group_by,
            request.granularity,
            request.order_by,
            self.timezone,
            self.names,
        )
        offset, limit = page_window(request.page_size, request.page_token)
        groups = await adhoc_groups(self.uow, query, self.names, self.timezone)
        return statistics_pb2.QueryUsageResponse(
            rows=[
                statistics_pb2.UsageRow(
                    dimensions=[
                        statistics_pb2.DimensionValue(
                            dimension=_DIMENSION_ENUMS[v.dimension], value=v.value, label=v.label
                        )
                        for v in found.values
                    ],
                    metrics=usage_metrics(found.summary),
                )
                for found in groups[offset : offset + limit]
            ],
            next_page_token=next_token(offset, limit, len(groups)),
            total_size=len(groups),
            totals=usage_metrics(adhoc.totals(groups)),
        )


# Ad-hoc statistics (O7), shared by QueryUsage and its export.

_DIMENSIONS = {
    statistics_pb2.USAGE_DIMENSION_API_SERVICE: adhoc.Dimension.API_SERVICE,
    statistics_pb2.USAGE_DIMENSION_CHANNEL: adhoc.Dimension.CHANNEL,
    statistics_pb2.USAGE_DIMENSION_CATEGORY: adhoc.Dimension.CATEGORY,
    statistics_pb2.USAGE_DIMENSION_UPSTREAM: adhoc.Dimension.UPSTREAM,
    statistics_pb2.USAGE_DIMENSION_OUTCOME: adhoc.Dimension.OUTCOME,
    statistics_pb2.USAGE_DIMENSION_STATUS_CODE: adhoc.Dimension.STATUS_CODE,
    statistics_pb2.USAGE_DIMENSION_TIME: adhoc.Dimension.TIME,
}
_DIMENSION_ENUMS = {value: key for key, value in _DIMENSIONS.items()}


def adhoc_query(
    filter: statistics_pb2.UsageFilter,
    present: bool,
    group_by: Sequence[int],
    granularity: int,
    order_by: str,
    timezone: str,
    names: Directory,
) -> adhoc.AdHocQuery:
    """The validated ad-hoc query: its filter, dimensions, time buckets and order."""
    usage = usage_query(filter, present, timezone, names)
    check = Validator()
    dimensions = [_DIMENSIONS.get(value) for value in group_by]
    check.require(None not in dimensions, "group_by", "holds an unknown dimension")
    chosen = tuple(d for d in dimensions if d is not None)
    check.require(len(set(chosen)) == len(chosen), "group_by", "names a dimension twice")
    step = _GRANULARITIES.get(granularity)
    check.require(step is not None, "granularity", "is not a known granularity")
    order = adhoc.parse_order(order_by, chosen)
    check.require(
        order is not None,
        "order_by",
        f"must be one of {', '.join(adhoc.METRICS)} (or time when grouped by time), "
        "then optionally asc or desc",
    )
    check.check()
    assert step is not None and order is not None
    if adhoc.Dimension.TIME in chosen:
        buckets = domain.buckets_between(usage.window, step, timezone)
        check.require(
            len(buckets) <= MAX_SERIES_POINTS,
            "granularity",
            f"gives {len(buckets)} buckets; at most {MAX_SERIES_POINTS}: choose a coarser one",
        )
        check.check()
    check.require(
        not adhoc.from_raw_log(chosen) or usage.window.length <= adhoc.MAX_RAW_WINDOW,
        "filter.time_range",
        f"is at most {adhoc.MAX_RAW_WINDOW.days} days when grouped by upstream or status code "
        "(they are read from the raw access log)",
    )
    check.check()
    return adhoc.AdHocQuery(usage, chosen, step, order)


async def adhoc_groups(
    uow: UnitOfWork, query: adhoc.AdHocQuery, names: Directory, timezone: str
) -> list[adhoc.Group]:
    columns = adhoc.columns(query.group_by)

    def read(session: Session) -> Sequence[domain.RollupCell]:
        if adhoc.from_raw_log(query.group_by):
            return usage_log_store.log_cells(session, query.usage, columns)
        return store.rollup_cells(session, query.usage, columns)

    return adhoc.group(await uow.run(read), query, names, timezone)
