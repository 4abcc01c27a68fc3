"""ReportService: generate, list, delete and schedule reports; it translates messages only."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import grpc
from sqlalchemy.orm import Session

from services.monitor import inspection_store, report_store, reports
from services.monitor.inspections import Status as InspectionStatus
from services.monitor.messages import enum_value, record_write
from services.monitor.models import ReportRow, ReportScheduleRow
from services.monitor.report_generator import ReportGenerator
from services.monitor.reports import Kind, Period, Status
from services.runtime.audit import request_facts
from services.runtime.audited import audit_info, stamp
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name
from services.runtime.db import UnitOfWork
from services.runtime.errors import FailedPrecondition, NotFound, Validator
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths, required_id
from wailian.common.v1 import common_pb2
from wailian.monitor.v1 import reports_pb2 as pb
from wailian.monitor.v1 import reports_pb2_grpc as pb_grpc

_SERVICE = pb.DESCRIPTOR.services_by_name["ReportService"]
SCHEDULE_FIELDS: tuple[str, ...] = ("reports", "time_zone")
# A custom report covers at most this long (the rollups keep five years).
MAX_CUSTOM_RANGE = timedelta(days=366 * 5)


def kind_of(number: int) -> Kind | None:
    value = enum_value(pb.ReportKind, "REPORT_KIND_", number)
    return Kind(value) if value else None


def period_of(number: int) -> Period | None:
    value = enum_value(pb.ReportPeriod, "REPORT_PERIOD_", number)
    return Period(value) if value else None


def _enum(enum: Any, prefix: str, value: str) -> int:
    return int(enum.Value(prefix + value.upper()))


def _range(start: datetime, end: datetime) -> common_pb2.TimeRange:
    return common_pb2.TimeRange(start_time=to_timestamp(start), end_time=to_timestamp(end))


def report_message(row: ReportRow) -> pb.Report:
    summary = row.summary or {}
    return pb.Report(
        report_id=row.report_id,
        kind=_enum(pb.ReportKind, "REPORT_KIND_", row.kind),  # type: ignore[arg-type]
        title=row.title,
        period=_enum(pb.ReportPeriod, "REPORT_PERIOD_", row.period),  # type: ignore[arg-type]
        time_range=_range(row.start_at, row.end_at),
        status=_enum(pb.ReportStatus, "REPORT_STATUS_", row.status),  # type: ignore[arg-type]
        error=row.error,
        inspection_id=row.inspection_id,
        generate_time=to_timestamp(row.generated_at),
        html_size_bytes=row.html_size,
        pdf_size_bytes=row.pdf_size,
        summary=pb.ReportSummary(
            total_calls=int(summary.get("total_calls", 0)),
            success_share=float(summary.get("success_share", 0.0)),
            availability=float(summary.get("availability", 0.0)),
            alerts=int(summary.get("alerts", 0)),
            maintenance_records=int(summary.get("maintenance_records", 0)),
            service_level_compliance=float(summary.get("service_level_compliance", 0.0)),
            risk_findings=int(summary.get("risk_findings", 0)),
        ),
        scheduled=row.scheduled,
        audit=audit_info(row),
    )


def schedule_message(row: ReportScheduleRow) -> pb.ReportSchedule:
    return pb.ReportSchedule(
        reports=[
            pb.ScheduledReport(
                kind=_enum(pb.ReportKind, "REPORT_KIND_", str(item["kind"])),  # type: ignore[arg-type]
                period=_enum(pb.ReportPeriod, "REPORT_PERIOD_", str(item["period"])),  # type: ignore[arg-type]
                enabled=bool(item.get("enabled")),
            )
            for item in row.reports
        ],
        time_zone=row.time_zone,
        audit=audit_info(row),
    )


def _moment(message: Any, name: str) -> datetime | None:
    return as_utc(getattr(message, name).ToDatetime()) if message.HasField(name) else None


class ReportServicer(pb_grpc.ReportServiceServicer):
    """Inspection, operations analysis and maintenance summary reports (O8, O10)."""

    def __init__(self, uow: UnitOfWork, generator: ReportGenerator, timezone: str) -> None:
        self.uow = uow
        self.generator = generator
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)

    def _period_range(
        self, request: pb.GenerateReportRequest, period: Period | None, check: Validator
    ) -> tuple[datetime, datetime]:
        start = _moment(request.time_range, "start_time")
        end = _moment(request.time_range, "end_time")
        now = utcnow()
        if period is Period.CUSTOM:
            check.require(
                start is not None, "time_range.start_time", "required for a custom period"
            )
            check.require(end is not None, "time_range.end_time", "required for a custom period")
            if start is not None and end is not None:
                check.require(start < end, "time_range.end_time", "must be after start_time")
                check.require(end - start <= MAX_CUSTOM_RANGE, "time_range", "at most five years")
                return start, end
            return now, now
        if period is None:
            return now, now
        if start is not None:
            # The month, quarter or year that start_time falls in.
            return reports.period_containing(period, start, self.zone)
        return reports.period_bounds(period, now, self.zone)

    async def GenerateReport(
        self, request: pb.GenerateReportRequest, context: grpc.aio.ServicerContext
    ) -> pb.GenerateReportResponse:
        check = Validator()
        kind = kind_of(request.kind)
        check.require(
            kind is not None, "kind", "inspection, operations analysis or maintenance summary"
        )
        period = period_of(request.period)
        over_period = kind in (Kind.OPERATIONS_ANALYSIS, Kind.MAINTENANCE_SUMMARY)
        check.require(
            not over_period or period is not None, "period", "month, quarter, year or custom"
        )
        check.require(len(request.title) <= 200, "title", "at most 200 characters")
        check.require(
            len(request.idempotency_key) <= 128, "idempotency_key", "at most 128 characters"
        )
        check.require(len(request.inspection_id) <= 64, "inspection_id", "at most 64 characters")
        start, end = (
            self._period_range(request, period, check) if over_period else (utcnow(), utcnow())
        )
        check.check()
        assert kind is not None
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "GenerateReport")

        def work(session: Session) -> tuple[pb.Report, bool]:
            if request.idempotency_key:
                existing = report_store.by_idempotency_key(session, request.idempotency_key)
                if existing is not None:
                    return report_message(existing), False
            if kind is Kind.INSPECTION:
                if request.inspection_id:
                    inspection = inspection_store.inspection_row(session, request.inspection_id)
                    if inspection is None:
                        raise NotFound(f"no inspection {request.inspection_id}")
                else:
                    inspection = inspection_store.latest_completed(session)
                    if inspection is None:
                        raise FailedPrecondition("no inspection has completed yet; run one first")
                if inspection.status != InspectionStatus.COMPLETED.value:
                    raise FailedPrecondition(
                        "the inspection has not completed", subject=inspection.inspection_id
                    )
                first = as_utc(inspection.started_at)
                last = as_utc(inspection.ended_at) if inspection.ended_at else first
                new = report_store.NewReport(
                    kind,
                    Period.CUSTOM,
                    request.title.strip() or f"外联平台巡检报告（{inspection.number}）",
                    first,
                    max(last, first + timedelta(seconds=1)),
                    inspection_id=inspection.inspection_id,
                    idempotency_key=request.idempotency_key,
                )
            else:
                assert period is not None
                label = reports.period_label(period, start, end, self.zone)
                new = report_store.NewReport(
                    kind,
                    period,
                    request.title.strip() or reports.default_title(kind, label),
                    start,
                    end,
                    idempotency_key=request.idempotency_key,
                )
            row = report_store.add_report(session, new, actor)
            created = report_message(row)
            record_write(
                session,
                facts,
                "report",
                row.report_id,
                f"generated report {row.title}",
                after=created,
            )
            return created, True

        report, created = await self.uow.run(work)
        if created:
            self.generator.start(report.report_id)
        return pb.GenerateReportResponse(report=report)

    async def GetReport(
        self, request: pb.GetReportRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetReportResponse:
        required_id(request.report_id, "report_id")

        def work(session: Session) -> pb.Report:
            row = report_store.report_row(session, request.report_id)
            if row is None:
                raise NotFound(f"no report {request.report_id}")
            return report_message(row)

        return pb.GetReportResponse(report=await self.uow.run(work))

    async def ListReports(
        self, request: pb.ListReportsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListReportsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        kind = kind_of(request.kind)
        check.require(
            request.kind == pb.REPORT_KIND_UNSPECIFIED or kind is not None,
            "kind",
            "is not a known report kind",
        )
        start = _moment(request.time_range, "start_time")
        end = _moment(request.time_range, "end_time")
        check.require(
            start is None or end is None or start < end,
            "time_range.end_time",
            "must be after start_time",
        )
        check.check()
        query = report_store.ReportQuery(kind, start, end)

        def work(session: Session) -> tuple[list[pb.Report], int]:
            rows, total = report_store.list_reports(session, query, offset, limit)
            return [report_message(row) for row in rows], total

        found, total = await self.uow.run(work)
        return pb.ListReportsResponse(
            reports=found, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def DeleteReport(
        self, request: pb.DeleteReportRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteReportResponse:
        required_id(request.report_id, "report_id")
        facts = request_facts(context, _SERVICE, "DeleteReport")

        def work(session: Session) -> None:
            row = report_store.report_row(session, request.report_id)
            if row is None:
                raise NotFound(f"no report {request.report_id}")
            if row.status == Status.GENERATING.value:
                raise FailedPrecondition(
                    "the report is still being generated", subject=row.report_id
                )
            record_write(
                session,
                facts,
                "report",
                row.report_id,
                f"deleted report {row.title}",
                before=report_message(row),
            )
            report_store.delete_report(session, row)

        await self.uow.run(work)
        return pb.DeleteReportResponse()

    async def GetReportSchedule(
        self, request: pb.GetReportScheduleRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetReportScheduleResponse:
        now = utcnow()
        row = await self.uow.run(lambda s: report_store.ensure_schedule(s, self.timezone, now))
        return pb.GetReportScheduleResponse(report_schedule=schedule_message(row))

    async def UpdateReportSchedule(
        self, request: pb.UpdateReportScheduleRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateReportScheduleResponse:
        paths = mask_paths(request.update_mask, SCHEDULE_FIELDS)
        message = request.report_schedule
        prefix = "report_schedule"
        check = Validator()
        items: list[dict[str, object]] = []
        seen: set[tuple[str, str]] = set()
        if "reports" in paths:
            for index, item in enumerate(message.reports):
                kind, period = kind_of(item.kind), period_of(item.period)
                field = f"{prefix}.reports[{index}]"
                check.require(
                    kind in reports.SCHEDULED_KINDS,
                    f"{field}.kind",
                    "operations analysis or maintenance summary (an inspection report follows "
                    "its inspection)",
                )
                check.require(
                    period in (Period.MONTH, Period.QUARTER, Period.YEAR),
                    f"{field}.period",
                    "month, quarter or year",
                )
                if kind is None or period is None:
                    continue
                check.require((kind.value, period.value) not in seen, f"{field}", "appears twice")
                seen.add((kind.value, period.value))
                items.append({"kind": kind.value, "period": period.value, "enabled": item.enabled})
        if "time_zone" in paths:
            try:
                ZoneInfo(message.time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                check.require(False, f"{prefix}.time_zone", "an IANA name, e.g. Asia/Shanghai")
        check.check()
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "UpdateReportSchedule")
        now = utcnow()

        def work(session: Session) -> pb.ReportSchedule:
            row = report_store.ensure_schedule(session, self.timezone, now)
            before = schedule_message(row)
            if "time_zone" in paths:
                row.time_zone = message.time_zone
            if "reports" in paths:
                report_store.set_scheduled_reports(row, items, now)
            stamp(row, actor, created=False)
            after = schedule_message(row)
            record_write(
                session,
                facts,
                "report_schedule",
                row.schedule_id,
                "changed the report schedule",
                before=before,
                after=after,
            )
            return after

        return pb.UpdateReportScheduleResponse(report_schedule=await self.uow.run(work))


DOWNLOAD_CHUNK = 256 * 1024
CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


async def report_chunks(
    uow: UnitOfWork, report_id: str, report_format: int
) -> tuple[str, list[bytes]]:
    """A ready report's file (PDF when the format is unspecified) as content type and chunks."""
    required_id(report_id, "report_id")
    name = "html" if report_format == pb.REPORT_FORMAT_HTML else "pdf"
    check = Validator()
    check.require(
        report_format
        in (pb.REPORT_FORMAT_UNSPECIFIED, pb.REPORT_FORMAT_HTML, pb.REPORT_FORMAT_PDF),
        "format",
        "HTML or PDF",
    )
    check.check()

    def work(session: Session) -> bytes:
        row = report_store.report_row(session, report_id)
        if row is None:
            raise NotFound(f"no report {report_id}")
        if row.status != Status.READY.value:
            raise FailedPrecondition(f"the report is {row.status}", subject=report_id)
        data = report_store.content(session, report_id, name)
        if data is None:
            raise FailedPrecondition(
                f"the report has no {name.upper()}: {row.error or 'not made'}", subject=report_id
            )
        return data

    data = await uow.run(work)
    chunks = [data[i : i + DOWNLOAD_CHUNK] for i in range(0, len(data), DOWNLOAD_CHUNK)] or [b""]
    return CONTENT_TYPES[name], chunks
