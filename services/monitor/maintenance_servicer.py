"""MaintenanceService: maintenance records with service-level timers, the working calendar and
the policies; it translates messages only (maintenance.py decides, maintenance_store keeps)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import grpc
from google.protobuf import duration_pb2
from sqlalchemy.orm import Session

from services.monitor import maintenance
from services.monitor import maintenance_records as records
from services.monitor import maintenance_store as mstore
from services.monitor.maintenance_records import timers
from services.monitor.messages import enum_value, record_write
from services.monitor.models import (
    MaintenanceAttachmentRow,
    MaintenanceEventRow,
    MaintenanceRecordRow,
    ServiceLevelPolicyRow,
    WorkingCalendarRow,
)
from services.runtime.audit import request_facts
from services.runtime.audited import audit_info
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name, current_caller
from services.runtime.db import UnitOfWork
from services.runtime.errors import (
    FailedPrecondition,
    NotFound,
    Validator,
)
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths, required_id
from wailian.common.v1 import common_pb2
from wailian.monitor.v1 import maintenance_pb2 as pb
from wailian.monitor.v1 import maintenance_pb2_grpc as pb_grpc

CREATE_FIELDS: tuple[str, ...] = (
    "kind",
    "title",
    "description",
    "severity",
    "reporter_name",
    "reporter_contact",
    "report_time",
    "affected_module",
    "assignee_user_id",
    "assignee_name",
    "root_cause",
)
UPDATE_FIELDS: tuple[str, ...] = (
    "kind",
    "title",
    "description",
    "severity",
    "reporter_name",
    "reporter_contact",
    "report_time",
    "affected_module",
    "resolution",
    "root_cause",
)
CALENDAR_FIELDS: tuple[str, ...] = (
    "time_zone",
    "work_start",
    "work_end",
    "working_weekdays",
    "holidays",
    "extra_working_days",
)
POLICY_FIELDS: tuple[str, ...] = (
    "name",
    "min_severity",
    "response_in_working_hours",
    "response_outside_working_hours",
    "resolution_working_days",
    "resolution_calendar_days",
)
# Fields whose change moves the timers (computed again with the current policy and calendar).
_TIMER_FIELDS = frozenset({"kind", "severity", "report_time"})
_ROW_NAMES: Mapping[str, str] = {"report_time": "report_at"}
MAX_BREACHED_IN_SUMMARY = 100
_HH_MM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


# Enums.


def kind_of(number: int) -> maintenance.Kind | None:
    value = enum_value(pb.MaintenanceKind, "MAINTENANCE_KIND_", number)
    return maintenance.Kind(value) if value else None


def kind_enum(kind: maintenance.Kind) -> int:
    return int(pb.MaintenanceKind.Value("MAINTENANCE_KIND_" + kind.value.upper()))


def severity_of(number: int) -> maintenance.Severity | None:
    return maintenance.Severity(number) if number in set(maintenance.Severity) else None


def status_of(number: int) -> maintenance.Status | None:
    value = enum_value(pb.MaintenanceStatus, "MAINTENANCE_STATUS_", number)
    return maintenance.Status(value) if value else None


def status_enum(status: str) -> int:
    if not status:
        return int(pb.MAINTENANCE_STATUS_UNSPECIFIED)
    return int(pb.MaintenanceStatus.Value("MAINTENANCE_STATUS_" + status.upper()))


def _event_kind_enum(kind: str) -> int:
    return int(pb.MaintenanceEventKind.Value("MAINTENANCE_EVENT_KIND_" + kind.upper()))


def _source_enum(source: str) -> int:
    return int(pb.RecordSource.Value("RECORD_SOURCE_" + source.upper()))


def _duration(length: timedelta) -> duration_pb2.Duration:
    message = duration_pb2.Duration()
    message.FromTimedelta(length)
    return message


def _moment(message: Any, name: str) -> datetime | None:
    return as_utc(getattr(message, name).ToDatetime()) if message.HasField(name) else None


# Messages.


def _timer_message(one: maintenance.Timer | None) -> pb.SlaTimer | None:
    if one is None:
        return None
    return pb.SlaTimer(
        target=one.target,
        due_time=to_timestamp(one.due),
        met_time=to_timestamp(one.met),
        breached=one.breached,
        remaining=_duration(one.remaining),
    )


def _attachment_message(row: Any) -> common_pb2.Attachment:
    return common_pb2.Attachment(
        attachment_id=row.attachment_id,
        file_name=row.file_name,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        uploaded_by=row.uploaded_by,
        upload_time=to_timestamp(row.uploaded_at),
    )


def _kind_value(row: MaintenanceRecordRow) -> maintenance.Kind:
    return maintenance.Kind(row.kind)


def record_message(
    row: MaintenanceRecordRow,
    calendar: maintenance.WorkingCalendar,
    now: datetime,
    alert_ids: Sequence[str] = (),
    files: Sequence[Any] = (),
) -> pb.MaintenanceRecord:
    running = timers(row, calendar, now)
    return pb.MaintenanceRecord(
        maintenance_record_id=row.maintenance_record_id,
        number=row.number,
        kind=kind_enum(_kind_value(row)),
        title=row.title,
        description=row.description,
        severity=row.severity,  # type: ignore[arg-type]
        status=status_enum(row.status),  # type: ignore[arg-type]
        reporter_name=row.reporter_name,
        reporter_contact=row.reporter_contact,
        report_time=to_timestamp(row.report_at),
        affected_module=row.affected_module,
        assignee_user_id=row.assignee_user_id,
        assignee_name=row.assignee_name,
        resolution=row.resolution,
        audit=audit_info(row),
        attachments=[_attachment_message(f) for f in files],
        alert_ids=alert_ids,
        response_sla=_timer_message(running.response),
        resolution_sla=_timer_message(running.resolution),
        acknowledge_time=to_timestamp(row.acknowledged_at),
        resolve_time=to_timestamp(row.resolved_at),
        close_time=to_timestamp(row.closed_at),
        root_cause=row.root_cause,
        reported_in_working_hours=row.reported_in_working_hours,
        confirmed_by=row.confirmed_by,
        source=_source_enum(row.source),  # type: ignore[arg-type]
        service_level_policy_id=row.service_level_policy_id,
    )


def _event_message(row: MaintenanceEventRow) -> pb.MaintenanceRecordEvent:
    return pb.MaintenanceRecordEvent(
        event_id=str(row.event_id),
        maintenance_record_id=row.maintenance_record_id,
        kind=_event_kind_enum(row.kind),  # type: ignore[arg-type]
        actor_user_id=row.actor_user_id,
        actor_name=row.actor_name,
        event_time=to_timestamp(row.event_at),
        comment=row.comment,
        from_status=status_enum(row.from_status),  # type: ignore[arg-type]
        to_status=status_enum(row.to_status),  # type: ignore[arg-type]
        changes_json=json.dumps(row.changes, ensure_ascii=False) if row.changes else "",
        attachment_id=row.attachment_id,
    )


def _calendar_message(
    calendar: maintenance.WorkingCalendar, row: WorkingCalendarRow | None
) -> pb.WorkingCalendar:
    return pb.WorkingCalendar(
        time_zone=calendar.time_zone,
        work_start=calendar.work_start.strftime("%H:%M"),
        work_end=calendar.work_end.strftime("%H:%M"),
        working_weekdays=sorted(calendar.working_weekdays),
        holidays=[
            pb.CalendarDay(date=d.isoformat(), name=calendar.holidays[d])
            for d in sorted(calendar.holidays)
        ],
        extra_working_days=[
            pb.CalendarDay(date=d.isoformat(), name=calendar.extra_working_days[d])
            for d in sorted(calendar.extra_working_days)
        ],
        audit=audit_info(row) if row is not None else None,
    )


def _policy_message(row: ServiceLevelPolicyRow) -> pb.ServiceLevelPolicy:
    policy = mstore.policy_of(row)
    return pb.ServiceLevelPolicy(
        service_level_policy_id=policy.policy_id,
        kind=kind_enum(policy.kind),  # type: ignore[arg-type]
        min_severity=int(policy.min_severity or 0),  # type: ignore[arg-type]
        name=policy.name,
        response_in_working_hours=_duration(policy.response_in_working_hours)
        if policy.response_in_working_hours is not None
        else None,
        response_outside_working_hours=_duration(policy.response_outside_working_hours)
        if policy.response_outside_working_hours is not None
        else None,
        resolution_working_days=policy.resolution_working_days,
        resolution_calendar_days=policy.resolution_calendar_days,
        audit=audit_info(row),
    )


# Input.


def _record_changes(
    message: pb.MaintenanceRecord,
    paths: Sequence[str],
    check: Validator,
    now: datetime,
    *,
    creating: bool = False,
) -> dict[str, Any]:
    """Row values of the named proto fields, checked (violations named maintenance_record.*)."""
    prefix = "maintenance_record."
    changes: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for path in paths:
        value: Any = getattr(message, path)
        if path == "kind":
            kind = kind_of(value)
            check.require(kind is not None, prefix + "kind", "fault, bug, requirement, ...")
            value = kind.value if kind else None
        elif path == "severity":
            severity = severity_of(value)
            check.require(severity is not None, prefix + "severity", "low to critical")
            value = int(severity) if severity else None
        elif path == "report_time":
            value = _moment(message, path) or now
            check.require(creating or message.HasField(path), prefix + "report_time", "required")
            check.require(
                datetime(2000, 1, 1, tzinfo=UTC) <= value <= now + timedelta(minutes=5),
                prefix + "report_time",
                "not in the future",
            )
        else:
            value = value.strip()
            texts[path] = value
        changes[_ROW_NAMES.get(path, path)] = value
    if "title" in texts:
        check.require(bool(texts["title"]), prefix + "title", "required")
    maintenance.check_text(check, prefix, texts)
    return changes


def record_query(filter: pb.MaintenanceRecordFilter, check: Validator) -> mstore.RecordQuery:
    kinds = [kind_of(k) for k in filter.kinds]
    check.require(all(k is not None for k in kinds), "filter.kinds", "known kinds only")
    statuses = [status_of(s) for s in filter.statuses]
    check.require(all(s is not None for s in statuses), "filter.statuses", "known statuses only")
    min_severity = severity_of(filter.min_severity)
    check.require(
        filter.min_severity == pb.MAINTENANCE_SEVERITY_UNSPECIFIED or min_severity is not None,
        "filter.min_severity",
        "low to critical",
    )
    check.require(
        len(filter.assignee_user_id) <= 64, "filter.assignee_user_id", "at most 64 characters"
    )
    check.require(len(filter.alert_id) <= 64, "filter.alert_id", "at most 64 characters")
    check.require(len(filter.query) <= 128, "filter.query", "at most 128 characters")
    time_range = filter.report_time_range
    start = _moment(time_range, "start_time")
    end = _moment(time_range, "end_time")
    check.require(
        start is None or end is None or start < end,
        "filter.report_time_range",
        "start_time must be before end_time",
    )
    return mstore.RecordQuery(
        reported_from=start,
        reported_before=end,
        kinds=tuple(k for k in kinds if k is not None),
        statuses=tuple(s for s in statuses if s is not None),
        min_severity=min_severity,
        assignee_user_id=filter.assignee_user_id,
        breached_only=filter.breached_only,
        alert_id=filter.alert_id,
        text=filter.query.strip(),
    )


def _order(order_by: str, check: Validator) -> tuple[str, bool]:
    words = order_by.split()
    if not words:
        return "report_time", True
    valid = (
        len(words) <= 2
        and words[0] in mstore.ORDERS
        and (len(words) == 1 or words[1] in ("asc", "desc"))
    )
    check.require(
        valid, "order_by", f"one of {', '.join(mstore.ORDERS)}, optionally followed by desc"
    )
    return (words[0], len(words) == 2 and words[1] == "desc") if valid else ("report_time", True)


def _days(entries: Sequence[pb.CalendarDay], field_name: str, check: Validator) -> dict[date, str]:
    days: dict[date, str] = {}
    for entry in entries:
        try:
            day = date.fromisoformat(entry.date)
        except ValueError:
            check.require(False, field_name, f"dates as YYYY-MM-DD, got {entry.date[:20]!r}")
            continue
        check.require(day not in days, field_name, f"{entry.date} is listed twice")
        days[day] = entry.name.strip()
    return days


def _hour(value: str, field_name: str, check: Validator) -> time:
    if not _HH_MM.match(value):
        check.require(False, field_name, "HH:MM, e.g. 08:00")
        return time(0, 0)
    return time.fromisoformat(value)


def _calendar_changes(
    message: pb.WorkingCalendar, paths: Sequence[str], check: Validator
) -> dict[str, Any]:
    prefix = "working_calendar."
    changes: dict[str, Any] = {}
    for path in paths:
        if path == "time_zone":
            changes[path] = message.time_zone.strip()
        elif path in ("work_start", "work_end"):
            changes[path] = _hour(getattr(message, path), prefix + path, check)
        elif path == "working_weekdays":
            changes[path] = frozenset(message.working_weekdays)
        else:
            changes[path] = _days(getattr(message, path), prefix + path, check)
    return changes


def _policy_changes(
    message: pb.ServiceLevelPolicy, paths: Sequence[str], check: Validator
) -> dict[str, Any]:
    prefix = "service_level_policy."
    changes: dict[str, Any] = {}
    for path in paths:
        value: Any = getattr(message, path)
        if path == "min_severity":
            value = severity_of(value)
            check.require(
                message.min_severity == pb.MAINTENANCE_SEVERITY_UNSPECIFIED or value is not None,
                prefix + path,
                "low to critical, or unspecified for every severity",
            )
        elif path in ("response_in_working_hours", "response_outside_working_hours"):
            value = value.ToTimedelta() if message.HasField(path) else None
        elif path == "name":
            value = value.strip()
        changes[path] = value
    return changes


def _caller_id() -> str:
    caller = current_caller()
    return caller.subject if caller is not None else ""


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        return as_utc(value).isoformat() if isinstance(value, datetime) else value

    return {
        name: {"before": plain(before[name]), "after": plain(after[name])}
        for name in after
        if plain(before[name]) != plain(after[name])
    }


_SERVICE = pb.DESCRIPTOR.services_by_name["MaintenanceService"]


class MaintenanceServicer(pb_grpc.MaintenanceServiceServicer):
    """Maintenance records, their timers, the working calendar and the policies (O10, O11)."""

    def __init__(self, uow: UnitOfWork, timezone: str) -> None:
        self.uow = uow
        self.timezone = timezone

    # Shared steps inside a unit of work.

    def _calendar(self, session: Session) -> maintenance.WorkingCalendar:
        return records.working_calendar(session, self.timezone)

    @staticmethod
    def _record(session: Session, record_id: str) -> MaintenanceRecordRow:
        row = mstore.record_row(session, record_id)
        if row is None:
            raise NotFound(f"no maintenance record {record_id}")
        return row

    def _message(
        self, session: Session, row: MaintenanceRecordRow, now: datetime
    ) -> pb.MaintenanceRecord:
        record_id = row.maintenance_record_id
        return record_message(
            row,
            self._calendar(session),
            now,
            mstore.alert_ids(session, [record_id])[record_id],
            mstore.attachments(session, [record_id])[record_id],
        )

    def _messages(
        self, session: Session, rows: Sequence[MaintenanceRecordRow], now: datetime
    ) -> list[pb.MaintenanceRecord]:
        ids = [row.maintenance_record_id for row in rows]
        links = mstore.alert_ids(session, ids)
        files = mstore.attachments(session, ids)
        calendar = self._calendar(session)
        return [
            record_message(
                row,
                calendar,
                now,
                links[row.maintenance_record_id],
                files[row.maintenance_record_id],
            )
            for row in rows
        ]

    def _actor(self) -> records.Actor:
        return records.Actor(_caller_id(), actor_name())

    async def _transition(
        self,
        context: grpc.aio.ServicerContext,
        method: str,
        record_id: str,
        action: maintenance.Action,
        comment: str,
        apply: Any,
    ) -> pb.MaintenanceRecord:
        """Move a record through the status flow, with its history step and audit record."""
        facts = request_facts(context, _SERVICE, method)
        actor = actor_name()
        caller_id = _caller_id()

        def work(session: Session) -> pb.MaintenanceRecord:
            now = utcnow()
            row = self._record(session, record_id)
            calendar = self._calendar(session)
            before = record_message(row, calendar, now)
            previous = maintenance.Status(row.status)
            target = maintenance.next_status(previous, action, row.maintenance_record_id)
            apply(row, now, actor, caller_id)
            row.status = target.value
            row.updated_by, row.updated_at = actor, now
            mstore.add_event(
                session,
                row.maintenance_record_id,
                "status_changed",
                caller_id,
                actor,
                now,
                comment=comment,
                from_status=previous.value,
                to_status=target.value,
            )
            mstore.note_breaches(session, now, calendar.zone, row.maintenance_record_id)
            after = self._message(session, row, now)
            record_write(
                session,
                facts,
                "maintenance_record",
                row.maintenance_record_id,
                f"{action.value} maintenance record {row.number}",
                before=before,
                after=after,
            )
            return after

        return await self.uow.run(work)

    # Records.

    async def CreateMaintenanceRecord(
        self, request: pb.CreateMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateMaintenanceRecordResponse:
        now = utcnow()
        check = Validator()
        values = _record_changes(
            request.maintenance_record, CREATE_FIELDS, check, now, creating=True
        )
        check.check()
        facts = request_facts(context, _SERVICE, "CreateMaintenanceRecord")

        def work(session: Session) -> pb.MaintenanceRecord:
            row = records.open_record(session, values, "manual", self._actor(), now, self.timezone)
            record = self._message(session, row, now)
            record_write(
                session,
                facts,
                "maintenance_record",
                row.maintenance_record_id,
                f"opened maintenance record {row.number}",
                after=record,
            )
            return record

        return pb.CreateMaintenanceRecordResponse(maintenance_record=await self.uow.run(work))

    async def CreateMaintenanceRecordFromAlert(
        self,
        request: pb.CreateMaintenanceRecordFromAlertRequest,
        context: grpc.aio.ServicerContext,
    ) -> pb.CreateMaintenanceRecordFromAlertResponse:
        required_id(request.alert_id, "alert_id")
        check = Validator()
        kind = kind_of(request.kind) if request.kind else maintenance.Kind.FAULT
        check.require(kind is not None, "kind", "fault, bug, requirement, ...")
        severity = severity_of(request.severity)
        check.require(
            request.severity == pb.MAINTENANCE_SEVERITY_UNSPECIFIED or severity is not None,
            "severity",
            "low to critical",
        )
        check.require(
            len(request.assignee_user_id) <= 64, "assignee_user_id", "at most 64 characters"
        )
        check.require(len(request.idempotency_key) <= 128, "idempotency_key", "at most 128")
        check.check()
        assert kind is not None
        facts = request_facts(context, _SERVICE, "CreateMaintenanceRecordFromAlert")
        key = request.idempotency_key or None

        actor = self._actor()

        def work(session: Session) -> pb.MaintenanceRecord:
            now = utcnow()
            row, opened = records.open_from_alert(
                session,
                request.alert_id,
                actor,
                now,
                self.timezone,
                kind=kind,
                severity=severity,
                assignee_user_id=request.assignee_user_id,
                idempotency_key=key,
            )
            record = self._message(session, row, now)
            if opened:
                record_write(
                    session,
                    facts,
                    "maintenance_record",
                    row.maintenance_record_id,
                    f"opened maintenance record {row.number} from an alert",
                    after=record,
                )
            return record

        return pb.CreateMaintenanceRecordFromAlertResponse(
            maintenance_record=await self.uow.run(work)
        )

    async def GetMaintenanceRecord(
        self, request: pb.GetMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetMaintenanceRecordResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")

        def work(session: Session) -> pb.MaintenanceRecord:
            row = self._record(session, request.maintenance_record_id)
            return self._message(session, row, utcnow())

        return pb.GetMaintenanceRecordResponse(maintenance_record=await self.uow.run(work))

    async def ListMaintenanceRecords(
        self, request: pb.ListMaintenanceRecordsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListMaintenanceRecordsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        query = record_query(request.filter, check)
        order = _order(request.order_by, check)
        check.check()

        def work(session: Session) -> tuple[list[pb.MaintenanceRecord], int]:
            now = utcnow()
            rows, total = mstore.list_records(session, query, now, order, offset, limit)
            return self._messages(session, rows, now), total

        records, total = await self.uow.run(work)
        return pb.ListMaintenanceRecordsResponse(
            maintenance_records=records,
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def UpdateMaintenanceRecord(
        self, request: pb.UpdateMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateMaintenanceRecordResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        paths = mask_paths(request.update_mask, UPDATE_FIELDS)
        now = utcnow()
        check = Validator()
        changes = _record_changes(request.maintenance_record, paths, check, now)
        check.check()
        facts = request_facts(context, _SERVICE, "UpdateMaintenanceRecord")
        actor = actor_name()

        def work(session: Session) -> pb.MaintenanceRecord:
            row = self._record(session, request.maintenance_record_id)
            if row.status in (maintenance.Status.CLOSED, maintenance.Status.CANCELLED):
                raise FailedPrecondition(
                    f"record {row.number} is {row.status}: reopen it to change it",
                    subject=row.maintenance_record_id,
                )
            before = self._message(session, row, now)
            old = {name: getattr(row, name) for name in changes}
            for name, value in changes.items():
                setattr(row, name, value)
            diff = _diff(old, changes)
            if not diff:
                return before
            if _TIMER_FIELDS & {p for p in paths if _ROW_NAMES.get(p, p) in diff}:
                records.start_timers(session, row, self._calendar(session))
            row.updated_by, row.updated_at = actor, now
            mstore.add_event(
                session,
                row.maintenance_record_id,
                "fields_changed",
                _caller_id(),
                actor,
                now,
                changes=diff,
            )
            after = self._message(session, row, now)
            record_write(
                session,
                facts,
                "maintenance_record",
                row.maintenance_record_id,
                f"changed maintenance record {row.number}",
                before=before,
                after=after,
            )
            return after

        return pb.UpdateMaintenanceRecordResponse(maintenance_record=await self.uow.run(work))

    async def AssignMaintenanceRecord(
        self, request: pb.AssignMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.AssignMaintenanceRecordResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        required_id(request.assignee_user_id, "assignee_user_id")
        check = Validator()
        check.require(len(request.comment) <= 4096, "comment", "at most 4096 characters")
        check.check()
        facts = request_facts(context, _SERVICE, "AssignMaintenanceRecord")
        actor = actor_name()
        caller_id = _caller_id()

        def work(session: Session) -> pb.MaintenanceRecord:
            now = utcnow()
            row = self._record(session, request.maintenance_record_id)
            if row.status in (maintenance.Status.CLOSED, maintenance.Status.CANCELLED):
                raise FailedPrecondition(
                    f"record {row.number} is {row.status}", subject=row.maintenance_record_id
                )
            before = self._message(session, row, now)
            old = {"assignee_user_id": row.assignee_user_id}
            row.assignee_user_id = request.assignee_user_id
            # The name is known when people take a record themselves.
            row.assignee_name = actor if request.assignee_user_id == caller_id else ""
            row.updated_by, row.updated_at = actor, now
            mstore.add_event(
                session,
                row.maintenance_record_id,
                "assigned",
                caller_id,
                actor,
                now,
                comment=request.comment.strip(),
                changes=_diff(old, {"assignee_user_id": row.assignee_user_id}),
            )
            after = self._message(session, row, now)
            record_write(
                session,
                facts,
                "maintenance_record",
                row.maintenance_record_id,
                f"assigned maintenance record {row.number}",
                before=before,
                after=after,
            )
            return after

        return pb.AssignMaintenanceRecordResponse(maintenance_record=await self.uow.run(work))

    @staticmethod
    def _comment(value: str, field_name: str = "comment", *, required: bool = False) -> str:
        check = Validator()
        text = value.strip()
        check.require(len(text) <= 4096, field_name, "at most 4096 characters")
        if required:
            check.require(bool(text), field_name, "required")
        check.check()
        return text

    async def AcknowledgeMaintenanceRecord(
        self, request: pb.AcknowledgeMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.AcknowledgeMaintenanceRecordResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        comment = self._comment(request.comment)

        def apply(row: MaintenanceRecordRow, now: datetime, actor: str, caller_id: str) -> None:
            row.acknowledged_at = now
            if not row.assignee_user_id:
                row.assignee_user_id, row.assignee_name = caller_id, actor

        record = await self._transition(
            context,
            "AcknowledgeMaintenanceRecord",
            request.maintenance_record_id,
            maintenance.Action.ACKNOWLEDGE,
            comment,
            apply,
        )
        return pb.AcknowledgeMaintenanceRecordResponse(maintenance_record=record)

    async def ResolveMaintenanceRecord(
        self, request: pb.ResolveMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.ResolveMaintenanceRecordResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        check = Validator()
        resolution, root_cause = request.resolution.strip(), request.root_cause.strip()
        check.require(bool(resolution), "resolution", "required: what was done")
        maintenance.check_text(check, "", {"resolution": resolution, "root_cause": root_cause})
        check.check()

        def apply(row: MaintenanceRecordRow, now: datetime, actor: str, caller_id: str) -> None:
            # Resolved straight from OPEN: that was the response too.
            row.acknowledged_at = row.acknowledged_at or now
            row.resolved_at = now
            row.resolution = resolution
            if root_cause:
                row.root_cause = root_cause

        record = await self._transition(
            context,
            "ResolveMaintenanceRecord",
            request.maintenance_record_id,
            maintenance.Action.RESOLVE,
            resolution,
            apply,
        )
        return pb.ResolveMaintenanceRecordResponse(maintenance_record=record)

    async def CloseMaintenanceRecord(
        self, request: pb.CloseMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.CloseMaintenanceRecordResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        comment = self._comment(request.comment)
        check = Validator()
        confirmed_by = request.confirmed_by.strip()
        maintenance.check_text(check, "", {"confirmed_by": confirmed_by})
        check.check()

        def apply(row: MaintenanceRecordRow, now: datetime, actor: str, caller_id: str) -> None:
            row.closed_at = now
            row.confirmed_by = confirmed_by or actor

        record = await self._transition(
            context,
            "CloseMaintenanceRecord",
            request.maintenance_record_id,
            maintenance.Action.CLOSE,
            comment,
            apply,
        )
        return pb.CloseMaintenanceRecordResponse(maintenance_record=record)

    async def ReopenMaintenanceRecord(
        self, request: pb.ReopenMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.ReopenMaintenanceRecordResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        comment = self._comment(request.comment, required=True)

        def apply(row: MaintenanceRecordRow, now: datetime, actor: str, caller_id: str) -> None:
            # The resolution timer goes on against its original due time.
            row.resolved_at = None
            row.closed_at = None
            row.confirmed_by = ""

        record = await self._transition(
            context,
            "ReopenMaintenanceRecord",
            request.maintenance_record_id,
            maintenance.Action.REOPEN,
            comment,
            apply,
        )
        return pb.ReopenMaintenanceRecordResponse(maintenance_record=record)

    async def CancelMaintenanceRecord(
        self, request: pb.CancelMaintenanceRecordRequest, context: grpc.aio.ServicerContext
    ) -> pb.CancelMaintenanceRecordResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        comment = self._comment(request.comment)

        def apply(row: MaintenanceRecordRow, now: datetime, actor: str, caller_id: str) -> None:
            # The timers stop here: a breach before the cancellation stays counted.
            row.cancelled_at = now

        record = await self._transition(
            context,
            "CancelMaintenanceRecord",
            request.maintenance_record_id,
            maintenance.Action.CANCEL,
            comment,
            apply,
        )
        return pb.CancelMaintenanceRecordResponse(maintenance_record=record)

    async def AddMaintenanceRecordComment(
        self, request: pb.AddMaintenanceRecordCommentRequest, context: grpc.aio.ServicerContext
    ) -> pb.AddMaintenanceRecordCommentResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        comment = self._comment(request.comment, required=True)
        facts = request_facts(context, _SERVICE, "AddMaintenanceRecordComment")
        actor = actor_name()

        def work(session: Session) -> pb.MaintenanceRecordEvent:
            row = self._record(session, request.maintenance_record_id)
            event = _event_message(
                mstore.add_event(
                    session,
                    row.maintenance_record_id,
                    "commented",
                    _caller_id(),
                    actor,
                    utcnow(),
                    comment=comment,
                )
            )
            record_write(
                session,
                facts,
                "maintenance_record",
                row.maintenance_record_id,
                f"commented on maintenance record {row.number}",
                after=event,
            )
            return event

        return pb.AddMaintenanceRecordCommentResponse(event=await self.uow.run(work))

    async def ListMaintenanceRecordEvents(
        self, request: pb.ListMaintenanceRecordEventsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListMaintenanceRecordEventsResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        offset, limit = page_window(request.page_size, request.page_token)

        def work(session: Session) -> tuple[list[pb.MaintenanceRecordEvent], int]:
            row = self._record(session, request.maintenance_record_id)
            rows, total = mstore.list_events(session, [row.maintenance_record_id], offset, limit)
            return [_event_message(e) for e in rows], total

        events, total = await self.uow.run(work)
        return pb.ListMaintenanceRecordEventsResponse(
            events=events, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def UploadMaintenanceRecordAttachment(
        self,
        request: pb.UploadMaintenanceRecordAttachmentRequest,
        context: grpc.aio.ServicerContext,
    ) -> pb.UploadMaintenanceRecordAttachmentResponse:
        required_id(request.maintenance_record_id, "maintenance_record_id")
        upload = request.file
        check = Validator()
        name = upload.file_name.strip()
        check.require(
            0 < len(name) <= 255 and not any(c in name for c in "/\\\x00"),
            "file.file_name",
            "1-255 characters, without a path",
        )
        check.require(len(upload.content_type) <= 128, "file.content_type", "at most 128")
        check.require(
            0 < len(upload.content) <= maintenance.MAX_ATTACHMENT_BYTES,
            "file.content",
            f"1 byte to {maintenance.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MiB",
        )
        check.check()
        facts = request_facts(context, _SERVICE, "UploadMaintenanceRecordAttachment")
        actor = actor_name()

        def work(session: Session) -> common_pb2.Attachment:
            now = utcnow()
            row = self._record(session, request.maintenance_record_id)
            stored = mstore.add_attachment(
                session,
                MaintenanceAttachmentRow(
                    maintenance_record_id=row.maintenance_record_id,
                    file_name=name,
                    content_type=upload.content_type.strip() or "application/octet-stream",
                    size_bytes=len(upload.content),
                    sha256=hashlib.sha256(upload.content).hexdigest(),
                    uploaded_by=actor,
                    uploaded_at=now,
                    content=upload.content,
                ),
            )
            mstore.add_event(
                session,
                row.maintenance_record_id,
                "attachment_added",
                _caller_id(),
                actor,
                now,
                comment=name,
                attachment_id=stored.attachment_id,
            )
            attachment = _attachment_message(stored)
            record_write(
                session,
                facts,
                "maintenance_record",
                row.maintenance_record_id,
                f"attached {name} to maintenance record {row.number}"[:256],
                after=attachment,
            )
            return attachment

        return pb.UploadMaintenanceRecordAttachmentResponse(attachment=await self.uow.run(work))

    async def SummarizeMaintenanceRecords(
        self, request: pb.SummarizeMaintenanceRecordsRequest, context: grpc.aio.ServicerContext
    ) -> pb.SummarizeMaintenanceRecordsResponse:
        start = _moment(request.time_range, "start_time")
        end = _moment(request.time_range, "end_time")
        check = Validator()
        check.require(
            (start is None) == (end is None), "time_range", "both start_time and end_time"
        )
        check.require(
            start is None or end is None or start < end,
            "time_range",
            "start_time must be before end_time",
        )
        check.require(
            start is None or end is None or end - start <= timedelta(days=3660),
            "time_range",
            "at most ten years",
        )
        check.check()

        def work(session: Session) -> pb.SummarizeMaintenanceRecordsResponse:
            now = utcnow()
            calendar = self._calendar(session)
            period = (start, end) if start and end else maintenance.quarter_of(now, calendar.zone)
            rows = mstore.records_reported(session, *period)
            facts: list[maintenance.RecordFacts] = []
            breached: list[MaintenanceRecordRow] = []
            for row in rows:
                running = timers(row, calendar, now)
                facts.append(
                    maintenance.RecordFacts(
                        kind=maintenance.Kind(row.kind),
                        status=maintenance.Status(row.status),
                        reported=as_utc(row.report_at),
                        acknowledged=mstore.moment(row.acknowledged_at),
                        resolved=mstore.moment(row.resolved_at),
                        response=running.response,
                        resolution=running.resolution,
                        severity=maintenance.Severity(row.severity),
                    )
                )
                if running.breached and len(breached) < MAX_BREACHED_IN_SUMMARY:
                    breached.append(row)
            summary = maintenance.summarize(calendar, facts)
            return pb.SummarizeMaintenanceRecordsResponse(
                kinds=[
                    pb.MaintenanceKindSummary(
                        kind=kind_enum(k.kind),  # type: ignore[arg-type]
                        total=k.total,
                        open=k.open,
                        resolved=k.resolved,
                        closed=k.closed,
                        response_met=k.response_met,
                        response_breached=k.response_breached,
                        resolution_met=k.resolution_met,
                        resolution_breached=k.resolution_breached,
                        average_response_time=_duration(k.average_response_time),
                        average_resolution_time=_duration(k.average_resolution_time),
                    )
                    for k in summary.kinds
                ],
                total=summary.total,
                service_level_compliance=summary.compliance,
                breached_records=self._messages(session, breached, now),
                severities=[
                    pb.MaintenanceSeveritySummary(
                        severity=int(level.severity),  # type: ignore[arg-type]
                        total=level.total,
                        breached=level.breached,
                    )
                    for level in summary.severities
                ],
            )

        return await self.uow.run(work)

    # The working calendar and the policies.

    async def GetWorkingCalendar(
        self, request: pb.GetWorkingCalendarRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetWorkingCalendarResponse:
        def work(session: Session) -> pb.WorkingCalendar:
            row = mstore.calendar_row(session)
            return _calendar_message(mstore.calendar_of(row, self.timezone), row)

        return pb.GetWorkingCalendarResponse(working_calendar=await self.uow.run(work))

    async def UpdateWorkingCalendar(
        self, request: pb.UpdateWorkingCalendarRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateWorkingCalendarResponse:
        paths = mask_paths(request.update_mask, CALENDAR_FIELDS)
        check = Validator()
        changes = _calendar_changes(request.working_calendar, paths, check)
        check.check()
        facts = request_facts(context, _SERVICE, "UpdateWorkingCalendar")
        actor = actor_name()

        def work(session: Session) -> pb.WorkingCalendar:
            row = mstore.calendar_row(session)
            current = mstore.calendar_of(row, self.timezone)
            before = _calendar_message(current, row)
            calendar = replace(current, **changes)
            check = Validator()
            maintenance.check_calendar(calendar, check, "working_calendar")
            check.check()
            row = mstore.save_calendar(session, calendar, actor)
            after = _calendar_message(calendar, row)
            record_write(
                session,
                facts,
                "working_calendar",
                mstore.CALENDAR_ID,
                "changed the working calendar",
                before=before,
                after=after,
            )
            return after

        return pb.UpdateWorkingCalendarResponse(working_calendar=await self.uow.run(work))

    async def ListServiceLevelPolicies(
        self, request: pb.ListServiceLevelPoliciesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListServiceLevelPoliciesResponse:
        def work(session: Session) -> list[pb.ServiceLevelPolicy]:
            return [_policy_message(row) for row in mstore.policy_rows(session)]

        return pb.ListServiceLevelPoliciesResponse(service_level_policies=await self.uow.run(work))

    async def UpdateServiceLevelPolicy(
        self, request: pb.UpdateServiceLevelPolicyRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateServiceLevelPolicyResponse:
        required_id(request.service_level_policy_id, "service_level_policy_id")
        paths = mask_paths(request.update_mask, POLICY_FIELDS)
        check = Validator()
        changes = _policy_changes(request.service_level_policy, paths, check)
        check.check()
        facts = request_facts(context, _SERVICE, "UpdateServiceLevelPolicy")
        actor = actor_name()

        def work(session: Session) -> pb.ServiceLevelPolicy:
            row = mstore.policy_row(session, request.service_level_policy_id)
            if row is None:
                raise NotFound(f"no service-level policy {request.service_level_policy_id}")
            before = _policy_message(row)
            policy = replace(mstore.policy_of(row), **changes)
            check = Validator()
            maintenance.check_policy(policy, check, "service_level_policy")
            check.check()
            mstore.set_policy(row, policy, actor)
            after = _policy_message(row)
            record_write(
                session,
                facts,
                "service_level_policy",
                row.service_level_policy_id,
                f"changed service-level policy {policy.name}"[:256],
                before=before,
                after=after,
            )
            return after

        return pb.UpdateServiceLevelPolicyResponse(service_level_policy=await self.uow.run(work))
