"""Opening maintenance records inside a unit of work, by hand or from an alert: shared by the
servicer (a person's click) and the sweep (a rule that opens records by itself). No gRPC."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from services.monitor import alert_store, alerts, maintenance
from services.monitor import maintenance_store as mstore
from services.monitor.models import MaintenanceRecordRow
from services.runtime.clock import as_utc
from services.runtime.errors import NotFound

_ALERT_SEVERITY: Mapping[alerts.Severity, maintenance.Severity] = {
    alerts.Severity.INFO: maintenance.Severity.LOW,
    alerts.Severity.WARNING: maintenance.Severity.MEDIUM,
    alerts.Severity.CRITICAL: maintenance.Severity.CRITICAL,
}
_TEXT_FIELDS = (
    "description",
    "reporter_name",
    "reporter_contact",
    "affected_module",
    "assignee_user_id",
    "assignee_name",
    "resolution",
    "root_cause",
    "confirmed_by",
)


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user, or the platform itself (user_id empty, name "system")."""

    user_id: str
    name: str


def working_calendar(session: Session, default_zone: str) -> maintenance.WorkingCalendar:
    return mstore.calendar_of(mstore.calendar_row(session), default_zone)


@dataclass(frozen=True)
class Timers:
    """A record's response and resolution timers as of a moment."""

    response: maintenance.Timer | None
    resolution: maintenance.Timer | None

    @property
    def breached(self) -> bool:
        return any(t is not None and t.breached for t in (self.response, self.resolution))


def timers(
    row: MaintenanceRecordRow, calendar: maintenance.WorkingCalendar, now: datetime
) -> Timers:
    """The record's timers as of `now`: met, stopped by a cancellation, or running."""
    stopped = mstore.moment(row.cancelled_at)
    return Timers(
        response=maintenance.timer(
            calendar,
            row.response_target,
            mstore.moment(row.response_due_at),
            mstore.moment(row.acknowledged_at),
            stopped,
            now,
            working_time=False,
        ),
        resolution=maintenance.timer(
            calendar,
            row.resolution_target,
            mstore.moment(row.resolution_due_at),
            mstore.moment(row.resolved_at),
            stopped,
            now,
            working_time=row.resolution_in_working_time,
        ),
    )


def start_timers(
    session: Session, row: MaintenanceRecordRow, calendar: maintenance.WorkingCalendar
) -> None:
    """Compute the record's timers from its kind, severity and report time, with the policies
    and the calendar as they are now."""
    policies = [mstore.policy_of(p) for p in mstore.policy_rows(session)]
    policy = maintenance.policy_for(
        policies, maintenance.Kind(row.kind), maintenance.Severity(row.severity)
    )
    due = maintenance.deadlines(calendar, policy, as_utc(row.report_at))
    mstore.set_deadlines(row, policy.policy_id if policy else "", due)


def open_record(
    session: Session,
    values: Mapping[str, Any],
    source: str,
    actor: Actor,
    now: datetime,
    default_zone: str,
    record_id: str | None = None,
    idempotency_key: str | None = None,
) -> MaintenanceRecordRow:
    """A new OPEN record with its number, timers and CREATED step (and SLA_BREACHED steps when
    it was reported so long ago that a timer is past due already)."""
    calendar = working_calendar(session, default_zone)
    fields: dict[str, Any] = dict.fromkeys(_TEXT_FIELDS, "")
    fields.update(values)
    row = MaintenanceRecordRow(
        maintenance_record_id=record_id or str(uuid.uuid4()),
        number=mstore.next_number(
            session, as_utc(fields["report_at"]).astimezone(calendar.zone).year
        ),
        status=maintenance.Status.OPEN.value,
        source=source,
        idempotency_key=idempotency_key,
        **fields,
    )
    start_timers(session, row, calendar)
    mstore.add_record(session, row, actor.name)
    mstore.add_event(
        session,
        row.maintenance_record_id,
        "created",
        actor.user_id,
        actor.name,
        now,
        to_status=row.status,
    )
    mstore.note_breaches(session, now, calendar.zone, row.maintenance_record_id)
    return row


def open_from_alert(
    session: Session,
    alert_id: str,
    actor: Actor,
    now: datetime,
    default_zone: str,
    *,
    kind: maintenance.Kind = maintenance.Kind.FAULT,
    severity: maintenance.Severity | None = None,
    assignee_user_id: str = "",
    idempotency_key: str | None = None,
) -> tuple[MaintenanceRecordRow, bool]:
    """The alert's record, opened now unless it has one already; and whether it was opened.

    Idempotent: the same alert (or the same key) gives the same record, also when two clicks
    or a click and the sweep race (the alert link is unique).
    """
    existing = (
        mstore.record_by_idempotency_key(session, idempotency_key) if idempotency_key else None
    )
    existing = existing or mstore.record_for_alert(session, alert_id)
    if existing is not None:
        return existing, False
    alert = alert_store.alert_row(session, alert_id)
    if alert is None:
        raise NotFound(f"no alert {alert_id}")
    record_id = str(uuid.uuid4())
    if not mstore.claim_alert(session, record_id, alert.alert_id):
        won = mstore.record_for_alert(session, alert.alert_id)
        assert won is not None
        return won, False
    labels = ", ".join(f"{k}={v}" for k, v in sorted(alert.labels.items()))
    values = {
        "kind": kind.value,
        "severity": int(severity or _ALERT_SEVERITY[alerts.Severity(alert.severity)]),
        "title": f"[告警] {alert.summary}"[:256],
        "description": "\n".join(
            part
            for part in (
                alert.description,
                f"告警规则：{alert.alert_rule_name}",
                f"当前值 {alert.value:g}，阈值 {alert.threshold:g}",
                f"范围：{labels}" if labels else "",
            )
            if part
        ),
        # The timers start when the alert started.
        "report_at": as_utc(alert.started_at),
        "reporter_name": actor.name[:64],
        "affected_module": (alert.api_code or alert.channel_id)[:128],
        "assignee_user_id": assignee_user_id,
    }
    row = open_record(
        session, values, "alert", actor, now, default_zone, record_id, idempotency_key
    )
    mstore.add_event(
        session,
        row.maintenance_record_id,
        "alert_linked",
        actor.user_id,
        actor.name,
        now,
        comment=alert.alert_id,
    )
    return row, True
