"""Persistence of maintenance records, their history and files, the working calendar and the
service-level policies; the unit of work commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, DateTime, exists, func, literal, or_, select, update
from sqlalchemy.orm import Session

from services.monitor import alerts, maintenance
from services.monitor.models import (
    AlertRow,
    AlertRuleRow,
    MaintenanceAttachmentRow,
    MaintenanceCounterRow,
    MaintenanceEventRow,
    MaintenanceRecordAlertRow,
    MaintenanceRecordRow,
    ServiceLevelPolicyRow,
    WorkingCalendarRow,
)
from services.monitor.store import dialect_insert
from services.runtime.audited import stamp
from services.runtime.clock import as_utc

CALENDAR_ID = "default"

# The working calendar.


def _days(entries: Iterable[Mapping[str, str]]) -> dict[date, str]:
    return {date.fromisoformat(e["date"]): e.get("name", "") for e in entries}


def _entries(days: Mapping[date, str]) -> list[dict[str, str]]:
    return [{"date": d.isoformat(), "name": days[d]} for d in sorted(days)]


def calendar_row(session: Session) -> WorkingCalendarRow | None:
    return session.get(WorkingCalendarRow, CALENDAR_ID)


def calendar_of(row: WorkingCalendarRow | None, default_zone: str) -> maintenance.WorkingCalendar:
    """The stored calendar, or the default one in the platform's time zone."""
    if row is None:
        return maintenance.WorkingCalendar(time_zone=default_zone)
    return maintenance.WorkingCalendar(
        time_zone=row.time_zone,
        work_start=time.fromisoformat(row.work_start),
        work_end=time.fromisoformat(row.work_end),
        working_weekdays=frozenset(row.working_weekdays),
        holidays=_days(row.holidays),
        extra_working_days=_days(row.extra_working_days),
    )


def save_calendar(
    session: Session, calendar: maintenance.WorkingCalendar, actor: str
) -> WorkingCalendarRow:
    row = calendar_row(session)
    if row is None:
        row = WorkingCalendarRow(calendar_id=CALENDAR_ID)
        stamp(row, actor, created=True)
        session.add(row)
    else:
        stamp(row, actor, created=False)
    row.time_zone = calendar.time_zone
    row.work_start = calendar.work_start.strftime("%H:%M")
    row.work_end = calendar.work_end.strftime("%H:%M")
    row.working_weekdays = sorted(calendar.working_weekdays)
    row.holidays = _entries(calendar.holidays)
    row.extra_working_days = _entries(calendar.extra_working_days)
    session.flush()
    return row


# Service-level policies.


def _seconds(length: timedelta | None) -> int | None:
    return None if length is None else int(length.total_seconds())


def _length(seconds: int | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=seconds)


def policy_of(row: ServiceLevelPolicyRow) -> maintenance.Policy:
    return maintenance.Policy(
        policy_id=row.service_level_policy_id,
        kind=maintenance.Kind(row.kind),
        name=row.name,
        min_severity=maintenance.Severity(row.min_severity) if row.min_severity else None,
        response_in_working_hours=_length(row.response_in_hours_seconds),
        response_outside_working_hours=_length(row.response_outside_hours_seconds),
        resolution_working_days=row.resolution_working_days,
        resolution_calendar_days=row.resolution_calendar_days,
    )


def _policy_values(policy: maintenance.Policy) -> dict[str, Any]:
    return {
        "kind": policy.kind.value,
        "min_severity": int(policy.min_severity or 0),
        "name": policy.name.strip(),
        "response_in_hours_seconds": _seconds(policy.response_in_working_hours),
        "response_outside_hours_seconds": _seconds(policy.response_outside_working_hours),
        "resolution_working_days": policy.resolution_working_days,
        "resolution_calendar_days": policy.resolution_calendar_days,
    }


def ensure_default_policies(
    session: Session, policies: Sequence[maintenance.Policy], now: datetime
) -> int:
    """Insert the contract's policies not stored yet (fixed ids; operators' changes kept)."""
    values = [
        {
            "service_level_policy_id": policy.policy_id,
            **_policy_values(policy),
            "created_by": "system",
            "created_at": now,
            "updated_by": "system",
            "updated_at": now,
        }
        for policy in policies
    ]
    table = ServiceLevelPolicyRow.__table__
    result = session.execute(
        dialect_insert(session, table)  # type: ignore[arg-type]
        .on_conflict_do_nothing(index_elements=["service_level_policy_id"])
        .returning(table.c.service_level_policy_id),
        values,
    )
    return len(result.all())


def policy_rows(session: Session) -> list[ServiceLevelPolicyRow]:
    return list(
        session.scalars(
            select(ServiceLevelPolicyRow).order_by(
                ServiceLevelPolicyRow.kind,
                ServiceLevelPolicyRow.min_severity,
                ServiceLevelPolicyRow.service_level_policy_id,
            )
        )
    )


def policy_row(session: Session, policy_id: str) -> ServiceLevelPolicyRow | None:
    return session.get(ServiceLevelPolicyRow, policy_id)


def set_policy(row: ServiceLevelPolicyRow, policy: maintenance.Policy, actor: str) -> None:
    for name, value in _policy_values(policy).items():
        setattr(row, name, value)
    stamp(row, actor, created=False)


# Records.


def next_number(session: Session, year: int) -> str:
    """The next record number of `year`; concurrent writers get distinct numbers (the UPDATE
    takes the counter's row lock on PostgreSQL; SQLite serialises writers)."""
    session.execute(
        dialect_insert(session, MaintenanceCounterRow.__table__)  # type: ignore[arg-type]
        .values(year=year, last_number=0)
        .on_conflict_do_nothing(index_elements=["year"])
    )
    last = session.scalar(
        update(MaintenanceCounterRow)
        .where(MaintenanceCounterRow.year == year)
        .values(last_number=MaintenanceCounterRow.last_number + 1)
        .returning(MaintenanceCounterRow.last_number)
    )
    assert last is not None
    return maintenance.record_number(year, last)


def set_deadlines(row: MaintenanceRecordRow, policy_id: str, due: maintenance.Deadlines) -> None:
    row.service_level_policy_id = policy_id
    row.reported_in_working_hours = due.in_working_hours
    row.response_target = due.response_target
    row.response_due_at = due.response_due
    row.resolution_target = due.resolution_target
    row.resolution_due_at = due.resolution_due
    row.resolution_in_working_time = due.resolution_in_working_time


def add_record(session: Session, row: MaintenanceRecordRow, actor: str) -> MaintenanceRecordRow:
    stamp(row, actor, created=True)
    session.add(row)
    session.flush()
    return row


def record_row(session: Session, record_id: str) -> MaintenanceRecordRow | None:
    return session.get(MaintenanceRecordRow, record_id)


def record_by_idempotency_key(session: Session, key: str) -> MaintenanceRecordRow | None:
    return session.scalar(
        select(MaintenanceRecordRow).where(MaintenanceRecordRow.idempotency_key == key)
    )


def record_for_alert(session: Session, alert_id: str) -> MaintenanceRecordRow | None:
    return session.scalar(
        select(MaintenanceRecordRow)
        .join(
            MaintenanceRecordAlertRow,
            MaintenanceRecordAlertRow.maintenance_record_id
            == MaintenanceRecordRow.maintenance_record_id,
        )
        .where(MaintenanceRecordAlertRow.alert_id == alert_id)
    )


def claim_alert(session: Session, record_id: str, alert_id: str) -> bool:
    """Link `alert_id` to a new record; False when another record has it already.

    On PostgreSQL a concurrent claim of the same alert waits for the first to commit and then
    finds the conflict: one click and its double open one record.
    """
    table = MaintenanceRecordAlertRow.__table__
    claimed = session.scalar(
        dialect_insert(session, table)  # type: ignore[arg-type]
        .values(maintenance_record_id=record_id, alert_id=alert_id)
        .on_conflict_do_nothing(index_elements=["alert_id"])
        .returning(table.c.alert_id)
    )
    if claimed is None:
        return False
    session.execute(
        update(AlertRow)
        .where(AlertRow.alert_id == alert_id)
        .values(maintenance_record_id=record_id)
    )
    return True


def alerts_awaiting_records(session: Session, limit: int = 100) -> list[str]:
    """Firing alerts whose rule opens a maintenance record by itself, not linked to one yet."""
    linked = exists().where(MaintenanceRecordAlertRow.alert_id == AlertRow.alert_id)
    return list(
        session.scalars(
            select(AlertRow.alert_id)
            .join(AlertRuleRow, AlertRuleRow.alert_rule_id == AlertRow.alert_rule_id)
            .where(
                AlertRuleRow.open_maintenance_record,
                AlertRow.state == alerts.AlertState.FIRING.value,
                ~linked,
            )
            .order_by(AlertRow.started_at, AlertRow.alert_id)
            .limit(limit)
        )
    )


def alert_ids(session: Session, record_ids: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {r: [] for r in record_ids}
    if not record_ids:
        return found
    rows = session.execute(
        select(MaintenanceRecordAlertRow.maintenance_record_id, MaintenanceRecordAlertRow.alert_id)
        .where(MaintenanceRecordAlertRow.maintenance_record_id.in_(record_ids))
        .order_by(MaintenanceRecordAlertRow.alert_id)
    )
    for record_id, alert_id in rows:
        found[record_id].append(alert_id)
    return found


@dataclass(frozen=True)
class RecordQuery:
    """Validated filters of the record list and the export."""

    reported_from: datetime | None = None
    reported_before: datetime | None = None
    kinds: tuple[maintenance.Kind, ...] = ()
    statuses: tuple[maintenance.Status, ...] = ()
    min_severity: maintenance.Severity | None = None
    assignee_user_id: str = ""
    breached_only: bool = False
    alert_id: str = ""
    text: str = ""


def _breached(now: datetime) -> ColumnElement[bool]:
    """A timer met late, or running (or stopped by a cancellation) past its due time: the
    SQL twin of maintenance.timer's `breached`."""
    r = MaintenanceRecordRow
    at = literal(now, DateTime(timezone=True))
    return or_(
        func.coalesce(r.acknowledged_at, r.cancelled_at, at) > r.response_due_at,
        func.coalesce(r.resolved_at, r.cancelled_at, at) > r.resolution_due_at,
    )


def _conditions(query: RecordQuery, now: datetime) -> list[ColumnElement[bool]]:
    r = MaintenanceRecordRow
    conditions: list[ColumnElement[bool]] = []
    if query.reported_from is not None:
        conditions.append(r.report_at >= query.reported_from)
    if query.reported_before is not None:
        conditions.append(r.report_at < query.reported_before)
    if query.kinds:
        conditions.append(r.kind.in_([k.value for k in query.kinds]))
    if query.statuses:
        conditions.append(r.status.in_([s.value for s in query.statuses]))
    if query.min_severity is not None:
        conditions.append(r.severity >= int(query.min_severity))
    if query.assignee_user_id:
        conditions.append(r.assignee_user_id == query.assignee_user_id)
    if query.breached_only:
        conditions.append(_breached(now))
    if query.alert_id:
        conditions.append(
            exists().where(
                MaintenanceRecordAlertRow.maintenance_record_id == r.maintenance_record_id,
                MaintenanceRecordAlertRow.alert_id == query.alert_id,
            )
        )
    if query.text:
        conditions.append(
            or_(
                r.number.icontains(query.text, autoescape=True),
                r.title.icontains(query.text, autoescape=True),
                r.description.icontains(query.text, autoescape=True),
                r.resolution.icontains(query.text, autoescape=True),
            )
        )
    return conditions


ORDERS: Mapping[str, Any] = {
    "report_time": MaintenanceRecordRow.report_at,
    "severity": MaintenanceRecordRow.severity,
    "number": MaintenanceRecordRow.number,
    "update_time": MaintenanceRecordRow.updated_at,
}


def list_records(
    session: Session,
    query: RecordQuery,
    now: datetime,
    order: tuple[str, bool],
    offset: int,
    limit: int,
) -> tuple[list[MaintenanceRecordRow], int]:
    """A page of matching records in `order` (column name, descending), and how many match."""
    conditions = _conditions(query, now)
    total = session.scalar(
        select(func.count()).select_from(MaintenanceRecordRow).where(*conditions)
    )
    column, descending = ORDERS[order[0]], order[1]
    tie = MaintenanceRecordRow.maintenance_record_id
    rows = session.scalars(
        select(MaintenanceRecordRow)
        .where(*conditions)
        .order_by(
            column.desc() if descending else column,
            MaintenanceRecordRow.report_at.desc(),
            tie.desc() if descending else tie,
        )
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)


def records_reported(
    session: Session, start: datetime, end: datetime
) -> list[MaintenanceRecordRow]:
    return list(
        session.scalars(
            select(MaintenanceRecordRow)
            .where(MaintenanceRecordRow.report_at >= start, MaintenanceRecordRow.report_at < end)
            .order_by(MaintenanceRecordRow.report_at, MaintenanceRecordRow.maintenance_record_id)
        )
    )


@dataclass(frozen=True)
class Breach:
    """A timer found past its due time, to be written into the record's history once."""

    record_id: str
    timer: str
    target: str
    due: datetime


def claim_breaches(
    session: Session, now: datetime, record_id: str | None = None, limit: int = 500
) -> list[Breach]:
    """Mark timers that passed their due time as noted, and return them (each only once).

    A conditional UPDATE: two replicas (or a request and a sweep) never both note the same
    timer; PostgreSQL re-checks the condition after a concurrent writer commits.
    """
    r = MaintenanceRecordRow
    at = literal(now, DateTime(timezone=True))
    found: list[Breach] = []
    for name, noted, due, met, target in (
        (
            "response",
            r.response_breach_noted,
            r.response_due_at,
            r.acknowledged_at,
            r.response_target,
        ),
        (
            "resolution",
            r.resolution_breach_noted,
            r.resolution_due_at,
            r.resolved_at,
            r.resolution_target,
        ),
    ):
        conditions = [
            noted.is_(False),
            due.is_not(None),
            func.coalesce(met, r.cancelled_at, at) > due,
        ]
        if record_id is not None:
            conditions.append(r.maintenance_record_id == record_id)
        else:
            candidates = select(r.maintenance_record_id).where(*conditions).limit(limit)
            conditions.append(r.maintenance_record_id.in_(candidates.scalar_subquery()))
        rows = session.execute(
            update(r)
            .where(*conditions)
            .values({noted: True})
            .returning(r.maintenance_record_id, target, due)
            .execution_options(synchronize_session=False)
        )
        found.extend(Breach(row[0], name, row[1], as_utc(row[2])) for row in rows if row[2])
    return found


# History.


def add_event(
    session: Session,
    record_id: str,
    kind: str,
    actor_user_id: str,
    actor: str,
    at: datetime,
    *,
    comment: str = "",
    from_status: str = "",
    to_status: str = "",
    changes: Mapping[str, object] | None = None,
    attachment_id: str = "",
) -> MaintenanceEventRow:
    row = MaintenanceEventRow(
        maintenance_record_id=record_id,
        kind=kind,
        actor_user_id=actor_user_id,
        actor_name=actor,
        event_at=at,
        comment=comment,
        from_status=from_status,
        to_status=to_status,
        changes=dict(changes or {}),
        attachment_id=attachment_id,
    )
    session.add(row)
    session.flush()
    return row


def list_events(
    session: Session, record_ids: Sequence[str], offset: int, limit: int | None
) -> tuple[list[MaintenanceEventRow], int]:
    """Oldest first."""
    condition = MaintenanceEventRow.maintenance_record_id.in_(record_ids)
    total = session.scalar(select(func.count()).select_from(MaintenanceEventRow).where(condition))
    statement = (
        select(MaintenanceEventRow)
        .where(condition)
        .order_by(MaintenanceEventRow.maintenance_record_id, MaintenanceEventRow.event_id)
        .offset(offset)
    )
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement)), int(total or 0)


def note_breaches(
    session: Session, now: datetime, zone: ZoneInfo, record_id: str | None = None
) -> int:
    """Write an SLA_BREACHED step for every timer newly found past its due time."""
    session.flush()
    breaches = claim_breaches(session, now, record_id)
    for breach in breaches:
        due = breach.due.astimezone(zone).isoformat(timespec="minutes")
        add_event(
            session,
            breach.record_id,
            "sla_breached",
            "",
            "system",
            now,
            comment=f"{breach.timer} timer ({breach.target}) passed its due time {due}",
        )
    return len(breaches)


# Attachments.


def add_attachment(session: Session, row: MaintenanceAttachmentRow) -> MaintenanceAttachmentRow:
    row.attachment_id = str(uuid.uuid4())
    session.add(row)
    session.flush()
    return row


def attachments(session: Session, record_ids: Sequence[str]) -> dict[str, list[Any]]:
    """Each record's attachments (without their content), oldest first."""
    found: dict[str, list[Any]] = {r: [] for r in record_ids}
    if not record_ids:
        return found
    a = MaintenanceAttachmentRow
    rows = session.execute(
        select(
            a.maintenance_record_id,
            a.attachment_id,
            a.file_name,
            a.content_type,
            a.size_bytes,
            a.sha256,
            a.uploaded_by,
            a.uploaded_at,
        )
        .where(a.maintenance_record_id.in_(record_ids))
        .order_by(a.uploaded_at, a.attachment_id)
    )
    for row in rows:
        found[row.maintenance_record_id].append(row)
    return found


def attachment_row(
    session: Session, record_id: str, attachment_id: str
) -> MaintenanceAttachmentRow | None:
    row = session.get(MaintenanceAttachmentRow, attachment_id)
    if row is None or row.maintenance_record_id != record_id:
        return None
    return row


def moment(value: datetime | None) -> datetime | None:
    return None if value is None else as_utc(value)
