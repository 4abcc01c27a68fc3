"""Persistence of inspections, their checks and schedule, and the database's own diagnostics
(sizes, WAL, integrity, connections, long transactions); the unit of work commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from services.monitor import inspections
from services.monitor.inspections import (
    CheckOverride,
    Finding,
    Grade,
    Observation,
    ServiceInstance,
    Status,
    Target,
    Trigger,
)
from services.monitor.models import (
    InspectionCheckRow,
    InspectionFindingRow,
    InspectionRow,
    InspectionScheduleRow,
    ServiceStartRow,
)
from services.runtime.audited import stamp
from services.runtime.clock import as_utc

MB = 1024 * 1024
SCHEDULE_ID = "default"


# Database diagnostics.


def _mb(size: float) -> str:
    return f"{size / MB:,.1f} MB"


def _sqlite_file(session: Session) -> Path | None:
    database = session.get_bind().engine.url.database
    return Path(database) if database and database != ":memory:" else None


def database_observations(session: Session, label: str) -> list[Observation]:
    """What the database monitor stores in says about itself."""
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite_observations(session, label)
    return _postgres_observations(session, label)


def _sqlite_observations(session: Session, label: str) -> list[Observation]:
    observations: list[Observation] = []
    problems = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
    errors = 0 if problems == ["ok"] else len(problems)
    observations.append(
        Observation(
            "database.integrity",
            f"{label}（SQLite）",
            errors,
            "ok" if errors == 0 else f"{errors} 处问题：{'；'.join(problems[:3])[:400]}",
        )
    )
    path = _sqlite_file(session)
    if path is not None and path.exists():
        size = path.stat().st_size
        observations.append(Observation("database.size", f"{label} 数据文件", size / MB, _mb(size)))
        wal = path.with_name(path.name + "-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
        observations.append(
            Observation("database.wal_size", f"{label} WAL 文件", wal_size / MB, _mb(wal_size))
        )
    try:
        sizes = session.execute(
            text("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY name")
        ).all()
        tables = {name: int(size) for name, size in sizes if not str(name).startswith("sqlite_")}
    except DBAPIError:
        # SQLite built without the dbstat table: sizes per table are not available there.
        tables = {}
    for name, size in sorted(tables.items()):
        observations.append(
            Observation("database.table_size", f"{label} / 表 {name}", size / MB, _mb(size))
        )
    return observations


def _postgres_observations(session: Session, label: str) -> list[Observation]:
    observations: list[Observation] = []
    size = int(session.scalar(text("SELECT pg_database_size(current_database())")) or 0)
    observations.append(
        Observation("database.size", f"{label}（PostgreSQL）", size / MB, _mb(size))
    )
    rows = session.execute(
        text(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname"
        )
    ).all()
    for name, table_size in rows:
        observations.append(
            Observation(
                "database.table_size",
                f"{label} / 表 {name}",
                int(table_size) / MB,
                _mb(int(table_size)),
            )
        )
    used = int(session.scalar(text("SELECT count(*) FROM pg_stat_activity")) or 0)
    limit = int(
        session.scalar(text("SELECT setting::int FROM pg_settings WHERE name = 'max_connections'"))
        or 0
    )
    share = 100 * used / limit if limit else 0.0
    observations.append(
        Observation(
            "database.connections",
            f"{label} 所在实例",
            share,
            f"{used} / {limit}（{share:.0f}%）",
        )
    )
    # Our own transaction is open too: leave it out.
    longest = session.scalar(
        text(
            "SELECT COALESCE(MAX(EXTRACT(EPOCH FROM (now() - xact_start))), 0) "
            "FROM pg_stat_activity WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() "
            "AND datname = current_database()"
        )
    )
    seconds = float(longest or 0)
    observations.append(
        Observation(
            "database.long_transactions",
            f"{label} 最久的事务",
            seconds,
            f"{seconds:,.0f} 秒",
        )
    )
    return observations


def sqlite_file_observations(path: Path, label: str) -> list[Observation]:
    """Another service's embedded database, read only: size, WAL and integrity."""
    import sqlite3

    observations: list[Observation] = []
    size = path.stat().st_size
    observations.append(Observation("database.size", f"{label} 数据文件", size / MB, _mb(size)))
    wal = path.with_name(path.name + "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    observations.append(
        Observation("database.wal_size", f"{label} WAL 文件", wal_size / MB, _mb(wal_size))
    )
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except sqlite3.Error as error:
        observations.append(
            Observation("database.integrity", f"{label}（SQLite）", None, f"无法检查：{error}")
        )
        return observations
    errors = 0 if problems == ["ok"] else len(problems)
    observations.append(
        Observation(
            "database.integrity",
            f"{label}（SQLite）",
            errors,
            "ok" if errors == 0 else f"{errors} 处问题：{'；'.join(problems[:3])[:400]}",
        )
    )
    return observations


# Checks.


def overrides(session: Session) -> dict[str, CheckOverride]:
    return {
        row.check_code: CheckOverride(
            row.enabled, row.warning_threshold, row.risk_threshold, row.recommendation
        )
        for row in session.scalars(select(InspectionCheckRow))
    }


def checks(session: Session) -> list[inspections.Check]:
    return inspections.effective_checks(overrides(session))


def check_row(session: Session, code: str) -> InspectionCheckRow | None:
    return session.get(InspectionCheckRow, code)


def set_check(session: Session, check: inspections.Check, actor: str) -> InspectionCheckRow:
    row = session.get(InspectionCheckRow, check.code)
    if row is None:
        row = InspectionCheckRow(check_code=check.code)
        stamp(row, actor, created=True)
        session.add(row)
    row.enabled = check.enabled
    row.warning_threshold = check.warning_threshold
    row.risk_threshold = check.risk_threshold
    row.recommendation = check.recommendation
    stamp(row, actor, created=False)
    session.flush()
    return row


# Inspections.


def by_idempotency_key(session: Session, key: str) -> InspectionRow | None:
    return session.scalar(select(InspectionRow).where(InspectionRow.idempotency_key == key))


def add_inspection(
    session: Session,
    targets: Sequence[Target],
    trigger: Trigger,
    actor: str,
    generate_report: bool,
    idempotency_key: str,
    now: datetime,
    zone: ZoneInfo,
) -> InspectionRow:
    prefix = inspections.number_prefix(now, zone)
    earlier = session.scalar(
        select(func.count())
        .select_from(InspectionRow)
        .where(InspectionRow.number.like(prefix + "%"))
    )
    row = InspectionRow(
        inspection_id=str(uuid.uuid4()),
        number=inspections.number(prefix, int(earlier or 0)),
        targets=[target.value for target in targets],
        trigger=trigger.value,
        status=Status.RUNNING.value,
        started_at=now,
        started_by=actor,
        overall_grade="",
        ok_count=0,
        warning_count=0,
        risk_count=0,
        error="",
        generate_report=generate_report,
        report_id="",
        idempotency_key=idempotency_key or None,
    )
    session.add(row)
    session.flush()
    return row


def inspection_row(session: Session, inspection_id: str) -> InspectionRow | None:
    return session.get(InspectionRow, inspection_id)


def finish_inspection(
    session: Session,
    inspection_id: str,
    findings: Sequence[Finding],
    error: str,
    now: datetime,
) -> InspectionRow | None:
    """Keeps the findings and the tally; FAILED with the error when there is one."""
    row = session.get(InspectionRow, inspection_id)
    if row is None:
        return None
    for position, finding in enumerate(findings):
        session.add(
            InspectionFindingRow(
                inspection_id=inspection_id,
                position=position,
                check_code=finding.check_code,
                check_name=finding.check_name,
                target=finding.target.value,
                subject=finding.subject[:256],
                observed=finding.observed[:512],
                observed_value=finding.observed_value,
                unit=finding.unit,
                threshold=finding.threshold,
                grade=finding.grade.value,
                recommendation=finding.recommendation,
            )
        )
    counted = inspections.tally(findings)
    row.status = (Status.FAILED if error else Status.COMPLETED).value
    row.error = error[:1024]
    row.ended_at = now
    row.overall_grade = counted.overall.value
    row.ok_count = counted.ok
    row.warning_count = counted.warning
    row.risk_count = counted.risk
    return row


def findings_of(session: Session, inspection_id: str) -> list[Finding]:
    rows = session.scalars(
        select(InspectionFindingRow)
        .where(InspectionFindingRow.inspection_id == inspection_id)
        .order_by(InspectionFindingRow.position)
    )
    return [
        Finding(
            check_code=row.check_code,
            check_name=row.check_name,
            target=Target(row.target),
            subject=row.subject,
            observed=row.observed,
            observed_value=row.observed_value,
            unit=row.unit,
            threshold=row.threshold,
            grade=Grade(row.grade),
            recommendation=row.recommendation,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class InspectionQuery:
    start: datetime | None = None
    end: datetime | None = None
    min_grade: Grade | None = None


def list_inspections(
    session: Session, query: InspectionQuery, offset: int, limit: int
) -> tuple[list[InspectionRow], int]:
    conditions: list[ColumnElement[bool]] = []
    if query.start is not None:
        conditions.append(InspectionRow.started_at >= query.start)
    if query.end is not None:
        conditions.append(InspectionRow.started_at < query.end)
    if query.min_grade is not None:
        worse = [
            g.value for g in Grade if g.rank >= query.min_grade.rank and g is not Grade.UNKNOWN
        ]
        conditions.append(InspectionRow.overall_grade.in_(worse))
    total = session.scalar(select(func.count()).select_from(InspectionRow).where(*conditions))
    rows = session.scalars(
        select(InspectionRow)
        .where(*conditions)
        .order_by(InspectionRow.started_at.desc(), InspectionRow.inspection_id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)


def latest_completed(session: Session) -> InspectionRow | None:
    return session.scalar(
        select(InspectionRow)
        .where(InspectionRow.status == Status.COMPLETED.value)
        .order_by(InspectionRow.started_at.desc())
        .limit(1)
    )


def set_report(session: Session, inspection_id: str, report_id: str) -> None:
    session.execute(
        update(InspectionRow)
        .where(InspectionRow.inspection_id == inspection_id)
        .values(report_id=report_id)
    )


def fail_abandoned(session: Session, before: datetime, now: datetime) -> int:
    """Inspections left RUNNING by a stopped process: FAILED, so they do not run forever."""
    result = session.execute(
        update(InspectionRow)
        .where(InspectionRow.status == Status.RUNNING.value, InspectionRow.started_at < before)
        .values(status=Status.FAILED.value, error="interrupted: the monitor stopped", ended_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# Service processes seen: restarts and versions.


def record_service_start(session: Session, seen: ServiceInstance, now: datetime) -> None:
    """Remembers a process (service, host, start time); a known one is marked seen again."""
    found = session.scalar(
        select(ServiceStartRow).where(
            ServiceStartRow.service == seen.service,
            ServiceStartRow.host == seen.host,
            ServiceStartRow.started_at == seen.started_at,
        )
    )
    if found is not None:
        found.last_seen_at = now
        found.version = seen.version[:64]
        return
    try:
        # Another monitor replica may record the same process at the same moment.
        with session.begin_nested():
            session.add(
                ServiceStartRow(
                    service=seen.service,
                    host=seen.host[:253],
                    started_at=seen.started_at,
                    version=seen.version[:64],
                    first_seen_at=now,
                    last_seen_at=now,
                )
            )
    except IntegrityError:
        pass


def restarts_since(session: Session, service: str, since: datetime | None) -> int:
    """Processes of `service` first seen after `since` that replaced an earlier one on the same
    host (a new host is a new replica, not a restart)."""
    rows = session.scalars(
        select(ServiceStartRow)
        .where(ServiceStartRow.service == service)
        .order_by(ServiceStartRow.first_seen_at, ServiceStartRow.service_start_id)
    )
    hosts: set[str] = set()
    restarts = 0
    for row in rows:
        if row.host in hosts and (since is None or as_utc(row.first_seen_at) > since):
            restarts += 1
        hosts.add(row.host)
    return restarts


def recent_instances(session: Session, seen_after: datetime) -> list[ServiceInstance]:
    """The newest process of every (service, host) seen since `seen_after`."""
    rows = session.scalars(
        select(ServiceStartRow)
        .where(ServiceStartRow.last_seen_at >= seen_after)
        .order_by(ServiceStartRow.started_at)
    )
    newest: dict[tuple[str, str], ServiceInstance] = {}
    for row in rows:
        newest[(row.service, row.host)] = ServiceInstance(
            row.service, row.host, as_utc(row.started_at), row.version
        )
    return list(newest.values())


def previous_services_inspection(session: Session, inspection_id: str) -> datetime | None:
    """When the last completed inspection of the services (before this one) ended."""
    rows = session.scalars(
        select(InspectionRow)
        .where(
            InspectionRow.status == Status.COMPLETED.value,
            InspectionRow.inspection_id != inspection_id,
        )
        .order_by(InspectionRow.started_at.desc())
        .limit(100)
    )
    for row in rows:
        if (not row.targets or Target.SERVICES.value in row.targets) and row.ended_at:
            return as_utc(row.ended_at)
    return None


# The schedule.


def ensure_schedule(session: Session, now: datetime) -> InspectionScheduleRow:
    """The schedule row, made with the quarterly default when missing."""
    row = session.get(InspectionScheduleRow, SCHEDULE_ID)
    if row is not None:
        return row
    zone = inspections.DEFAULT_TIME_ZONE
    row = InspectionScheduleRow(
        schedule_id=SCHEDULE_ID,
        enabled=True,
        cron=inspections.DEFAULT_CRON,
        time_zone=zone,
        targets=[],
        generate_report=True,
        next_run_at=inspections.next_run(inspections.DEFAULT_CRON, ZoneInfo(zone), now),
        last_run_at=None,
    )
    stamp(row, "system", created=True)
    session.add(row)
    session.flush()
    return row


def claim_scheduled_run(
    session: Session, due: datetime, following: datetime, now: datetime
) -> bool:
    """Moves the schedule past `due`; False when another replica already did (it runs it)."""
    result = session.execute(
        update(InspectionScheduleRow)
        .where(
            InspectionScheduleRow.schedule_id == SCHEDULE_ID,
            InspectionScheduleRow.next_run_at == due,
        )
        .values(next_run_at=following, last_run_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0) == 1
