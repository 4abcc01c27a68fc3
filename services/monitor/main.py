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
from services.monitor.exports import MonitorDownloadServicer
from services.monitor.models import AuditOutboxRow, Base
from services.monitor.notification_sender import (
    NotificationDispatcher,
    NotifySettings,
    SmtpSettings,
)
from services.monitor.notification_servicer import NotificationServicer
from services.monitor.pipeline import IngestPipeline, Row
from services.monitor.servicer import (
    AccessLogQueryServicer,
    AccessLogSink,
    StatisticsServicer,
    TrafficServicer,
)
from services.runtime.clock import utcnow
from services.runtime.config import ConfigError
from services.runtime.crypto import SecretBox
from services.runtime.server import Registration, Runtime, ServiceModule
from wailian.monitor.v1 import (
    alerts_pb2,
    alerts_pb2_grpc,
    downloads_pb2,
    downloads_pb2_grpc,
    logs_pb2,
    logs_pb2_grpc,
    notifications_pb2,
    notifications_pb2_grpc,
    statistics_pb2,
    statistics_pb2_grpc,
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
    )


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
    reconciler = housekeeping.Reconciler(
        background,
        settings.access_log_file,
        interval=settings.reconcile_interval,
        grace=settings.reconcile_grace,
    )
    pb_grpc.add_TrafficServiceServicer_to_server(TrafficServicer(uow, timezone), server)
    logs_pb2_grpc.add_AccessLogServiceServicer_to_server(
        AccessLogQueryServicer(uow, settings.retention), server
    )
    statistics_pb2_grpc.add_StatisticsServiceServicer_to_server(
        StatisticsServicer(uow, timezone), server
    )
    als_pb2_grpc.add_AccessLogServiceServicer_to_server(AccessLogSink(pipeline), server)
    downloads_pb2_grpc.add_DownloadServiceServicer_to_server(
        MonitorDownloadServicer(uow, timezone), server
    )

    alerts_pb2_grpc.add_AlertServiceServicer_to_server(AlertServicer(uow), server)
    # Every start, idempotently: replicas starting together insert the shipped rules once.
    uow.run_sync(lambda s: alert_store.ensure_default_rules(s, alerts.DEFAULT_RULES, utcnow()))
    box = SecretBox(runtime.settings.master_key)
    dispatcher = NotificationDispatcher(background, box, notify_settings, timezone)
    notifications_pb2_grpc.add_NotificationServiceServicer_to_server(
        NotificationServicer(uow, box, dispatcher), server
    )
    evaluator = AlertEvaluator(background, settings.alert_evaluation_interval, dispatcher)

    async def retention() -> None:
        await housekeeping.run_retention(
            background, settings.retention, settings.retention_interval
        )

    return Registration(
        services=[
            traffic_pb2.DESCRIPTOR.services_by_name["TrafficService"],
            logs_pb2.DESCRIPTOR.services_by_name["AccessLogService"],
            statistics_pb2.DESCRIPTOR.services_by_name["StatisticsService"],
            downloads_pb2.DESCRIPTOR.services_by_name["DownloadService"],
            alerts_pb2.DESCRIPTOR.services_by_name["AlertService"],
            notifications_pb2.DESCRIPTOR.services_by_name["NotificationService"],
            als_pb2.DESCRIPTOR.services_by_name["AccessLogService"],
        ],
        audit_outbox=AuditOutboxRow,
        background=[pipeline.run, reconciler.run, retention, evaluator.run, dispatcher.run],
        on_stop=[pipeline.drain, background.wait],
    )


SERVICE = ServiceModule("monitor", Base.metadata, register)
