"""The monitor service: Envoy's access logs in, traffic figures and alerts out."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import grpc
from envoy.service.accesslog.v3 import als_pb2, als_pb2_grpc

from services.monitor import alert_store, alerts, housekeeping, notifications, store
from services.monitor.alert_evaluator import AlertEvaluator
from services.monitor.alert_servicer import AlertServicer
from services.monitor.channel_notice_store import ChannelNoticeCheck
from services.monitor.condition_probes import ConditionProbes, ConditionSources
from services.monitor.directory import Directory
from services.monitor.exports import MonitorDownloadServicer
from services.monitor.identifiers import IdentifierHasher
from services.monitor.inspection_runner import InspectionRunner, load_inspection_settings
from services.monitor.inspection_servicer import InspectionServicer
from services.monitor.maintenance import DEFAULT_POLICIES
from services.monitor.maintenance_servicer import MaintenanceServicer
from services.monitor.maintenance_store import ensure_default_policies
from services.monitor.maintenance_sweeper import MaintenanceSweeper
from services.monitor.models import AuditOutboxRow, Base
from services.monitor.notification_sender import (
    NotificationDispatcher,
    NotifySettings,
    SmtpSettings,
)
from services.monitor.notification_servicer import NotificationServicer
from services.monitor.pipeline import IngestPipeline, Row
from services.monitor.purge_record import PurgeRecord, run_retention
from services.monitor.report_generator import ReportGenerator
from services.monitor.report_servicer import ReportServicer
from services.monitor.servicer import (
    AccessLogQueryServicer,
    AccessLogSink,
    StatisticsServicer,
    TrafficServicer,
)
from services.monitor.status_servicer import IngestSources, PlatformStatusServicer
from services.runtime.clock import utcnow
from services.runtime.config import SERVICES, ConfigError
from services.runtime.crypto import SecretBox
from services.runtime.server import LiveAddresses, Registration, Runtime, ServiceModule
from wailian.monitor.v1 import (
    alerts_pb2,
    alerts_pb2_grpc,
    downloads_pb2,
    downloads_pb2_grpc,
    inspections_pb2,
    inspections_pb2_grpc,
    logs_pb2,
    logs_pb2_grpc,
    maintenance_pb2,
    maintenance_pb2_grpc,
    notifications_pb2,
    notifications_pb2_grpc,
    reports_pb2,
    reports_pb2_grpc,
    statistics_pb2,
    statistics_pb2_grpc,
    status_pb2,
    status_pb2_grpc,
    traffic_pb2,
)
from wailian.monitor.v1 import traffic_pb2_grpc as pb_grpc


@dataclass(frozen=True)
class MonitorSettings:
    """Monitor's own settings (WAILIAN_MONITOR_*), read once when the service starts."""

    access_log_file: Path
    reconcile_interval: timedelta
    reconcile_grace: timedelta
    buffer_capacity: int
    batch_size: int
    flush_interval: timedelta
    retention: housekeeping.Retention
    retention_interval: timedelta
    alert_evaluation_interval: timedelta
    maintenance_sweep_interval: timedelta
    # How often the names of API services and channels are asked of registry and identity.
    directory_refresh_interval: timedelta = timedelta(seconds=30)
    # How often vendors' channel notices (quota nearly used, a credential expiring) are checked.
    channel_notice_interval: timedelta = timedelta(minutes=5)


def _number(env: Mapping[str, str], name: str, default: float, minimum: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {raw}")
    return value


def load_monitor_settings(env: Mapping[str, str], data_dir: Path) -> MonitorSettings:
    """Monitor's settings; ConfigError naming the variable when one is malformed."""
    prefix = "WAILIAN_MONITOR_"
    path = env.get(prefix + "ACCESS_LOG_FILE", "").strip()
    raw_days = _number(env, prefix + "RETENTION_DAYS", 180, 1)
    rollup_days = _number(env, prefix + "ROLLUP_RETENTION_DAYS", 1830, 1)
    if rollup_days < raw_days:
        raise ConfigError(
            f"{prefix}ROLLUP_RETENTION_DAYS ({rollup_days:g}) must not be shorter than "
            f"{prefix}RETENTION_DAYS ({raw_days:g})"
        )
    return MonitorSettings(
        access_log_file=Path(path) if path else data_dir / "logs" / "channel-access.log",
        reconcile_interval=timedelta(seconds=_number(env, prefix + "RECONCILE_SECONDS", 30, 0.1)),
        reconcile_grace=timedelta(seconds=_number(env, prefix + "RECONCILE_GRACE_SECONDS", 10, 0)),
        buffer_capacity=int(_number(env, prefix + "BUFFER_ENTRIES", 100_000, 1)),
        batch_size=int(_number(env, prefix + "BATCH_ENTRIES", 2_000, 1)),
        flush_interval=timedelta(seconds=_number(env, prefix + "FLUSH_SECONDS", 0.2, 0.001)),
        retention=housekeeping.Retention(
            raw=timedelta(days=raw_days), rollups=timedelta(days=rollup_days)
        ),
        retention_interval=timedelta(hours=_number(env, prefix + "RETENTION_HOURS", 6, 0.01)),
        alert_evaluation_interval=timedelta(
            seconds=_number(env, prefix + "ALERT_EVAL_SECONDS", 30, 0.1)
        ),
        maintenance_sweep_interval=timedelta(
            seconds=_number(env, prefix + "MAINTENANCE_SWEEP_SECONDS", 60, 0.1)
        ),
        directory_refresh_interval=timedelta(
            seconds=_number(env, prefix + "DIRECTORY_REFRESH_SECONDS", 30, 0.1)
        ),
        channel_notice_interval=timedelta(
            seconds=_number(env, prefix + "CHANNEL_NOTICE_SECONDS", 300, 0.1)
        ),
    )


def load_notify_settings(env: Mapping[str, str]) -> NotifySettings:
    """Notification sending (WAILIAN_MONITOR_NOTIFY_*, WAILIAN_MONITOR_SMTP_*); ConfigError
    naming the variable when one is malformed."""
    prefix = "WAILIAN_MONITOR_"
    name = prefix + "NOTIFY_RETRY_SECONDS"
    raw = env.get(name, "").strip()
    delays = notifications.RetryPolicy().delays
    if raw:
        try:
            seconds = [float(part) for part in raw.split(",")]
        except ValueError:
            raise ConfigError(f"{name} must be comma-separated seconds, got {raw!r}") from None
        if any(value < 0 for value in seconds) or len(seconds) > 10:
            raise ConfigError(f"{name} must be at most 10 non-negative seconds, got {raw!r}")
        delays = tuple(timedelta(seconds=value) for value in seconds)
    starttls = env.get(prefix + "SMTP_STARTTLS", "").strip().lower()
    if starttls not in ("", "true", "false", "1", "0"):
        raise ConfigError(f"{prefix}SMTP_STARTTLS must be true or false, got {starttls!r}")
    return NotifySettings(
        retry=notifications.RetryPolicy(delays),
        timeout=timedelta(seconds=_number(env, prefix + "NOTIFY_TIMEOUT_SECONDS", 5, 0.1)),
        poll_interval=timedelta(seconds=_number(env, prefix + "NOTIFY_POLL_SECONDS", 1, 0.01)),
        smtp=SmtpSettings(
            host=env.get(prefix + "SMTP_HOST", "").strip(),
            port=int(_number(env, prefix + "SMTP_PORT", 25, 1)),
            username=env.get(prefix + "SMTP_USERNAME", "").strip(),
            password=env.get(prefix + "SMTP_PASSWORD", ""),
            sender=env.get(prefix + "SMTP_FROM", "").strip() or "wailian@localhost",
            starttls=starttls in ("true", "1"),
        ),
        console_url=_console_url(env),
    )


def _console_url(env: Mapping[str, str]) -> str:
    """WAILIAN_CONSOLE_URL: where staff open the console, e.g. https://wailian.hospital.cn."""
    url = env.get("WAILIAN_CONSOLE_URL", "").strip().rstrip("/")
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError(f"WAILIAN_CONSOLE_URL must start with http:// or https://, got {url!r}")
    return url


def register(server: grpc.aio.Server, runtime: Runtime) -> Registration:
    settings = load_monitor_settings(os.environ, runtime.settings.data_dir)
    notify_settings = load_notify_settings(os.environ)
    uow = runtime.uow
    background = housekeeping.ShieldedUnitOfWork(runtime.engine)
    timezone = runtime.settings.timezone

    async def write(rows: Sequence[Row]) -> int:
        return await background.run(lambda s: store.store_calls(s, rows, backfilled=False))

    pipeline = IngestPipeline(
        write,
        capacity=settings.buffer_capacity,
        batch_size=settings.batch_size,
        flush_seconds=settings.flush_interval.total_seconds(),
    )
    # The last retention purge, scheduled or asked for, for the ingest status.
    purges = PurgeRecord()
    # Medical record, card and patient numbers in paths and queries: keyed hashes.
    hidden = IdentifierHasher(runtime.settings.master_key)
    reconciler = housekeeping.Reconciler(
        background,
        settings.access_log_file,
        interval=settings.reconcile_interval,
        grace=settings.reconcile_grace,
        hide_path=hidden.path,
    )
    names = Directory(
        lambda: runtime.channel("identity"),
        lambda: runtime.channel("registry"),
        settings.directory_refresh_interval.total_seconds(),
    )
    pb_grpc.add_TrafficServiceServicer_to_server(TrafficServicer(uow, timezone, names), server)
    logs_pb2_grpc.add_AccessLogServiceServicer_to_server(
        AccessLogQueryServicer(uow, settings.retention, purges), server
    )
    statistics = StatisticsServicer(uow, timezone, names)
    statistics_pb2_grpc.add_StatisticsServiceServicer_to_server(statistics, server)
    als_pb2_grpc.add_AccessLogServiceServicer_to_server(
        AccessLogSink(pipeline, hidden.path), server
    )
    downloads_pb2_grpc.add_DownloadServiceServicer_to_server(
        MonitorDownloadServicer(uow, timezone, statistics), server
    )

    inspection_settings = load_inspection_settings(
        os.environ,
        runtime.settings.data_dir,
        runtime.addresses(besides="monitor"),
        timezone,
        service_http_addresses=LiveAddresses(
            runtime.http_address_of, [name for name in SERVICES if name != "monitor"]
        ),
    )
    # What condition rules look at: every other service's health (monitor down evaluates
    # nothing), the edge, identity's edge material, registry's edge nodes (configuration
    # rejected), the data directory's disk, the database and this monitor's own access-log
    # pipeline.
    conditions = ConditionProbes(
        background,
        ConditionSources(
            service_addresses=runtime.addresses(besides="monitor"),
            envoy_admin=inspection_settings.envoy_admin,
            identity=lambda: runtime.channel("identity"),
            registry=lambda: runtime.channel("registry"),
            data_dir=inspection_settings.data_dir,
            timezone=timezone,
            pipeline=pipeline,
        ),
    )
    alerts_pb2_grpc.add_AlertServiceServicer_to_server(AlertServicer(uow, conditions), server)
    # Every start, idempotently: replicas starting together insert the shipped rules once.
    uow.run_sync(lambda s: alert_store.ensure_default_rules(s, alerts.DEFAULT_RULES, utcnow()))
    maintenance_pb2_grpc.add_MaintenanceServiceServicer_to_server(
        MaintenanceServicer(uow, timezone), server
    )
    # The contract's service-level policies, once (an operator's changes are kept).
    uow.run_sync(lambda s: ensure_default_policies(s, DEFAULT_POLICIES, utcnow()))
    sweeper = MaintenanceSweeper(background, timezone, settings.maintenance_sweep_interval)
    box = SecretBox(runtime.settings.master_key)
    dispatcher = NotificationDispatcher(background, box, notify_settings, timezone)
    notifications_pb2_grpc.add_NotificationServiceServicer_to_server(
        NotificationServicer(uow, box, dispatcher, names), server
    )
    # Notices for vendors about their channels (quota nearly used, a credential expiring).
    notice_check = ChannelNoticeCheck(background, names, timezone, settings.channel_notice_interval)
    evaluator = AlertEvaluator(
        background, settings.alert_evaluation_interval, dispatcher, conditions
    )

    reports_generator = ReportGenerator(background, timezone)
    inspection_runner = InspectionRunner(
        background, inspection_settings, reports_generator.inspection_report
    )
    status_pb2_grpc.add_PlatformStatusServiceServicer_to_server(
        PlatformStatusServicer(
            uow,
            runtime.addresses(),
            inspection_settings.envoy_admin,
            IngestSources(pipeline, settings.retention, purges),
            runtime.http_address_of,
        ),
        server,
    )
    inspections_pb2_grpc.add_InspectionServiceServicer_to_server(
        InspectionServicer(uow, inspection_runner, timezone), server
    )
    reports_pb2_grpc.add_ReportServiceServicer_to_server(
        ReportServicer(uow, reports_generator, timezone), server
    )

    async def retention() -> None:
        await run_retention(background, settings.retention, settings.retention_interval, purges)

    return Registration(
        services=[
            traffic_pb2.DESCRIPTOR.services_by_name["TrafficService"],
            logs_pb2.DESCRIPTOR.services_by_name["AccessLogService"],
            statistics_pb2.DESCRIPTOR.services_by_name["StatisticsService"],
            downloads_pb2.DESCRIPTOR.services_by_name["DownloadService"],
            alerts_pb2.DESCRIPTOR.services_by_name["AlertService"],
            notifications_pb2.DESCRIPTOR.services_by_name["NotificationService"],
            maintenance_pb2.DESCRIPTOR.services_by_name["MaintenanceService"],
            inspections_pb2.DESCRIPTOR.services_by_name["InspectionService"],
            reports_pb2.DESCRIPTOR.services_by_name["ReportService"],
            status_pb2.DESCRIPTOR.services_by_name["PlatformStatusService"],
            als_pb2.DESCRIPTOR.services_by_name["AccessLogService"],
        ],
        audit_outbox=AuditOutboxRow,
        background=[
            names.follow,
            pipeline.run,
            reconciler.run,
            retention,
            evaluator.run,
            dispatcher.run,
            sweeper.run,
            notice_check.run,
            inspection_runner.run_schedule,
            inspection_runner.run_sampler,
            reports_generator.run_schedule,
        ],
        on_stop=[pipeline.drain, inspection_runner.wait, reports_generator.wait, background.wait],
    )


SERVICE = ServiceModule("monitor", Base.metadata, register)
