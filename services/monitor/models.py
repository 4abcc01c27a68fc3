"""Monitor's tables: raw access logs, rollups, reconciliation cursors, alert rules and alerts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.runtime.audit import AuditOutbox
from services.runtime.audited import Audited

_ID = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    pass


class AccessLogRow(Base):
    """One request on the channel listener, as Envoy reported it (patient identifiers masked)."""

    __tablename__ = "access_logs"
    __table_args__ = (
        # Unique: the gRPC stream and the durable file log are reconciled on it.
        Index("ux_access_logs_request_id", "request_id", unique=True),
        Index("ix_access_logs_time_status", "started_at", "status"),
        # Log query: newest first, keyset on (started_at, log_id), usually within one service.
        Index("ix_access_logs_time_id", "started_at", "log_id"),
        Index("ix_access_logs_api_time_id", "api_code", "started_at", "log_id"),
        Index("ix_access_logs_channel_time_id", "channel_id", "started_at", "log_id"),
    )

    log_id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(String(64))
    trace_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    channel_id: Mapped[str] = mapped_column(String(64), default="")
    channel_code: Mapped[str] = mapped_column(String(64), default="")
    api_code: Mapped[str] = mapped_column(String(128), default="")
    method: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(String(1024))
    upstream_cluster: Mapped[str] = mapped_column(String(128), default="")
    upstream_host: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[int] = mapped_column(Integer)
    response_flags: Mapped[str] = mapped_column(String(128), default="")
    response_code_details: Mapped[str] = mapped_column(String(128), default="")
    duration_ms: Mapped[int] = mapped_column(Integer)
    upstream_ms: Mapped[int] = mapped_column(Integer, default=-1)
    bytes_received: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_sent: Mapped[int] = mapped_column(BigInteger, default=0)
    client_ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(256), default="")
    edge_node_id: Mapped[str] = mapped_column(String(128), default="")
    # Recovered from the durable file log after the gRPC stream lost it.
    backfilled: Mapped[bool] = mapped_column(Boolean, default=False)


class _Rollup:
    """Calls of one service from one channel with one outcome in one time bucket.

    The le_* columns are the latency histogram (domain.LATENCY_BOUNDS_MS).
    """

    bucket_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    api_code: Mapped[str] = mapped_column(String(128), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    channel_code: Mapped[str] = mapped_column(String(64), default="")
    calls: Mapped[int] = mapped_column(BigInteger, default=0)
    duration_ms_sum: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_received: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_sent: Mapped[int] = mapped_column(BigInteger, default=0)
    le_5: Mapped[int] = mapped_column(BigInteger, default=0)
    le_10: Mapped[int] = mapped_column(BigInteger, default=0)
    le_25: Mapped[int] = mapped_column(BigInteger, default=0)
    le_50: Mapped[int] = mapped_column(BigInteger, default=0)
    le_100: Mapped[int] = mapped_column(BigInteger, default=0)
    le_250: Mapped[int] = mapped_column(BigInteger, default=0)
    le_500: Mapped[int] = mapped_column(BigInteger, default=0)
    le_1000: Mapped[int] = mapped_column(BigInteger, default=0)
    le_2500: Mapped[int] = mapped_column(BigInteger, default=0)
    le_5000: Mapped[int] = mapped_column(BigInteger, default=0)
    le_10000: Mapped[int] = mapped_column(BigInteger, default=0)
    le_inf: Mapped[int] = mapped_column(BigInteger, default=0)


class TrafficMinuteRow(_Rollup, Base):
    """Per-minute rollup, written in the same transaction as the raw rows it counts."""

    __tablename__ = "traffic_minutes"


class TrafficHourRow(_Rollup, Base):
    """Per-hour rollup: long ranges read these, and they outlive the raw logs."""

    __tablename__ = "traffic_hours"


class TrafficTotalRow(Base):
    """Every call counted since the platform started, per outcome (never purged)."""

    __tablename__ = "traffic_totals"

    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    calls: Mapped[int] = mapped_column(BigInteger, default=0)


class ReconcileCursorRow(Base):
    """How far the durable file access log has been reconciled with the stored rows."""

    __tablename__ = "reconcile_cursors"

    source: Mapped[str] = mapped_column(String(512), primary_key=True)
    # device:inode of the file the offset belongs to (a rotated file starts again at 0).
    file_id: Mapped[str] = mapped_column(String(64), default="")
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    lines_read: Mapped[int] = mapped_column(BigInteger, default=0)
    backfilled_entries: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AlertRuleRow(Audited, Base):
    """A condition on monitor's figures that raises an alert (alerts.RuleSpec)."""

    __tablename__ = "alert_rules"

    alert_rule_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(String(1024), default="")
    kind: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    threshold: Mapped[float] = mapped_column(Float)
    window_seconds: Mapped[int] = mapped_column(Integer)
    percentile: Mapped[float] = mapped_column(Float, default=0.0)
    api_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    channel_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    upstreams: Mapped[list[str]] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    built_in: Mapped[bool] = mapped_column(Boolean, default=False)
    notification_endpoint_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    pending_seconds: Mapped[int] = mapped_column(Integer, default=0)
    renotify_seconds: Mapped[int] = mapped_column(Integer, default=0)
    open_maintenance_record: Mapped[bool] = mapped_column(Boolean, default=False)
    min_calls: Mapped[int] = mapped_column(BigInteger, default=0)
    # Claimed by the replica that evaluates the rule this round (the others skip it).
    evaluated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AlertRow(Base):
    """One alert: from the first breach until the condition clears, whatever its count."""

    __tablename__ = "alerts"
    __table_args__ = (
        # While an alert is open (pending or firing) open_key holds its fingerprint, and NULL
        # once resolved: at most one open alert per rule and subject, whichever replica wrote it.
        Index("ux_alerts_open_key", "open_key", unique=True),
        Index("ix_alerts_started", "started_at", "alert_id"),
        Index("ix_alerts_rule_state", "alert_rule_id", "state"),
    )

    alert_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    alert_rule_id: Mapped[str] = mapped_column(String(64))
    alert_rule_name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    fingerprint: Mapped[str] = mapped_column(String(64))
    open_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    summary: Mapped[str] = mapped_column(String(512))
    description: Mapped[str] = mapped_column(String(1024), default="")
    labels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    api_code: Mapped[str] = mapped_column(String(128), default="")
    channel_id: Mapped[str] = mapped_column(String(64), default="")
    value: Mapped[float] = mapped_column(Float)
    threshold: Mapped[float] = mapped_column(Float)
    pending_since: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_evaluated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # How many evaluations found the condition holding while it was open.
    evaluations: Mapped[int] = mapped_column(Integer, default=1)
    acknowledged_by: Mapped[str] = mapped_column(String(64), default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    acknowledge_comment: Mapped[str] = mapped_column(String(1024), default="")
    silence_id: Mapped[str] = mapped_column(String(64), default="")
    maintenance_record_id: Mapped[str] = mapped_column(String(64), default="")
    notification_count: Mapped[int] = mapped_column(Integer, default=0)


class AlertReadRow(Base):
    """A user read an alert (the console header's unread count is per user)."""

    __tablename__ = "alert_reads"

    alert_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reader: Mapped[str] = mapped_column(String(64), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AlertReaderRow(Base):
    """Mark all read: every alert started up to then is read by the user, in one row."""

    __tablename__ = "alert_readers"

    reader: Mapped[str] = mapped_column(String(64), primary_key=True)
    read_all_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SilenceRow(Audited, Base):
    """A maintenance window: matching alerts still fire and show, but notify no one."""

    __tablename__ = "silences"
    __table_args__ = (Index("ix_silences_end", "end_at"),)

    silence_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    comment: Mapped[str] = mapped_column(String(512))
    start_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    end_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    alert_rule_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    api_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    channel_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    upstreams: Mapped[list[str]] = mapped_column(JSON, default=list)
    maintenance_record_id: Mapped[str] = mapped_column(String(64), default="")


class NotificationEndpointRow(Audited, Base):
    """Where alerts go (notifications.EndpointSpec); the secret sealed with the master key."""

    __tablename__ = "notification_endpoints"

    notification_endpoint_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(String(1024), default="")
    sealed_secret: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    email_recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    mention_mobiles: Mapped[list[str]] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    min_severity: Mapped[str] = mapped_column(String(16))
    max_messages_per_hour: Mapped[int] = mapped_column(Integer, default=0)
    send_resolved: Mapped[bool] = mapped_column(Boolean, default=True)
    last_delivery_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    last_delivery_succeeded: Mapped[bool] = mapped_column(Boolean, default=False)


class NotificationDeliveryRow(Base):
    """One message to one endpoint, sent by whichever replica claims it when it is due."""

    __tablename__ = "notification_deliveries"
    __table_args__ = (
        Index("ix_notification_deliveries_due", "status", "next_attempt_at"),
        Index("ix_notification_deliveries_endpoint", "notification_endpoint_id", "created_at"),
        Index("ix_notification_deliveries_created", "created_at", "notification_delivery_id"),
    )

    notification_delivery_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    notification_endpoint_id: Mapped[str] = mapped_column(String(64))
    notification_endpoint_name: Mapped[str] = mapped_column(String(128))
    alert_id: Mapped[str] = mapped_column(String(64), default="")
    subject: Mapped[str] = mapped_column(String(256))
    text: Mapped[str] = mapped_column(String(4096))
    facts: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # A replica sending it holds it until then; another may take it over after a crash.
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_response_status: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(1024), default="")


class AuditOutboxRow(AuditOutbox, Base):
    """Audit records of monitor's writes, waiting to be shipped to identity's trail."""


# Inspections and reports (O1, O3, O4, O8).


class InspectionRow(Base):
    """One inspection run: its targets, state and the tally of its findings' grades."""

    __tablename__ = "inspections"
    __table_args__ = (
        Index("ix_inspections_started", "started_at", "inspection_id"),
        # A retried RunInspection with the same key finds the inspection it started.
        Index("ux_inspections_idempotency_key", "idempotency_key", unique=True),
    )

    inspection_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)
    trigger: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    started_by: Mapped[str] = mapped_column(String(64), default="")
    overall_grade: Mapped[str] = mapped_column(String(16), default="")
    ok_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    risk_count: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(String(1024), default="")
    generate_report: Mapped[bool] = mapped_column(Boolean, default=False)
    report_id: Mapped[str] = mapped_column(String(64), default="")
    idempotency_key: Mapped[str | None] = mapped_column(String(128), nullable=True)


class InspectionFindingRow(Base):
    """One graded observation of an inspection (inspections.Finding)."""

    __tablename__ = "inspection_findings"
    __table_args__ = (Index("ix_inspection_findings_inspection", "inspection_id", "position"),)

    finding_id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    inspection_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    check_code: Mapped[str] = mapped_column(String(64))
    check_name: Mapped[str] = mapped_column(String(128))
    target: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(256))
    observed: Mapped[str] = mapped_column(String(512))
    observed_value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16), default="")
    threshold: Mapped[str] = mapped_column(String(256), default="")
    grade: Mapped[str] = mapped_column(String(16))
    recommendation: Mapped[str] = mapped_column(String(1024), default="")


class InspectionCheckRow(Audited, Base):
    """A person's change to a shipped check (inspections.DEFAULT_CHECKS): thresholds, on/off."""

    __tablename__ = "inspection_checks"

    check_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    warning_threshold: Mapped[float] = mapped_column(Float)
    risk_threshold: Mapped[float] = mapped_column(Float)
    recommendation: Mapped[str] = mapped_column(String(1024), default="")


class InspectionScheduleRow(Audited, Base):
    """When inspections run by themselves (one row)."""

    __tablename__ = "inspection_schedules"

    schedule_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    cron: Mapped[str] = mapped_column(String(128))
    time_zone: Mapped[str] = mapped_column(String(64))
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)
    generate_report: Mapped[bool] = mapped_column(Boolean, default=True)
    # Claimed by the replica that starts the run (compare-and-set), so it runs once.
    next_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ServiceStartRow(Base):
    """A service process monitor has seen (its /metrics): a new start time on the same host is a
    restart. Kept by inspections and the sampler beside them."""

    __tablename__ = "service_starts"
    __table_args__ = (
        Index("ux_service_starts_process", "service", "host", "started_at", unique=True),
        Index("ix_service_starts_first_seen", "service", "first_seen_at"),
    )

    service_start_id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    service: Mapped[str] = mapped_column(String(32))
    host: Mapped[str] = mapped_column(String(253))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReportRow(Audited, Base):
    """A generated report's description; its HTML and PDF are in report_contents."""

    __tablename__ = "reports"
    __table_args__ = (
        Index("ix_reports_created", "created_at", "report_id"),
        Index("ux_reports_idempotency_key", "idempotency_key", unique=True),
    )

    report_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(256))
    period: Mapped[str] = mapped_column(String(16))
    start_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    end_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str] = mapped_column(String(1024), default="")
    inspection_id: Mapped[str] = mapped_column(String(64), default="")
    generated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    html_size: Mapped[int] = mapped_column(BigInteger, default=0)
    pdf_size: Mapped[int] = mapped_column(BigInteger, default=0)
    summary: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    scheduled: Mapped[bool] = mapped_column(Boolean, default=False)
    idempotency_key: Mapped[str | None] = mapped_column(String(128), nullable=True)


class ReportContentRow(Base):
    """A report's file in one format (html or pdf)."""

    __tablename__ = "report_contents"

    report_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    format: Mapped[str] = mapped_column(String(8), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ReportScheduleRow(Audited, Base):
    """Which reports are generated by themselves after each period (one row)."""

    __tablename__ = "report_schedules"

    schedule_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    # [{"kind": "operations_analysis", "period": "quarter", "enabled": true}, ...]
    reports: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    time_zone: Mapped[str] = mapped_column(String(64))
    # "kind/period" -> ISO start of the last period generated (claimed compare-and-set).
    generated: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


# Maintenance records (O10, O11): records, their history and attachments, the working
# calendar and the service-level policies their timers count on.


class MaintenanceRecordRow(Audited, Base):
    """A fault, bug, requirement, change, data correction or support request (maintenance)."""

    __tablename__ = "maintenance_records"
    __table_args__ = (
        Index("ux_maintenance_records_number", "number", unique=True),
        Index("ux_maintenance_records_idempotency", "idempotency_key", unique=True),
        Index("ix_maintenance_records_report", "report_at", "maintenance_record_id"),
        Index("ix_maintenance_records_status", "status", "report_at"),
    )

    maintenance_record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    # maintenance.Severity: 1 (low) to 4 (critical), so that it sorts and filters by rank.
    severity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(256))
    description: Mapped[str] = mapped_column(Text, default="")
    reporter_name: Mapped[str] = mapped_column(String(64), default="")
    reporter_contact: Mapped[str] = mapped_column(String(128), default="")
    report_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    affected_module: Mapped[str] = mapped_column(String(128), default="")
    assignee_user_id: Mapped[str] = mapped_column(String(64), default="")
    assignee_name: Mapped[str] = mapped_column(String(64), default="")
    resolution: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(Text, default="")
    confirmed_by: Mapped[str] = mapped_column(String(64), default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The timers as computed when the record was opened (or its kind, severity or report
    # time changed): later policy or calendar changes do not move them.
    service_level_policy_id: Mapped[str] = mapped_column(String(64), default="")
    reported_in_working_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    response_target: Mapped[str] = mapped_column(String(64), default="")
    response_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolution_target: Mapped[str] = mapped_column(String(64), default="")
    resolution_due_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    resolution_in_working_time: Mapped[bool] = mapped_column(Boolean, default=False)
    # The history has its SLA_BREACHED step for the timer: written once, by whichever request
    # or replica's sweep first saw the timer past its due time.
    response_breach_noted: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution_breach_noted: Mapped[bool] = mapped_column(Boolean, default=False)
    # A retry of "open from alert" with the same key finds the record already opened.
    idempotency_key: Mapped[str | None] = mapped_column(String(128), nullable=True)


class MaintenanceRecordAlertRow(Base):
    """An alert linked to a record; an alert opens at most one record."""

    __tablename__ = "maintenance_record_alerts"
    __table_args__ = (Index("ux_maintenance_record_alerts_alert", "alert_id", unique=True),)

    maintenance_record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    alert_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class MaintenanceEventRow(Base):
    """One step of a record's history: created, status, assignee, fields, comment, file."""

    __tablename__ = "maintenance_events"
    __table_args__ = (Index("ix_maintenance_events_record", "maintenance_record_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    maintenance_record_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    actor_user_id: Mapped[str] = mapped_column(String(64), default="")
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    event_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str] = mapped_column(Text, default="")
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    changes: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    attachment_id: Mapped[str] = mapped_column(String(64), default="")


class MaintenanceAttachmentRow(Base):
    """A file attached to a record, kept in the database with its SHA-256."""

    __tablename__ = "maintenance_attachments"
    __table_args__ = (
        Index("ix_maintenance_attachments_record", "maintenance_record_id", "uploaded_at"),
    )

    attachment_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    maintenance_record_id: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class MaintenanceCounterRow(Base):
    """The last record number given out in a year (WH-2026-000123)."""

    __tablename__ = "maintenance_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class WorkingCalendarRow(Audited, Base):
    """The working calendar the timers count on (one row; defaults until first changed)."""

    __tablename__ = "working_calendars"

    calendar_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    work_start: Mapped[str] = mapped_column(String(5))
    work_end: Mapped[str] = mapped_column(String(5))
    working_weekdays: Mapped[list[int]] = mapped_column(JSON, default=list)
    # [{"date": "2026-10-01", "name": "国庆节"}, ...]
    holidays: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    extra_working_days: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)


class ServiceLevelPolicyRow(Audited, Base):
    """The contract's response and resolution times for one kind of record."""

    __tablename__ = "service_level_policies"

    service_level_policy_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    # 0 for every severity, else maintenance.Severity.
    min_severity: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(128))
    # Seconds; NULL for no response timer.
    response_in_hours_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    response_outside_hours_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolution_working_days: Mapped[int] = mapped_column(Integer, default=0)
    resolution_calendar_days: Mapped[int] = mapped_column(Integer, default=0)


class ChannelNoticeRow(Base):
    """A notice about one channel for its vendor: quota nearly used, a credential expiring.

    `notice_key` makes the background check idempotent: one notice per channel, kind, subject
    (the credential) and local day.
    """

    __tablename__ = "channel_notices"
    __table_args__ = (
        Index("ux_channel_notices_key", "notice_key", unique=True),
        Index("ix_channel_notices_channel_created", "channel_id", "created_at"),
        Index("ix_channel_notices_created", "created_at", "channel_notice_id"),
    )

    channel_notice_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    notice_key: Mapped[str] = mapped_column(String(255))
    channel_id: Mapped[str] = mapped_column(String(64))
    channel_code: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(256))
    message: Mapped[str] = mapped_column(String(1024))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ChannelNoticeReadRow(Base):
    """A user read a channel notice (each vendor account of the channel reads for itself)."""

    __tablename__ = "channel_notice_reads"

    channel_notice_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reader: Mapped[str] = mapped_column(String(64), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
