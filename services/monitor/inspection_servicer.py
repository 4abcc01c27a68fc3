"""InspectionService: run, read and schedule inspections; it translates messages only."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import grpc
from sqlalchemy.orm import Session

from services.monitor import inspection_store, inspections
from services.monitor.inspection_runner import InspectionRunner
from services.monitor.inspections import Finding, Grade, Target, Trigger
from services.monitor.messages import enum_value, record_write
from services.monitor.models import InspectionRow, InspectionScheduleRow
from services.runtime.audit import request_facts
from services.runtime.audited import audit_info, stamp
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name
from services.runtime.db import UnitOfWork
from services.runtime.errors import FailedPrecondition, NotFound, Validator
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths, required_id
from wailian.monitor.v1 import inspections_pb2 as pb
from wailian.monitor.v1 import inspections_pb2_grpc as pb_grpc

_SERVICE = pb.DESCRIPTOR.services_by_name["InspectionService"]
CHECK_FIELDS: tuple[str, ...] = (
    "enabled",
    "warning_threshold",
    "risk_threshold",
    "recommendation",
)
SCHEDULE_FIELDS: tuple[str, ...] = ("enabled", "cron", "time_zone", "targets", "generate_report")


def target_of(number: int) -> Target | None:
    value = enum_value(pb.InspectionTarget, "INSPECTION_TARGET_", number)
    return Target(value) if value else None


def target_enum(target: Target) -> int:
    return int(pb.InspectionTarget.Value("INSPECTION_TARGET_" + target.value.upper()))


def grade_of(number: int) -> Grade | None:
    value = enum_value(pb.InspectionGrade, "INSPECTION_GRADE_", number)
    return Grade(value) if value else None


def grade_enum(grade: Grade | None) -> int:
    if grade is None or grade is Grade.UNKNOWN:
        return int(pb.INSPECTION_GRADE_UNSPECIFIED)
    return int(pb.InspectionGrade.Value("INSPECTION_GRADE_" + grade.value.upper()))


def _targets(numbers: Any, field: str, check: Validator) -> list[Target]:
    targets: list[Target] = []
    for index, number in enumerate(numbers):
        target = target_of(number)
        check.require(
            target is not None, f"{field}[{index}]", "database, host, services, edge or kubernetes"
        )
        if target is not None and target not in targets:
            targets.append(target)
    return targets


def finding_message(finding: Finding) -> pb.InspectionFinding:
    return pb.InspectionFinding(
        check_code=finding.check_code,
        check_name=finding.check_name,
        target=target_enum(finding.target),  # type: ignore[arg-type]
        subject=finding.subject,
        observed=finding.observed,
        observed_value=finding.observed_value,
        unit=finding.unit,
        threshold=finding.threshold,
        grade=grade_enum(finding.grade),  # type: ignore[arg-type]
        recommendation=finding.recommendation,
    )


def inspection_message(row: InspectionRow, findings: list[Finding] | None = None) -> pb.Inspection:
    status = {
        "running": pb.INSPECTION_STATUS_RUNNING,
        "completed": pb.INSPECTION_STATUS_COMPLETED,
        "failed": pb.INSPECTION_STATUS_FAILED,
    }[row.status]
    return pb.Inspection(
        inspection_id=row.inspection_id,
        number=row.number,
        targets=[target_enum(Target(t)) for t in row.targets],  # type: ignore[misc]
        trigger=pb.INSPECTION_TRIGGER_SCHEDULED
        if row.trigger == Trigger.SCHEDULED.value
        else pb.INSPECTION_TRIGGER_MANUAL,
        status=status,
        start_time=to_timestamp(row.started_at),
        end_time=to_timestamp(row.ended_at),
        started_by=row.started_by,
        overall_grade=grade_enum(Grade(row.overall_grade) if row.overall_grade else None),  # type: ignore[arg-type]
        ok_count=row.ok_count,
        warning_count=row.warning_count,
        risk_count=row.risk_count,
        findings=[finding_message(f) for f in findings or []],
        error=row.error,
        report_id=row.report_id,
    )


def check_message(check: inspections.Check, session: Session) -> pb.InspectionCheck:
    row = inspection_store.check_row(session, check.code)
    return pb.InspectionCheck(
        check_code=check.code,
        name=check.name,
        description=check.description,
        target=target_enum(check.target),  # type: ignore[arg-type]
        enabled=check.enabled,
        warning_threshold=check.warning_threshold,
        risk_threshold=check.risk_threshold,
        unit=check.unit.strip(),
        lower_is_worse=check.lower_is_worse,
        recommendation=check.recommendation,
        audit=audit_info(row) if row is not None else None,
    )


def schedule_message(row: InspectionScheduleRow) -> pb.InspectionSchedule:
    return pb.InspectionSchedule(
        enabled=row.enabled,
        cron=row.cron,
        time_zone=row.time_zone,
        targets=[target_enum(Target(t)) for t in row.targets],  # type: ignore[misc]
        generate_report=row.generate_report,
        next_run_time=to_timestamp(row.next_run_at) if row.enabled else None,
        last_run_time=to_timestamp(row.last_run_at),
        audit=audit_info(row),
    )


def _moment(message: Any, name: str) -> datetime | None:
    return as_utc(getattr(message, name).ToDatetime()) if message.HasField(name) else None


class InspectionServicer(pb_grpc.InspectionServiceServicer):
    """Inspections of the database, host, services and edge (O1, O3, O4)."""

    def __init__(self, uow: UnitOfWork, runner: InspectionRunner, timezone: str) -> None:
        self.uow = uow
        self.runner = runner
        self.zone = ZoneInfo(timezone)

    async def RunInspection(
        self, request: pb.RunInspectionRequest, context: grpc.aio.ServicerContext
    ) -> pb.RunInspectionResponse:
        check = Validator()
        targets = _targets(request.targets, "targets", check)
        check.require(
            len(request.idempotency_key) <= 128, "idempotency_key", "at most 128 characters"
        )
        check.check()
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "RunInspection")
        now = utcnow()

        def work(session: Session) -> tuple[pb.Inspection, bool]:
            if request.idempotency_key:
                existing = inspection_store.by_idempotency_key(session, request.idempotency_key)
                if existing is not None:
                    return inspection_message(existing), False
            row = inspection_store.add_inspection(
                session,
                targets,
                Trigger.MANUAL,
                actor,
                request.generate_report,
                request.idempotency_key,
                now,
                self.zone,
            )
            started = inspection_message(row)
            record_write(
                session,
                facts,
                "inspection",
                row.inspection_id,
                f"started inspection {row.number}",
                after=started,
            )
            return started, True

        inspection, created = await self.uow.run(work)
        if created:
            self.runner.start(
                inspection.inspection_id,
                targets,
                request.generate_report,
            )
        return pb.RunInspectionResponse(inspection=inspection)

    async def GetInspection(
        self, request: pb.GetInspectionRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetInspectionResponse:
        required_id(request.inspection_id, "inspection_id")

        def work(session: Session) -> pb.Inspection:
            row = inspection_store.inspection_row(session, request.inspection_id)
            if row is None:
                raise NotFound(f"no inspection {request.inspection_id}")
            return inspection_message(row, inspection_store.findings_of(session, row.inspection_id))

        return pb.GetInspectionResponse(inspection=await self.uow.run(work))

    async def ListInspections(
        self, request: pb.ListInspectionsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListInspectionsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        min_grade = grade_of(request.min_grade)
        check.require(
            request.min_grade == pb.INSPECTION_GRADE_UNSPECIFIED or min_grade is not None,
            "min_grade",
            "ok, warning or risk",
        )
        start = _moment(request.time_range, "start_time")
        end = _moment(request.time_range, "end_time")
        check.require(
            start is None or end is None or start < end,
            "time_range.end_time",
            "must be after start_time",
        )
        check.check()
        query = inspection_store.InspectionQuery(start, end, min_grade)

        def work(session: Session) -> tuple[list[pb.Inspection], int]:
            rows, total = inspection_store.list_inspections(session, query, offset, limit)
            return [inspection_message(row) for row in rows], total

        found, total = await self.uow.run(work)
        return pb.ListInspectionsResponse(
            inspections=found, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def ListInspectionChecks(
        self, request: pb.ListInspectionChecksRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListInspectionChecksResponse:
        check = Validator()
        target = target_of(request.target)
        check.require(
            request.target == pb.INSPECTION_TARGET_UNSPECIFIED or target is not None,
            "target",
            "database, host, services, edge or kubernetes",
        )
        check.check()

        def work(session: Session) -> list[pb.InspectionCheck]:
            return [
                check_message(item, session)
                for item in inspection_store.checks(session)
                if target is None or item.target is target
            ]

        return pb.ListInspectionChecksResponse(inspection_checks=await self.uow.run(work))

    async def UpdateInspectionCheck(
        self, request: pb.UpdateInspectionCheckRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateInspectionCheckResponse:
        required_id(request.check_code, "check_code")
        paths = mask_paths(request.update_mask, CHECK_FIELDS)
        message = request.inspection_check
        check = Validator()
        check.require(
            request.check_code in inspections.CHECKS_BY_CODE, "check_code", "is not a known check"
        )
        check.require(
            len(message.recommendation) <= 1024,
            "inspection_check.recommendation",
            "at most 1024 characters",
        )
        check.check()
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "UpdateInspectionCheck")

        def work(session: Session) -> pb.InspectionCheck:
            current = next(
                c for c in inspection_store.checks(session) if c.code == request.check_code
            )
            before = check_message(current, session)
            changes = {name: getattr(message, name) for name in paths if name != "recommendation"}
            if "recommendation" in paths:
                changes["recommendation"] = (
                    message.recommendation.strip()
                    or inspections.CHECKS_BY_CODE[current.code].recommendation
                )
            changed = dataclasses.replace(current, **changes)
            problems = Validator()
            for field, description in inspections.threshold_problems(changed):
                problems.require(False, f"inspection_check.{field}", description)
            problems.check()
            inspection_store.set_check(session, changed, actor)
            after = check_message(changed, session)
            record_write(
                session,
                facts,
                "inspection_check",
                changed.code,
                f"changed inspection check {changed.code}",
                before=before,
                after=after,
            )
            return after

        return pb.UpdateInspectionCheckResponse(inspection_check=await self.uow.run(work))

    async def GetInspectionSchedule(
        self, request: pb.GetInspectionScheduleRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetInspectionScheduleResponse:
        now = utcnow()
        row = await self.uow.run(lambda s: inspection_store.ensure_schedule(s, now))
        return pb.GetInspectionScheduleResponse(inspection_schedule=schedule_message(row))

    async def UpdateInspectionSchedule(
        self, request: pb.UpdateInspectionScheduleRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateInspectionScheduleResponse:
        paths = mask_paths(request.update_mask, SCHEDULE_FIELDS)
        message = request.inspection_schedule
        prefix = "inspection_schedule"
        check = Validator()
        targets = (
            _targets(message.targets, f"{prefix}.targets", check) if "targets" in paths else []
        )
        if "time_zone" in paths:
            try:
                ZoneInfo(message.time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                check.require(False, f"{prefix}.time_zone", "an IANA name, e.g. Asia/Shanghai")
        if "cron" in paths:
            try:
                inspections.parse_cron(message.cron)
            except inspections.CronError as error:
                check.require(False, f"{prefix}.cron", str(error))
        check.check()
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "UpdateInspectionSchedule")
        now = utcnow()

        def work(session: Session) -> pb.InspectionSchedule:
            row = inspection_store.ensure_schedule(session, now)
            before = schedule_message(row)
            if "enabled" in paths:
                row.enabled = message.enabled
            if "cron" in paths:
                row.cron = message.cron.strip()
            if "time_zone" in paths:
                row.time_zone = message.time_zone
            if "targets" in paths:
                row.targets = [t.value for t in targets]
            if "generate_report" in paths:
                row.generate_report = message.generate_report
            try:
                row.next_run_at = inspections.next_run(row.cron, ZoneInfo(row.time_zone), now)
            except inspections.CronError as error:
                raise FailedPrecondition(f"the schedule names no run: {error}") from None
            stamp(row, actor, created=False)
            after = schedule_message(row)
            record_write(
                session,
                facts,
                "inspection_schedule",
                row.schedule_id,
                "changed the inspection schedule",
                before=before,
                after=after,
            )
            return after

        return pb.UpdateInspectionScheduleResponse(inspection_schedule=await self.uow.run(work))
