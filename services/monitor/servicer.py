"""Monitor's gRPC servicers: Envoy's access-log sink and the traffic figures."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable

import grpc
from envoy.service.accesslog.v3 import als_pb2, als_pb2_grpc
from sqlalchemy import case, func, insert, select
from sqlalchemy.orm import Session

from services.monitor import domain
from services.monitor.ingest import row_values
from services.monitor.models import AccessLogRow
from services.runtime.clock import to_timestamp, utcnow
from services.runtime.db import UnitOfWork
from wailian.monitor.v1 import traffic_pb2 as pb
from wailian.monitor.v1 import traffic_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.monitor")


class AccessLogSink(als_pb2_grpc.AccessLogServiceServicer):
    """Receives Envoy's gRPC access-log stream; each message's entries land in one transaction."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

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
            rows = [row_values(entry) for entry in message.http_logs.log_entry]
            if rows:
                await self.uow.run(_inserter(rows))
        log.info("access log stream closed", extra={"envoy_node": node})
        return als_pb2.StreamAccessLogsResponse()


def _inserter(rows: list[dict[str, object]]) -> Callable[[Session], None]:
    def insert_rows(session: Session) -> None:
        session.execute(insert(AccessLogRow), rows)

    return insert_rows


def _overview(session: Session, day: domain.Day) -> pb.GetTrafficOverviewResponse:
    success = (
        (AccessLogRow.status >= 100)
        & (AccessLogRow.status < 400)
        & (AccessLogRow.response_flags == "")
    )
    client_error = (AccessLogRow.status >= 400) & (AccessLogRow.status < 500)
    today = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((success, 1), else_=0)), 0),
            func.coalesce(func.sum(case((client_error, 1), else_=0)), 0),
        ).where(AccessLogRow.started_at >= day.start, AccessLogRow.started_at < day.end)
    ).one()
    cumulative = session.scalar(select(func.count()).select_from(AccessLogRow)) or 0
    total, succeeded, client_errors = (int(value) for value in today)
    return pb.GetTrafficOverviewResponse(
        cumulative_calls=cumulative,
        today_calls=total,
        today_success_calls=succeeded,
        today_failed_calls=total - succeeded,
        today_client_error_calls=client_errors,
        today_server_error_calls=total - succeeded - client_errors,
        day_start_time=to_timestamp(day.start),
    )


class TrafficServicer(pb_grpc.TrafficServiceServicer):
    def __init__(self, uow: UnitOfWork, timezone: str) -> None:
        self.uow = uow
        self.timezone = timezone

    async def GetTrafficOverview(
        self, request: pb.GetTrafficOverviewRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetTrafficOverviewResponse:
        day = domain.local_day(utcnow(), self.timezone)
        return await self.uow.run(lambda s: _overview(s, day))
