"""Persistence of reports and their files, and the platform's own data they are made from
(rollups, alerts, inspections); the unit of work commits."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.orm import Session

from services.monitor import domain, maintenance, maintenance_records, reports, store
from services.monitor import maintenance_store as mstore
from services.monitor.alerts import AlertState
from services.monitor.models import AlertRow, ReportContentRow, ReportRow, ReportScheduleRow
from services.monitor.reports import Kind, Period, Status
from services.runtime.audited import stamp
from services.runtime.clock import as_utc

SCHEDULE_ID = "default"
FORMATS = ("html", "pdf")


# The figures of an operations analysis.


def _summary(cells: Sequence[domain.RollupCell]) -> domain.Summary:
    return domain.summarise(cells).get("", domain.Summary())


def operations_figures(
    session: Session,
    title: str,
    label: str,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
) -> reports.Figures:
    """Traffic, availability and alerts over [start, end) from monitor's rollups and alerts."""
    window = domain.Window(start, end)
    hourly = store.rollup_cells(session, domain.UsageQuery(window), ("bucket_start", "api_code"))
    total = _summary(hourly)
    previous_window = domain.Window(start - (end - start), start)
    previous = _summary(store.rollup_cells(session, domain.UsageQuery(previous_window), ()))

    daily: dict[date, list[int]] = {}
    day = start.astimezone(zone).date()
    last_day = (end - timedelta(seconds=1)).astimezone(zone).date()
    while day <= last_day:
        daily[day] = [0, 0]
        day += timedelta(days=1)
    per_service_hour: dict[tuple[str, datetime], domain.Summary] = defaultdict(domain.Summary)
    for cell in hourly:
        assert cell.bucket_start is not None
        bucket = cell.bucket_start
        local_day = bucket.astimezone(zone).date()
        tallies = daily.setdefault(local_day, [0, 0])
        tallies[0] += cell.tally.calls
        if cell.outcome is not domain.Outcome.SUCCESS:
            tallies[1] += cell.tally.calls
        hour = bucket.replace(minute=0, second=0, microsecond=0)
        per_service_hour[(cell.api_code, hour)].add(cell.outcome, cell.tally)

    period_hours = max(int((end - start).total_seconds() // 3600), 1)
    unavailable: dict[str, set[datetime]] = defaultdict(set)
    for (api_code, hour), summary in per_service_hour.items():
        if summary.calls and (
            summary.server_error_calls / summary.calls >= reports.UNAVAILABLE_HOUR_SHARE
        ):
            unavailable[api_code].add(hour)
    by_service = domain.api_services_only(domain.summarise(hourly, "api_code"))
    services = sorted(
        (
            reports.ServiceFigures(
                api_code=name or "（未匹配路由）",
                calls=summary.calls,
                success_calls=summary.success_calls,
                client_error_calls=summary.client_error_calls,
                server_error_calls=summary.server_error_calls,
                average_latency_ms=summary.average_latency_ms,
                p95_latency_ms=summary.latency_percentile(0.95),
                unavailable_hours=len(unavailable.get(name, set())),
                period_hours=period_hours,
            )
            for name, summary in by_service.items()
        ),
        key=lambda s: (-s.calls, s.api_code),
    )
    any_unavailable = set().union(*unavailable.values()) if unavailable else set()
    return reports.Figures(
        title=title,
        label=label,
        start=start,
        end=end,
        calls=total.calls,
        success_calls=total.success_calls,
        client_error_calls=total.client_error_calls,
        server_error_calls=total.server_error_calls,
        average_latency_ms=total.average_latency_ms,
        p95_latency_ms=total.latency_percentile(0.95),
        previous_calls=previous.calls,
        previous_success_share=previous.success_share,
        daily=[(d, values[0], values[1]) for d, values in sorted(daily.items())],
        services=services,
        unavailable_hours=len(any_unavailable),
        period_hours=period_hours,
        alerts=alert_figures(session, start, end),
    )


def alert_figures(session: Session, start: datetime, end: datetime) -> reports.AlertFigures:
    """Alerts that fired in [start, end) (pending ones never showed, so they do not count)."""
    rows = session.scalars(
        select(AlertRow).where(
            AlertRow.started_at >= start,
            AlertRow.started_at < end,
            AlertRow.state != AlertState.PENDING.value,
        )
    ).all()
    figures = reports.AlertFigures(total=len(rows))
    by_rule: dict[str, list[float]] = defaultdict(list)
    longest: list[tuple[str, datetime, float]] = []
    for row in rows:
        if row.severity == "critical":
            figures.critical += 1
        elif row.severity == "warning":
            figures.warning += 1
        else:
            figures.info += 1
        started = as_utc(row.started_at)
        finished = (
            as_utc(row.resolved_at)
            if row.resolved_at is not None
            else min(end, as_utc(row.last_evaluated_at))
        )
        minutes = max((finished - started).total_seconds() / 60, 0.0)
        by_rule[row.alert_rule_name].append(minutes)
        longest.append((row.summary, started, minutes))
    figures.top_rules = sorted(
        ((name, len(spans), sum(spans)) for name, spans in by_rule.items()),
        key=lambda item: (-item[1], -item[2], item[0]),
    )[:10]
    figures.longest = sorted(longest, key=lambda item: -item[2])[:10]
    return figures


def maintenance_figures(
    session: Session, start: datetime, end: datetime, as_of: datetime, default_zone: str
) -> reports.MaintenanceFigures:
    """The maintenance records reported in [start, end) with their timers as of `as_of`."""
    calendar = maintenance_records.working_calendar(session, default_zone)
    entries = []
    for row in mstore.records_reported(session, start, end):
        running = maintenance_records.timers(row, calendar, as_of)
        entries.append(
            reports.MaintenanceEntry(
                number=row.number,
                title=row.title,
                kind=maintenance.Kind(row.kind),
                severity=maintenance.Severity(row.severity),
                status=maintenance.Status(row.status),
                reporter=row.reporter_name,
                reported=as_utc(row.report_at),
                reported_in_working_hours=row.reported_in_working_hours,
                assignee=row.assignee_name or row.assignee_user_id,
                resolution_text=row.resolution,
                acknowledged=mstore.moment(row.acknowledged_at),
                resolved=mstore.moment(row.resolved_at),
                response=running.response,
                resolution=running.resolution,
                resolution_in_working_time=row.resolution_in_working_time,
            )
        )
    return reports.maintenance_figures(calendar, entries, start, end, as_of)


# Reports.


def by_idempotency_key(session: Session, key: str) -> ReportRow | None:
    return session.scalar(select(ReportRow).where(ReportRow.idempotency_key == key))


@dataclass(frozen=True)
class NewReport:
    kind: Kind
    period: Period
    title: str
    start: datetime
    end: datetime
    inspection_id: str = ""
    scheduled: bool = False
    idempotency_key: str = ""


def add_report(session: Session, new: NewReport, actor: str) -> ReportRow:
    row = ReportRow(
        report_id=str(uuid.uuid4()),
        kind=new.kind.value,
        title=new.title,
        period=new.period.value,
        start_at=new.start,
        end_at=new.end,
        status=Status.GENERATING.value,
        error="",
        inspection_id=new.inspection_id,
        generated_at=None,
        html_size=0,
        pdf_size=0,
        summary={},
        scheduled=new.scheduled,
        idempotency_key=new.idempotency_key or None,
    )
    stamp(row, actor, created=True)
    session.add(row)
    session.flush()
    return row


def report_row(session: Session, report_id: str) -> ReportRow | None:
    return session.get(ReportRow, report_id)


def finish_report(
    session: Session,
    report_id: str,
    files: dict[str, bytes],
    summary: dict[str, float],
    error: str,
    now: datetime,
) -> None:
    """READY with the files made (the PDF may be missing, with the reason in error);
    FAILED when not even the HTML could be made."""
    row = session.get(ReportRow, report_id)
    if row is None:
        return
    for name, data in files.items():
        session.merge(ReportContentRow(report_id=report_id, format=name, data=data))
    row.status = (Status.READY if "html" in files else Status.FAILED).value
    row.error = error[:1024]
    row.generated_at = now
    row.html_size = len(files.get("html", b""))
    row.pdf_size = len(files.get("pdf", b""))
    row.summary = summary


def content(session: Session, report_id: str, name: str) -> bytes | None:
    row = session.get(ReportContentRow, (report_id, name))
    return None if row is None else row.data


@dataclass(frozen=True)
class ReportQuery:
    kind: Kind | None = None
    start: datetime | None = None
    end: datetime | None = None


def list_reports(
    session: Session, query: ReportQuery, offset: int, limit: int
) -> tuple[list[ReportRow], int]:
    conditions: list[ColumnElement[bool]] = []
    if query.kind is not None:
        conditions.append(ReportRow.kind == query.kind.value)
    if query.start is not None:
        conditions.append(ReportRow.end_at > query.start)
    if query.end is not None:
        conditions.append(ReportRow.start_at < query.end)
    total = session.scalar(select(func.count()).select_from(ReportRow).where(*conditions))
    rows = session.scalars(
        select(ReportRow)
        .where(*conditions)
        .order_by(ReportRow.created_at.desc(), ReportRow.report_id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)


def delete_report(session: Session, row: ReportRow) -> None:
    session.execute(delete(ReportContentRow).where(ReportContentRow.report_id == row.report_id))
    session.delete(row)


def fail_abandoned(session: Session, before: datetime, now: datetime) -> int:
    """Reports left GENERATING by a stopped process: FAILED, so a person can make them again."""
    result = session.execute(
        update(ReportRow)
        .where(ReportRow.status == Status.GENERATING.value, ReportRow.created_at < before)
        .values(
            status=Status.FAILED.value, error="interrupted: the monitor stopped", generated_at=now
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


# The schedule.

DEFAULT_SCHEDULE: tuple[dict[str, object], ...] = (
    {"kind": Kind.OPERATIONS_ANALYSIS.value, "period": Period.MONTH.value, "enabled": False},
    {"kind": Kind.OPERATIONS_ANALYSIS.value, "period": Period.QUARTER.value, "enabled": True},
    {"kind": Kind.OPERATIONS_ANALYSIS.value, "period": Period.YEAR.value, "enabled": True},
)


def ensure_schedule(session: Session, time_zone: str, now: datetime) -> ReportScheduleRow:
    """The schedule row, made with the defaults when missing; periods that ended before it
    was made count as done (a new installation has no data for them)."""
    row = session.get(ReportScheduleRow, SCHEDULE_ID)
    if row is not None:
        return row
    zone = ZoneInfo(time_zone)
    row = ReportScheduleRow(
        schedule_id=SCHEDULE_ID,
        reports=[dict(item) for item in DEFAULT_SCHEDULE],
        time_zone=time_zone,
        generated={
            f"{item['kind']}/{item['period']}": reports.period_bounds(
                Period(str(item["period"])), now, zone
            )[0].isoformat()
            for item in DEFAULT_SCHEDULE
        },
    )
    stamp(row, "system", created=True)
    session.add(row)
    session.flush()
    return row


def set_scheduled_reports(
    row: ReportScheduleRow, items: list[dict[str, object]], now: datetime
) -> None:
    """Puts these reports ({"kind", "period", "enabled"}) on the schedule; one newly put on it
    starts with the next period to end (the one that ended last is not made after the fact)."""
    row.reports = items
    zone = ZoneInfo(row.time_zone)
    generated = dict(row.generated)
    for item in items:
        key = f"{item['kind']}/{item['period']}"
        if key not in generated:
            start, _ = reports.period_bounds(Period(str(item["period"])), now, zone)
            generated[key] = start.isoformat()
    row.generated = generated


def claim_period(session: Session, key: str, period_start: str) -> bool:
    """Records that the report of `key` ("kind/period") for the period starting `period_start`
    is being made; False when it already was (by this or another replica)."""
    row = session.get(ReportScheduleRow, SCHEDULE_ID, with_for_update=True)
    if row is None or row.generated.get(key) == period_start:
        return False
    row.generated = {**row.generated, key: period_start}
    return True
